"""Portrait or landscape: layouts that turn from side by side to one above the other with the window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QBoxLayout, QWidget

ACROSS = QBoxLayout.Direction.LeftToRight
DOWN = QBoxLayout.Direction.TopToBottom


def is_portrait(widget: QWidget) -> bool:
    """True when the window `widget` is in is narrower than it is high (a totem, a wall tablet)."""
    window = widget.window()
    return window.width() < window.height()


class TurnWithWindow(QObject):
    """Keeps `layouts` side by side (left to right) in a landscape window and one above the other in
    a portrait one; `on_turn(portrait)` runs after each turn, for what else a screen rearranges.

    It watches the window the screen is in, so that a screen not shown yet has turned too (a stack
    asks all its screens for their minimum size, and a landscape minimum would push a portrait window).
    """

    def __init__(self, screen: QWidget, *layouts: QBoxLayout, on_turn=None) -> None:
        super().__init__(screen)
        self._screen = screen
        self._layouts = layouts
        self._on_turn = on_turn
        self._window: QWidget | None = None
        self.portrait: bool | None = None
        screen.installEventFilter(self)
        self._watch_window()

    def update(self) -> None:
        """Turn now if the window's shape asks for it."""
        portrait = is_portrait(self._screen)
        if portrait == self.portrait:
            return
        self.portrait = portrait
        for layout in self._layouts:
            layout.setDirection(DOWN if portrait else ACROSS)
        if self._on_turn is not None:
            self._on_turn(portrait)

    def _watch_window(self) -> None:
        window = self._screen.window()
        if window is not self._window:
            if self._window is not None:
                self._window.removeEventFilter(self)
            self._window = window
            if window is not self._screen:
                window.installEventFilter(self)
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if watched is self._screen and kind == QEvent.Type.ParentChange:
            self._watch_window()
        elif kind in (QEvent.Type.Resize, QEvent.Type.Show):
            self.update()
        return False
