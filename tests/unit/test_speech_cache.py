"""The speech WAV cache: keys that change with everything that shapes the sound, and whole-file moves."""

from __future__ import annotations

import array
import math
import wave

import pytest

from kiosk.speech.cache import SpeechCache, cache_key
from kiosk.speech.wav_check import read_wav_info, trim_leading_silence, wav_problem

BASE = dict(engine="espeak", voice_id="gmw/en-us", rate=155, volume=1.0, text="Bend your knees.")


def write_wav(path, seconds=0.5, amplitude=0.5, rate=22050):
    samples = array.array("h", (int(amplitude * 32767 * math.sin(2 * math.pi * 220 * i / rate))
                                for i in range(int(seconds * rate))))
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples.tobytes())
    return path


def test_the_same_inputs_give_the_same_key():
    assert cache_key(**BASE) == cache_key(**BASE)
    assert len(cache_key(**BASE)) == 32 and int(cache_key(**BASE), 16) >= 0


@pytest.mark.parametrize("field,value", [("engine", "sapi5"), ("voice_id", "gmw/en"), ("rate", 185),
                                         ("volume", 0.5), ("text", "Bend your knees!")])
def test_any_change_gives_another_key(field, value):
    assert cache_key(**{**BASE, field: value}) != cache_key(**BASE)


def test_fields_cannot_run_into_each_other():
    assert cache_key("espeak", "a", 1, 1.0, "b c") != cache_key("espeak", "a b", 1, 1.0, "c")


def test_a_file_is_found_only_after_it_is_accepted(tmp_path):
    cache = SpeechCache(tmp_path / "speech")
    key = cache_key(**BASE)
    assert cache.lookup(key) is None
    scratch = write_wav(cache.scratch_path(key))
    assert cache.lookup(key) is None
    final = cache.accept(key, scratch)
    assert cache.lookup(key) == final and not scratch.exists()
    assert cache.clear() == 1 and cache.lookup(key) is None


def test_a_good_wav_passes_the_check(tmp_path):
    path = write_wav(tmp_path / "tone.wav", seconds=0.8)
    assert wav_problem(path) is None
    info = read_wav_info(path)
    assert info.seconds == pytest.approx(0.8, abs=0.01) and info.peak == pytest.approx(0.5, abs=0.01)


@pytest.mark.parametrize("make,expected", [
    (lambda p: write_wav(p, amplitude=0.0), "silent"),
    (lambda p: write_wav(p, seconds=0.0), "empty"),
    (lambda p: p.write_bytes(b"Audio saved to nowhere"), "not a WAV"),
    (lambda p: p.write_bytes(b""), "not a WAV"),
    (lambda p: None, "no file"),
])
def test_junk_files_are_caught(tmp_path, make, expected):
    path = tmp_path / "junk.wav"
    make(path)
    assert expected in wav_problem(path)


@pytest.mark.parametrize("amplitude,silent", [(0.0, True), (0.01, True), (0.03, False), (0.9, False)])
def test_the_silence_line_lies_between_hiss_and_speech(tmp_path, amplitude, silent):
    path = write_wav(tmp_path / "tone.wav", amplitude=amplitude)
    assert (wav_problem(path) == "the file is silent") is silent


def test_leading_silence_is_cut_but_the_sound_kept(tmp_path):
    path = tmp_path / "late.wav"
    tone = array.array("h", [0] * 2205) + array.array("h", (int(0.5 * 32767 * math.sin(i / 5)) for i in range(4410)))
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(22050)
        wav.writeframes(tone.tobytes())
    assert trim_leading_silence(path) == pytest.approx(0.1 - 0.005, abs=0.001)
    assert read_wav_info(path).seconds == pytest.approx(0.2 + 0.005, abs=0.001)
    assert trim_leading_silence(path) == 0.0  # nothing more to cut


def test_personal_sentences_have_their_own_folder_and_forgetting_them_keeps_the_rest(tmp_path):
    from kiosk.speech.cache import forget_personal_sentences

    cache = SpeechCache(tmp_path / "speech")
    instruction = write_wav(cache.scratch_path("a"))
    cache.accept("a", instruction)
    summary = write_wav(cache.personal.scratch_path("b"))
    cache.personal.accept("b", summary)
    assert cache.lookup("a") and cache.personal.lookup("b") and not cache.lookup("b")
    assert forget_personal_sentences(cache.folder) == 1
    assert cache.lookup("a") and not cache.personal.lookup("b")


def test_a_cache_from_before_personal_folders_is_emptied_whole(tmp_path):
    from kiosk.speech.cache import forget_personal_sentences

    folder = tmp_path / "speech"
    folder.mkdir()
    write_wav(folder / ("0" * 32 + ".wav"))          # an old cache: any of its files may be a summary
    assert forget_personal_sentences(folder) == 1
    assert not list(folder.glob("*.wav"))
