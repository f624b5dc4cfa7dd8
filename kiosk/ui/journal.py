"""One person's records for the screens: writes run on the store's writer thread, reads from memory."""

from __future__ import annotations

import logging
from concurrent.futures import Future

from PySide6.QtCore import QObject, Signal

from kiosk.core.records import AerobicEntry, PainRating, SessionRecord

log = logging.getLogger(__name__)


class Journal(QObject):
    """Saves ratings, sessions and aerobic minutes without blocking the GUI thread.

    With no profile (the clinic's guest) nothing is kept anywhere.

    Signals:
        save_failed(str): a write did not reach the disk; the message says why
    """

    save_failed = Signal(str)

    def __init__(self, profile=None, writer=None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._profile = profile
        self._writer = writer

    @property
    def keeps_records(self) -> bool:
        return self._profile is not None and not self._profile.is_guest

    def add_rating(self, rating: PainRating) -> None:
        self._write(lambda: self._profile.ratings.add(rating))

    def undo_last_rating(self) -> None:
        self._write(lambda: self._profile.ratings.undo_last())

    def add_session(self, record: SessionRecord) -> None:
        self._write(lambda: self._profile.sessions.add(record))

    def add_aerobic(self, entry: AerobicEntry) -> None:
        self._write(lambda: self._profile.aerobic.add(entry))

    def ratings(self) -> list[PainRating]:
        return self._read(lambda: self._profile.ratings.list())

    def sessions(self) -> list[SessionRecord]:
        return self._read(lambda: self._profile.sessions.list())

    def aerobic(self) -> list[AerobicEntry]:
        return self._read(lambda: self._profile.aerobic.list())

    def flush(self, timeout: float = 5.0) -> None:
        """Wait for queued writes (before reading what was just written)."""
        if self._writer is not None and self.keeps_records:
            self._writer.flush(timeout)

    # -- inside -----------------------------------------------------------------------------
    def _write(self, call) -> None:
        if not self.keeps_records:
            return
        if self._writer is None:
            call()
            return
        future: Future = self._writer.submit(call)
        future.add_done_callback(self._check)

    def _check(self, future: Future) -> None:
        error = future.exception()
        if error is not None:
            log.error("saving failed: %s", error)
            self.save_failed.emit(f"Could not save: {error}")   # queued to the GUI thread

    def _read(self, call) -> list:
        if not self.keeps_records:
            return []
        self.flush()
        return call()
