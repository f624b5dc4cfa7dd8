"""Sample-rate conversion and volume scaling of 16-bit PCM samples."""

from __future__ import annotations

import numpy
import pytest

from kiosk.speech.wav_samples import _smooth_at_least, resample, scale, to_array


def test_smooth_lengths_are_the_next_2_3_5_smooth_number():
    assert [_smooth_at_least(n) for n in (1, 7, 11, 13, 97, 1001, 4097)] == [1, 8, 12, 15, 100, 1024, 4320]


@pytest.mark.parametrize("rate, wanted", [(16000, 22050), (8000, 22050), (22050, 16000), (44100, 22050)])
def test_a_tone_keeps_its_pitch_and_loudness_at_the_new_rate(rate, wanted):
    seconds = 1.013
    tone = 10000 * numpy.sin(2 * numpy.pi * 440 * numpy.arange(int(rate * seconds)) / rate)
    out = resample(tone, rate, wanted)
    assert len(out) == round(len(tone) * wanted / rate)
    expected = 10000 * numpy.sin(2 * numpy.pi * 440 * numpy.arange(len(out)) / wanted)
    middle = slice(len(out) // 10, -len(out) // 10)        # the ends wrap a little (the tone does not fade)
    assert numpy.abs(out[middle] - expected[middle]).max() < 200


def test_scaling_halves_the_samples_and_clips_at_full_scale():
    frames = numpy.array([1000, -2000, 30000], dtype="<i2").tobytes()
    assert list(to_array(scale(frames, 0.5))) == [500, -1000, 15000]
    assert list(to_array(scale(frames, 2.0))) == [2000, -4000, 32767]
