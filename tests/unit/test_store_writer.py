"""The store's background writer: order, flush, and a close that waits at most a given time."""

from __future__ import annotations

import threading

import pytest

from kiosk.store.background_writer import BackgroundWriter


def test_close_waits_for_everything_queued():
    writer = BackgroundWriter()
    done = []
    for n in range(5):
        writer.submit(done.append, n)
    writer.close(timeout=10)
    assert done == [0, 1, 2, 3, 4]
    with pytest.raises(RuntimeError):
        writer.submit(done.append, 5)


def test_a_bounded_close_gives_up_on_a_stuck_queue_and_cancels_what_had_not_started():
    writer = BackgroundWriter()
    release = threading.Event()
    running = writer.submit(release.wait, 10)
    waiting = writer.submit(lambda: "never")
    with pytest.raises(TimeoutError):
        writer.close(timeout=0.2)
    assert waiting.cancelled()
    assert not running.done()                 # the call in progress is left to finish on its own
    release.set()
    assert running.result(timeout=5) is True
    writer.close(timeout=1)                   # a second close is a no-op
