"""The app's speaker switches language: the Spanish voice (espeak-ng es-419) renders Spanish sentences to WAV."""

from __future__ import annotations

import array
import wave

import pytest

from audio import QT_AUDIO_NOISE
from kiosk.core.phrases import phrase
from kiosk.speech.speaker import QtSpeaker
from kiosk.speech.voices import voice_id_key
from dict_store import DictStore

pytestmark = [pytest.mark.usefixtures("real_engine", "pulse_server"),
              pytest.mark.qt_log_ignore(*QT_AUDIO_NOISE, extend=True)]

RATE = 155                  # the normal speed's words per minute
SENTENCES = ["Cinco, cuatro, tres, dos, uno.", "Acuéstese boca arriba y respire despacio."]


def seconds_and_peak(path: str) -> tuple[float, float]:
    with wave.open(path, "rb") as wav:
        frames = array.array("h", wav.readframes(wav.getnframes()))
        return wav.getnframes() / wav.getframerate(), max(map(abs, frames), default=0) / 32768


def prepared(qtbot, speaker, texts) -> None:
    done = []
    speaker.prepare(texts, on_done=lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)


@pytest.fixture
def speaker(tmp_path, qtbot):
    made = QtSpeaker(tmp_path / "speech", DictStore({voice_id_key("es"): ""}), language="en")
    qtbot.waitUntil(lambda: bool(made.voices) or not made.available, timeout=30_000)
    yield made
    made.shutdown()
    assert not made._thread.isRunning()


def test_the_speaker_speaks_spanish_with_the_latin_american_voice_once_the_language_changes(speaker, qtbot):
    assert speaker.available, speaker.status_message
    english = speaker.voice
    assert english is not None and english.speaks("en")
    prepared(qtbot, speaker, ["Hold."])
    assert speaker.is_ready("Hold.")
    speaker.set_language("es")
    assert speaker.language == "es"
    assert speaker.voice is not None and speaker.voice.id == "roa/es-419"
    assert not speaker.is_ready("Hold.")                      # rendered again in the new voice when asked for
    texts = [*SENTENCES, phrase("hurt", "es")]
    prepared(qtbot, speaker, texts)
    for text in texts:
        path = speaker.wav_path(text)
        assert path is not None, text
        seconds, peak = seconds_and_peak(path)
        expected = len(text.split()) * 60 / RATE
        assert 0.5 * expected <= seconds <= 2 * expected + 0.8, (text, seconds, expected)
        assert peak > 0.2, (text, peak)
        print(f"es-419 {seconds:.2f} s, peak {peak:.2f}: {text}")     # pytest -s shows the figures
    speaker.set_language("en")
    assert speaker.voice == english


def test_a_voice_chosen_for_spanish_is_used_for_spanish_only(tmp_path, qtbot):
    store = DictStore({voice_id_key("es"): "roa/es"})
    speaker = QtSpeaker(tmp_path / "speech", store, language="es")
    try:
        qtbot.waitUntil(lambda: bool(speaker.voices) or not speaker.available, timeout=30_000)
        assert speaker.voice is not None and speaker.voice.id == "roa/es"
        speaker.set_language("en")
        assert speaker.voice is not None and speaker.voice.speaks("en") and speaker.status_message == ""
    finally:
        speaker.shutdown()
