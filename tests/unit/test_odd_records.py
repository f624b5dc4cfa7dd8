"""One odd record in a diary: set aside in the same file, reported once, and everything else still works."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.core.records import PainRating, SessionRecord
from kiosk.store import DataStore
from kiosk.store.set_aside import SET_ASIDE_TABLE

ROOT = Path(__file__).resolve().parents[2]
CET = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=CET)
ODD = {
    "unknown moment": {"timestamp": "2026-03-03T09:00:00+01:00", "pain": 5, "moment": "lunchtime"},
    "pain as text": {"timestamp": "2026-03-04T09:00:00+01:00", "pain": "five", "moment": "before"},
    "no timestamp": {"pain": 4, "moment": "after"},
}


def kiosk(*args):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def folder(tmp_path) -> Path:
    """A data folder whose profile 'ann' has three good ratings, a session and the three odd records."""
    folder = tmp_path / "data"
    with DataStore(folder) as store:
        profile = store.open_profile("ann", create=True)
        profile.ratings.add_many([PainRating(MONDAY, 6, "before"), PainRating(MONDAY + timedelta(minutes=30), 5, "after"),
                                  PainRating(MONDAY + timedelta(weeks=2), 3, "before")])
        profile.sessions.add(SessionRecord("s1", "floor", MONDAY, MONDAY + timedelta(minutes=20), completed=True))
    path = folder / "profile-ann.json"
    data = json.loads(path.read_text())
    for number, document in enumerate(ODD.values(), 10):
        data["ratings"][str(number)] = document
    data["sessions"]["7"] = ["not", "a", "record"]
    path.write_text(json.dumps(data))
    return folder


def test_the_store_sets_odd_records_aside_once_and_keeps_them(folder):
    with DataStore(folder) as store:
        profile = store.open_profile("ann")
        assert [r.pain for r in profile.ratings.list()] == [6, 5, 3]
        assert len(profile.sessions.list()) == 1
        assert len(store.notices) == 1
        notice = store.notices[0]
        assert notice.startswith("4 records in profile-ann.json could not be read (3 pain ratings, 1 session;")
        assert "set aside, unchanged" in notice
        spanish = notice.in_language("es")               # what the home screen shows in Spanish
        assert spanish.startswith("No se pudieron leer 4 registros de profile-ann.json (3 valoraciones del dolor, "
                                  "1 sesión; el primero: ")
        assert "Se guardaron aparte, sin cambios" in spanish
    data = json.loads((folder / "profile-ann.json").read_text())
    kept = {entry["id"]: entry for entry in data[SET_ASIDE_TABLE].values()}
    assert [kept[str(n)]["record"] for n in (10, 11, 12)] == list(ODD.values())     # untouched
    assert kept["7"]["record"] == ["not", "a", "record"] and kept["7"]["table"] == "sessions"
    assert "moment must be one of" in kept["10"]["reason"] and "pain must be a whole number" in kept["11"]["reason"]
    assert kept["12"]["reason"] == "timestamp is missing"
    with DataStore(folder) as store:                 # reported once: the next open has nothing to say
        profile = store.open_profile("ann")
        assert store.notices == [] and [r.pain for r in profile.ratings.list()] == [6, 5, 3]
        profile.ratings.add(PainRating(MONDAY + timedelta(weeks=3), 2))
        assert profile.ratings.undo_last().pain == 2


def test_kiosk_trends_reports_the_odd_records_on_stderr_and_shows_the_rest(folder):
    result = kiosk("trends", "--profile", "ann", "--data-dir", str(folder), "--json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("could not be read") == 1
    trend = json.loads(result.stdout)
    assert (trend["baseline"], trend["latest"]) == (5.5, 3.0)
    again = kiosk("trends", "--profile", "ann", "--data-dir", str(folder))
    assert again.returncode == 0 and "could not be read" not in again.stderr


def test_kiosk_data_export_reports_the_odd_records_on_stderr_and_exports_the_rest(folder):
    result = kiosk("data", "export", "--profile", "ann", "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("could not be read") == 1
    rows = result.stdout.splitlines()
    assert len(rows) == 4 and rows[1].startswith("2026-03-02T09:00:00+01:00,6,before")


def test_a_damaged_format_version_restores_the_backup(folder):
    path = folder / "profile-ann.json"
    with DataStore(folder) as store:                 # one more write: the backup now holds the good file
        store.open_profile("ann").ratings.add(PainRating(MONDAY + timedelta(weeks=3), 2))
    data = json.loads(path.read_text())
    data["_meta"]["1"]["schema_version"] = "one"
    path.write_text(json.dumps(data))
    with DataStore(folder) as store:
        profile = store.open_profile("ann")
        assert [r.pain for r in profile.ratings.list()] == [6, 5, 3]
        assert "format version is unreadable" in store.notices[0]
