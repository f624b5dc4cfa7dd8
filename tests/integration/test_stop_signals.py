"""The real app told to stop (SIGTERM, as systemd does) right after a rating keeps every rating on disk."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

import pytest

from kiosk.core.records import PainRating
from kiosk.store import DataStore

PROJECT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("rating_child.py")
RUNS = 20
SEED_RATINGS = 60_000             # the profile: a save of the whole file takes ~0.1-0.2 s here
ROUTINE = "gentle-start"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(os.name != "posix", reason="POSIX signals and /proc")]


def _seed(folder: Path) -> float:
    """A profile of SEED_RATINGS ratings, the safety note accepted; returns how long one more save took."""
    with DataStore(folder) as store:
        store.settings.set("safety.accepted", True)
        ratings = store.open_profile("home", create=True).ratings
        stamp = datetime.now(timezone.utc).astimezone()
        ratings.add_many(PainRating(stamp, i % 11, "other", note=f"seed-{i}") for i in range(SEED_RATINGS - 1))
        started = time.perf_counter()
        ratings.add(PainRating(stamp, 0, "other", note="timed"))
        return time.perf_counter() - started


def _session_ids(folder: Path) -> list[str]:
    data = json.loads((folder / "profile-home.json").read_text(encoding="utf-8"))
    return [doc.get("session_id") for doc in data["ratings"].values()]


def _group_members(group: int) -> list[int]:
    """Live processes in process group `group` (the app and any speech worker it started)."""
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[2]) == group and fields[0] != "Z":
                members.append(int(entry.name))
    return members


def _read_line(process: subprocess.Popen, timeout: float) -> str:
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    return process.stdout.readline() if ready else ""


class Stopped(NamedTuple):
    """What a child app said first, and how it ended after the stop signal sent right then."""

    line: str
    code: int | None
    errors: str
    pid: int
    seconds: float


def _stop_after_first_line(folder: Path, argument: str, number: int, expected: str) -> Stopped:
    """Start rating_child.py, wait for its first line (it must start with `expected`), send `number`."""
    env = dict(os.environ, PYTHONPATH=str(PROJECT), QT_QPA_PLATFORM="offscreen", KIOSK_LOG="warning")
    process = subprocess.Popen([sys.executable, str(CHILD), str(folder), argument], env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        line = _read_line(process, 60)
        assert line.startswith(expected), f"first line {line!r}: {process.stderr.read()}"
        started = time.monotonic()
        process.send_signal(number)
        code = process.wait(timeout=30)
        return Stopped(line, code, process.stderr.read(), process.pid, time.monotonic() - started)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()


def test_sigterm_right_after_a_rating_keeps_every_rating(tmp_path):
    folder = tmp_path / "data"
    save_seconds = _seed(folder)
    acknowledged: list[str] = []
    stops: list[float] = []
    for run in range(RUNS):
        stopped = _stop_after_first_line(folder, ROUTINE, signal.SIGTERM, "rated ")
        acknowledged.append(stopped.line.split()[1])       # the screen had moved on: the person was told
        stops.append(stopped.seconds)
        code, errors = stopped.code, stopped.errors
        assert code == 0, f"run {run}: exit code {code}: {errors}"
        assert "Traceback" not in errors and "unsaved" not in errors, errors
        time.sleep(0.2)                                    # a worker killed with the app has gone by now
        assert _group_members(stopped.pid) == [], f"run {run}: the speech worker outlived the app"
        saved = set(_session_ids(folder))                 # the file parses as it is on disk
        lost = [session for session in acknowledged if session not in saved]
        assert not lost, f"run {run}: {len(lost)} of {len(acknowledged)} ratings lost"
    with DataStore(folder) as store:                      # and the store opens it without any repair
        assert store.open_profile("home").ratings.count() == SEED_RATINGS + RUNS
        assert store.notices == []
    print(f"\n{RUNS} SIGTERMs after a rating, profile of {SEED_RATINGS} ratings, one save {save_seconds:.3f} s: "
          f"0 lost; stop took {min(stops):.2f}-{max(stops):.2f} s")


@pytest.mark.parametrize("name", ["SIGINT", "SIGHUP"])
def test_ctrl_c_and_a_closed_session_stop_it_cleanly_too(tmp_path, name):
    folder = tmp_path / "data"
    with DataStore(folder) as store:
        store.settings.set("safety.accepted", True)
    stopped = _stop_after_first_line(folder, ROUTINE, getattr(signal, name), "rated ")
    line, code, errors = stopped.line, stopped.code, stopped.errors
    assert code == 0, errors
    assert "KeyboardInterrupt" not in errors
    assert _session_ids(folder) == [line.split()[1]]
    with DataStore(folder):                               # the folder lock was given back
        pass


def test_the_locked_clinic_window_stops_too(tmp_path):
    """The clinic's window refuses to close; a stop signal ends the app all the same."""
    folder = tmp_path / "data"
    from kiosk.core.admin_pin import AdminPinPolicy

    with DataStore(folder) as store:
        AdminPinPolicy(store.settings).set_pin("97531")
    stopped = _stop_after_first_line(folder, "clinic", signal.SIGTERM, "attract ")
    code, errors = stopped.code, stopped.errors
    assert code == 0, errors
    time.sleep(0.2)
    assert _group_members(stopped.pid) == []
