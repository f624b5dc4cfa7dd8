"""A Speaker that tells the voice commands' echo guard what the app says and when, so its own voice is not obeyed."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

from kiosk.core.ports import Speaker
from kiosk.core.voice_commands import EchoGuard

log = logging.getLogger(__name__)

SLOWEST_PACE = 1.6           # the slow voice and a late start take at most this times the timeline's pace
START_MARGIN_S = 0.5         # a sentence not yet rendered starts up to this late


def _longest(text: str) -> float:
    """The most a sentence can take to say (the timeline is imported only when the app first speaks:
    the first paint needs no timeline)."""
    from kiosk.core.timeline import speech_seconds

    return SLOWEST_PACE * speech_seconds(text) + START_MARGIN_S


class SaidSpeaker:
    """Passes everything to `speaker`; notes each sentence asked for, started, finished and each silence in
    `guard`. The real speaker's `speech_started`/`speech_finished` signals (kiosk/speech/speaker.py) give the
    sound's own times; without them a sentence is taken to last as long as the slowest voice would take."""

    def __init__(self, speaker: Speaker, guard: EchoGuard, clock: Callable[[], float] = time.monotonic) -> None:
        self._speaker, self.guard, self._clock = speaker, guard, clock
        self._followed = None

    @property
    def available(self) -> bool:
        return self._speaker.available

    @property
    def status_message(self) -> str:
        return self._speaker.status_message

    def prepare(self, texts: Iterable[str], on_progress=None, on_done=None) -> None:
        self._follow()
        self._speaker.prepare(texts, on_progress=on_progress, on_done=on_done)

    def say(self, text: str) -> None:
        self._note(text)
        self._speaker.say(text)

    def say_personal(self, text: str) -> None:
        self._note(text)
        self._speaker.say_personal(text)

    def stop(self) -> None:
        self._speaker.stop()
        self.guard.silenced(self._clock())

    def __getattr__(self, name: str):          # the rest of the real speaker (its voice controls)
        return getattr(self._speaker, name)

    def _note(self, text: str) -> None:
        self._follow()
        self.guard.spoken(text, self._clock(), _longest(text))

    def _follow(self) -> None:
        """Listen to the real speaker's started/finished signals, once it exists."""
        real = self._speaker
        materialize = getattr(real, "materialize", None)
        if materialize is not None:
            real = materialize()
        if real is self._followed or not hasattr(real, "speech_finished"):
            return
        self._followed = real
        real.speech_started.connect(self._started)
        real.speech_finished.connect(self._finished)

    def _started(self, text: str) -> None:
        now = self._clock()
        log.debug("sound started at %.3f: %s", now, text)
        self.guard.spoken(text, now, _longest(text))

    def _finished(self, text: str) -> None:
        now = self._clock()
        log.debug("sound finished at %.3f: %s", now, text)
        self.guard.finished(text, now)
