"""The real pyttsx3 + espeak-ng engine through the render worker: every sentence becomes plausible speech."""

from __future__ import annotations

import argparse

import pytest

from kiosk.cli.voices import voices_command
from kiosk.speech.cache import SpeechCache
from kiosk.speech.render_process import Renderer, RenderRequest
from kiosk.speech.voices import SPEED_RATES, choose_voice, list_voices
from kiosk.speech.wav_check import read_wav_info, wav_problem

pytestmark = pytest.mark.usefixtures("real_engine")

SENTENCES = [
    "Pelvic tilt.",
    "Lie on your back with both knees bent and your feet flat on the mat.",
    "Rest your arms by your sides.",
    "Gently press the small of your back into the mat.",
    "Hold.",
    "five", "four", "three", "two", "one",
    "Release, and let your back settle.",
    "Three of ten.",
    "Now the left side.",
    "If this hurts, stop and rest.",
    "Take a slow breath in, and a long breath out.",
    "Rest for twenty seconds.",
    "Well done. That is the end of today's session.",
]


@pytest.fixture
def renderer(tmp_path):
    renderer = Renderer(SpeechCache(tmp_path / "speech"), sentence_timeout=20)
    renderer.start()
    yield renderer
    renderer.close()


def english(renderer):
    """espeak-ng's American English voice (this file is about the pyttsx3 engine; Flite's voices:
    test_speech_engines.py)."""
    return choose_voice(renderer.voices, "gmw/en-us", "en")


def test_every_sentence_renders_to_speech_of_a_plausible_length(renderer):
    voice = english(renderer)
    assert voice is not None
    rate = SPEED_RATES["normal"]
    for text in SENTENCES:
        path = renderer.render(RenderRequest(text, voice.id, rate, 1.0))
        assert wav_problem(path) is None, text
        info = read_wav_info(path)
        words = len(text.split())
        expected = words * 60 / rate
        assert 0.5 * expected <= info.seconds <= 2 * expected + 0.8, (text, info.seconds, expected)
        assert info.peak > 0.2, text
    assert renderer.restarts == 0


def test_slow_speech_lasts_longer_than_fast_speech(renderer):
    voice = english(renderer)
    text = SENTENCES[1]
    slow = read_wav_info(renderer.render(RenderRequest(text, voice.id, SPEED_RATES["slow"], 1.0))).seconds
    fast = read_wav_info(renderer.render(RenderRequest(text, voice.id, SPEED_RATES["fast"], 1.0))).seconds
    assert slow > fast * 1.2


def test_a_rendered_sentence_is_reused_across_workers(tmp_path, renderer):
    voice = english(renderer)
    first = renderer.render(RenderRequest("Hold.", voice.id, 155, 1.0))
    stamp = first.stat().st_mtime_ns
    second_renderer = Renderer(SpeechCache(tmp_path / "speech"))
    second_renderer.start()
    try:
        assert second_renderer.render(RenderRequest("Hold.", voice.id, 155, 1.0)) == first
        assert first.stat().st_mtime_ns == stamp
    finally:
        second_renderer.close()


def test_the_voice_list_offers_english(capsys):
    voices = list_voices()
    assert any(voice.speaks("en") for voice in voices)
    assert voices_command(argparse.Namespace(language="en")) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(len(line.split("\t")) == 5 for line in lines)    # id, engine, languages, name, default
    assert all("en" in line.split("\t")[2] for line in lines)


def test_every_utterance_of_every_bundled_routine_renders(renderer):
    from kiosk.core.loader import load_routines
    from kiosk.core.timeline import compile_routine
    from kiosk.paths import bundled_dir

    routines = load_routines(bundled_dir("routines")).routines
    texts = list(dict.fromkeys(text for routine in routines.values() for text in compile_routine(routine).utterances()))
    assert len(texts) > 50
    voice = english(renderer)
    rate = SPEED_RATES["normal"]
    for text in texts:
        info = read_wav_info(renderer.render(RenderRequest(text, voice.id, rate, 1.0)))
        expected = len(text.split()) * 60 / rate
        assert info.peak > 0.2 and 0.5 * expected <= info.seconds <= 2 * expected + 0.8, (text, info.seconds)
    assert renderer.restarts == 0
