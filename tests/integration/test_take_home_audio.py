"""Take-home audio with the real Flite voice: every spoken cue starts in the file at its `at`, to the sample."""

from __future__ import annotations

import wave

import numpy
import pytest

from kiosk.core.loader import load_routines
from kiosk.core.timeline import compile_routine
from kiosk.paths import bundled_dir
from kiosk.speech.take_home import cue_list_path, spoken_cues, take_home_audio
from kiosk.speech.voices import VoiceSettings
from kiosk.speech.wav_samples import to_array

pytestmark = pytest.mark.usefixtures("real_engine", "flite_engine")

VOLUME = 0.7


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    folder = tmp_path_factory.mktemp("take-home")
    routine = load_routines(bundled_dir("routines")).routines["gentle-start"]
    out = folder / "gentle.wav"
    lines = []
    audio = take_home_audio(routine, out, VoiceSettings(volume=VOLUME), folder / "cache", progress=lines.append)
    with wave.open(str(out), "rb") as sound:
        rate, samples = sound.getframerate(), to_array(sound.readframes(sound.getnframes()))
    return routine, audio, out, rate, samples, lines


def sentence(path, volume):
    with wave.open(str(path), "rb") as sound:
        return numpy.round(to_array(sound.readframes(sound.getnframes())) * volume)


def test_every_spoken_cue_of_the_timeline_is_placed_once_in_order(session):
    routine, audio, _out, rate, _samples, _lines = session
    expected = spoken_cues(compile_routine(routine))
    assert [(cue.at, cue.text) for cue in audio.cues] == [(cue.at, cue.text) for cue in expected]
    for cue in audio.cues:
        assert abs(cue.offset / rate - cue.at) <= 1 / rate, cue


def test_each_cue_is_heard_in_the_file_from_its_own_sample(session):
    """Read back from the WAV file: after silence, the first non-zero sample is the cue's sentence's
    first non-zero sample at round(at * rate); where sentences touch, the sentence's opening samples
    are found exactly at that offset (a cue misplaced by one sample fails both)."""
    _routine, audio, _out, rate, samples, _lines = session
    previous_end = 0
    onsets_after_silence = 0
    for cue in audio.cues:
        start = round(cue.at * rate)
        own = sentence(cue.path, VOLUME)[: cue.length]
        lead = int(numpy.flatnonzero(own)[0])
        if start > previous_end:                       # silence before it: find the onset in the file
            heard = previous_end + int(numpy.flatnonzero(samples[previous_end:start + cue.length])[0])
            assert abs(heard - (start + lead)) <= 1, (cue.text, heard - start - lead)
            assert not samples[previous_end:start].any()
            onsets_after_silence += 1
        window = own[:400]
        assert numpy.array_equal(samples[start:start + len(window)], window), cue.text
        previous_end = start + cue.length
    assert onsets_after_silence > len(audio.cues) // 2


def test_the_mix_lasts_the_session_and_is_at_the_chosen_volume(session):
    routine, audio, _out, rate, samples, _lines = session
    duration = compile_routine(routine).duration
    assert duration <= len(samples) / rate <= duration + 15
    loudest = max(numpy.abs(sentence(cue.path, 1.0)).max() for cue in audio.cues)
    assert numpy.abs(samples).max() == pytest.approx(loudest * VOLUME, abs=1)


def test_the_cue_list_gives_time_and_words_of_each_spoken_cue(session):
    _routine, audio, out, rate, _samples, _lines = session
    path = cue_list_path(out)
    assert path.name == "gentle.cues.txt"
    rows = [line.split("\t") for line in path.read_text().splitlines() if not line.startswith("#")]
    assert [text for _time, text in rows] == [cue.text for cue in audio.cues]
    for (stamp, _text), cue in zip(rows, audio.cues):
        minutes, seconds = stamp.split(":")
        assert abs(int(minutes) * 60 + float(seconds) - cue.at) <= 0.0005 + 1 / rate
    assert oct(out.stat().st_mode & 0o777) == oct(0o600) == oct(path.stat().st_mode & 0o777)


def test_progress_is_told_a_line_per_exercise(session):
    routine, _audio, _out, _rate, _samples, lines = session
    assert len(lines) == len(routine.exercises) + 1
    assert all(exercise.title in line for exercise, line in zip(routine.exercises, lines))
    assert lines[-1].startswith("100%")
