"""One person's records for the screens: writes run on the store's writer thread, reads from memory."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from concurrent.futures import Future

    from kiosk.core.records import AerobicEntry, PainRating, SessionRecord

log = logging.getLogger(__name__)


class Journal(QObject):
    """Saves ratings, sessions and aerobic minutes without blocking the GUI thread.

    With no profile (the clinic's guest) nothing is kept anywhere. With `opener` instead, a
    callable returning (profile, writer), the store is opened on first use.

    Signals:
        save_failed(str): a write did not reach the disk; the message says why
    """

    save_failed = Signal(str)

    def __init__(self, profile=None, writer=None, parent: QObject | None = None, opener=None,
                 eraser=None) -> None:
        super().__init__(parent)
        self._profile = profile
        self._writer = writer
        self._opener = opener
        self._reopen = opener
        self._eraser = eraser                  # deletes the profile's records from disk (see erase)
        self._loaded: dict[str, list] = {}     # records read once from disk, then kept up to date here

    @classmethod
    def for_profile(cls, open_store, profile_id: str, parent: QObject | None = None) -> Journal:
        """The journal of one profile of the store `open_store()` returns (opened on first use; the
        profile is made when missing), able to erase that profile's records."""
        def opener():
            store = open_store()
            return store.open_profile(profile_id, create=True), store.writer

        def eraser():
            store = open_store()

            def delete() -> None:              # after every write queued before it: the writer keeps order
                from kiosk.store.profile_repository import ProfileError

                try:
                    store.delete_profile(profile_id)
                except ProfileError:           # never written to: nothing to delete
                    pass

            store.writer.submit(delete).result(timeout=30)

        return cls(parent=parent, opener=opener, eraser=eraser)

    @property
    def can_erase(self) -> bool:
        return self._eraser is not None

    def erase(self) -> None:
        """Delete every record of this person from memory and disk; the next record starts a new diary."""
        if self._eraser is None:
            raise RuntimeError("this journal cannot erase its profile")
        try:
            self._eraser()
        finally:                               # even half done, the profile it had is closed: open afresh
            self._loaded = {}
            self._profile = self._writer = None
            self._opener = self._reopen

    def open(self) -> None:
        """Open the profile now, when the journal was given an opener (raises, and tries again next time, if
        it fails)."""
        if self._opener is not None:
            self._profile, self._writer = self._opener()
            self._opener = None

    @property
    def keeps_records(self) -> bool:
        self.open()
        return self._profile is not None and not self._profile.is_guest

    def add_rating(self, rating: PainRating) -> None:
        self._add("ratings", rating)

    def undo_last_rating(self) -> None:
        if not self.keeps_records:
            return
        if self._loaded.get("ratings"):
            self._loaded["ratings"].pop()
        self._write(lambda: self._profile.ratings.undo_last())

    def add_session(self, record: SessionRecord) -> None:
        self._add("sessions", record)

    def add_aerobic(self, entry: AerobicEntry) -> None:
        self._add("aerobic", entry)

    def ratings(self) -> list[PainRating]:
        return self._records("ratings")

    def sessions(self) -> list[SessionRecord]:
        return self._records("sessions")

    def aerobic(self) -> list[AerobicEntry]:
        return self._records("aerobic")

    def flush(self, timeout: float = 5.0) -> None:
        """Wait for queued writes (before reading what was just written)."""
        if self.keeps_records and self._writer is not None:
            self._writer.flush(timeout)

    # -- inside -----------------------------------------------------------------------------
    def _add(self, kind: str, record) -> None:
        if not self.keeps_records:
            return
        if kind in self._loaded:
            self._loaded[kind].append(record)
        repository = getattr(self._profile, kind)
        self._write(lambda: repository.add(record))

    def _records(self, kind: str) -> list:
        """All records of one kind, oldest first: read from disk once, then from memory."""
        if not self.keeps_records:
            return []
        if kind not in self._loaded:
            self.flush()
            self._loaded[kind] = getattr(self._profile, kind).list()
        return list(self._loaded[kind])

    def _write(self, call) -> None:
        if not self.keeps_records:
            return
        if self._writer is None:
            call()
            return
        future: Future = self._writer.submit(call)
        future.add_done_callback(self._check)

    def _check(self, future: Future) -> None:
        if future.cancelled():                 # the app was stopped before this write could start
            log.error("saving cancelled: the app stopped first")
            return
        error = future.exception()
        if error is not None:
            log.error("saving failed: %s", error)
            self.save_failed.emit(f"Could not save: {error}")   # queued to the GUI thread
