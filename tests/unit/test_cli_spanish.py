"""The `kiosk` command in Spanish, run as a real subprocess: `routines script ID --language es [--json]`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def kiosk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_script_in_spanish_as_json():
    done = kiosk("routines", "script", "waiting-room", "--language", "es", "--json")
    assert done.returncode == 0, done.stderr
    cues = json.loads(done.stdout)
    english = json.loads(kiosk("routines", "script", "waiting-room", "--json").stdout)
    assert [c["kind"] for c in cues] == [c["kind"] for c in english]
    said = [c["text"] for c in cues if c["text"]]
    assert said[0] == "Le damos la bienvenida. Muévase despacio y solo hasta donde le resulte cómodo."
    assert "Rodilla al pecho en la silla." in said and "Gire despacio el pecho hacia la derecha." in said
    assert cues[-2]["text"] == "Muy bien. Terminó la sesión. Quédese un momento en la silla antes de irse."
    assert not set(said) & {c["text"] for c in english if c["text"]}


def test_script_in_spanish_as_text():
    done = kiosk("routines", "script", "gentle-start", "--language", "es")
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith("Comienzo suave (") and first.endswith(" minutos)")
    assert "Mantenga la posición." in done.stdout and "Hold." not in done.stdout


def test_an_unknown_language_is_bad_input():
    done = kiosk("routines", "script", "gentle-start", "--language", "xx")
    assert done.returncode == 1 and "invalid choice: 'xx'" in done.stderr
