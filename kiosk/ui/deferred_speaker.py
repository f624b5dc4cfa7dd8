"""A Speaker that builds the real one only when first needed, so start-up paints sooner."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.core.ports import Speaker


class DeferredSpeaker:
    """Implements the Speaker port by delegating to `factory()`, called once, on first use."""

    def __init__(self, factory: Callable[[], Speaker]) -> None:
        self._factory = factory
        self._speaker: Speaker | None = None

    def materialize(self) -> Speaker:
        """Build the real speaker now (the app does this right after the first paint)."""
        if self._speaker is None:
            self._speaker = self._factory()
        return self._speaker

    @property
    def available(self) -> bool:
        return self.materialize().available

    @property
    def status_message(self) -> str:
        return self.materialize().status_message

    def prepare(self, texts, on_progress=None, on_done=None) -> None:
        self.materialize().prepare(texts, on_progress, on_done)

    def say(self, text: str) -> None:
        self.materialize().say(text)

    def say_personal(self, text: str) -> None:
        self.materialize().say_personal(text)

    def stop(self) -> None:
        if self._speaker is not None:          # nothing to silence before it exists
            self._speaker.stop()

    def __getattr__(self, name: str):
        """Anything else the real speaker offers (voices, settings) is its own."""
        return getattr(self.materialize(), name)
