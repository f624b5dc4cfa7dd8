"""TinyDB's own test suite (pinned sdist, fetched once and cached) run with AtomicJSONStorage."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import tinydb

from prerequisites import missing as prerequisite_missing

VERSION = "4.9.0"
SDIST = f"tinydb-{VERSION}.tar.gz"
SDIST_SHA256 = "6928b1fa785186bda7952a0ba05aaeedc883ede565ca9c7d608de44e5e75de70"
PROJECT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

#: Tests about JSONStorage itself rather than the behaviour of a storage, and why they do not apply.
NOT_APPLICABLE_STORAGE = {
    "tests/test_tables.py::test_table_repr[json]":
        "matches the class name 'tinydb.storages.JSONStorage' in the table's repr",
    "tests/test_middlewares.py::test_caching_json_write":
        "reads JSONStorage's private open file handle `_handle`; AtomicJSONStorage keeps no file "
        "open between writes (each write goes to a new temp file)",
}
#: With the store's AppendTable as TinyDB's table class, this test does not apply either.
NOT_APPLICABLE_TABLE = {
    "tests/test_tables.py::test_table_repr[memory]":
        "matches the class name 'Table' in the repr (AppendTable's repr names AppendTable)",
}


def _cache_folder(config) -> Path:
    cache = getattr(config, "cache", None)
    if cache is not None:
        return Path(cache.mkdir(f"tinydb-{VERSION}-sdist"))
    folder = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "si-kiosk-tests"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def sdist(request) -> Path:
    """The tinydb sdist, downloaded with pip on first use and kept in pytest's cache."""
    folder = _cache_folder(request.config)
    archive = folder / SDIST
    if not archive.exists() or _sha256(archive) != SDIST_SHA256:
        try:
            done = subprocess.run(
                [sys.executable, "-m", "pip", "download", f"tinydb=={VERSION}", "--no-binary", ":all:",
                 "--no-deps", "--disable-pip-version-check", "-d", str(folder)],
                capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            prerequisite_missing(f"offline: pip download of tinydb {VERSION} timed out")
        if done.returncode != 0 or not archive.exists():
            lines = done.stderr.strip().splitlines() or ["no output"]
            why = next((line for line in reversed(lines) if line.startswith("ERROR")), lines[-1])
            prerequisite_missing(f"offline: could not download the tinydb {VERSION} sdist with pip ({why})")
    assert _sha256(archive) == SDIST_SHA256, "the cached tinydb sdist is not the pinned file"
    return archive


def test_installed_tinydb_is_the_pinned_version():
    assert tinydb.__version__ == VERSION


@pytest.mark.parametrize("table", ["tinydb", "append"])
def test_tinydb_suite_passes_with_atomic_json_storage(sdist, tmp_path, table):
    """The suite with AtomicJSONStorage as JSONStorage; `append`: and with the store's AppendTable."""
    not_applicable = dict(NOT_APPLICABLE_STORAGE, **(NOT_APPLICABLE_TABLE if table == "append" else {}))
    with tarfile.open(sdist) as archive:
        members = [m for m in archive.getmembers() if m.name.startswith(f"tinydb-{VERSION}/tests/")]
        archive.extractall(tmp_path, members=members, filter="data")
    suite = tmp_path / f"tinydb-{VERSION}"
    (suite / "pytest.ini").write_text("[pytest]\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE), str(PROJECT)]),
               PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", KIOSK_TINYDB_SUITE_TABLE=table)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "tinydb_suite_plugin", "-p", "no:cacheprovider",
               "-c", str(suite / "pytest.ini"), "--rootdir", str(suite), "tests"]
    for test_id in not_applicable:
        command += ["--deselect", test_id]
    done = subprocess.run(command, cwd=suite, env=env, capture_output=True, text=True, timeout=300)
    report = done.stdout[-3000:] + done.stderr[-2000:]
    assert done.returncode == 0, report
    assert "storage under test: kiosk.store.atomic_storage.AtomicJSONStorage" in done.stdout, report
    passed = int(re.search(r"(\d+) passed", done.stdout).group(1))
    deselected = int(re.search(r"(\d+) deselected", done.stdout).group(1))
    assert passed >= 200, report
    assert deselected == len(not_applicable), report
    if table == "append":
        assert "table class: kiosk.store.append_table.AppendTable" in done.stdout, report
