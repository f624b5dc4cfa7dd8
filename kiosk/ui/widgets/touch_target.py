"""The touch size rule: 15 mm on the screen in use, in logical pixels (no Qt enums, for the first paint)."""

from __future__ import annotations

import math

TOUCH_TARGET_MM = 15.0        # the kiosk's own rule (WCAG's 44 CSS px is only about 11.6 mm)
TOUCH_TARGET_FLOOR_PX = 44    # never smaller than this, whatever the screen claims


def touch_target_px(physical_dpi: float, mm: float = TOUCH_TARGET_MM,
                    floor: int = TOUCH_TARGET_FLOOR_PX) -> int:
    """Logical pixels that span `mm` millimetres on a screen of `physical_dpi`.

    Qt 6's QScreen.physicalDotsPerInch() counts device-independent (logical) pixels per real
    inch, so no device-pixel-ratio correction is needed here.
    """
    if physical_dpi <= 0 or not math.isfinite(physical_dpi):
        return floor
    return max(floor, math.ceil(mm / 25.4 * physical_dpi))


def screen_touch_target_px(widget, physical_dpi: float | None = None) -> int:
    """The touch target for the screen `widget` is on (or for `physical_dpi` when given)."""
    if physical_dpi is None:
        screen = widget.screen()
        physical_dpi = screen.physicalDotsPerInch() if screen is not None else 0.0
    return touch_target_px(physical_dpi)
