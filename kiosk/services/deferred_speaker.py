"""A Speaker that builds the real one only when first needed, so start-up paints sooner."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from kiosk.speech.voices import VoiceInfo, VoiceSettings
    from kiosk.services.voice_controls import SpeakerWithVoiceControls


def _silent_speaker():
    """The Speaker and VoiceControls ports saying nothing: what is left once the app is quitting."""
    from kiosk.core.ports import SilentSpeaker
    from kiosk.services.voice_controls import NoVoiceControls      # Qt: only when it is needed, never before the first paint

    class QuittingSpeaker(SilentSpeaker, NoVoiceControls):
        def __init__(self) -> None:
            SilentSpeaker.__init__(self, "The app is closing.")
            NoVoiceControls.__init__(self)

    return QuittingSpeaker()


class DeferredSpeaker:
    """Implements the Speaker port and the VoiceControls port (kiosk/services/voice_controls.py) by delegating to
    `factory()`, called once, on first use.

    Once the application is about to quit (a stop signal can come before the first paint has
    finished), nothing is built any more: a voice started then would outlive its `aboutToQuit`
    shutdown and its render thread would be destroyed while running.
    """

    def __init__(self, factory: Callable[[], SpeakerWithVoiceControls]) -> None:
        self._factory = factory
        self._speaker: SpeakerWithVoiceControls | None = None
        self._quitting = False
        self._language: str | None = None      # set_language before the speaker was built
        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._on_quit)

    def _on_quit(self) -> None:
        self._quitting = True

    def materialize(self) -> SpeakerWithVoiceControls:
        """Build the real speaker now (the app does this right after the first paint)."""
        if self._speaker is None:
            self._speaker = _silent_speaker() if self._quitting else self._factory()
            if self._language is not None:
                self._speaker.set_language(self._language)
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

    # ------------------------------------------------------------------ the voice controls

    @property
    def availability_changed(self) -> SignalInstance:
        return self.materialize().availability_changed

    @property
    def voices_changed(self) -> SignalInstance:
        return self.materialize().voices_changed

    @property
    def voices(self) -> list[VoiceInfo]:
        return self.materialize().voices

    @property
    def voice(self) -> VoiceInfo | None:
        return self.materialize().voice

    def apply_settings(self, settings: VoiceSettings | None = None) -> None:
        self.materialize().apply_settings(settings)

    def forget_what_was_said(self) -> int:
        return self.materialize().forget_what_was_said()

    def preview(self, voice: VoiceInfo) -> None:
        self.materialize().preview(voice)

    def set_language(self, language: str) -> None:
        """Speak `language`: told to the real speaker now, or when it is built (the factory's own choice
        is then corrected)."""
        self._language = language
        if self._speaker is not None:
            self._speaker.set_language(language)
