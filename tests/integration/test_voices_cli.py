"""`kiosk voices`, `kiosk voices say` and `kiosk routines audio` as real subprocesses with the real engines."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.speech.engine_flite import FLITE_VOICES
from kiosk.speech.voices import VOICE_RANKING
from kiosk.speech.wav_check import read_wav_info, wav_problem

pytestmark = pytest.mark.usefixtures("real_engine", "flite_engine")
ROOT = Path(__file__).resolve().parents[2]
BEST = next(voice for voice in FLITE_VOICES if voice.id == VOICE_RANKING["en"][0])   # the best measured


def kiosk(*args):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})


def set_voice_settings(folder: Path, **values) -> None:
    from kiosk.store.data_store import DataStore

    with DataStore(folder) as store:
        for key, value in values.items():
            store.settings.set(key, value)


def test_the_list_names_every_engines_voices_and_one_default():
    result = kiosk("voices")
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows and all(len(row) == 5 for row in rows)
    engines = {engine for _id, engine, _languages, _name, _mark in rows}
    assert {"Flite", "eSpeak NG"} <= engines
    defaults = [row for row in rows if row[4] == "default"]
    assert [row[0] for row in defaults] == [BEST.id]
    assert ["flite:slt", "Flite", "en-us", "SLT, American woman", ""] in rows


def test_say_renders_one_sentence_with_the_default_voice(tmp_path):
    out = tmp_path / "hold.wav"
    result = kiosk("voices", "say", "Hold", "for", "five", "seconds.", "--out", str(out), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 0, result.stderr
    assert f"{BEST.name}, Flite" in result.stdout
    assert wav_problem(out) is None and 0.8 < read_wav_info(out).seconds < 4
    assert out.stat().st_mode & 0o777 == 0o600


def test_say_follows_the_data_folders_speed_and_volume_and_the_voice_option(tmp_path):
    text = "Lie on your back with both knees bent and your feet flat on the mat."
    folder = tmp_path / "d"
    infos = {}
    for speed, volume in (("slow", 1.0), ("fast", 1.0), ("fast", 0.5)):
        set_voice_settings(folder, **{"voice.speed": speed, "voice.volume": volume})
        out = tmp_path / f"{speed}-{volume}.wav"
        assert kiosk("voices", "say", text, "--out", str(out), "--data-dir", str(folder)).returncode == 0
        infos[speed, volume] = read_wav_info(out)
    assert infos["slow", 1.0].seconds > 1.2 * infos["fast", 1.0].seconds
    assert infos["fast", 0.5].peak == pytest.approx(infos["fast", 1.0].peak / 2, abs=0.02)
    out = tmp_path / "espeak.wav"
    result = kiosk("voices", "say", text, "--voice", "gmw/en-us", "--out", str(out), "--data-dir", str(folder))
    assert result.returncode == 0 and "eSpeak NG" in result.stdout
    assert wav_problem(out) is None


def test_say_refuses_an_unknown_voice_and_a_wrong_file_name(tmp_path):
    result = kiosk("voices", "say", "Hold.", "--voice", "no/such", "--out", str(tmp_path / "x.wav"),
                   "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 1 and "no voice 'no/such'" in result.stderr
    assert not (tmp_path / "x.wav").exists()
    result = kiosk("voices", "say", "Hold.", "--out", str(tmp_path / "x.mp3"), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 1 and ".wav" in result.stderr


def test_a_chosen_voice_that_is_not_installed_gives_the_best_one_with_a_notice(tmp_path):
    folder = tmp_path / "d"
    set_voice_settings(folder, **{"voice.id": "flite:gone"})
    result = kiosk("voices", "say", "Hold.", "--out", str(tmp_path / "x.wav"), "--data-dir", str(folder))
    assert result.returncode == 0
    assert f"The voice you chose is not installed here: speaking with {BEST.name} (Flite)" in result.stderr


def test_routine_audio_writes_the_session_its_cue_list_and_progress(tmp_path):
    folder = tmp_path / "d"
    out = tmp_path / "gentle.wav"
    result = kiosk("routines", "audio", "gentle-start", "--out", str(out), "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    assert "exercise 1 of 4: One knee to chest" in result.stderr and "100%" in result.stderr
    info = read_wav_info(out)
    assert 6 * 60 < info.seconds < 8 * 60 and info.peak > 0.2
    cues = (tmp_path / "gentle.cues.txt").read_text().splitlines()
    assert cues[0].startswith("# Gentle start") and cues[1].startswith("00:00.000\tWelcome.")
    assert (folder / "speech-cache").is_dir()          # the app's cache: a second run renders nothing new

    compressed = tmp_path / "gentle.ogg"
    result = kiosk("routines", "audio", "gentle-start", "--out", str(compressed), "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    import soundfile

    ogg = soundfile.info(str(compressed))
    assert ogg.format == "OGG" and ogg.subtype == "VORBIS"
    assert ogg.duration == pytest.approx(info.seconds, abs=0.1)
    assert compressed.stat().st_size < out.stat().st_size / 5


def test_routine_audio_refuses_an_unknown_routine_and_format(tmp_path):
    result = kiosk("routines", "audio", "no-such", "--out", str(tmp_path / "x.wav"), "--data-dir", str(tmp_path))
    assert result.returncode == 1 and "No valid routine" in result.stderr
    result = kiosk("routines", "audio", "floor", "--out", str(tmp_path / "x.flac"), "--data-dir", str(tmp_path))
    assert result.returncode == 1 and ".wav" in result.stderr


def test_plan_audio_plays_the_diarys_plan_one_side_only(tmp_path):
    from kiosk.store.data_store import DataStore

    folder = tmp_path / "d"
    with DataStore(folder) as store:
        store.open_profile("ann", create=True)
    plan = tmp_path / "plan.toml"
    plan.write_text('[[item]]\nexercise = "knee_to_chest"\nreps = 2\nsides = "left"\n', encoding="utf-8")
    assert kiosk("plan", "import", "--profile", "ann", str(plan), "--data-dir", str(folder)).returncode == 0
    out = tmp_path / "plan.wav"
    result = kiosk("plan", "audio", "--profile", "ann", "--out", str(out), "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    assert read_wav_info(out).peak > 0.2
    cues = (tmp_path / "plan.cues.txt").read_text()
    assert cues.startswith("# My plan") and "Only the left side." in cues and "right side" not in cues.lower()
    refused = kiosk("plan", "audio", "--profile", "nobody", "--out", str(out), "--data-dir", str(folder))
    assert refused.returncode == 1 and "no diary" in refused.stderr
