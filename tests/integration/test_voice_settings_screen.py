"""The voice settings screen with the real speaker: big buttons, saved choices, a spoken sample."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QVBoxLayout, QWidget

from audio import QT_AUDIO_NOISE
from kiosk.speech.messages import SAMPLE_SENTENCE
from kiosk.speech.speaker import QtSpeaker
from kiosk.ui.screens.voice_settings import VoiceSettingsScreen
from kiosk.ui.theme import stylesheet, unit_for_height

pytestmark = [pytest.mark.usefixtures("real_engine", "pulse_server"),
              pytest.mark.qt_log_ignore(*QT_AUDIO_NOISE, extend=True)]


class DictStore(dict):
    def set(self, key, value):
        self[key] = value


@pytest.fixture
def setup(qtbot, tmp_path):
    store = DictStore()
    speaker = QtSpeaker(tmp_path / "speech", store)
    qtbot.waitUntil(lambda: bool(speaker.voices), timeout=30_000)
    frame = QWidget()
    qtbot.addWidget(frame)
    screen = VoiceSettingsScreen(speaker, store, parent=frame, controls=speaker)
    QVBoxLayout(frame).addWidget(screen)
    yield frame, screen, speaker, store
    speaker.shutdown()


def button(screen, name: str) -> QAbstractButton:
    found = [b for b in screen.findChildren(QAbstractButton) if b.accessibleName() == name]
    assert len(found) == 1, name
    return found[0]


def show_at(qtbot, frame, width, height):
    frame.setStyleSheet(stylesheet(unit_for_height(height)))
    frame.resize(width, height)
    frame.show()
    qtbot.waitExposed(frame)
    qtbot.wait(50)


def test_every_button_is_named_as_it_reads_and_big_enough(qtbot, setup):
    frame, screen, _speaker, _store = setup
    show_at(qtbot, frame, 1024, 600)
    buttons = [b for b in screen.findChildren(QAbstractButton) if b.isVisible()]
    assert {"Voice on", "Voice off", "Slow", "Normal", "Fast", "Quieter", "Louder", "Hear a sample",
            "Done", "English (America)"} <= {b.accessibleName() for b in buttons}
    for each in buttons:
        if each.text() == "Listen":              # which voice it plays is in its name: "Listen to SLT, ..."
            assert each.accessibleName().startswith("Listen to "), each.accessibleName()
        else:
            assert each.accessibleName() == each.text().replace("\n", " ")    # a long voice name: two lines
        assert each.height() >= 44 and each.width() >= 44, each.text()


def test_choices_are_saved_and_reach_the_speaker(qtbot, setup):
    frame, screen, speaker, store = setup
    show_at(qtbot, frame, 1920, 1080)
    qtbot.mouseClick(button(screen, "Slow"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(screen, "Quieter"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(screen, "English (Great Britain)"), Qt.MouseButton.LeftButton)
    assert store == {"voice.id": "gmw/en", "voice.speed": "slow", "voice.volume": 0.8, "voice.enabled": True}
    assert speaker.settings.rate == 130 and speaker.voice.id == "gmw/en"
    assert screen.volume_label.text() == "80%"


def test_voice_off_disables_the_choices_and_shows_why(qtbot, setup):
    frame, screen, speaker, store = setup
    show_at(qtbot, frame, 1024, 600)
    qtbot.mouseClick(button(screen, "Voice off"), Qt.MouseButton.LeftButton)
    assert store["voice.enabled"] is False and not speaker.available
    assert screen.notice.isVisible() and screen.notice.text() == speaker.status_message
    assert not button(screen, "Slow").isEnabled() and not button(screen, "Hear a sample").isEnabled()
    qtbot.mouseClick(button(screen, "Voice on"), Qt.MouseButton.LeftButton)
    assert speaker.available and not screen.notice.isVisible()


def test_the_sample_is_spoken(qtbot, setup):
    frame, screen, speaker, _store = setup
    show_at(qtbot, frame, 1024, 600)
    with qtbot.waitSignal(speaker.speech_started, timeout=20_000) as started:
        qtbot.mouseClick(button(screen, "Hear a sample"), Qt.MouseButton.LeftButton)
    assert started.args == [SAMPLE_SENTENCE]
    qtbot.mouseClick(button(screen, "Done"), Qt.MouseButton.LeftButton)
    assert not speaker.player.is_playing()


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800), (1024, 600), (800, 480)])
def test_screenshot(qtbot, setup, size):
    frame, screen, _speaker, _store = setup
    show_at(qtbot, frame, *size)
    path = f"/tmp/voice_settings_{size[0]}x{size[1]}.png"
    assert frame.grab().save(path)


def test_every_engines_voices_are_listed_by_language_and_engine_the_best_first(qtbot, setup):
    from kiosk.speech.messages import engine_name
    from kiosk.ui.widgets.voice_list import VoiceList

    frame, screen, speaker, _store = setup
    show_at(qtbot, frame, 1280, 800)
    english = [voice for voice in speaker.voices if voice.speaks("en")]
    engines = {voice.engine for voice in english}
    assert {"flite", "espeak"} <= engines, engines           # both real engines are installed here
    chips = screen.findChild(VoiceList).chips()
    assert sorted(chip.value for chip in chips) == sorted(voice.id for voice in english)
    from kiosk.speech.voices import VOICE_RANKING

    assert chips[0].value == VOICE_RANKING["en"][0] and chips[0].isChecked()   # the best measured, by default
    headings = [label.text() for label in screen.findChild(VoiceList).findChildren(QLabel)]
    assert "American English · Flite" in headings and "American English · eSpeak NG" in headings
    assert headings.index("American English · Flite") < headings.index("American English · eSpeak NG")
    listens = {b.accessibleName() for b in screen.findChildren(QAbstractButton) if b.text() == "Listen"}
    assert listens == {f"Listen to {v.name}, {engine_name(v.engine)}" for v in english}


def test_listen_plays_that_voice_and_keeps_the_chosen_one(qtbot, setup):
    frame, screen, speaker, store = setup
    show_at(qtbot, frame, 1280, 800)
    chosen = speaker.voice
    other = next(voice for voice in speaker.voices if voice.speaks("en") and voice.engine != chosen.engine)
    with qtbot.waitSignal(speaker._thread.previewed, timeout=30_000) as previewed:
        qtbot.mouseClick(button(screen, f"Listen to {other.name}, eSpeak NG"), Qt.MouseButton.LeftButton)
    voice_id, path = previewed.args
    assert voice_id == other.id and path
    qtbot.waitUntil(speaker.player.is_playing, timeout=10_000)
    assert speaker.voice == chosen and "voice.id" not in store
