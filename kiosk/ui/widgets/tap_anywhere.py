"""A base for screens that are one big target: a tap anywhere, Enter, Return or Space answers them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.theme import window_look, window_unit
from kiosk.ui.widgets.touch_button import BounceGuard, TouchButton, screen_touch_target_px


class TapAnywhereScreen(QWidget):
    """Calls `_activated()` for a tap released on it, Enter, Return or Space, or its big button
    (connect the button's `clicked` to `_activate`); presses within the bounce interval count once.

    When the window's size or look changes the theme unit or the look, `_rescale(unit)` runs.
    """

    def __init__(self, physical_dpi: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.touch_px = screen_touch_target_px(self, physical_dpi)
        self._guard = BounceGuard()
        self._styled_for = None          # the unit and look it is sized for

    # -- for subclasses -------------------------------------------------------------------
    def _activated(self) -> None:
        """The person answered (once per bounce interval)."""
        raise NotImplementedError

    def _rescale(self, unit: int) -> None:
        """Size the screen for a new theme unit."""

    def _size_big_button(self, button: TouchButton, unit: int, height_units: float, font_units: float) -> None:
        """At least `height_units` high (never below the touch target), with text `font_units` high."""
        button.setMinimumHeight(0)
        button.set_touch_px(max(self.touch_px, round(unit * height_units)))
        button.setStyleSheet(f"font-size: {round(unit * font_units)}px;")

    # -- inside ---------------------------------------------------------------------------
    def _activate(self) -> None:
        if self._guard.accept():
            self._activated()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        event.accept()             # so that the release comes here too

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self.rect().contains(event.position().toPoint()):
            self._activate()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._activate()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        unit = window_unit(self)
        if (unit, window_look(self)) != self._styled_for:
            self._styled_for = (unit, window_look(self))
            self._rescale(unit)
