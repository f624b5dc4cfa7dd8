"""QtSpeaker with the real engine and a private sound server: prepare, say, stop, and every silent fallback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from audio import QT_AUDIO_NOISE
from kiosk.speech.render_process import default_worker_command
from kiosk.speech.speaker import QtSpeaker, create_speaker
from kiosk.speech.voices import VoiceSettings
from dict_store import DictStore

pytestmark = [pytest.mark.usefixtures("real_engine", "pulse_server"),
              pytest.mark.qt_log_ignore(*QT_AUDIO_NOISE, extend=True)]

TEXTS = ["Lie on your back.", "Hold.", "five", "four", "Release."]
HANGING_WORKER = [sys.executable, "-c", textwrap.dedent("""
    import json, time
    print(json.dumps({"event": "ready", "engine": "hangs", "voices": [
        {"id": "h/en", "name": "Hangs", "languages": ["en"]}]}), flush=True)
    time.sleep(120)
""")]


@pytest.fixture
def make_speaker(tmp_path, qtbot):
    made = []

    def make(*, wait_ready=True, **options) -> QtSpeaker:
        speaker = QtSpeaker(tmp_path / "speech", options.pop("settings", None), **options)
        made.append(speaker)
        if wait_ready:
            qtbot.waitUntil(lambda: bool(speaker.voices) or not speaker.available, timeout=30_000)
        return speaker

    yield make
    for speaker in made:
        speaker.shutdown()
        assert not speaker._thread.isRunning()


def prepare_and_wait(qtbot, speaker, texts):
    progress, done = [], []
    speaker.prepare(texts, on_progress=lambda d, n: progress.append((d, n)), on_done=lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    return progress


def test_prepare_reports_progress_then_say_starts_at_once(make_speaker, qtbot):
    speaker = make_speaker()
    assert speaker.available and speaker.status_message == ""
    progress = prepare_and_wait(qtbot, speaker, TEXTS + ["Hold."])
    assert progress[0] == (0, 5) and progress[-1] == (5, 5)
    assert [d for d, _n in progress] == sorted(d for d, _n in progress)
    assert all(speaker.is_ready(text) for text in TEXTS)
    with qtbot.waitSignal(speaker.speech_started, timeout=1) as started:  # emitted inside say()
        speaker.say("Hold.")
    assert started.args == ["Hold."]
    with qtbot.waitSignal(speaker.speech_finished, timeout=10_000) as finished:
        pass
    assert finished.args == ["Hold."]
    again = []
    speaker.prepare(TEXTS, on_done=lambda: again.append(True))
    assert again == [True]  # all cached: done at once


def test_stop_never_reports_the_sentence_as_finished(make_speaker, qtbot):
    speaker = make_speaker()
    prepare_and_wait(qtbot, speaker, TEXTS)
    finished = []
    speaker.speech_finished.connect(finished.append)
    speaker.say("Lie on your back.")
    qtbot.wait(300)
    speaker.stop()
    assert not speaker.player.is_playing()
    qtbot.wait(2500)  # longer than the whole sentence
    assert finished == []


def test_a_sentence_said_before_it_was_prepared_is_rendered_and_played(make_speaker, qtbot):
    speaker = make_speaker()
    with qtbot.waitSignal(speaker.speech_started, timeout=20_000) as started:
        speaker.say("Slowly roll onto your side.")
    assert started.args == ["Slowly roll onto your side."]
    speaker.stop()


def test_a_changed_speed_renders_again(make_speaker, qtbot):
    store = DictStore()
    speaker = make_speaker(settings=store)
    prepare_and_wait(qtbot, speaker, ["Hold."])
    before = speaker.wav_path("Hold.")
    VoiceSettings(speed="fast").save(store)
    speaker.apply_settings()
    prepare_and_wait(qtbot, speaker, ["Hold."])
    assert speaker.wav_path("Hold.") != before


def test_voice_off_in_settings_is_silent_and_says_why(make_speaker, qtbot):
    store = DictStore({"voice.enabled": False})
    speaker = make_speaker(settings=store, wait_ready=False)
    assert not speaker.available
    assert speaker.status_message == "Voice is off: it is turned off in the settings."
    assert prepare_and_wait(qtbot, speaker, TEXTS) == [(5, 5)]
    speaker.say("Hold.")  # nothing, no error
    store.set("voice.enabled", True)
    with qtbot.waitSignal(speaker.availability_changed, timeout=5000) as changed:
        speaker.apply_settings()
    assert changed.args == [True, ""]


def test_a_missing_engine_turns_the_voice_off_with_a_reason(make_speaker, qtbot):
    speaker = make_speaker(worker_command=default_worker_command(driver="no_such_driver"), wait_ready=False)
    with qtbot.waitSignal(speaker.availability_changed, timeout=30_000) as changed:
        pass
    assert changed.args[0] is False and "could start" in changed.args[1]
    assert prepare_and_wait(qtbot, speaker, TEXTS) == [(5, 5)]
    speaker.say("Hold.")


def test_a_hanging_engine_is_given_up_and_prepare_still_finishes(make_speaker, qtbot):
    speaker = make_speaker(worker_command=HANGING_WORKER, sentence_timeout=0.3)
    assert speaker.available
    changes = []
    speaker.availability_changed.connect(lambda *args: changes.append(args))
    prepare_and_wait(qtbot, speaker, TEXTS)
    assert changes == [(False, "Voice is off: the speech engine stopped responding.")]
    assert not speaker.available


def test_no_voice_for_the_language_turns_the_voice_off(make_speaker):
    speaker = make_speaker(language="xx-none")
    assert not speaker.available
    assert "no voice for xx-none" in speaker.status_message


def test_create_speaker_gives_a_working_speaker(tmp_path, qtbot):
    speaker = create_speaker(DictStore(), tmp_path / "speech")
    try:
        qtbot.waitUntil(lambda: bool(speaker.voices), timeout=30_000)
        assert speaker.available and speaker.voice.speaks("en")
    finally:
        speaker.shutdown()


NO_DEVICE_PROBE = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from kiosk.speech.speaker import QtSpeaker
    app = QApplication([])
    speaker = QtSpeaker(sys.argv[1])
    done = []
    speaker.prepare(["Hold."], on_done=lambda: done.append(True))
    speaker.say("Hold.")
    print(json.dumps({"available": speaker.available, "message": speaker.status_message, "done": done}))
    speaker.shutdown()
""")


def test_no_sound_output_turns_the_voice_off(tmp_path):
    # Qt looks for the sound server once per process, so this runs in a process that has none.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PULSE_SERVER": f"unix:{tmp_path}/no-server",
           "XDG_RUNTIME_DIR": str(tmp_path), "PULSE_RUNTIME_PATH": str(tmp_path / "pulse")}
    done = subprocess.run([sys.executable, "-c", NO_DEVICE_PROBE, str(tmp_path / "speech")], env=env,
                          capture_output=True, text=True, timeout=60, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"available": False, "message": "Voice is off: no sound output was found.", "done": [True]}
