"""A Speaker that tells the voice commands' echo guard what the app says and when, so its own voice is not obeyed."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from kiosk.core.ports import Speaker
from kiosk.core.timeline import speech_seconds
from kiosk.core.voice_commands import EchoGuard

SLOWEST_PACE = 1.6           # the slow voice and a late start take at most this times the timeline's pace
START_MARGIN_S = 0.5         # a sentence not yet rendered starts up to this late


class SaidSpeaker:
    """Passes everything to `speaker`; notes each sentence started (and each silence) in `guard`."""

    def __init__(self, speaker: Speaker, guard: EchoGuard, clock: Callable[[], float] = time.monotonic) -> None:
        self._speaker, self.guard, self._clock = speaker, guard, clock

    @property
    def available(self) -> bool:
        return self._speaker.available

    @property
    def status_message(self) -> str:
        return self._speaker.status_message

    def prepare(self, texts: Iterable[str], on_progress=None, on_done=None) -> None:
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
        self.guard.spoken(text, self._clock(), SLOWEST_PACE * speech_seconds(text) + START_MARGIN_S)
