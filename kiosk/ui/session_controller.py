"""Drives a Session in real time: one precise timer, monotonic deadlines, speech at each cue."""

from __future__ import annotations

import logging
import os
import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kiosk.core.phrases import phrase
from kiosk.core.ports import Speaker
from kiosk.core.session import Session, State, Summary
from kiosk.core.timeline import Cue, Timeline
from kiosk.ui.language import current_language


log = logging.getLogger(__name__)


def time_scale_from_env() -> float:
    """`KIOSK_TIME_SCALE` (for example 10) runs sessions that many times faster."""
    try:
        scale = float(os.environ.get("KIOSK_TIME_SCALE", "1"))
    except ValueError:
        return 1.0
    return scale if scale > 0 else 1.0


class SessionController(QObject):
    """Plays a timeline: computes what is due from monotonic deadlines (never by counting ticks).

    Signals:
        cue_reached(Cue): a cue's moment has come (also after a jump, for the cue jumped to)
        state_changed(str): the Session.State value: running, paused, hurt, finished
        finished(Summary): the session is over (completed or ended early)
    """

    cue_reached = Signal(object)
    state_changed = Signal(str)
    finished = Signal(object)

    def __init__(self, speaker: Speaker, time_scale: float | None = None,
                 clock=time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._speaker = speaker
        self._scale = time_scale or time_scale_from_env()
        self._clock = clock
        self._session: Session | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self.lateness: list[float] = []      # seconds each cue fired after its deadline (real time)
        self._reported = False

    @property
    def session(self) -> Session | None:
        return self._session

    @property
    def time_scale(self) -> float:
        return self._scale

    def now(self) -> float:
        """The session clock: monotonic seconds, sped up by the time scale."""
        return self._clock() * self._scale

    # -- commands ---------------------------------------------------------------------------
    def start(self, timeline: Timeline) -> None:
        self.stop()
        self._session = Session(timeline)
        self._reported = False
        self.lateness.clear()
        self._emit(self._session.start(self.now()))
        self._state_changed()

    def toggle_pause(self) -> None:
        if not self._session:
            return
        if self._session.state is State.RUNNING:
            self._session.pause(self.now())
            self._speaker.stop()
            log.debug("paused at %.3f", time.monotonic())
            self._timer.stop()
            self._state_changed()
        else:
            self._jumped(self._session.resume(self.now()))

    def skip(self) -> None:
        if self._session:
            self._jumped(self._session.skip(self.now()))

    def back(self) -> None:
        if self._session:
            self._jumped(self._session.back(self.now()))

    def repeat(self) -> None:
        """Say the current instruction again (the voice command "repeat")."""
        if self._session:
            self._jumped(self._session.repeat(self.now()))

    def hurt(self) -> Cue | None:
        """Stop at once and speak the calm rest instruction."""
        if not self._session:
            return None
        where = self._session.hurt(self.now())
        self._timer.stop()
        self._speaker.stop()
        if where is not None:
            self._speaker.say(phrase("hurt", current_language()))
        self._state_changed()
        return where

    def skip_side(self) -> None:
        if self._session:
            self._jumped(self._session.skip_side(self.now()))

    def skip_exercise(self) -> None:
        if self._session:
            self._jumped(self._session.skip_exercise(self.now()))

    def end(self) -> None:
        if self._session and self._session.state is not State.FINISHED:
            self._session.end(self.now())
            self._timer.stop()
            self._speaker.stop()
            self._state_changed()

    def stop(self) -> None:
        """Forget the session without reporting it (leaving the screen)."""
        self._timer.stop()
        self._speaker.stop()
        self._session = None

    def remaining_seconds(self) -> float:
        """Real seconds left in the session."""
        if not self._session:
            return 0.0
        return self._session.remaining(self.now()) / self._scale

    # -- inside -----------------------------------------------------------------------------
    def _jumped(self, cues: list[Cue]) -> None:
        if self._session is None or self._session.state is State.FINISHED and not cues and self._reported:
            return
        self._speaker.stop()
        self._emit(cues)
        self._state_changed()

    def _on_timeout(self) -> None:
        if self._session is None:
            return
        deadline = self._session.next_deadline(self.now())
        cues = self._session.due(self.now())
        if cues and deadline is not None:
            self.lateness.append((self.now() - deadline) / self._scale)
        self._emit(cues)
        if self._session and self._session.state is State.FINISHED:
            self._state_changed()

    def _emit(self, cues: list[Cue]) -> None:
        spoken = [c for c in cues if c.text]
        if spoken:
            self._speaker.say(spoken[-1].text)      # only the latest, if several came due at once
            log.debug("said at %.3f: %s", time.monotonic(), spoken[-1].text)
        for cue in cues:
            self.cue_reached.emit(cue)
        self._schedule()

    def _schedule(self) -> None:
        if self._session is None:
            return
        deadline = self._session.next_deadline(self.now())
        if deadline is None:
            self._timer.stop()
            return
        wait_ms = max(0, round((deadline - self.now()) / self._scale * 1000))
        self._timer.start(wait_ms)

    def _state_changed(self) -> None:
        if self._session is None:
            return
        state = self._session.state
        self.state_changed.emit(state.value)
        if state is State.FINISHED and not self._reported:
            self._reported = True
            self._timer.stop()
            summary: Summary = self._session.summary()
            self.finished.emit(summary)
