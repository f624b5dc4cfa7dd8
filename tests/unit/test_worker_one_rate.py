"""The render worker writes every sentence at the players' one rate, whatever rate its engine gives
(Qt 6.11.3's QSoundEffect left a sound at another rate than the ones loaded before it silent; pcm.py)."""

from __future__ import annotations

import math
import wave

import numpy
import pytest

from kiosk.speech import pcm, soxr_resample
from kiosk.speech.engines import Engine
from kiosk.speech.render_worker import Worker
from kiosk.speech.voices import VoiceInfo


class ToneEngine(Engine):
    """An engine that says every sentence as a 0.5 s 440 Hz tone at `rate` (stands in for a pyttsx3 driver
    whose files are at a rate of their own)."""

    name = "tone"

    def __init__(self, rate: int) -> None:
        self.rate = rate

    def voices(self) -> list[VoiceInfo]:
        return [VoiceInfo("tone:a", "Tone", ("en",), "", self.name)]

    def use(self, voice_id: str, rate: int, volume: float) -> None:
        pass

    def render(self, text: str, path: str) -> None:
        tone = numpy.sin(2 * math.pi * 440 * numpy.arange(self.rate // 2) / self.rate) * 12000
        pcm.write_wav(path, tone.astype("<i2").tobytes(), self.rate)


@pytest.mark.parametrize("rate", [16000, 24000, pcm.PLAYER_RATE])
@pytest.mark.parametrize("soxr", [True, False])
def test_a_sentence_is_written_at_the_players_rate_at_its_length_and_pitch(tmp_path, monkeypatch, rate, soxr):
    if not soxr:
        def missing():
            raise soxr_resample.SoxrUnavailable("libsoxr not found")
        monkeypatch.setattr(soxr_resample, "_load", missing)
    worker = Worker([ToneEngine(rate)], ("tone:a", 155, 1.0))
    paths = [str(tmp_path / f"{index}.wav") for index in range(3)]
    replies = list(worker.render_batch({"id": 1, "voice": "tone:a", "rate": 155, "volume": 1.0,
                                        "batch": [{"text": f"s{index}", "path": path} for index, path in enumerate(paths)]}))
    assert all(reply["ok"] for reply in replies), replies
    for path in paths:
        with wave.open(path) as sound:
            assert sound.getframerate() == pcm.PLAYER_RATE
            samples = numpy.frombuffer(sound.readframes(sound.getnframes()), "<i2").astype(float)
        assert len(samples) == pytest.approx(pcm.PLAYER_RATE / 2, abs=pcm.PLAYER_RATE * 0.01)
        crossings = numpy.count_nonzero(numpy.diff(numpy.signbit(samples[100:-100])))
        assert crossings / 2 / ((len(samples) - 200) / pcm.PLAYER_RATE) == pytest.approx(440, rel=0.02)
