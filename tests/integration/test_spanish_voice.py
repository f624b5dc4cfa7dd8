"""The real espeak-ng Spanish voice (es-419) through pyttsx3 renders every Spanish sentence of every routine."""

from __future__ import annotations

import argparse
import array
import json
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from kiosk.cli.voices import voices_command
from kiosk.core.loader import load_routines
from kiosk.core.timeline import compile_routine
from kiosk.core.trends import ADVICE_TEXT
from kiosk.core.translations import translation
from kiosk.speech.language_voices import default_voice_ids

pytestmark = pytest.mark.usefixtures("real_engine")

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("spanish_render_child.py")
RATE = 155                     # words per minute: the "normal" speed


def spanish_sentences() -> list[str]:
    """Every distinct sentence the Spanish routines speak, in order of first use, and the advice."""
    result = load_routines(ROOT / "routines", language="es")
    assert result.routines and not result.missing_translations
    said = [text for routine in result.routines.values() for text in compile_routine(routine, "es").utterances()]
    return list(dict.fromkeys([*said, translation("es").gettext(ADVICE_TEXT)]))


def wav_seconds_and_peak(path: Path) -> tuple[float, float]:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getsampwidth(), wav.getnchannels()) == (2, 1), path
        frames = array.array("h", wav.readframes(wav.getnframes()))
        return wav.getnframes() / wav.getframerate(), max(map(abs, frames), default=0) / 32768


def test_every_spanish_sentence_renders_with_the_latin_american_voice(tmp_path):
    sentences = spanish_sentences()
    assert len(sentences) > 150
    voice_id = default_voice_ids("es")[0]
    done = subprocess.run([sys.executable, str(CHILD), voice_id, str(RATE), str(tmp_path)],
                          input=json.dumps(sentences), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert voice_id == "roa/es-419" and voice_id in report["voices"]
    assert report["voice"] == voice_id
    assert report["retries"] <= 2
    total = 0.0
    for number, text in enumerate(sentences):
        seconds, peak = wav_seconds_and_peak(tmp_path / f"{number:04d}.wav")
        expected = len(text.split()) * 60 / RATE
        assert 0.5 * expected <= seconds <= 2 * expected + 0.8, (text, seconds, expected)
        assert peak > 0.2, (text, peak)
        total += seconds
    assert total > 0.5 * sum(len(t.split()) for t in sentences) * 60 / RATE


def test_the_voices_of_spanish_come_latin_american_first(capsys):
    assert voices_command(argparse.Namespace(language="es")) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines and lines[0].split("\t")[0] == "roa/es-419"
    assert all(any(code.startswith("es") for code in line.split("\t")[2].split(",")) for line in lines)
