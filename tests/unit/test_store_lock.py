"""One app per data folder: a second store on the same folder stops with a clear error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.store import DataFolderInUse, DataStore, SchemaTooNew

PROJECT = Path(__file__).resolve().parents[2]
HOLDER = "import sys; from kiosk.store import DataStore; s = DataStore(sys.argv[1]); print('held', flush=True); sys.stdin.read()"


def test_second_store_on_the_same_folder_is_refused_with_the_folder_named(tmp_path):
    with DataStore(tmp_path):
        with pytest.raises(DataFolderInUse) as caught:
            DataStore(tmp_path)
    message = str(caught.value)
    assert str(tmp_path) in message and "already in use" in message
    assert f"process {os.getpid()}" in message


def test_the_folder_is_free_again_after_close(tmp_path):
    DataStore(tmp_path).close()
    with DataStore(tmp_path) as store:
        assert store.profiles.list() == []


def test_another_process_holding_the_folder_blocks_us_until_it_dies(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(PROJECT)))
    try:
        assert holder.stdout.readline() == "held\n"
        with pytest.raises(DataFolderInUse, match=f"process {holder.pid}"):
            DataStore(tmp_path)
    finally:
        holder.kill()
        holder.wait()
        holder.stdin.close()
        holder.stdout.close()
    with DataStore(tmp_path):          # the OS dropped the dead process's lock
        pass


def test_a_store_that_fails_to_open_releases_the_folder(tmp_path):
    (tmp_path / "settings.json").write_text('{"_meta": {"1": {"schema_version": 99}}}')   # from a newer app
    with pytest.raises(SchemaTooNew):
        DataStore(tmp_path)
    with pytest.raises(SchemaTooNew):
        DataStore(tmp_path)                     # the same error again, not DataFolderInUse
