"""Ports: the interfaces the core and the session controller expect from adapters."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol


class Speaker(Protocol):
    """Speaks sentences aloud. Every method returns at once; nothing blocks the caller.

    The choice of voice (voices, settings, forgetting what was said) is a port of its own, used only
    by screens: VoiceControls in kiosk/services/voice_controls.py.
    """

    @property
    def available(self) -> bool:
        """True when sentences will really be heard."""

    @property
    def status_message(self) -> str:
        """Why the voice is off (empty when it is on), for a visible notice."""

    def prepare(self, texts: Iterable[str], on_progress: Callable[[int, int], None] | None = None,
                on_done: Callable[[], None] | None = None) -> None:
        """Render these sentences ahead so that `say` starts within a frame."""

    def say(self, text: str) -> None:
        """Start speaking `text`, cutting off whatever was being spoken."""

    def say_personal(self, text: str) -> None:
        """As `say`, for a sentence about the person (their pain): its audio goes when their data does."""

    def stop(self) -> None:
        """Silence at once."""


class SettingsStore(Protocol):
    """Small key/value settings that persist in the data folder."""

    def get(self, key: str, default=None): ...

    def set(self, key: str, value) -> None: ...


class SilentSpeaker:
    """A Speaker that says nothing: for voice off, and for tests of the layers above."""

    def __init__(self, reason: str = "The voice is off.") -> None:
        self._reason = reason

    @property
    def available(self) -> bool:
        return False

    @property
    def status_message(self) -> str:
        return self._reason

    def prepare(self, texts, on_progress=None, on_done=None) -> None:
        texts = list(texts)
        if on_progress:
            on_progress(len(texts), len(texts))
        if on_done:
            on_done()

    def say(self, text: str) -> None:
        pass

    def say_personal(self, text: str) -> None:
        pass

    def stop(self) -> None:
        pass
