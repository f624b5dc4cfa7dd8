"""A base for form screens of chips and big buttons that restyle themselves when their window's size changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QLayout, QWidget

from kiosk.ui.theme import Palette, window_look, window_unit
from kiosk.ui.widgets.touch_button import BounceGuard, ChipButton, screen_touch_target_px


def heading_label(text: str) -> QLabel:
    """A label in the theme's heading role."""
    label = QLabel(text)
    label.setProperty("role", "heading")
    return label


class FormScreen(QWidget):
    """Keeps the touch target, a bounce guard for its final button, and the theme unit of its window.

    A subclass sets `_outer` (its outermost layout), `_spaced_layouts` (layouts inside it) and `_chips`,
    then calls `_restyle()`. On every change of the unit or the look (the window's) the margins and
    spacing follow it, `_style(unit, palette)` runs, and the chips' tick icons are resized.
    """

    SPACING_UNITS = 0.6          # the spacing between parts, in theme units (at least 6 px)

    def __init__(self, physical_dpi: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._touch_px = screen_touch_target_px(self, physical_dpi)
        self._guard = BounceGuard()
        self.setFocusPolicy(Qt.StrongFocus)
        self._unit = 0
        self._look = None                # the look it is styled for (theme.Look)
        self._outer: QBoxLayout
        self._spaced_layouts: tuple[QLayout, ...] = ()
        self._chips: tuple[ChipButton, ...] = ()

    @property
    def touch_px(self) -> int:
        return self._touch_px

    def showEvent(self, event: QShowEvent) -> None:
        """Start with the focus on the screen itself: no focus ring that looks like a choice."""
        super().showEvent(event)
        self.setFocus(Qt.OtherFocusReason)

    def _style(self, unit: int, palette: Palette) -> None:
        """For subclasses: apply what else depends on the unit and the look (the style sheet, sizes)."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._restyle()

    def _restyle(self) -> None:
        unit, look = window_unit(self), window_look(self)
        if (unit, look) == (self._unit, self._look):
            return
        self._unit, self._look = unit, look
        margin, spacing = round(unit * 1.2), max(6, round(unit * self.SPACING_UNITS))
        self._outer.setContentsMargins(margin, margin, margin, margin)
        for layout in (self._outer, *self._spaced_layouts):
            layout.setSpacing(spacing)
        self._style(unit, look.palette)
        icon = round(unit * 1.3)
        for button in self._chips:
            button.setIconSize(button.iconSize().scaled(icon, icon, Qt.IgnoreAspectRatio))
