"""The voice's fallbacks with the real engines: the chosen engine missing -> the next engine's best voice,
an engine that stops working -> the next engine, no engine -> captions only; each with its notice."""

from __future__ import annotations

import sys
import textwrap

import pytest

from audio import QT_AUDIO_NOISE
from kiosk.speech.messages import engine_name, notice_phrase
from kiosk.speech.render_process import default_worker_command
from kiosk.speech.speaker import QtSpeaker
from kiosk.speech.voices import VOICE_RANKING

pytestmark = [pytest.mark.usefixtures("real_engine", "flite_engine", "pulse_server"),
              pytest.mark.qt_log_ignore(*QT_AUDIO_NOISE, extend=True)]

TEXTS = ["Lie on your back.", "Hold.", "five", "Release."]
BEST_FLITE = next(voice for voice in VOICE_RANKING["en"] if voice.startswith("flite:"))
# The real worker whose Flite engine crashes the process on every sentence (a broken native library).
CRASHING_FLITE = [sys.executable, "-c", textwrap.dedent("""
    import os, sys
    from kiosk.speech import engine_flite
    engine_flite.FliteEngine.render = lambda self, text, path: os._exit(11)
    engine_flite.FliteEngine.synthesize = lambda self, texts: os._exit(11)
    from kiosk.speech.render_worker import main
    sys.exit(main(sys.argv[1:]))
""")]


class DictStore(dict):
    def set(self, key, value):
        self[key] = value


@pytest.fixture
def make_speaker(tmp_path, qtbot):
    made = []

    def make(store, **options) -> QtSpeaker:
        speaker = QtSpeaker(tmp_path / "speech", store, **options)
        made.append(speaker)
        qtbot.waitUntil(lambda: bool(speaker.voices) or not speaker.available, timeout=30_000)
        return speaker

    yield make
    for speaker in made:
        speaker.shutdown()


def prepare(qtbot, speaker, texts=TEXTS):
    done = []
    speaker.prepare(texts, on_done=lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)


def test_a_chosen_voice_whose_engine_is_missing_gives_the_next_engines_voice_with_a_notice(make_speaker, qtbot):
    speaker = make_speaker(DictStore({"voice.id": BEST_FLITE}),
                           worker_command=default_worker_command() + ["--engines", "pyttsx3"])
    assert speaker.available and speaker.voice.engine == "espeak"
    assert speaker.status_message == notice_phrase("voice_missing", voice=speaker.voice.name, engine="eSpeak NG")
    prepare(qtbot, speaker)
    assert all(speaker.is_ready(text) for text in TEXTS)


def test_an_engine_that_stops_working_gives_way_to_the_next_with_a_notice(make_speaker, qtbot):
    speaker = make_speaker(DictStore(), worker_command=CRASHING_FLITE, sentence_timeout=5)
    assert speaker.voice.id == BEST_FLITE
    changes = []
    speaker.availability_changed.connect(lambda *args: changes.append(args))
    prepare(qtbot, speaker)
    qtbot.waitUntil(lambda: all(speaker.is_ready(text) for text in TEXTS), timeout=60_000)
    assert speaker.available and speaker.voice.engine == "espeak"
    assert "flite" not in {voice.engine for voice in speaker.voices}
    expected = notice_phrase("engine_replaced", failed="Flite", voice=speaker.voice.name,
                             engine=engine_name("espeak"))
    assert speaker.status_message == expected and changes == [(True, expected)]


def test_no_engine_at_all_leaves_captions_only_with_the_reason(make_speaker, qtbot):
    speaker = make_speaker(DictStore(), worker_command=default_worker_command() + ["--engines", "festival"])
    assert not speaker.available
    assert "no speech engine could start" in speaker.status_message
    prepare(qtbot, speaker)              # finishes at once: the player shows captions
