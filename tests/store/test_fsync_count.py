"""A save is durable: the new file's bytes and the folder entry that names it are both fsynced."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timezone

import pytest

from kiosk.core.records import PainRating
from kiosk.store import DataStore

pytestmark = pytest.mark.skipif(os.name != "posix", reason="folders are fsynced on POSIX only")


@pytest.fixture
def fsyncs(monkeypatch):
    """Every os.fsync call, as ("file" | "folder", the path it was open on)."""
    calls: list[tuple[str, str]] = []
    real = os.fsync

    def counting(fd):
        mode = os.fstat(fd).st_mode
        kind = "folder" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else "other"
        calls.append((kind, os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else ""))
        real(fd)

    monkeypatch.setattr(os, "fsync", counting)
    return calls


def test_one_rating_saved_fsyncs_the_new_file_then_its_folder(tmp_path, fsyncs):
    folder = tmp_path / "data"
    with DataStore(folder) as store:
        ratings = store.open_profile("home", create=True).ratings
        ratings.add(PainRating(datetime(2026, 3, 2, 9, tzinfo=timezone.utc), 4, "before"))
        fsyncs.clear()
        ratings.add(PainRating(datetime(2026, 3, 2, 10, tzinfo=timezone.utc), 5, "after"))
        kinds = [kind for kind, _ in fsyncs]
        assert kinds == ["file", "folder"], fsyncs
        file_path, folder_path = (path for _, path in fsyncs)
        assert ".profile-home.json.tmp-" in file_path          # the temp file, before it replaces the old one
        assert folder_path == str(folder.resolve())


def test_a_settings_change_is_as_durable(tmp_path, fsyncs):
    with DataStore(tmp_path / "data") as store:
        fsyncs.clear()
        store.settings.set("look.large_text", True)
        assert [kind for kind, _ in fsyncs] == ["file", "folder"], fsyncs
        fsyncs.clear()
        store.settings.set("look.large_text", False)           # and changing a key that is there
        assert [kind for kind, _ in fsyncs] == ["file", "folder"], fsyncs
    with DataStore(tmp_path / "data") as store:
        assert store.settings.get("look.large_text") is False
