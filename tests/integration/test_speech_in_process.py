"""Flite's and espeak-ng's voices rendered in the app's own process (kiosk/speech/in_process.py): real engines,
every sentence speech of a plausible length in 0600 files, espeak-ng through libespeak-ng sounding as its own
command, and a hung engine call that moves the Renderer to worker processes for good."""

from __future__ import annotations

import array
import os
import shutil
import subprocess
import threading
import wave

import pytest

from kiosk.speech import in_process
from kiosk.speech.render_process import RenderRequest, default_worker_command
from kiosk.speech.wav_check import read_wav_info, wav_problem
from prerequisites import missing
from test_speech_batch import make_renderer, routine_sentences  # noqa: F401 - make_renderer: a fixture
from test_speech_engines import own_rate

pytestmark = pytest.mark.usefixtures("real_engine", "flite_engine")


def children_of_this_process() -> list[int]:
    """The ids of this process's live child processes (Linux /proc)."""
    me = str(os.getpid())
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == me and fields[0] != "Z":
                found.append(int(entry))
    return found


@pytest.mark.parametrize("voice_id", ["flite:kal16", "flite:rms", "gmw/en-us"])
def test_a_routine_renders_in_this_process_to_speech_of_a_plausible_length(make_renderer, voice_id):
    before = set(children_of_this_process())
    renderer = make_renderer("speech")
    texts = routine_sentences()
    paths = renderer.render_many([RenderRequest(text, voice_id, 155, 1.0) for text in texts])
    assert renderer.in_process and renderer.restarts == 0
    assert set(children_of_this_process()) <= before          # no worker process was started
    for text, path in zip(texts, paths):
        assert wav_problem(path) is None, (text, path)
        info = read_wav_info(path)
        assert info.sample_rate == own_rate(voice_id) and info.peak > 0.2, (text, info.peak)
        expected = len(text.split()) * 60 / 155
        assert 0.5 * expected <= info.seconds <= 2 * expected + 0.8, (text, info.seconds, expected)
        assert path.stat().st_mode & 0o777 == 0o600


def test_espeak_ng_in_this_process_sounds_as_its_own_command(make_renderer, tmp_path):
    # The command, not pyttsx3: pyttsx3 sometimes renders a sentence at its default 200 wpm (engine_pyttsx3.py)
    if not shutil.which("espeak-ng"):
        missing("the espeak-ng command is not installed (Debian: espeak-ng)")
    text = "Lie on your back with your knees bent."
    renderer = make_renderer("here")
    here = renderer.render(RenderRequest(text, "gmw/en-us", 155, 1.0))
    assert renderer.in_process
    command = tmp_path / "command.wav"
    subprocess.run(["espeak-ng", "-v", "gmw/en-us", "-s", "155", "-w", str(command), text], check=True)
    with wave.open(str(here)) as ours, wave.open(str(command)) as theirs:
        assert ours.getframerate() == theirs.getframerate() == 22050
        ours_samples = array.array("h", ours.readframes(ours.getnframes()))
        theirs_samples = array.array("h", theirs.readframes(theirs.getnframes()))
    lead = next(i for i, value in enumerate(theirs_samples) if abs(value) >= 64)   # ours has its silence cut
    assert abs(len(ours_samples) - (len(theirs_samples) - lead)) <= 0.03 * len(theirs_samples)
    assert max(ours_samples) == pytest.approx(max(theirs_samples), rel=0.05)


def test_the_voice_list_is_the_worker_processes_list(make_renderer):
    here = {voice.id: voice for voice in make_renderer("here").voices}
    there = {voice.id: voice for voice in make_renderer("there", default_worker_command() + ["--list-voices"]).voices}
    assert here.keys() == there.keys()
    assert here["gmw/en-us"] == there["gmw/en-us"] and here["flite:kal16"] == there["flite:kal16"]


def test_a_hung_engine_call_moves_the_renderer_to_worker_processes_for_good(make_renderer, monkeypatch):
    from kiosk.speech.engine_flite import FliteEngine

    release = threading.Event()
    original = FliteEngine.synthesize

    def hang(self, texts):
        release.wait(30)
        yield from original(self, texts)

    monkeypatch.setattr(in_process, "HOST", in_process._Host())        # fresh engines, and broken only here
    monkeypatch.setattr(FliteEngine, "synthesize", hang)
    try:
        renderer = make_renderer("hung", sentence_timeout=2)
        assert renderer.in_process
        path = renderer.render(RenderRequest("Hold.", "flite:kal16", 155, 1.0))
        assert wav_problem(path) is None                               # rendered again by a worker process
        assert not renderer.in_process and renderer.restarts >= 1
        assert in_process.HOST.broken
        assert not in_process.wanted(default_worker_command())        # later renderers start no in-process job
        assert not make_renderer("after").in_process
    finally:
        release.set()


def test_only_the_plain_default_worker_renders_in_this_process(monkeypatch):
    assert in_process.wanted(default_worker_command())
    assert not in_process.wanted(default_worker_command() + ["--engines", "pyttsx3"])
    assert not in_process.wanted(default_worker_command("espeak"))
    monkeypatch.setenv(in_process.IN_PROCESS_SWITCH, "0")
    assert not in_process.wanted(default_worker_command())
