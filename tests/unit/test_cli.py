"""The `kiosk` command, run as a real subprocess: version, list, validate, script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def kiosk(*args, env=None, cwd=ROOT):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env=full_env)


def test_version():
    result = kiosk("--version")
    assert result.returncode == 0 and result.stdout.startswith("kiosk 0.")


def test_routines_list_one_line_each():
    result = kiosk("routines", "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    ids = [line.split("\t")[0] for line in lines]
    assert {"floor", "gentle-start", "waiting-room"} <= set(ids)
    for line in lines:
        routine_id, title, minutes = line.split("\t")
        assert title and minutes.endswith(" min") and int(minutes.split()[0]) > 0


def test_bundled_routines_validate():
    result = kiosk("routines", "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK:")


def test_validate_reports_a_broken_file_and_exits_1(tmp_path):
    folder = tmp_path / "routines"
    shutil.copytree(ROOT / "tests" / "data" / "mini", folder)
    bad = folder / "bad.toml"
    bad.write_text('id = "bad"\ntitle = "Bad"\nsummary = "s"\nsetting = "floor"\npicture = "hook_lying"\n'
                   '[[item]]\nexercise = "bridge"\nreps = "many"\n')
    result = kiosk("routines", "validate", str(bad), str(folder / "mini.toml"))
    assert result.returncode == 1
    assert f"{bad}: exercise 'bridge': field 'item[1].reps': must be a whole number, not 'many'" in result.stderr
    assert "1 error found." in result.stderr


def test_script_text_and_json():
    text = kiosk("routines", "script", "gentle-start")
    assert text.returncode == 0, text.stderr
    assert "Welcome" in text.stdout and "Hold." in text.stdout
    as_json = kiosk("routines", "script", "gentle-start", "--json")
    cues = json.loads(as_json.stdout)
    assert cues[0]["at"] == 0 and cues[0]["kind"] == "intro"
    for cue in cues:
        assert {"at", "kind", "text", "exercise", "side"} <= set(cue)
        assert cue["side"] in ("left", "right", None)
    assert [c["at"] for c in cues] == sorted(c["at"] for c in cues)
    assert cues[-1]["kind"] == "end"


def test_script_unknown_routine():
    result = kiosk("routines", "script", "nope")
    assert result.returncode == 1
    assert "No valid routine with id 'nope'" in result.stderr


def test_full_routine_total_length_is_as_planned():
    cues = json.loads(kiosk("routines", "script", "floor", "--json").stdout)
    minutes = cues[-1]["at"] / 60
    assert 15 <= minutes <= 22, minutes


def test_data_import_trends_export_delete_round_trip(tmp_path):
    diary = tmp_path / "diary.csv"
    diary.write_text("timestamp,pain,moment,side,exercise,note\n"
                     "2026-03-02T09:00:00+01:00,6,before,left,,first week\n"
                     "2026-03-16T09:00:00+01:00,3,after,,,\n")
    data = str(tmp_path / "data")
    assert kiosk("data", "import", "--profile", "ann", "--data-dir", data, str(diary)).returncode == 0
    trend = json.loads(kiosk("trends", "--profile", "ann", "--data-dir", data, "--json").stdout)
    assert [w["week"] for w in trend["weeks"]] == ["2026-W10", "2026-W11", "2026-W12"]
    assert trend["weeks"][1]["mean"] is None                     # an empty week is a gap
    assert (trend["baseline"], trend["latest"]) == (6.0, 3.0)
    assert trend["change"]["meaningful"] is True
    exported = kiosk("data", "export", "--profile", "ann", "--data-dir", data)
    assert exported.stdout.splitlines()[0] == "timestamp,pain,moment,side,exercise,note"
    assert "2026-03-02T09:00:00+01:00,6,before,left,,first week" in exported.stdout
    assert kiosk("data", "delete", "--profile", "ann", "--data-dir", data, "--yes").returncode == 0
    gone = kiosk("trends", "--profile", "ann", "--data-dir", data)
    assert gone.returncode == 1 and "no profile 'ann'" in gone.stderr


def test_data_folder_is_private(tmp_path):
    data = tmp_path / "data"
    kiosk("trends", "--profile", "nobody", "--data-dir", str(data))
    assert data.stat().st_mode & 0o777 == 0o700


def test_validate_a_whole_folder():
    result = kiosk("routines", "validate", str(ROOT / "tests" / "data" / "mini"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 1 routines, 2 exercises")


def test_every_command_that_finds_the_data_folder_held_exits_2_with_one_message(tmp_path):
    from kiosk.store import DataStore

    data = tmp_path / "data"
    diary = tmp_path / "diary.csv"
    diary.write_text("timestamp,pain,moment,side,exercise,note\n2026-03-02T09:00:00+01:00,6,before,,,\n")
    commands = {
        "trends": ["trends", "--profile", "ann"],
        "data": ["data", "import", "--profile", "ann", str(diary)],
        "admin": ["admin", "set-pin"],
    }
    with DataStore(data):                            # as the running app would
        for name, args in commands.items():
            result = subprocess.run([sys.executable, "-m", "kiosk", *args, "--data-dir", str(data)],
                                    input="2468\n2468\n", capture_output=True, text=True, timeout=120)
            assert result.returncode == 2, (name, result.stderr)
            assert result.stderr.startswith(f"kiosk {name}: could not open the data folder {data}: "), result.stderr
            assert "already in use" in result.stderr


def test_a_data_folder_of_a_newer_format_exits_2(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps(
        {"_meta": {"1": {"schema_version": 999, "kind": "settings"}}, "settings": {}}))
    result = kiosk("trends", "--profile", "ann", "--data-dir", str(tmp_path))
    assert result.returncode == 2
    assert f"kiosk trends: could not open the data folder {tmp_path}: " in result.stderr
    assert "newer" in result.stderr or "version 999" in result.stderr


@pytest.mark.parametrize("args", [["trends"], ["routines"], ["data", "export", "--profile", "ann", "--bogus"]])
def test_a_wrong_command_line_is_bad_input(args):
    result = kiosk(*args)
    assert result.returncode == 1
    assert "error:" in result.stderr and result.stdout == ""


def test_a_data_folder_the_system_refuses_exits_2(tmp_path):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, not a folder")
    result = kiosk("trends", "--profile", "ann", "--data-dir", str(not_a_folder))
    assert result.returncode == 2
    assert result.stderr.startswith(f"kiosk trends: could not open the data folder {not_a_folder}: ")
    assert "Traceback" not in result.stderr
