"""Colours, type sizes and the one style sheet every screen shares, scaled to the window."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from kiosk.core.frozen_record import FrozenRecord

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


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
BUTTON_BORDER_PX = 2     # a button's edge (focused: 4 px, grown over its 2 px margin, so its size stays)
BUTTON_MARGIN_PX = 2
LARGE_TEXT_SCALE = 1.5
COUNTDOWN_UNITS = 4.5        # the count's size in text units (the player grows it in portrait)
LARGE_TEXT_SIDE_UNITS = 24      # larger text: at most a 24th of the window's shorter side


class Look(FrozenRecord):          # not a frozen dataclass: the first paint imports no dataclasses
    """The look chosen on the home screen (high contrast, larger text): a value, compared and hashed.

    The main window owns the one in use and publishes it on itself as the Qt property `look`; a
    widget finds it with `window_look(self)`. A new choice is a new Look, never a change to this one.
    """

    high_contrast: bool = False
    large_text: bool = False

    @property
    def palette(self) -> Palette:
        return HIGH_CONTRAST if self.high_contrast else DEFAULT

    def unit_for_size(self, width: int, height: int) -> int:
        """Base text size in pixels for a window of this size, in this look (see `unit_for_size`)."""
        return unit_for_size(width, height, large_text=self.large_text)

    def unit_for_window(self, window: QWidget) -> int:
        return self.unit_for_size(window.width(), window.height())

    def stylesheet(self, unit: int, touch_px: int = 44) -> str:
        """The application style sheet in this look (see `stylesheet`)."""
        return stylesheet(unit, self.palette, touch_px)


NORMAL = Look()
LOOK_PROPERTY = "look"          # the Qt property of the main window that holds its Look


def window_look(widget: QWidget) -> Look:
    """The look of the window `widget` is in: its `look` property, or the normal look (a widget on
    its own, as in a test, has none)."""
    look = widget.window().property(LOOK_PROPERTY)
    return look if isinstance(look, Look) else NORMAL


def unit_for_size(width: int, height: int, large_text: bool = False) -> int:
    """Base text size in pixels for a window of this size, with larger text or without.

    It follows the window's shorter side: 22 px for 1920 x 1080 and for 1080 x 1920 alike, 16 px at
    600 or less (a portrait screen's height would make its text too wide for its width).
    Larger text is 1.5 times that, but never more than a 24th of the shorter side: on a 7" panel
    (800 x 480) it is 20 px rather than 24, so that every screen still fits with its buttons in sight.
    """
    side = max(1, min(width, height))
    base = max(16, min(40, round(side / 49)))
    if not large_text:
        return base
    return max(base, min(round(base * LARGE_TEXT_SCALE), round(side / LARGE_TEXT_SIDE_UNITS)))


def unit_for_height(height: int) -> int:
    """The unit of a landscape window this tall in the normal look (22 px at 1080, 16 px at 600)."""
    return unit_for_size(height, height)


def window_unit(widget: QWidget) -> int:
    """The unit for the window `widget` is in, in that window's look (the screens and the main
    window agree on it)."""
    return window_look(widget).unit_for_window(widget.window())


def contents_minimum(box_px: int, padding_px: int, border_px: int = BUTTON_BORDER_PX, floor: int = 0) -> int:
    """The style sheet min-width / min-height that makes a button's border box (what a touch hits) `box_px`.

    A style sheet's min-width and min-height size the CONTENTS box: Qt adds the padding and the border
    on each side (and the margin) on top, so `min-width: 79px` with 16 px padding is a 119 px wide target.
    Never below `floor` (the label's own size still decides when it needs more)."""
    return max(floor, box_px - 2 * (padding_px + border_px))


def stylesheet(unit: int, palette: Palette = DEFAULT, touch_px: int = 44) -> str:
    """The application style sheet for base text size `unit` pixels in `palette`;
    every button's border box is at least `touch_px` (15 mm on the screen in use) in both directions."""
    p = palette
    big = round(unit * 1.4)
    huge = round(unit * 2.2)
    pad = round(unit * 0.6)
    touch = max(44, touch_px)
    button_min = max(touch, round(unit * 2.8))      # the border box's height
    min_width = contents_minimum(touch, unit, floor=unit)
    min_height = contents_minimum(button_min, pad, floor=unit)
    card_min = contents_minimum(touch, pad, floor=unit)
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
    QLabel[role="countdown"] {{ font-size: {round(unit * COUNTDOWN_UNITS)}px; font-weight: bold; color: {p.primary}; }}
    QLabel[role="notice"] {{ background: {p.notice}; color: {p.text}; border-radius: {pad}px; padding: {pad}px; }}
    QPushButton {{
        min-height: {min_height}px; min-width: {min_width}px; padding: {pad}px {unit}px;
        border-radius: {pad}px;
        font-size: {big}px; font-weight: bold;
        border: {BUTTON_BORDER_PX}px solid {p.edge}; margin: {BUTTON_MARGIN_PX}px;
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
        min-width: {card_min}px; min-height: {card_min}px;
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
