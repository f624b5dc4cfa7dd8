"""`kiosk data export|import|delete` as functions over a real data folder."""

from __future__ import annotations

import argparse
import io
import os
import stat
from datetime import datetime, timedelta, timezone

import pytest

from kiosk.core.csv_diary import HEADER
from kiosk.core.records import PainRating
from kiosk.cli.data import DATA_COMMANDS
from kiosk.cli.exit_codes import ExitCode
from kiosk.store import DataStore

CET = timezone(timedelta(hours=1))
DIARY = (",".join(HEADER) + "\n"
         "2026-03-01T09:00:00+01:00,6,before,left,,stiff\n"
         "2026-03-01T09:40:00+01:00,4,after,,bridge,\n")


def _args(folder, **given) -> argparse.Namespace:
    values = dict(data_dir=str(folder), profile="ann", format="csv", out=None, file=None, yes=False)
    values.update(given)
    return argparse.Namespace(**values)


def _run(name, folder, **given) -> int:
    return DATA_COMMANDS[name](_args(folder, **given))


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def diary(tmp_path):
    path = tmp_path / "diary.csv"
    path.write_text(DIARY, encoding="utf-8")
    return path


def _pains(folder, profile="ann"):
    with DataStore(folder) as store:
        return [r.pain for r in store.open_profile(profile).ratings.list()]


def test_import_creates_the_profile_without_pin_and_is_idempotent(folder, diary, capsys):
    assert _run("import", folder, file=str(diary)) == ExitCode.OK
    assert "Imported 2 pain ratings into new profile ann" in capsys.readouterr().err
    assert _pains(folder) == [6, 4]
    with DataStore(folder) as store:
        assert not store.profiles.get("ann").has_pin
    assert _run("import", folder, file=str(diary)) == ExitCode.OK
    assert "Imported 0 pain ratings into profile ann; 2 already there" in capsys.readouterr().err
    assert _pains(folder) == [6, 4]


def test_a_bad_row_imports_nothing_and_names_its_line(folder, diary, capsys):
    with DataStore(folder) as store:
        store.open_profile("ann", create=True).ratings.add(PainRating(datetime(2026, 1, 1, tzinfo=CET), 2))
    diary.write_text(DIARY + "2026-03-02T09:00:00+01:00,12,after,,,\n", encoding="utf-8")
    assert _run("import", folder, file=str(diary)) == ExitCode.BAD_INPUT
    err = capsys.readouterr().err
    assert f"{diary}:4: pain must be a whole number from 0 to 10" in err
    assert "nothing imported" in err
    assert _pains(folder) == [2]


def test_import_into_a_new_profile_with_a_bad_file_creates_nothing(folder, diary):
    diary.write_text("not,a,diary\n", encoding="utf-8")
    assert _run("import", folder, profile="new", file=str(diary)) == ExitCode.BAD_INPUT
    with DataStore(folder) as store:
        assert not store.profiles.exists("new")


def test_import_from_stdin_and_missing_files(folder, monkeypatch, capsys, tmp_path):
    monkeypatch.setattr("sys.stdin", io.StringIO("\ufeff" + DIARY))
    assert _run("import", folder, file="-") == ExitCode.OK
    assert _pains(folder) == [6, 4]
    assert _run("import", folder, file=str(tmp_path / "missing.csv")) == ExitCode.BAD_INPUT
    assert "cannot read" in capsys.readouterr().err


def test_export_to_stdout_round_trips(folder, diary, capsys):
    _run("import", folder, file=str(diary))
    capsys.readouterr()
    assert _run("export", folder) == ExitCode.OK
    out = capsys.readouterr().out
    assert out.replace("\r\n", "\n") == DIARY


def test_export_to_a_private_file_and_back_into_another_profile(folder, diary, tmp_path):
    _run("import", folder, file=str(diary))
    target = tmp_path / "out.csv"
    assert _run("export", folder, out=str(target)) == ExitCode.OK
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert _run("import", folder, profile="copy", file=str(target)) == ExitCode.OK
    assert _pains(folder, "copy") == [6, 4]


