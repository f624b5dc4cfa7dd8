"""The store opened after the first paint: the folder held from the start, settings readable before."""

from __future__ import annotations

import json
import threading

import pytest

from kiosk.store import DataFolderInUse, DataStore
from kiosk.store.schema import SchemaTooNew
from kiosk.store.settings_file import SETTINGS_FILE, read_settings
from kiosk.services.deferred_store import DeferredStore


def test_read_settings_sees_what_the_store_wrote(tmp_path):
    with DataStore(tmp_path) as store:
        store.settings.set("look.high_contrast", True)
        store.settings.set("voice", {"rate": "slow"})
    assert read_settings(tmp_path) == {"look.high_contrast": True, "voice": {"rate": "slow"}}


@pytest.mark.parametrize("content", ["", "{not json", "[]", '{"settings": []}', '{"settings": {"1": {}}}'])
def test_read_settings_of_a_damaged_file_is_empty(tmp_path, content):
    (tmp_path / SETTINGS_FILE).write_text(content)
    assert read_settings(tmp_path) == {}
    assert read_settings(tmp_path / "missing") == {}


def test_the_folder_is_held_before_the_store_opens(tmp_path):
    first = DeferredStore(tmp_path)
    try:
        assert not first.is_open
        with pytest.raises(DataFolderInUse):
            DeferredStore(tmp_path)
        with pytest.raises(DataFolderInUse):
            DataStore(tmp_path)
    finally:
        first.close()
    DeferredStore(tmp_path).close()              # released: the next app gets it


def test_settings_read_from_disk_until_open_then_from_the_store(tmp_path):
    with DataStore(tmp_path) as store:
        store.settings.set("look.large_text", True)
    deferred = DeferredStore(tmp_path)
    try:
        assert deferred.settings.get("look.large_text") is True
        assert deferred.settings.get("missing", "default") == "default"
        assert not deferred.is_open                      # reading did not open it
        deferred.settings.set("look.high_contrast", True)
        assert deferred.is_open                          # writing did
        assert deferred.settings.get("look.high_contrast") is True
        deferred.settings.remove("look.large_text")      # the rest of the repository, through the store
        assert deferred.settings.get("look.large_text") is None
    finally:
        deferred.close()
    assert read_settings(tmp_path) == {"look.high_contrast": True}


def test_values_read_early_are_copies(tmp_path):
    with DataStore(tmp_path) as store:
        store.settings.set("voice", {"rate": "slow"})
    deferred = DeferredStore(tmp_path)
    try:
        deferred.settings.get("voice")["rate"] = "fast"
        assert deferred.settings.get("voice") == {"rate": "slow"}
    finally:
        deferred.close()


def test_open_adopts_the_lock_and_close_releases_it(tmp_path):
    deferred = DeferredStore(tmp_path)
    store = deferred.open()
    assert deferred.open() is store
    store.settings.set("x", 1)
    deferred.close()
    with DataStore(tmp_path) as again:
        assert again.settings.get("x") == 1


def test_a_store_that_fails_to_open_leaves_the_folder_held(tmp_path):
    import json

    from kiosk.store import SchemaTooNew

    (tmp_path / SETTINGS_FILE).write_text(json.dumps(
        {"_meta": {"1": {"schema_version": 999, "kind": "settings"}}, "settings": {}}))
    deferred = DeferredStore(tmp_path)
    try:
        with pytest.raises(SchemaTooNew):
            deferred.open()
        with pytest.raises(DataFolderInUse):          # still ours until we close
            DeferredStore(tmp_path)
    finally:
        deferred.close()
    DeferredStore(tmp_path).close()


def test_the_apps_store_forgets_the_audio_of_personal_sentences_on_delete(tmp_path):
    personal = tmp_path / "speech-cache" / "personal" / "summary.wav"
    kept = tmp_path / "speech-cache" / "instruction.wav"
    deferred = DeferredStore(tmp_path)
    try:
        store = deferred.open()
        store.profiles.create("ann")
        personal.parent.mkdir(parents=True)
        personal.write_bytes(b"RIFF ann's average pain")
        kept.write_bytes(b"RIFF lie on your back")
        store.delete_profile("ann")
        assert not personal.exists() and kept.exists()
    finally:
        deferred.close()


def test_opened_in_background_then_open_answers_with_that_store(tmp_path):
    with DataStore(tmp_path) as store:
        store.settings.set("look.large_text", True)
    deferred = DeferredStore(tmp_path)
    try:
        opened = deferred.open_in_background()
        assert deferred.open_in_background() is opened           # one thread, however often asked
        assert opened.wait(10)
        store = deferred.open()
        assert deferred.is_open and deferred.open() is store
        assert store.settings.get("look.large_text") is True
        assert deferred.open_in_background().is_set()            # open already: nothing to wait for
    finally:
        deferred.close()
    assert not any(t.name == "store-opener" for t in threading.enumerate())
    DeferredStore(tmp_path).close()                              # the folder was released


def test_open_while_the_thread_is_still_opening_waits_for_it(tmp_path):
    deferred = DeferredStore(tmp_path)
    try:
        deferred.open_in_background()
        store = deferred.open()                                  # at once: joins the thread
        assert store is deferred.open() and (tmp_path / "settings.json").is_file()
    finally:
        deferred.close()


def test_a_folder_the_thread_cannot_open_raises_from_open_and_close_releases_it(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps(                         # a newer format
        {"_meta": {"1": {"schema_version": 999, "kind": "settings"}}, "settings": {}}))
    deferred = DeferredStore(tmp_path)
    try:
        assert deferred.open_in_background().wait(10)
        with pytest.raises(SchemaTooNew):
            deferred.open()
        assert not deferred.is_open
    finally:
        deferred.close()
    DeferredStore(tmp_path).close()


def test_close_while_the_thread_is_opening_waits_for_it_then_closes_the_store(tmp_path):
    deferred = DeferredStore(tmp_path)
    deferred.open_in_background()
    deferred.close()
    assert not any(t.name == "store-opener" for t in threading.enumerate())
    DeferredStore(tmp_path).close()
