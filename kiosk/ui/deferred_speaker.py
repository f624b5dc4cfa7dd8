"""A Speaker that builds the real one only when first needed, so start-up paints sooner."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.core.ports import Speaker


class SilentSpeaker:
    """The Speaker port saying nothing: what is left once the app is quitting."""

    available = False
    status_message = ""

    def prepare(self, texts, on_progress=None, on_done=None) -> None:
        if on_done:
            on_done()

    def say(self, text: str) -> None:
        pass

    def stop(self) -> None:
        pass


class DeferredSpeaker:
    """Implements the Speaker port by delegating to `factory()`, called once, on first use.

    Once the application is about to quit (a stop signal can come before the first paint has
    finished), nothing is built any more: a voice started then would outlive its `aboutToQuit`
    shutdown and its render thread would be destroyed while running.
    """

    def __init__(self, factory: Callable[[], Speaker]) -> None:
        self._factory = factory
        self._speaker: Speaker | None = None
        self._quitting = False
        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._on_quit)

    def _on_quit(self) -> None:
        self._quitting = True

    def materialize(self) -> Speaker:
        """Build the real speaker now (the app does this right after the first paint)."""
        if self._speaker is None:
            if self._quitting:
                return SilentSpeaker()
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

    def stop(self) -> None:
        if self._speaker is not None:          # nothing to silence before it exists
            self._speaker.stop()

    def __getattr__(self, name: str):
        """Anything else the real speaker offers (voices, settings) is its own."""
        return getattr(self.materialize(), name)
