"""The data store, opened on first use so that the home screen paints first; the folder is held from the start."""

from __future__ import annotations

import copy
import threading
from pathlib import Path

from kiosk.store.folder_lock import DataFolderLock
from kiosk.store.queued_settings import QueuedSettings   # no TinyDB: imported before the first paint
from kiosk.store.settings_file import read_settings


class DeferredStore:
    """Takes the data folder's lock at once (a second app still stops at once), opens the store later.

    The app starts opening it on a thread of its own right after the first paint (`open_in_background`:
    a recovery, an upgrade or the numbering of old diaries writes files, which the GUI thread must not
    wait for); anything that needs it sooner calls `open()`, which then waits for that thread, or
    opens it at once when it was not started.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._lock = DataFolderLock(self.folder)
        self._lock.acquire()                   # DataFolderInUse names the folder
        self._store = None
        self._guard = threading.Lock()
        self._opening: threading.Thread | None = None
        self._opened = threading.Event()       # set when the opening thread has finished
        self._outcome: tuple = (None, None)    # what it made: (store, problem)
        self.settings = DeferredSettings(self)

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def open_in_background(self) -> threading.Event:
        """Start opening the store on a thread of its own; the event is set when it is done (then
        `open()` answers at once, or raises what went wrong). Already open: an event already set."""
        with self._guard:
            if self._store is None and self._opening is None:
                self._opened.clear()
                self._opening = threading.Thread(target=self._open_on_thread, name="store-opener")
                self._opening.start()
            elif self._store is not None:
                self._opened.set()
            return self._opened

    def open(self):
        """The DataStore (opened now if it is not yet: recovery and upgrades happen here; when it is
        being opened on its thread, this waits for that)."""
        with self._guard:
            if self._store is None:
                if self._opening is not None:
                    self._opening.join()           # needed before the thread was done
                    self._opening = None
                    store, problem = self._outcome
                    self._outcome = (None, None)
                    if store is None:              # the next open() tries again, at once
                        raise problem or RuntimeError("the store's opening thread ended without a store")
                    self._store = store
                else:
                    self._store = self._make()
            return self._store

    def _open_on_thread(self) -> None:
        try:
            self._outcome = (self._make(), None)
        except Exception as problem:               # a damaged folder the store cannot repair, a newer format
            self._outcome = (None, problem)
        finally:
            self._opened.set()

    def _make(self):
        from kiosk.speech.cache import forget_personal_sentences
        from kiosk.store.data_store import DataStore

        return DataStore(self.folder, lock=self._lock, forget_personal_audio=forget_personal_sentences)

    def close(self, timeout: float | None = None) -> None:
        """Close the store (its queued writes waited for at most `timeout` s) or just release the folder."""
        if self._opening is not None:
            try:
                self.open()                        # the thread opening it finishes first
            except Exception:
                pass                               # it could not be opened: the folder is released below
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
