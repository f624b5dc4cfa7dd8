"""Profiles: create, list, get, delete (every file), display names, hashed PINs, the guest."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from kiosk.core.records import PainRating
from kiosk.store import GUEST_PROFILE_ID, DataStore, ProfileError

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path):
    with DataStore(tmp_path / "data") as opened:
        yield opened


def test_create_get_and_list_survive_a_restart(tmp_path):
    folder = tmp_path / "data"
    with DataStore(folder) as store:
        store.profiles.create("ann", display_name="  A.  N. ", now=NOW)
        store.profiles.create("bob", now=datetime(2026, 11, 28, tzinfo=timezone.utc))
        generated = store.profiles.create(now=datetime(2026, 11, 29, tzinfo=timezone.utc))
    with DataStore(folder) as store:
        ann = store.profiles.get("ann")
        assert (ann.profile_id, ann.display_name, ann.created, ann.has_pin) == ("ann", "A. N.", NOW, False)
        assert [p.profile_id for p in store.profiles.list()] == ["ann", "bob", generated.profile_id]
        assert generated.profile_id.startswith("p-")
        assert store.profiles.exists(generated.profile_id)
        assert store.profiles.get("nobody") is None


@pytest.mark.parametrize("bad", ["", "Ann", "../etc", "a/b", "a" * 33, "-x", "ann.json"])
def test_ids_that_are_not_safe_file_names_are_refused(store, bad):
    with pytest.raises(ProfileError):
        store.profiles.create(bad)


def test_duplicates_and_the_guest_id_are_refused(store):
    store.profiles.create("ann")
    with pytest.raises(ProfileError, match="already"):
        store.profiles.create("ann")
    with pytest.raises(ProfileError, match="guest"):
        store.profiles.create(GUEST_PROFILE_ID)


def test_display_name_can_be_changed_or_cleared(store):
    store.profiles.create("ann", display_name="Ann")
    assert store.profiles.set_display_name("ann", "A.").display_name == "A."
    assert store.profiles.set_display_name("ann", "   ").display_name is None
    with pytest.raises(ProfileError):
        store.profiles.set_display_name("ann", "x" * 41)


def test_pin_is_stored_only_as_a_salted_scrypt_hash_and_verified(store):
    store.profiles.create("ann", pin="482913")
    store.profiles.create("bob", pin="482913")
    raw = json.loads((store.folder / "profiles.json").read_text())["profiles"]
    hashes = [doc["pin_hash"] for doc in raw.values()]
    assert all(h.startswith("scrypt$") for h in hashes)
    assert hashes[0] != hashes[1]                                   # salted
    assert "482913" not in (store.folder / "profiles.json").read_text()
    assert store.profiles.get("ann").has_pin
    assert store.profiles.verify_pin("ann", "482913")
    assert not store.profiles.verify_pin("ann", "482914")
    assert not store.profiles.verify_pin("nobody", "482913")


def test_pin_rules_and_changes(store):
    for bad in ("123", "1234567", "12a4", "١٢٣٤", ""):
        with pytest.raises(ValueError):
            store.profiles.create("ann", pin=bad)
    store.profiles.create("ann")
    assert not store.profiles.verify_pin("ann", "1234")             # no PIN set: nothing verifies
    store.profiles.set_pin("ann", "1234")
    assert store.profiles.verify_pin("ann", "1234")
    store.profiles.set_pin("ann", None)
    assert not store.profiles.get("ann").has_pin
    with pytest.raises(ProfileError):
        store.profiles.set_pin("nobody", "1234")


def test_delete_removes_every_file_of_the_profile_and_only_those(store):
    for profile_id in ("ann", "anna"):
        ratings = store.open_profile(profile_id, create=True).ratings
        ratings.add(PainRating(NOW, 2, "before"))
        ratings.add(PainRating(NOW, 3, "after"))
    (store.folder / "profile-ann.json.corrupt-20261127T100000Z").write_text("x")
    removed = store.profiles.delete("ann")
    assert sorted(p.name for p in removed) == [
        "profile-ann.json", "profile-ann.json.bak", "profile-ann.json.corrupt-20261127T100000Z"]
    assert not store.profiles.exists("ann")
    assert sorted(p.name for p in store.folder.iterdir() if "ann" in p.name) == [
        "profile-anna.json", "profile-anna.json.bak"]
    assert store.open_profile("anna").ratings.count() == 2
    with pytest.raises(ProfileError):
        store.profiles.delete("ann")


def test_the_guest_records_nothing_on_disk(store):
    files_before = sorted(p.name for p in store.folder.iterdir())
    guest = store.open_profile(GUEST_PROFILE_ID)
    assert guest.is_guest and store.profiles.get(GUEST_PROFILE_ID).is_guest
    guest.ratings.add(PainRating(NOW, 7, "before"))
    assert [r.pain for r in guest.ratings.list()] == [7]            # for this visit only
    assert sorted(p.name for p in store.folder.iterdir()) == files_before
    assert store.open_profile(GUEST_PROFILE_ID).ratings.list() == []  # the next visit starts blank
    assert GUEST_PROFILE_ID not in [p.profile_id for p in store.profiles.list()]
    with pytest.raises(ProfileError):
        store.profiles.delete(GUEST_PROFILE_ID)


def test_opening_an_unknown_profile_needs_create(store):
    with pytest.raises(ProfileError, match="no profile"):
        store.open_profile("ann")
    assert store.open_profile("ann", create=True).ratings.count() == 0
    assert store.profiles.exists("ann")


def test_deleted_profile_leaves_no_trace_in_any_file(store):
    store.profiles.create("zed", display_name="Zed Q", pin="4321")
    store.open_profile("zed").ratings.add(PainRating(NOW, 6, "before"))
    store.profiles.create("amy")
    store.profiles.delete("zed")
    for path in store.folder.iterdir():
        if path.is_file():
            text = path.read_bytes()
            assert b"zed" not in text and b"Zed Q" not in text, path.name
