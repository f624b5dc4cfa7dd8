"""Schema versions and migrations, tested with a real version-0 file."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from kiosk.core.records import PainRating
from kiosk.store import DataStore, SchemaTooNew
from kiosk.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version

STAMP = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


def test_every_version_has_a_migration_to_the_next():
    assert sorted(MIGRATIONS) == list(range(SCHEMA_VERSION))


def _version_0_folder(folder) -> None:
    """What a plain TinyDB prototype wrote: no _meta, records in `_default`."""
    folder.mkdir()
    with TinyDB(folder / "profiles.json", storage=JSONStorage) as db:
        db.insert({"profile_id": "old", "display_name": "O.", "created": STAMP.isoformat(), "pin_hash": None})
    with TinyDB(folder / "profile-old.json", storage=JSONStorage) as db:
        db.insert(PainRating(STAMP, 6, "before").to_dict())
        db.insert(PainRating(STAMP, 4, "after").to_dict())
    with TinyDB(folder / "settings.json", storage=JSONStorage) as db:
        db.insert({"key": "voice", "value": "off"})


def test_a_version_0_folder_is_upgraded_on_open(tmp_path):
    folder = tmp_path / "data"
    _version_0_folder(folder)
    before = (folder / "profile-old.json").read_text()
    with DataStore(folder) as store:
        assert store.settings.get("voice") == "off"
        assert store.profiles.get("old").display_name == "O."
        profile = store.open_profile("old")
        assert [r.pain for r in profile.ratings.list()] == [6, 4]
        assert any("upgraded from format version 0" in n for n in store.notices)
    data = json.loads((folder / "profile-old.json").read_text())
    assert schema_version(data) == SCHEMA_VERSION
    assert "_default" not in data
    assert (folder / "profile-old.json.bak").read_text() == before     # the old file is the backup
    with DataStore(folder) as store:                                  # upgraded once only
        store.open_profile("old")
        assert store.notices == []


def test_migration_keeps_records_already_in_the_main_table():
    data = {"_default": {"1": {"pain": 1}}, "ratings": {"1": {"pain": 2}}}
    migrated, start = migrate(data, "profile")
    assert start == 0
    assert list(migrated["ratings"].values()) == [{"pain": 2}, {"pain": 1}]


def test_a_file_from_a_newer_app_is_refused_and_left_alone(tmp_path):
    with DataStore(tmp_path) as store:
        store.open_profile("new", create=True)
    path = tmp_path / "profile-new.json"
    data = json.loads(path.read_text())
    data["_meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with DataStore(tmp_path) as store:
        with pytest.raises(SchemaTooNew, match="Update the app"):
            store.open_profile("new")
    assert path.read_bytes() == before
