"""Take-home audio from sentences at different rates (Flite 16 kHz, a fallback espeak-ng sentence at 22,050 Hz):
one mix at the first sentence's rate, every sentence at its own length and at its `at`."""

from __future__ import annotations

import math
import wave

import numpy

from kiosk.core.loader import load_routines
from kiosk.core.timeline import compile_routine
from kiosk.paths import bundled_dir
from kiosk.speech import pcm
from kiosk.speech.take_home import mix_session
from kiosk.speech.voices import VoiceInfo

SENTENCE_S = 0.3


class TwoRateRenderer:
    """Writes each sentence as a 0.3 s tone, at 16,000 Hz and 22,050 Hz in turn (the layer below is tested
    with the real engines in tests/integration/test_take_home_audio.py)."""

    voice = VoiceInfo("flite:kal16", "Kal", ("en-us",), "male", "flite")

    def __init__(self, folder) -> None:
        self.folder = folder
        self.rates: dict[str, int] = {}

    def render_many(self, texts: list[str]) -> dict:
        paths = {}
        for text in texts:
            rate = 16000 if len(self.rates) % 2 == 0 else 22050
            self.rates[text] = rate
            tone = numpy.sin(2 * math.pi * 440 * numpy.arange(round(SENTENCE_S * rate)) / rate) * 8000
            path = self.folder / f"s{len(self.rates)}.wav"
            pcm.write_wav(str(path), tone.astype("<i2").tobytes(), rate)
            paths[text] = path
        return paths


def test_sentences_at_two_rates_are_mixed_at_the_first_ones_rate_each_at_its_length(tmp_path):
    routine = load_routines(bundled_dir("routines")).routines["gentle-start"]
    timeline = compile_routine(routine)
    renderer = TwoRateRenderer(tmp_path)
    audio = mix_session(timeline, renderer, 1.0)
    assert {16000, 22050} <= set(renderer.rates.values())
    assert audio.rate == 16000
    whole = round(SENTENCE_S * audio.rate)
    for index, cue in enumerate(audio.cues):
        assert cue.offset == round(cue.at * audio.rate)
        following = audio.cues[index + 1].offset if index + 1 < len(audio.cues) else None
        expected = whole if following is None else min(whole, following - cue.offset)
        assert abs(cue.length - expected) <= 1, (cue.text, renderer.rates[cue.text], cue.length, expected)
        heard = audio.samples[cue.offset: cue.offset + cue.length]
        crossings = numpy.count_nonzero(numpy.diff(numpy.signbit(heard[10:-10])))
        if cue.length == whole:            # a whole sentence: its pitch kept (a rate mistaken shifts it 27%+)
            assert abs(crossings / 2 / (len(heard) - 20) * audio.rate - 440) < 440 * 0.05, cue.text
    with wave.open(str(audio.cues[0].path)) as first:
        assert first.getframerate() == 16000
