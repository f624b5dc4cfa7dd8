"""The cache writer runs its jobs in order on a thread of its own, finishes them at close, then runs them inline."""

from __future__ import annotations

import threading

from kiosk.ui.cache_writer import CacheWriter


def test_jobs_run_in_order_off_the_callers_thread_and_close_waits_for_them():
    writer = CacheWriter()
    gate = threading.Event()
    ran: list[tuple[int, bool]] = []
    writer.submit(gate.wait)                                  # holds the queue until released
    for n in range(5):
        writer.submit(lambda n=n: ran.append((n, threading.current_thread() is threading.main_thread())))
    assert ran == []                                          # submit returned before any job ran
    gate.set()
    writer.close(timeout=10)
    assert ran == [(n, False) for n in range(5)]
    assert not any(t.name == "cache-writer" for t in threading.enumerate())


def test_a_failing_job_is_logged_and_the_next_still_runs(caplog):
    writer = CacheWriter()
    ran = []
    writer.submit(lambda: 1 / 0)
    writer.submit(lambda: ran.append("next"))
    writer.close(timeout=10)
    assert ran == ["next"]
    assert "a cache file was not written" in caplog.text


def test_after_close_a_job_runs_at_once_on_the_callers_thread():
    writer = CacheWriter()
    writer.close()
    where = []
    writer.submit(lambda: where.append(threading.current_thread()))
    assert where == [threading.current_thread()]
