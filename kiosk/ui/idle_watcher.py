"""Notices when nobody has touched the kiosk for a while: warns, then times out (see core.idle)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk.core.idle import DEFAULT_TIMEOUT_S, WARNING_S, IdlePolicy
from kiosk.core.ports import Speaker
from kiosk.core.translations import N_
from kiosk.ui.language import texts

log = logging.getLogger(__name__)

STILL_THERE_QUESTION = N_("Are you still there?")        # said in the language in use
ACTIVITY_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.KeyPress,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
})


class IdleWatcher(QObject):
    """An application event filter: any mouse, touch or key event is activity.

    After `timeout_s` without activity (a running routine, as told by the activity source,
    counts as activity) it emits `warning_started(seconds)` and says "Are you still there?";
    `still_here()` ends the warning. If nobody answers within `warning_s` seconds it stops
    the speaker and emits `timed_out()`, then rests until `start()` is called again.

    Signals:
        warning_started(int): the still-there warning began; seconds until the time-out.
        warning_ended(): `still_here()` was called during a warning.
        timed_out(): nobody answered; clear personal data and show the attract screen.
    """

    warning_started = Signal(int)
    warning_ended = Signal()
    timed_out = Signal()

    def __init__(self, timeout_s: float = DEFAULT_TIMEOUT_S, warning_s: float = WARNING_S,
                 speaker: Speaker | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._policy = IdlePolicy(timeout_s, warning_s, poll_s=min(1.0, timeout_s / 4))
        self._speaker = speaker
        self._activity_source: Callable[[], bool] | None = None
        self._clock = QElapsedTimer()
        self._clock.start()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._check)
        self._installed = False

    # -- public API -----------------------------------------------------------------------
    @property
    def state(self) -> str:
        """"stopped", "watching", "warning" or "timed_out"."""
        return self._policy.state

    @property
    def timeout_s(self) -> float:
        return self._policy.timeout_s

    def set_timeout(self, seconds: float) -> None:
        """Change the idle time-out; counts from the last activity."""
        self._policy.set_timeout(seconds)
        self._policy.poll_s = min(1.0, seconds / 4)
        if self._policy.state == "watching":
            self._check()

    def set_activity_source(self, source: Callable[[], bool] | None) -> None:
        """`source()` True means "busy" (a routine is running), which counts as activity."""
        self._activity_source = source

    def start(self) -> None:
        """Watch from now on (install the filter if needed)."""
        if not self._installed:
            QApplication.instance().installEventFilter(self)
            self._installed = True
        self._policy.start(self._now())
        self._check()

    def stop(self) -> None:
        """Stop watching (on the attract screen, or when clinic mode ends)."""
        self._timer.stop()
        self._policy.stop()
        if self._installed:
            QApplication.instance().removeEventFilter(self)
            self._installed = False

    def still_here(self) -> None:
        """The person answered: end the warning and watch again from now."""
        was_warning = self._policy.state == "warning"
        self._policy.still_here(self._now())
        if self._speaker is not None and was_warning:
            self._speaker.stop()
        self._check()
        if was_warning:
            self.warning_ended.emit()

    def note_activity(self) -> None:
        """Count activity that is not an input event (for example a routine being resumed)."""
        self._policy.activity(self._now())

    def seconds_left_in_warning(self) -> float:
        return self._policy.seconds_left_in_warning(self._now())

    # -- inside ---------------------------------------------------------------------------
    def _now(self) -> float:
        return self._clock.nsecsElapsed() / 1e9

    def _busy(self) -> bool:
        if self._activity_source is None:
            return False
        try:
            return bool(self._activity_source())
        except Exception:        # a broken source must never keep a stranger's data on screen
            log.exception("idle activity source failed")
            return False

    def _check(self) -> None:
        step = self._policy.check(self._now(), self._busy())
        self._timer.stop()
        if step.check_again_in is not None:
            self._timer.start(max(1, round(step.check_again_in * 1000)))
        if step.event == "warning_started":
            if self._speaker is not None:
                self._speaker.say(texts().gettext(STILL_THERE_QUESTION))
            self.warning_started.emit(round(self._policy.warning_s))
        elif step.event == "timed_out":
            if self._speaker is not None:
                self._speaker.stop()
            self.timed_out.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in ACTIVITY_EVENTS:
            self._policy.activity(self._now())
        return False
