"""The journal: writes off the GUI thread, reads once from disk, stays equal to what is on disk."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from kiosk.core.records import PainRating
from kiosk.services.journal import Journal

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def test_records_in_memory_match_the_disk(qtbot, store):
    profile = store.open_profile("home", create=True)
    profile.ratings.add(PainRating(T0, 5, "before"))
    journal = Journal(profile, store.writer)
    assert journal.is_ready and [r.pain for r in journal.ratings()] == [5]
    journal.add_rating(PainRating(T0 + timedelta(hours=1), 3, "after"))
    nine = journal.add_rating(PainRating(T0 + timedelta(hours=2), 9, "other"))
    journal.undo_rating(nine)
    assert [r.pain for r in journal.ratings()] == [5, 3]
    store.writer.flush()
    assert [r.pain for r in profile.ratings.list()] == [5, 3]


def test_details_replace_the_rating_they_belong_to_in_one_write(qtbot, store, monkeypatch):
    from dataclasses import replace

    from kiosk.store import atomic_file

    profile = store.open_profile("home", create=True)
    journal = Journal(profile, store.writer)
    first = journal.add_rating(PainRating(T0, 2, "before"))
    after = journal.add_rating(PainRating(T0 + timedelta(hours=1), 6, "after"))
    store.writer.flush()
    writes = []
    real = atomic_file.write_atomically
    monkeypatch.setattr(atomic_file, "write_atomically", lambda *a, **k: (writes.append(a[0]), real(*a, **k)))
    from kiosk.store import atomic_storage
    monkeypatch.setattr(atomic_storage, "write_atomically", atomic_file.write_atomically)
    fuller = journal.replace_rating(after, replace(after.record, side="left", note="stairs"))
    journal.flush()
    assert len(writes) == 1                                   # no moment on disk without the rating
    assert [(r.pain, r.side, r.note) for r in profile.ratings.list()] == [(2, None, ""), (6, "left", "stairs")]
    assert journal.ratings()[1] is fuller.record
    journal.undo_rating(fuller)                               # removes exactly that record
    journal.flush()
    assert [r.pain for r in profile.ratings.list()] == [2]
    assert first.record_id() is not None


def test_undo_after_a_failed_write_leaves_the_earlier_rating_alone(qtbot, store, monkeypatch):
    profile = store.open_profile("home", create=True)
    journal = Journal(profile, store.writer)
    journal.add_rating(PainRating(T0, 4, "before"))
    store.writer.flush()
    real_add = profile.ratings.add_many

    def full_disk(records):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(profile.ratings, "add_many", full_disk)
    with qtbot.waitSignal(journal.save_failed):
        lost = journal.add_rating(PainRating(T0 + timedelta(hours=1), 7, "after"))
    monkeypatch.setattr(profile.ratings, "add_many", real_add)
    journal.undo_rating(lost)
    journal.flush()
    assert lost.record_id() is None
    assert [r.pain for r in profile.ratings.list()] == [4]     # the real, earlier rating is still there
    assert [r.pain for r in journal.ratings()] == [4]


def test_the_guest_keeps_nothing(qtbot, store):
    guest = store.open_profile("guest")
    journal = Journal(guest, store.writer)
    journal.add_rating(PainRating(T0, 5, "before"))
    assert journal.ratings() == [] and not journal.keeps_records
    assert sorted(p.name for p in store.folder.iterdir() if p.name.startswith("profile-")) == []


def test_with_an_opener_the_profile_opens_on_the_writer_and_a_failure_is_tried_again(qtbot, store):
    import threading

    calls = []

    def open_profile():
        calls.append(threading.current_thread() is threading.main_thread())
        if len(calls) == 1:
            raise OSError("disk not ready")
        return store.open_profile("home", create=True)

    journal = Journal(opener=lambda: (store.writer, open_profile))
    assert calls == [] and not journal.is_ready          # nothing opened by building it
    with qtbot.waitSignal(journal.save_failed) as failed:  # said on screen, not swallowed
        journal.add_rating(PainRating(T0, 4, "before"))
    assert "disk not ready" in failed.args[0]
    # save_failed may come first: emitted directly when the load's future was done before its callback was
    # added. The load's own failure (a queued signal) ends the first try; only then can a second one start.
    qtbot.waitUntil(lambda: not journal._loading, timeout=5000)
    journal.add_rating(PainRating(T0 + timedelta(hours=1), 6, "after"))
    journal.flush()
    assert calls == [False, False]                       # never on the GUI thread; the write tried again
    assert [r.pain for r in store.open_profile("home").ratings.list()] == [4, 6]
    shown = []
    journal.when_ready(lambda: shown.append([r.pain for r in journal.ratings()]))   # the chart asks
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == [[4, 6]] and journal.is_ready


def test_records_added_while_the_profile_opens_follow_the_ones_on_disk(qtbot, store):
    store.open_profile("home", create=True).ratings.add(PainRating(T0, 3, "before"))
    journal = Journal(opener=lambda: (store.writer, lambda: store.open_profile("home")))
    journal.open()
    journal.add_rating(PainRating(T0 + timedelta(hours=1), 8, "during"))
    shown = []
    journal.when_ready(lambda: shown.append([r.pain for r in journal.ratings()]))
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == [[3, 8]]
