"""The speaker's voice controls, the optional port beside the core's Speaker that screens use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from kiosk.core.ports import Speaker

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from kiosk.speech.voices import VoiceInfo, VoiceSettings

# This port lives here, not in kiosk/core/ports.py: its signals are Qt signals and its values are the
# speech module's VoiceInfo and VoiceSettings, none of which the core may know. Only screens use it.


class VoiceControls(Protocol):
    """The choice of voice, and what comes with it: used by the voice settings screen, the player's
    voice notice, clinic staff settings and "delete my data".

    The app's speaker offers them (kiosk/app.py passes them to the main window); a speaker that does
    not (voice off, screenshots, tests) comes with NoVoiceControls.
    """

    availability_changed: SignalInstance
    """Emitted (available: bool, why: str) when the voice comes or goes after start-up."""

    voices_changed: SignalInstance
    """Emitted (voices: list[VoiceInfo]) once the engine has said which voices it has."""

    @property
    def voices(self) -> list[VoiceInfo]:
        """The engine's voices (empty until it has started)."""

    @property
    def voice(self) -> VoiceInfo | None:
        """The voice in use, if any."""

    def apply_settings(self, settings: VoiceSettings | None = None) -> None:
        """Use these voice settings from now on (re-read from the settings store when None)."""

    def forget_what_was_said(self) -> int:
        """Delete every rendered sentence (some name a person's pain scores); returns how many."""

    def preview(self, voice: VoiceInfo) -> None:
        """Play a short sample of `voice` (the voice screen's "Listen"); the voice in use is kept."""

    def set_language(self, language: str) -> None:
        """Speak `language` from now on, with the voice chosen for it (or its best one)."""


class SpeakerWithVoiceControls(Speaker, VoiceControls, Protocol):
    """A Speaker that also offers the voice controls: the app's QtSpeaker, and DeferredSpeaker in front of it."""


class NoVoiceControls(QObject):
    """VoiceControls for a speaker without them: no voices to choose from, nothing to apply or forget."""

    availability_changed = Signal(bool, str)        # never emitted
    voices_changed = Signal(object)                 # never emitted

    @property
    def voices(self) -> list[VoiceInfo]:
        return []

    @property
    def voice(self) -> VoiceInfo | None:
        return None

    def apply_settings(self, settings: VoiceSettings | None = None) -> None:
        pass

    def forget_what_was_said(self) -> int:
        return 0

    def preview(self, voice: VoiceInfo) -> None:
        pass

    def set_language(self, language: str) -> None:
        pass
