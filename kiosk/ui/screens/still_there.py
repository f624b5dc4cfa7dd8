""""Are you still there?": a countdown and one big button before the kiosk forgets the person."""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.idle import WARNING_S
from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, texts
from kiosk.ui.widgets.controls import make_label
from kiosk.ui.widgets.tap_anywhere import TapAnywhereScreen
from kiosk.ui.widgets.touch_button import TouchButton

QUESTION = N_("Are you still there?")
STILL_HERE = N_("I'm still here")


class StillThereScreen(FollowsLanguage, TapAnywhereScreen):
    """The idle warning. Touching anywhere on it, or the big button, answers it.

    The countdown is for show; the IdleWatcher decides when time is up.

    Signals:
        still_here(): the person answered.
    """

    still_here = Signal()

    def __init__(self, physical_dpi: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(physical_dpi, parent)
        self._seconds = 0.0
        self._since = QElapsedTimer()
        self._tick = QTimer(self)
        self._tick.setInterval(200)
        self._tick.timeout.connect(self._show_left)

        self.question = make_label("", "title")
        self.countdown = make_label("", "countdown")
        self.explain = make_label("", "caption")
        for label in (self.question, self.countdown, self.explain):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = TouchButton("", "primary", self.touch_px)
        self.button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.button.clicked.connect(self._activate)
        self.setFocusProxy(self.button)

        self._layout = QVBoxLayout(self)
        self._layout.addStretch(1)
        self._layout.addWidget(self.question)
        self._layout.addWidget(self.countdown)
        self._layout.addWidget(self.explain)
        self._layout.addStretch(1)
        self._layout.addWidget(self.button)
        self._layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.setAccessibleName(_(QUESTION))
        self.question.setText(_(QUESTION))
        self.button.set_label(_(STILL_HERE))
        self.button.setAccessibleDescription(_("Keep going where you were"))
        self._say_left(self.seconds_left() if self.countdown.text() else None)

    def _say_left(self, left: int | None) -> None:
        """The seconds left, in words for a screen reader and in the sentence below (None: not counting)."""
        ngettext = texts().ngettext
        if left is None:
            self.countdown.setAccessibleName(texts().gettext("Seconds left"))
            self.explain.setText("")
            return
        self.countdown.setAccessibleName(ngettext("{count} second left", "{count} seconds left",
                                                  left).format(count=left))
        self.explain.setText(ngettext("For your privacy the screen starts over in {count} second.",
                                      "For your privacy the screen starts over in {count} seconds.",
                                      left).format(count=left))

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
        self._say_left(left)
        if left <= 0:
            self._tick.stop()

    def _activated(self) -> None:
        self._tick.stop()
        self.still_here.emit()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        self._tick.stop()
        super().hideEvent(event)

    def _rescale(self, unit: int) -> None:
        margin = round(unit * 1.5)
        self._layout.setContentsMargins(margin * 2, margin, margin * 2, margin)
        self._size_big_button(self.button, unit, height_units=4.5, font_units=2.2)
