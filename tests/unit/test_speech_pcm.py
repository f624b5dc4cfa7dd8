"""kiosk/speech/pcm.py against the numpy and file-based versions it replaces in the worker, and the cache's
check that a file is whole (a cut-short file after a power cut is never used)."""

from __future__ import annotations

import array
import random
import wave

import numpy
import pytest

from kiosk.speech import pcm, wav_samples
from kiosk.speech.cache import SpeechCache, whole_wav
from kiosk.speech.wav_check import trim_leading_silence, wav_problem


def sound(lead: int, lead_peak: int, length: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    return [rng.randint(-lead_peak, lead_peak) if i < lead else rng.randint(-20000, 20000) for i in range(length)]


CASES = [(lead, peak, seed) for seed, (lead, peak) in enumerate(
    [(0, 0), (300, 0), (2000, 40), (2000, 63), (2000, 64), (2000, 70), (2600, 200), (500, 511), (900, 600)])]


@pytest.mark.parametrize("lead, peak, seed", CASES)
def test_the_windowed_trim_cuts_where_numpy_cuts(lead, peak, seed):
    samples = sound(lead, peak, 4000, seed)
    frames = array.array("h", samples).tobytes()
    expected = wav_samples.trim_leading_quiet(numpy.array(samples, dtype=float), pcm.PLAYER_RATE)
    assert list(pcm.samples_of(pcm.trim_leading_quiet(frames, pcm.PLAYER_RATE))) == list(expected.astype(int))


@pytest.mark.parametrize("lead, peak, seed", CASES)
def test_the_silence_trim_cuts_where_the_file_trim_cuts(tmp_path, lead, peak, seed):
    frames = array.array("h", sound(lead, peak, 4000, seed)).tobytes()
    path = tmp_path / "s.wav"
    path.write_bytes(pcm.wav_bytes(frames, pcm.PLAYER_RATE))
    with wave.open(str(path), "rb") as check:                          # the header is one wave can read
        assert check.getnframes() == len(frames) // 2 and check.getframerate() == pcm.PLAYER_RATE
    trim_leading_silence(path)
    with wave.open(str(path), "rb") as trimmed:
        assert pcm.trim_leading_silence(frames, pcm.PLAYER_RATE) == trimmed.readframes(trimmed.getnframes())


def test_problems_are_those_of_the_file_check(tmp_path):
    for samples in ([0] * 4000, [300, -300] * 2000, [0] * 3000 + [600] + [0] * 1000, [9000] * 500):
        frames = array.array("h", samples).tobytes()
        path = tmp_path / "p.wav"
        pcm.write_wav(str(path), frames, pcm.PLAYER_RATE)
        assert pcm.problem(frames, pcm.PLAYER_RATE) == wav_problem(path), samples[:3]
    assert pcm.problem(array.array("h", [0] * 3000 + [600]).tobytes(), pcm.PLAYER_RATE) is None


def test_a_cached_file_cut_short_or_empty_is_not_used(tmp_path):
    cache = SpeechCache(tmp_path)
    whole = pcm.wav_bytes(array.array("h", [5000] * 2000).tobytes(), pcm.PLAYER_RATE)
    cache.path_for("whole").write_bytes(whole)
    cache.path_for("short").write_bytes(whole[:-100])          # what a power cut before writeback may leave
    cache.path_for("empty").write_bytes(b"")
    cache.path_for("zeros").write_bytes(bytes(len(whole)))
    assert cache.lookup("whole") == cache.path_for("whole") and whole_wav(cache.path_for("whole"))
    assert [cache.lookup(key) for key in ("short", "empty", "zeros", "missing")] == [None] * 4


def test_a_written_sentence_is_its_owners_only(tmp_path):
    path = tmp_path / "owner.wav"
    pcm.write_wav(str(path), array.array("h", [5000] * 2000).tobytes(), pcm.PLAYER_RATE)
    assert path.stat().st_mode & 0o777 == 0o600 and whole_wav(path)


def test_first_loud_finds_the_first_sample_at_or_above_the_threshold_at_every_threshold_and_start():
    rng = random.Random(15)
    for _trial in range(1500):
        threshold = rng.choice([1, 2, 64, 66, 255, 256, 257, 511, 512, 513, 32767, 32768, rng.randint(1, 32768)])
        amplitude = rng.choice([0, 1, threshold - 1, threshold, threshold + 1, 300, 32768])
        samples = [max(-32768, min(32767, rng.randint(-amplitude, amplitude))) for _ in range(rng.randint(0, 3000))]
        frames = array.array("h", samples).tobytes()
        if rng.random() < 0.1:
            frames += b"\x07"                                     # an odd byte at the end is no sample
        start = rng.choice([0, 0, rng.randint(0, len(samples) + 2)])
        expected = next((i for i, value in enumerate(samples) if i >= start and abs(value) >= threshold), -1)
        assert pcm.first_loud(frames, threshold, start=start) == expected, (threshold, start, samples)


@pytest.mark.parametrize("limit", [0, 1, 255, 256, 16383, 16384, 20000, 32767])
def test_within_says_whether_every_sample_is_inside_the_limit(limit):
    rng = random.Random(limit)
    for _ in range(300):
        near = [rng.randint(-limit - 2, limit + 2) for _ in range(rng.randint(0, 5))]
        samples = [min(32767, max(-32768, value)) for value in near] + [rng.choice([0, -32768, 32767])] * rng.randint(0, 1)
        assert pcm.within(array.array("h", samples).tobytes(), limit) == all(abs(v) <= limit for v in samples), samples


def test_scaled_truncates_toward_zero_and_clips_at_full_scale():
    frames = array.array("h", [0, 1, -1, 3, -3, 12000, -12000, 25000, -25000, 32767, -32768]).tobytes()
    assert list(pcm.samples_of(pcm.scaled(frames, 1.5))) == [0, 1, -1, 4, -4, 18000, -18000, 32767, -32768, 32767,
                                                             -32768]
    assert list(pcm.samples_of(pcm.scaled(frames, 0.5))) == [0, 0, 0, 1, -1, 6000, -6000, 12500, -12500, 16383,
                                                             -16384]
