"""The journal: writes off the GUI thread, reads once from disk, stays equal to what is on disk."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from kiosk.core.records import PainRating
from kiosk.ui.journal import Journal

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def test_records_in_memory_match_the_disk(qtbot, store):
    profile = store.open_profile("home", create=True)
    profile.ratings.add(PainRating(T0, 5, "before"))
    journal = Journal(profile, store.writer)
    assert [r.pain for r in journal.ratings()] == [5]
    journal.add_rating(PainRating(T0 + timedelta(hours=1), 3, "after"))
    journal.add_rating(PainRating(T0 + timedelta(hours=2), 9, "other"))
    journal.undo_last_rating()
    assert [r.pain for r in journal.ratings()] == [5, 3]
    store.writer.flush()
    assert [r.pain for r in profile.ratings.list()] == [5, 3]


def test_the_guest_keeps_nothing(qtbot, store):
    guest = store.open_profile("guest")
    journal = Journal(guest, store.writer)
    journal.add_rating(PainRating(T0, 5, "before"))
    assert journal.ratings() == [] and not journal.keeps_records
    assert sorted(p.name for p in store.folder.iterdir() if p.name.startswith("profile-")) == []


def test_with_an_opener_the_store_opens_on_first_use_and_a_failure_is_tried_again(qtbot, store):
    calls = []

    def opener():
        calls.append(True)
        if len(calls) == 1:
            raise OSError("disk not ready")
        return store.open_profile("home", create=True), store.writer

    journal = Journal(opener=opener)
    assert calls == []                                   # nothing opened by building it
    with pytest.raises(OSError):                         # said to the caller, not swallowed
        journal.add_rating(PainRating(T0, 4, "before"))
    journal.add_rating(PainRating(T0 + timedelta(hours=1), 6, "after"))   # tried again, and it works
    journal.flush()
    assert len(calls) == 2
    assert [r.pain for r in store.open_profile("home").ratings.list()] == [6]