def test_export_refuses_unknown_profiles_and_formats(folder, capsys):
    assert _run("export", folder, profile="nobody") == ExitCode.BAD_INPUT
    assert "no profile 'nobody'" in capsys.readouterr().err
    assert _run("export", folder, format="xlsx") == ExitCode.BAD_INPUT
    assert _run("export", folder, profile="guest") == ExitCode.BAD_INPUT


def test_delete_asks_first_and_no_keeps_everything(folder, diary, monkeypatch, capsys):
    _run("import", folder, file=str(diary))
    monkeypatch.setattr("sys.stdin", io.StringIO("no\n"))
    assert _run("delete", folder) == ExitCode.BAD_INPUT
    err = capsys.readouterr().err
    assert "2 pain ratings" in err and "Type 'yes'" in err and "nothing deleted" in err
    assert _pains(folder) == [6, 4]
    monkeypatch.setattr("sys.stdin", io.StringIO(""))          # end of input is a no
    assert _run("delete", folder) == ExitCode.BAD_INPUT
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))
    assert _run("delete", folder) == ExitCode.OK
    assert not list(folder.glob("profile-ann*"))


def test_delete_with_yes_does_not_read_stdin(folder, diary, monkeypatch):
    _run("import", folder, file=str(diary))
    monkeypatch.setattr("sys.stdin", None)
    assert _run("delete", folder, yes=True) == ExitCode.OK
    with DataStore(folder) as store:
        assert not store.profiles.exists("ann")
    assert _run("delete", folder, yes=True) == ExitCode.BAD_INPUT


def test_commands_stop_cleanly_when_the_app_holds_the_folder(folder, diary, capsys):
    with DataStore(folder):
        assert _run("import", folder, file=str(diary)) == ExitCode.DATA_FOLDER
    err = capsys.readouterr().err
    assert f"kiosk data: could not open the data folder {folder}: " in err and "already in use" in err


def test_a_profile_file_of_a_newer_format_is_a_data_folder_problem(folder, diary, capsys):
    import json

    _run("import", folder, file=str(diary))
    path = folder / "profile-ann.json"
    data = json.loads(path.read_text())
    data["_meta"]["1"]["schema_version"] = 999
    path.write_text(json.dumps(data))
    capsys.readouterr()
    assert _run("export", folder) == ExitCode.DATA_FOLDER
    err = capsys.readouterr().err
    assert err.startswith(f"kiosk data: could not open the data folder {folder}: ") and "version 999" in err
    assert json.loads(path.read_text())["_meta"]["1"]["schema_version"] == 999      # left untouched


def test_delete_by_diary_number_removes_the_clinic_export_charts_and_personal_audio(folder, diary):
    from kiosk.store.data_store import export_file, picture_folder

    _run("import", folder, file=str(diary))
    with DataStore(folder) as store:
        number = store.profiles.get("ann").number
        bob = store.profiles.create("bob")
    export = export_file(folder, "ann")
    export.write_text("ann's export")
    chart = picture_folder(folder, "ann") / "pain-trend.png"
    chart.parent.mkdir(parents=True)
    chart.write_bytes(b"\x89PNG ann")
    kept = [export_file(folder, "bob"), picture_folder(folder, "bob") / "pain-trend.png",
            folder / "speech-cache" / "instruction.wav"]
    for path in kept:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"kept")
    summary = folder / "speech-cache" / "personal" / "summary.wav"
    summary.parent.mkdir()
    summary.write_bytes(b"RIFF ann's average pain")
    assert _run("delete", folder, profile=f"{number[:4]} {number[4:]}", yes=True) == ExitCode.OK
    assert not export.exists() and not chart.parent.exists() and not summary.exists()
    assert all(path.exists() for path in kept)
    with DataStore(folder) as store:
        assert [p.profile_id for p in store.profiles.list()] == [bob.profile_id]
