"""The data store, opened on first use so that the home screen paints first; the folder is held from the start."""

from __future__ import annotations

import copy
from pathlib import Path

from kiosk.store.folder_lock import DataFolderLock
from kiosk.store.queued_settings import QueuedSettings   # no TinyDB: imported before the first paint
from kiosk.store.settings_file import read_settings


class DeferredStore:
    """Takes the data folder's lock at once (a second app still stops at once), opens the store later.

    The app opens it right after the first paint; anything that needs it sooner opens it then.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._lock = DataFolderLock(self.folder)
        self._lock.acquire()                   # DataFolderInUse names the folder
        self._store = None
        self.settings = DeferredSettings(self)

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def open(self):
        """The DataStore (opened now if it is not yet: recovery and upgrades happen here)."""
        if self._store is None:
            from kiosk.speech.cache import forget_personal_sentences
            from kiosk.store.data_store import DataStore

            self._store = DataStore(self.folder, lock=self._lock, forget_personal_audio=forget_personal_sentences)
        return self._store

    def close(self, timeout: float | None = None) -> None:
        """Close the store (its queued writes waited for at most `timeout` s) or just release the folder."""
        if self._store is not None:
            self._store.close(timeout)
        else:
            self._lock.release()


class DeferredSettings:
    """The SettingsStore port: until the store is open, reads come from the file as it was at start
    (nothing else writes while the folder is held); then from memory, with writes queued on the
    store's writer (QueuedSettings). A write before the store is open opens it."""

    def __init__(self, owner: DeferredStore) -> None:
        self._owner = owner
        self._early: dict | None = None
        self._settings: QueuedSettings | None = None

    def get(self, key: str, default=None):
        if self._owner.is_open:
            return self._queued().get(key, default)
        if self._early is None:
            self._early = read_settings(self._owner.folder)
        return copy.deepcopy(self._early.get(key, default))

    def set(self, key: str, value) -> None:
        """Remembered at once, saved on the store's writer (a change before the store is open opens it)."""
        self._queued().set(key, value)

    def remove(self, key: str) -> None:
        """Forget a setting (saved on the store's writer)."""
        self._queued().remove(key)

    def as_dict(self) -> dict:
        """Every setting."""
        return self._queued().as_dict()

    def _queued(self) -> QueuedSettings:
        if self._settings is None:
            store = self._owner.open()
            self._settings = QueuedSettings(store.settings, store.writer)
        return self._settings
