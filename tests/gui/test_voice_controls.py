"""The speaker's voice controls (kiosk/services/voice_controls.py) as the screens use them: the player's notice, the voice
settings screen, clinic staff settings; and a speaker without them."""

from __future__ import annotations

import pytest

from kiosk.core.loader import load_routines
from kiosk.speech.voices import VoiceInfo, VoiceSettings
from kiosk.services.journal import Journal
from kiosk.ui.main_window import MainWindow
from kiosk.services.voice_controls import NoVoiceControls

VOICES = [VoiceInfo("gmw/en", "English (Great Britain)", ("en-gb",)),
          VoiceInfo("gmw/en-us", "English (America)", ("en-us",)),
          VoiceInfo("roa/fr", "French", ("fr-fr",))]


class RecordingControls(NoVoiceControls):
    """Voice controls that remember the settings they were given and can announce voices."""

    def __init__(self) -> None:
        super().__init__()
        self.applied: list[VoiceSettings | None] = []
        self._voices: list[VoiceInfo] = []

    @property
    def voices(self) -> list[VoiceInfo]:
        return list(self._voices)

    def engine_started(self, voices: list[VoiceInfo]) -> None:
        self._voices = list(voices)
        self.voices_changed.emit(self.voices)

    def apply_settings(self, settings: VoiceSettings | None = None) -> None:
        self.applied.append(settings)


@pytest.fixture
def controls():
    return RecordingControls()


@pytest.fixture
def window(qtbot, speaker, store, mini_folder, controls):
    store.settings.set("safety.accepted", True)
    built = MainWindow(load_routines(mini_folder), speaker, store.settings, Journal(), time_scale=50,
                       voice_controls=controls)
    qtbot.addWidget(built)
    built.resize(1280, 800)
    return built


def _voice_buttons(screen) -> list[str]:
    return [button.accessibleName() for button in screen.voice_group.buttons()]     # the text: on two lines


def test_the_player_shows_why_the_voice_went_and_hides_it_when_it_is_back(window, controls):
    player = window.player
    assert player.voice_notice.isHidden()
    controls.availability_changed.emit(False, "No sound output was found.")
    assert not player.voice_notice.isHidden() and player.voice_notice.text() == "No sound output was found."
    controls.availability_changed.emit(True, "")
    assert player.voice_notice.isHidden()


def test_the_voice_settings_offer_the_voices_the_engine_names_and_apply_each_choice(window, controls, store):
    screen = window.voice
    assert _voice_buttons(screen) == []                   # the engine has not started yet
    controls.engine_started(VOICES)
    assert _voice_buttons(screen) == ["English (America)", "English (Great Britain)"]   # English only
    british = next(b for b in screen.voice_group.buttons() if b.text() == "English\n(Great Britain)")
    british.click()
    assert controls.applied[-1].voice_id == "gmw/en"
    assert store.settings.get("voice.id") == "gmw/en"


def test_clinic_staff_turning_the_voice_off_applies_it_at_once(window, controls, store):
    from kiosk.ui.clinic import ClinicMode

    clinic = ClinicMode(window, store)
    try:
        clinic.admin.voice_button.click()                  # on -> off
        assert controls.applied[-1] == VoiceSettings(enabled=False)
        assert store.settings.get("voice.enabled") is False
    finally:
        clinic.leave()


def test_a_speaker_without_voice_controls_gets_none_to_choose(qtbot, speaker, store, mini_folder):
    bare = MainWindow(load_routines(mini_folder), speaker, store.settings, Journal(), time_scale=50)
    qtbot.addWidget(bare)
    assert isinstance(bare.voice_controls, NoVoiceControls)
    assert _voice_buttons(bare.voice) == []
    bare.voice.louder_button.click()                       # still saved, nothing to apply it to
    assert store.settings.get("voice.volume") == 1.0
