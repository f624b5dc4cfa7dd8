"""Colours, type sizes and the one style sheet every screen shares, scaled to the window."""

from __future__ import annotations

from typing import NamedTuple


class Palette(NamedTuple):
    """Colours chosen for at least 4.5:1 text contrast on their backgrounds."""

    background: str = "#F6F3EE"     # warm off-white
    surface: str = "#FFFFFF"
    text: str = "#1F2A33"           # 13.2:1 on background
    muted: str = "#4A5661"          # 6.8:1 on background
    primary: str = "#1F5F8B"        # white text on it: 6.9:1
    primary_pressed: str = "#164766"
    secondary: str = "#DDE6EE"      # dark text on it: 11:1
    secondary_pressed: str = "#C2D1DE"
    danger: str = "#B3261E"         # white text on it: 6.5:1
    danger_pressed: str = "#8C1D18"
    accent: str = "#2E7D5B"         # white text: 5.3:1
    edge: str = "#4A5661"           # the edge of buttons and cards: 6.8:1 on background
    focus: str = "#1F2A33"          # the focus ring, drawn outside the edge: 13.2:1 on background
    chosen: str = "#EAF2F8"         # a chosen card's fill
    notice: str = "#FFF4D6"         # notices and cautions
    figure_skin: str = "#E8B48F"
    mat: str = "#7FB3A5"


DEFAULT = Palette()
HIGH_CONTRAST = Palette(
    background="#FFFFFF", surface="#FFFFFF", text="#000000", muted="#1A1A1A",
    primary="#003F75", primary_pressed="#002647", secondary="#FFFFFF", secondary_pressed="#D9D9D9",
    danger="#9E0000", danger_pressed="#6B0000", accent="#00522D", edge="#000000", focus="#000000",
    chosen="#DCEBFA", notice="#FFF0B3",
)
LARGE_TEXT_SCALE = 1.5
LARGE_TEXT_SIDE_UNITS = 24      # larger text: at most a 24th of the window's shorter side


class Look:
    """The look chosen on the home screen: which palette, and how large the text is."""

    def __init__(self, palette: Palette = DEFAULT, text_scale: float = 1.0) -> None:
        self.palette = palette
        self.text_scale = text_scale


_LOOK = Look()


class _ActivePalette:
    """`PALETTE.text` etc. always read the palette of the current look."""

    def __getattr__(self, name: str):
        return getattr(_LOOK.palette, name)


PALETTE = _ActivePalette()


def set_look(high_contrast: bool = False, large_text: bool = False) -> None:
    """Switch the palette and text size for everything styled from now on.

    Screens that style themselves keep the unit they last used in `_unit`; the main window
    sets it to 0 after a switch so that they style themselves again.
    """
    _LOOK.palette = HIGH_CONTRAST if high_contrast else DEFAULT
    _LOOK.text_scale = LARGE_TEXT_SCALE if large_text else 1.0


def current_look() -> Look:
    return _LOOK


def unit_for_size(width: int, height: int) -> int:
    """Base text size in pixels for a window of this size, times the large-text scale when it is on.

    It follows the window's shorter side: 22 px for 1920 x 1080 and for 1080 x 1920 alike, 16 px at
    600 or less (a portrait screen's height would make its text too wide for its width).
    Larger text is 1.5 times that, but never more than a 24th of the shorter side: on a 7" panel
    (800 x 480) it is 20 px rather than 24, so that every screen still fits with its buttons in sight.
    """
    side = max(1, min(width, height))
    base = max(16, min(40, round(side / 49)))
    if _LOOK.text_scale == 1.0:
        return base
    return max(base, min(round(base * _LOOK.text_scale), round(side / LARGE_TEXT_SIDE_UNITS)))


def unit_for_height(height: int) -> int:
    """The unit of a landscape window this tall (22 px at 1080, 16 px at 600)."""
    return unit_for_size(height, height)


def window_unit(widget) -> int:
    """The unit for the window `widget` is in (the screens and the main window agree on it)."""
    window = widget.window()
    return unit_for_size(window.width(), window.height())


def stylesheet(unit: int, palette: Palette | None = None, touch_px: int = 44) -> str:
    """The application style sheet for base text size `unit` pixels (current look by default);
    every button is at least `touch_px` (15 mm on the screen in use) in both directions."""
    p = palette or _LOOK.palette
    big = round(unit * 1.4)
    huge = round(unit * 2.2)
    pad = round(unit * 0.6)
    button_min = max(44, touch_px, round(unit * 2.8))
    return f"""
    QWidget {{ background: {p.background}; color: {p.text}; font-size: {unit}px; }}
    QLabel[role="title"] {{ font-size: {huge}px; font-weight: bold; }}
    QLabel[role="heading"] {{ font-size: {big}px; font-weight: bold; }}
    QLabel[role="caption"] {{ font-size: {big}px; }}
    QLabel[role="spoken"] {{
        font-size: {round(unit * 1.9)}px; font-weight: bold; background: {p.surface};
        border-radius: {pad}px; padding: {pad}px;
    }}
    QLabel[role="muted"] {{ color: {p.muted}; }}
    QLabel[role="countdown"] {{ font-size: {round(unit * 4.5)}px; font-weight: bold; color: {p.primary}; }}
    QLabel[role="notice"] {{ background: {p.notice}; color: {p.text}; border-radius: {pad}px; padding: {pad}px; }}
    QPushButton {{
        min-height: {button_min}px; min-width: {max(44, touch_px)}px; padding: {pad}px {unit}px;
        border-radius: {pad}px;
        font-size: {big}px; font-weight: bold; border: 2px solid {p.edge}; margin: 2px;
        background: {p.secondary}; color: {p.text};
    }}
    QPushButton:pressed {{ background: {p.secondary_pressed}; }}
    QPushButton:checked {{ background: {p.primary}; border-color: {p.primary}; color: white; }}
    QPushButton[role="primary"] {{ background: {p.primary}; border-color: {p.primary}; color: white; }}
    QPushButton[role="primary"]:pressed {{ background: {p.primary_pressed}; }}
    QPushButton[role="danger"] {{ background: {p.danger}; border-color: {p.danger}; color: white; }}
    QPushButton[role="danger"]:pressed {{ background: {p.danger_pressed}; }}
    QPushButton[role="card"] {{
        background: {p.surface}; border: 2px solid {p.edge}; margin: 4px; text-align: left; padding: {pad}px;
    }}
    QPushButton[role="card"]:checked {{ border: 6px solid {p.primary}; margin: 0; background: {p.chosen}; }}
    /* Focus: the ring grows outward over the margin, onto the page (13:1 against it). */
    QPushButton:focus {{ border-width: 4px; border-color: {p.focus}; margin: 0; }}
    QPushButton[role="card"]:focus {{ border: 6px solid {p.focus}; margin: 0; }}
    QPushButton[role="card"] QLabel, QPushButton[role="card"] PoseView {{ background: transparent; }}
    QListWidget {{ background: {p.surface}; border: none; font-size: {big}px; }}
    QListWidget::item {{ padding: {pad}px; border-bottom: 1px solid {p.secondary}; }}
    QListWidget::item:selected {{ background: {p.primary}; color: white; }}
    QScrollArea {{ border: none; }}
    QScrollBar:vertical {{ width: {unit}px; background: {p.secondary}; border-radius: {unit // 2}px; margin: 0; }}
    QScrollBar::handle:vertical {{ background: {p.muted}; border-radius: {unit // 2}px; min-height: {unit * 3}px; }}
    QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
    QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
    """
