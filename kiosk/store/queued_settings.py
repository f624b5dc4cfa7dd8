"""Settings for the GUI thread: read from memory, written on the store's writer thread (never a wait for the disk)."""

from __future__ import annotations

import copy
import json
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import Future

    from kiosk.store.background_writer import BackgroundWriter
    from kiosk.store.settings_repository import SettingsRepository

log = logging.getLogger(__name__)


class QueuedSettings:
    """The SettingsStore port over a SettingsRepository: `get` answers from a copy kept in memory,
    `set` and `remove` change that copy at once and queue the write (in order, like every store
    call). A write that fails is logged; the copy keeps the new value, so the screens stay consistent
    with what the person chose."""

    def __init__(self, repository: SettingsRepository, writer: BackgroundWriter) -> None:
        self._repository = repository
        self._writer = writer
        self._values = repository.as_dict()    # the file's data is in the store's memory: no disk read

    def get(self, key: str, default=None):
        return copy.deepcopy(self._values[key]) if key in self._values else default

    def set(self, key: str, value) -> None:
        """Remember `value` now and save it on the writer. TypeError at once if JSON cannot hold it."""
        json.dumps(value)
        value = copy.deepcopy(value)
        self._values[key] = value
        self._queue(self._repository.set, key, copy.deepcopy(value))

    def remove(self, key: str) -> None:
        self._values.pop(key, None)
        self._queue(self._repository.remove, key)

    def as_dict(self) -> dict:
        return copy.deepcopy(self._values)

    def _queue(self, call, *args) -> None:
        self._writer.submit(call, *args).add_done_callback(_log_failure)


def _log_failure(future: Future) -> None:
    if future.cancelled():
        log.error("a settings change was not saved: the app stopped first")
    elif future.exception() is not None:
        log.error("a settings change was not saved: %s", future.exception())
