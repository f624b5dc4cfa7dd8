"""One background thread that runs store calls in order, so the GUI thread never waits on a disk."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout


class BackgroundWriter:
    """Runs submitted calls one at a time, in submission order, on a single worker thread.

    `submit` returns a concurrent.futures.Future at once; it completes when the call has
    returned (for a repository write: when the data is on disk, i.e. acknowledged) or raised.
    Hand results to Qt with a signal from a done-callback (callbacks run on the worker thread).
    `close` runs everything already queued, then stops the thread.
    """

    def __init__(self, name: str = "kiosk-store-writer") -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name,
                                            initializer=self._remember_worker)
        self._worker: int | None = None
        self._closed = False

    def _remember_worker(self) -> None:
        self._worker = threading.get_ident()

    @property
    def on_worker(self) -> bool:
        """True when called from the writer's own thread (inside a submitted call)."""
        return threading.get_ident() == self._worker

    @property
    def closed(self) -> bool:
        return self._closed

    def submit(self, call: Callable, /, *args, **kwargs) -> Future:
        """Queue `call(*args, **kwargs)`; RuntimeError after close."""
        if self._closed:
            raise RuntimeError("the store's writer is closed")
        return self._executor.submit(call, *args, **kwargs)

    def flush(self, timeout: float | None = None) -> None:
        """Wait until every call submitted so far has finished (TimeoutError after `timeout` s).

        From inside a submitted call it returns at once: everything queued before it is done.
        """
        if not self._closed and not self.on_worker:
            self._executor.submit(lambda: None).result(timeout)

    def close(self, timeout: float | None = None) -> None:
        """Finish every queued call, then stop the worker thread. Safe to call twice.

        With `timeout`, wait at most that long: TimeoutError when the queue has not drained by
        then; the calls not yet started are cancelled (their futures say so) and the one running
        finishes on its own. Not from inside a submitted call (RuntimeError: the thread cannot
        wait for itself).
        """
        if self.on_worker:
            raise RuntimeError("the store's writer cannot be closed from its own thread")
        if self._closed:
            return
        self._closed = True
        if timeout is not None:
            drained = self._executor.submit(lambda: None)
            try:
                drained.result(timeout)
            except FutureTimeout:
                self._executor.shutdown(wait=False, cancel_futures=True)
                raise TimeoutError(f"the store's writer did not finish its queue within {timeout} s") from None
        self._executor.shutdown(wait=True)
