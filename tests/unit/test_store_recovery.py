"""Recovery at open: damaged files are moved aside, never deleted, and the backup restored."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from kiosk.core.records import PainRating
from kiosk.store import DataStore

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=timezone.utc)
DAMAGE = {
    "empty": b"",
    "truncated": None,                      # filled in from the real file: its first half
    "not JSON": b"pain diary\nmonday: 4\n",
    "not a database": b"[1, 2, 3]",
    "binary": b"\x00\xff\xfe\x81garbage",
}


def _rating(pain: int) -> PainRating:
    return PainRating(NOW, pain, "before")


def _two_generations(folder) -> None:
    """A profile whose file holds ratings 3 and 5, and whose backup holds rating 3 only."""
    with DataStore(folder) as store:
        ratings = store.open_profile("ann", create=True).ratings
        ratings.add(_rating(3))
        ratings.add(_rating(5))


def _aside(folder, name):
    return sorted(p for p in folder.iterdir() if p.name.startswith(name + ".corrupt-"))


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damaged_profile_file_is_kept_aside_and_the_backup_restored(tmp_path, kind):
    _two_generations(tmp_path)
    path = tmp_path / "profile-ann.json"
    damaged = DAMAGE[kind] if DAMAGE[kind] is not None else path.read_bytes()[: path.stat().st_size // 2]
    path.write_bytes(damaged)
    with DataStore(tmp_path, now=NOW) as store:
        profile = store.open_profile("ann", now=NOW)
        assert [r.pain for r in profile.ratings.list()] == [3]
        assert len(store.notices) == 1
        notice = store.notices[0]
        assert "profile-ann.json was damaged" in notice and "backup copy" in notice and "restored" in notice
        assert profile.notices == store.notices
    [kept] = _aside(tmp_path, "profile-ann.json")
    assert kept.name == "profile-ann.json.corrupt-20261127T093000Z"
    assert kept.read_bytes() == damaged
    assert kept.name in notice


def test_the_reason_is_said_in_plain_words(tmp_path):
    _two_generations(tmp_path)
    path = tmp_path / "profile-ann.json"
    path.write_bytes(path.read_bytes()[:-20])
    with DataStore(tmp_path) as store:
        store.open_profile("ann")
        assert "cut short" in store.notices[0]


def test_damaged_file_without_backup_starts_empty_and_says_so(tmp_path):
    _two_generations(tmp_path)
    (tmp_path / "profile-ann.json.bak").unlink()
    (tmp_path / "profile-ann.json").write_text("{")
    with DataStore(tmp_path) as store:
        assert store.open_profile("ann").ratings.list() == []
        assert "no backup" in store.notices[0]
    assert len(_aside(tmp_path, "profile-ann.json")) == 1


def test_damaged_file_and_damaged_backup_are_both_kept(tmp_path):
    _two_generations(tmp_path)
    (tmp_path / "profile-ann.json").write_text("")
    (tmp_path / "profile-ann.json.bak").write_text("nope")
    with DataStore(tmp_path) as store:
        assert store.open_profile("ann").ratings.count() == 0
        assert "backup copy was damaged too" in store.notices[0]
    assert len(_aside(tmp_path, "profile-ann.json")) == 1
    assert len(_aside(tmp_path, "profile-ann.json.bak")) == 1


def test_second_damage_in_the_same_second_gets_its_own_name(tmp_path):
    _two_generations(tmp_path)
    for _ in range(2):
        (tmp_path / "profile-ann.json").write_text("x")
        with DataStore(tmp_path, now=NOW) as store:
            store.open_profile("ann", now=NOW)
    assert len(_aside(tmp_path, "profile-ann.json")) == 2


def test_missing_file_with_a_backup_is_restored(tmp_path):
    _two_generations(tmp_path)
    (tmp_path / "profile-ann.json").unlink()
    with DataStore(tmp_path) as store:
        assert [r.pain for r in store.open_profile("ann").ratings.list()] == [3]
        assert "was missing" in store.notices[0]


def test_damaged_settings_and_index_do_not_stop_the_start(tmp_path):
    with DataStore(tmp_path) as store:
        store.settings.set("voice", "on")
        store.settings.set("voice", "off")
        store.profiles.create("ann")
        store.profiles.create("bob")
    (tmp_path / "settings.json").write_text("")
    (tmp_path / "profiles.json").write_text('{"profiles": ')
    with DataStore(tmp_path) as store:
        assert store.settings.get("voice") == "on"
        assert [p.profile_id for p in store.profiles.list()] == ["ann"]
        assert len(store.notices) == 2


def test_leftover_temp_files_of_unfinished_writes_are_removed_silently(tmp_path):
    _two_generations(tmp_path)
    stale = tmp_path / ".profile-ann.json.tmp-999-1"
    stale.write_text('{"half": ')
    with DataStore(tmp_path) as store:
        assert store.open_profile("ann").ratings.count() == 2
        assert store.notices == []
    assert not stale.exists()


def test_a_healthy_folder_gives_no_notices(tmp_path):
    _two_generations(tmp_path)
    with DataStore(tmp_path) as store:
        store.open_profile("ann")
        assert store.notices == []
    assert json.loads((tmp_path / "profile-ann.json").read_text())["_meta"]["1"]["schema_version"] == 1


def test_a_recovery_notice_is_said_in_spanish_as_well(tmp_path):
    """The home screen shows the store's notices in the language in use: each sentence of a notice in it."""
    from kiosk.core.notice import Notice
    from kiosk.store.recovery import load_or_recover

    path = tmp_path / "profile-ann.json"
    path.write_text("{ not json", encoding="utf-8")
    _data, notices = load_or_recover(path)
    (notice,) = notices
    assert isinstance(notice, Notice) and "profile-ann.json was damaged" in notice
    spanish = notice.in_language("es")
    assert spanish.startswith("El archivo de datos profile-ann.json estaba dañado:")
    assert "No había copia de seguridad, así que estos datos empiezan vacíos." in spanish
    assert notice.in_language("en") == str(notice)
