"""`kiosk plan import|export|script`, run as a real subprocess over a real data folder."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.store import DataStore

ROOT = Path(__file__).resolve().parents[2]
PLAN = """
days_a_week = 3
note = "Stop if the knee hurts."

[[item]]
exercise = "bridge"
reps = 9
hold = 6
note = "Slowly, qv-note-17"

[[item]]
exercise = "knee_to_chest"
reps = 2
hold = 3
sides = "right"
"""


def kiosk(*args):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env=dict(os.environ))


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    with DataStore(folder) as store:
        store.open_profile("ann", create=True)
    return folder


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "ann-plan.toml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_import_then_export_round_trip(data, plan_file, tmp_path):
    result = kiosk("plan", "import", "--profile", "ann", str(plan_file), "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert "Imported a plan of 2 exercises into ann" in result.stderr
    exported = kiosk("plan", "export", "--profile", "ann", "--data-dir", str(data))
    assert exported.returncode == 0, exported.stderr
    text = exported.stdout
    assert text.index('exercise = "knee_to_chest"') < text.index('exercise = "bridge"')   # the library's order
    assert 'sides = "right"' in text and 'note = "Slowly, qv-note-17"' in text and "reps = 9" in text
    out = tmp_path / "again.toml"
    written = kiosk("plan", "export", "--profile", "ann", "--out", str(out), "--data-dir", str(data))
    assert written.returncode == 0 and out.read_text() == text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    again = kiosk("plan", "import", "--profile", "ann", str(out), "--data-dir", str(data))
    assert again.returncode == 0, again.stderr
    assert kiosk("plan", "export", "--profile", "ann", "--data-dir", str(data)).stdout == text


def test_a_bad_plan_file_exits_1_naming_file_item_and_field_and_changes_nothing(data, plan_file, tmp_path):
    assert kiosk("plan", "import", "--profile", "ann", str(plan_file), "--data-dir", str(data)).returncode == 0
    bad = tmp_path / "bad.toml"
    bad.write_text('[[item]]\nexercise = "bridge"\nreps = 0\n\n[[item]]\nexercise = "ball_squeeze"\n'
                   'sides = "left"\n\n[[item]]\nexercise = "moonwalk"\n')
    result = kiosk("plan", "import", "--profile", "ann", str(bad), "--data-dir", str(data))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert f"{bad}: exercise 'bridge': field 'item[1].reps': must be from 1 to 10" in lines[0]
    assert f"{bad}: exercise 'ball_squeeze': field 'item[2].sides'" in lines[1]
    assert f"{bad}: exercise 'moonwalk': field 'item[3].exercise'" in lines[2]
    assert lines[-1] == f"kiosk plan: nothing imported: 3 problems in {bad}."
    exported = kiosk("plan", "export", "--profile", "ann", "--data-dir", str(data))
    assert "qv-note-17" in exported.stdout                          # the plan before stays


def test_script_json_follows_the_plan(data, plan_file):
    assert kiosk("plan", "import", "--profile", "ann", str(plan_file), "--data-dir", str(data)).returncode == 0
    result = kiosk("plan", "script", "--profile", "ann", "--json", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    cues = json.loads(result.stdout)
    knee = [c for c in cues if c["exercise"] == "knee_to_chest"]
    assert {c["side"] for c in knee} == {"right"}
    assert [c["rep"] for c in knee if c["kind"] == "rep"] == [1, 2]
    bridge_counts = [c["count"] for c in cues if c["exercise"] == "bridge" and c["kind"] == "count"]
    assert bridge_counts == [6, 5, 4, 3, 2, 1] * 9
    text = kiosk("plan", "script", "--profile", "ann", "--data-dir", str(data))
    assert text.returncode == 0 and text.stdout.startswith("My plan (")
    assert "Only the right side." in text.stdout


@pytest.mark.parametrize("args", [
    ["plan", "export", "--profile", "ann"], ["plan", "script", "--profile", "ann"],
    ["plan", "export", "--profile", "nobody"], ["plan", "import", "--profile", "nobody", "x.toml"],
    ["plan", "script", "--profile", "guest"],
])
def test_no_plan_or_no_diary_exits_1(data, args):
    result = kiosk(*args, "--data-dir", str(data))
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("kiosk plan: ") and "Traceback" not in result.stderr


def test_a_held_data_folder_exits_2(data, plan_file):
    with DataStore(data):
        result = kiosk("plan", "import", "--profile", "ann", str(plan_file), "--data-dir", str(data))
    assert result.returncode == 2
    assert result.stderr.startswith(f"kiosk plan: could not open the data folder {data}: ")
