""""Are you still there?": a countdown and one big button before the kiosk forgets the person."""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.idle import WARNING_S
from kiosk.ui.theme import unit_for_height
from kiosk.ui.widgets.controls import make_label
from kiosk.ui.widgets.touch_button import BounceGuard, TouchButton, screen_touch_target_px

QUESTION = "Are you still there?"
STILL_HERE = "I'm still here"


class StillThereScreen(QWidget):
    """The idle warning. Touching anywhere on it, or the big button, answers it.

    The countdown is for show; the IdleWatcher decides when time is up.

    Signals:
        still_here(): the person answered.
    """

    still_here = Signal()

    def __init__(self, physical_dpi: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(QUESTION)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.touch_px = screen_touch_target_px(self, physical_dpi)
        self._guard = BounceGuard()
        self._unit = 0
        self._seconds = 0.0
        self._since = QElapsedTimer()
        self._tick = QTimer(self)
        self._tick.setInterval(200)
        self._tick.timeout.connect(self._show_left)

        self.question = make_label(QUESTION, "title")
        self.countdown = make_label("", "countdown", name="Seconds left")
        self.explain = make_label("", "caption")
        for label in (self.question, self.countdown, self.explain):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = TouchButton(STILL_HERE, "primary", self.touch_px)
        self.button.setAccessibleDescription("Keep going where you were")
        self.button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.button.clicked.connect(self._answer)
        self.setFocusProxy(self.button)

        self._layout = QVBoxLayout(self)
        self._layout.addStretch(1)
        self._layout.addWidget(self.question)
        self._layout.addWidget(self.countdown)
        self._layout.addWidget(self.explain)
        self._layout.addStretch(1)
        self._layout.addWidget(self.button)
        self._layout.addStretch(1)

    # -- public API -----------------------------------------------------------------------
    def start_countdown(self, seconds: float = WARNING_S) -> None:
        self._seconds = float(seconds)
        self._guard.clear()
        self._since.start()
        self.countdown.setText("")
        self._show_left()
        if self.seconds_left() > 0:
            self._tick.start()

    def stop_countdown(self) -> None:
        self._tick.stop()

    def seconds_left(self) -> int:
        if not self._since.isValid():
            return 0
        return max(0, math.ceil(self._seconds - self._since.elapsed() / 1000))

    # -- inside ---------------------------------------------------------------------------
    def _show_left(self) -> None:
        left = self.seconds_left()
        if self.countdown.text() == str(left):
            return                      # screen readers hear each new number once
        self.countdown.setText(str(left))
        self.countdown.setAccessibleName(f"{left} seconds left")
        self.explain.setText(f"For your privacy the screen starts over in {left} "
                             f"second{'s' if left != 1 else ''}.")
        if left <= 0:
            self._tick.stop()

    def _answer(self) -> None:
        if self._guard.accept():
            self._tick.stop()
            self.still_here.emit()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        self._tick.stop()
        super().hideEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self.rect().contains(event.position().toPoint()):
            self._answer()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._answer()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        unit = unit_for_height(max(self.window().height(), 1))
        if unit != self._unit:
            self._unit = unit
            margin = round(unit * 1.5)
            self._layout.setContentsMargins(margin * 2, margin, margin * 2, margin)
            self.button.setMinimumHeight(0)
            self.button.set_touch_px(max(self.touch_px, round(unit * 4.5)))
            self.button.setStyleSheet(f"font-size: {round(unit * 2.2)}px;")
