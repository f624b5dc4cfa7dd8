"""AtomicJSONStorage and the atomic file write under it, on real files."""

from __future__ import annotations

import json
import os
import stat

import pytest
from tinydb import TinyDB

from kiosk.store import atomic_file
from kiosk.store.atomic_file import backup_path, write_atomically
from kiosk.store.atomic_storage import DOCUMENTS_PER_SLICE, AtomicJSONStorage, encode_in_slices


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _leftovers(folder) -> list[str]:
    return [p.name for p in folder.iterdir() if ".tmp-" in p.name]


@pytest.mark.parametrize("data", [
    {},
    {"_default": {}},
    {"ratings": {str(i): {"pain": i % 11, "note": "é\n\"x\"", "tags": [1, None]} for i in range(2 * DOCUMENTS_PER_SLICE + 7)},
     "_meta": {"1": {"schema_version": 1}}, "empty": {}},
    {"a": 1, "b": [1, 2]},                      # not TinyDB's layout: encoded in one go
    [1, 2, 3],
])
def test_sliced_encoding_is_byte_for_byte_json_dumps(data):
    assert "".join(encode_in_slices(data)) == json.dumps(data)


def test_sliced_encoding_honours_json_options():
    data = {"t": {"1": {"b": 1, "a": 2}}}
    assert "".join(encode_in_slices(data, indent=2, sort_keys=True)) == json.dumps(data, indent=2, sort_keys=True)


def test_write_replaces_the_file_keeps_the_previous_generation_and_is_private(tmp_path):
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write({"t": {"1": {"n": 1}}})
    storage.write({"t": {"1": {"n": 2}}})
    assert json.loads(path.read_text()) == {"t": {"1": {"n": 2}}}
    assert json.loads(backup_path(path).read_text()) == {"t": {"1": {"n": 1}}}
    if os.name == "posix":
        assert _mode(path) == 0o600
        assert _mode(backup_path(path)) == 0o600
    assert _leftovers(tmp_path) == []


def test_new_file_holds_an_empty_database_not_zero_bytes(tmp_path):
    path = tmp_path / "new.json"
    AtomicJSONStorage(path).close()
    assert path.read_text() == "{}"
    assert not backup_path(path).exists()


def test_reads_come_from_memory_after_the_first(tmp_path):
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write({"t": {"1": {"n": 1}}})
    path.write_text(json.dumps({"t": {}}))             # someone else changed the file
    assert storage.read() == {"t": {"1": {"n": 1}}}    # not re-read
    storage.forget_cache()
    assert storage.read() == {"t": {}}


def test_a_failed_write_leaves_the_file_and_drops_the_cache(tmp_path, monkeypatch):
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write({"t": {"1": {"n": 1}}})
    data = storage.read()
    data["t"]["2"] = {"n": object()}                    # cannot be encoded
    with pytest.raises(TypeError):
        storage.write(data)
    assert storage.read() == {"t": {"1": {"n": 1}}}
    assert _leftovers(tmp_path) == []

    def broken_replace(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_file.os, "replace", broken_replace)
    with pytest.raises(OSError):
        storage.write({"t": {"9": {"n": 9}}})
    monkeypatch.undo()
    assert json.loads(path.read_text()) == {"t": {"1": {"n": 1}}}
    assert storage.read() == {"t": {"1": {"n": 1}}}
    assert _leftovers(tmp_path) == []


def test_read_only_mode_refuses_writes_and_needs_the_file(tmp_path):
    path = tmp_path / "db.json"
    with pytest.raises(FileNotFoundError):
        AtomicJSONStorage(path, access_mode="r")
    AtomicJSONStorage(path).write({"t": {}})
    storage = AtomicJSONStorage(path, access_mode="r")
    assert storage.read() == {"t": {}}
    with pytest.raises(OSError):
        storage.write({"t": {"1": {}}})


def test_create_dirs_makes_a_private_folder(tmp_path):
    path = tmp_path / "new" / "db.json"
    with pytest.raises(OSError):
        AtomicJSONStorage(path)
    AtomicJSONStorage(path, create_dirs=True).close()
    assert path.exists()
    if os.name == "posix":
        assert _mode(path.parent) == 0o700


def test_tinydb_round_trip_through_reopen(tmp_path):
    path = tmp_path / "db.json"
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        db.insert({"pain": 4})
        db.table("other").insert({"x": 1})
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        assert db.all() == [{"pain": 4}]
        assert db.table("other").all() == [{"x": 1}]


def test_write_atomically_falls_back_to_copying_without_hard_links(tmp_path, monkeypatch):
    path = tmp_path / "f.json"
    write_atomically(path, ["{}"])

    def no_links(source, target):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(atomic_file.os, "link", no_links)
    write_atomically(path, ['{"a": {}}'])
    assert backup_path(path).read_text() == "{}"
    assert path.read_text() == '{"a": {}}'
