"""Writes the app's cache files (routine index, pose pictures) on one thread of their own, in order; joined at exit."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import queue

log = logging.getLogger(__name__)
Job = Callable[[], object]


class CacheWriter:
    """`submit(job)` returns at once; the jobs run one after another on a thread started on first use.

    For files that hold nothing personal and are only caches (each written atomically by its job,
    so a start that stops half way leaves the old file or none). `close()` runs what is queued and
    ends the thread; a job submitted after that runs at once, on the caller's thread.
    """

    def __init__(self, name: str = "cache-writer") -> None:
        self._name = name
        self._jobs: queue.SimpleQueue[Job | None] | None = None    # made with the thread (none: nothing written)
        self._thread: threading.Thread | None = None
        self._closed = False
        self._guard = threading.Lock()

    def submit(self, job: Job) -> None:
        with self._guard:
            if not self._closed:
                if self._thread is None:
                    import queue

                    self._jobs = queue.SimpleQueue()
                    self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                    self._thread.start()
                self._jobs.put(job)
                return
        self._do(job)

    def close(self, timeout: float | None = None) -> None:
        """Finish the queued jobs (waiting at most `timeout` s), then end the thread."""
        with self._guard:
            self._closed = True
            thread, self._thread = self._thread, None
        if thread is not None:
            self._jobs.put(None)
            thread.join(timeout)

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            self._do(job)

    @staticmethod
    def _do(job: Job) -> None:
        try:
            job()
        except Exception:                    # a cache not written only means more work next start
            log.exception("a cache file was not written")
