"""Ratings, sessions, aerobic minutes and settings, saved to real files and read back after a restart."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timedelta, timezone

import pytest

from kiosk.core.ports import SettingsStore
from kiosk.core.records import AerobicEntry, PainRating, SessionRecord
from kiosk.store import DataStore

TZ = timezone(timedelta(hours=-5))
T0 = datetime(2026, 11, 27, 8, 0, tzinfo=TZ)


def _rating(pain: int, minutes: int = 0, **extra) -> PainRating:
    return PainRating(T0 + timedelta(minutes=minutes), pain, extra.pop("moment", "before"), **extra)


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "data"


def test_ratings_are_kept_in_order_with_every_field_and_their_offset(folder):
    full = _rating(6, 1, moment="during", side="left", exercise="bridge", note="sharp",
                   worse_with=("stairs", "bending"), session_id="s1")
    with DataStore(folder) as store:
        ratings = store.open_profile("ann", create=True).ratings
        first = ratings.add(_rating(4))
        second = ratings.add(full)
        assert second > first
    with DataStore(folder) as store:
        ratings = store.open_profile("ann").ratings
        assert ratings.list() == [_rating(4), full]
        assert ratings.list()[1].timestamp.utcoffset() == timedelta(hours=-5)
        assert ratings.count() == 2
        assert ratings.latest(1) == [full]
        assert [r for _, r in ratings.items()] == ratings.list()


def test_undo_last_and_remove_by_id(folder):
    with DataStore(folder) as store:
        ratings = store.open_profile("ann", create=True).ratings
        assert ratings.undo_last() is None
        keep = ratings.add(_rating(1))
        ratings.add(_rating(2))
        assert ratings.undo_last() == _rating(2)
        third = ratings.add(_rating(3))
        assert third != keep
        assert ratings.remove(keep)
        assert not ratings.remove(keep)
    with DataStore(folder) as store:
        assert store.open_profile("ann").ratings.list() == [_rating(3)]


def test_add_many_is_one_write(folder):
    with DataStore(folder) as store:
        ratings = store.open_profile("ann", create=True).ratings
        generation = (folder / "profile-ann.json").stat().st_ino
        ids = ratings.add_many([_rating(p, p) for p in range(11)])
        assert len(ids) == 11 and ratings.count() == 11
        assert ratings.add_many([]) == []
    backup = json.loads((folder / "profile-ann.json.bak").read_text())
    assert backup.get("ratings", {}) == {}          # the generation before was the empty file
    assert generation == (folder / "profile-ann.json.bak").stat().st_ino


def test_sessions_and_aerobic_entries(folder):
    session = SessionRecord("s1", "gentle-start", T0, T0 + timedelta(minutes=12), done=("bridge",),
                            skipped=("twist",), hurt=("clam:left",), completed=True)
    walk = AerobicEntry(T0, "walking", 30)
    with DataStore(folder) as store:
        profile = store.open_profile("ann", create=True)
        profile.sessions.add(session)
        profile.aerobic.add(walk)
        profile.aerobic.add(AerobicEntry(T0, "cycling", 5))
        assert profile.aerobic.undo_last().activity == "cycling"
    with DataStore(folder) as store:
        profile = store.open_profile("ann")
        assert profile.sessions.list() == [session]
        assert profile.sessions.get("s1") == session
        assert profile.sessions.get("nope") is None
        assert profile.aerobic.list() == [walk]
        assert profile.ratings.list() == []


def test_profiles_do_not_see_each_other(folder):
    with DataStore(folder) as store:
        store.open_profile("ann", create=True).ratings.add(_rating(1))
        store.open_profile("bob", create=True).ratings.add(_rating(9))
        assert [r.pain for r in store.open_profile("ann").ratings.list()] == [1]
        assert store.open_profile("ann") is store.open_profile("ann")


def test_settings_persist_and_implement_the_port(folder):
    with DataStore(folder) as store:
        settings: SettingsStore = store.settings
        assert settings.get("volume", 70) == 70
        settings.set("volume", 40)
        settings.set("voice", {"rate": 150, "name": "en"})
        settings.set("volume", 55)
        with pytest.raises(TypeError):
            settings.set("bad", object())
        store.settings.get("voice")["rate"] = 999         # a copy: the saved value is unchanged
    with DataStore(folder) as store:
        assert store.settings.get("volume") == 55
        assert store.settings.get("voice") == {"rate": 150, "name": "en"}
        store.settings.remove("voice")
        assert store.settings.as_dict() == {"volume": 55}


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_every_file_is_private_to_its_owner(folder):
    folder.mkdir(mode=0o755)
    with DataStore(folder) as store:
        store.open_profile("ann", create=True).ratings.add(_rating(1))
        store.settings.set("a", 1)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_writer_runs_saves_in_order_off_the_calling_thread(folder):
    import threading

    with DataStore(folder) as store:
        ratings = store.open_profile("ann", create=True).ratings
        threads = []

        def add(rating):
            threads.append(threading.current_thread())
            return ratings.add(rating)

        futures = [store.writer.submit(add, _rating(p, p)) for p in range(5)]
        store.writer.flush(timeout=30)
        assert all(f.done() for f in futures)
        assert [f.result() for f in futures] == sorted(f.result() for f in futures)
        assert threading.current_thread() not in threads and len(set(threads)) == 1
        failed = store.writer.submit(ratings.add, "not a rating")
        with pytest.raises(AttributeError):
            failed.result(timeout=30)
        last = store.writer.submit(ratings.add, _rating(10))       # a failure does not stop the writer
    assert last.done()                                              # close finished the queue
    assert store.writer.closed
    with pytest.raises(RuntimeError):
        store.writer.submit(print)
    with DataStore(folder) as store:
        assert [r.pain for r in store.open_profile("ann").ratings.list()] == [0, 1, 2, 3, 4, 10]


def test_store_calls_that_flush_work_from_inside_the_writer(folder):
    with DataStore(folder) as store:
        store.open_profile("ann", create=True).ratings.add(_rating(1))
        store.open_profile("bob", create=True)
        deleted = store.writer.submit(store.profiles.delete, "ann")     # closes the file: flushes
        assert [p.name for p in deleted.result(timeout=30)] == ["profile-ann.json", "profile-ann.json.bak"]
        with pytest.raises(RuntimeError):
            store.writer.submit(store.writer.close).result(timeout=30)
    unused = DataStore(folder)
    unused.close()
    with pytest.raises(RuntimeError, match="closed"):
        unused.writer                   # no thread is started for a closed store
