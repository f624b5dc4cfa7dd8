"""One person's records for the screens: opened, written and erased on the store's writer thread, read from memory."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.core.translations import N_

if TYPE_CHECKING:
    from concurrent.futures import Future    # the first paint needs no futures: made where a write is

    from kiosk.core.records import AerobicEntry, PainRating, SessionRecord

log = logging.getLogger(__name__)
SAVE_FAILED = N_("Could not save: {problem}")      # the screens' sentence for save_failed
KINDS = ("ratings", "sessions", "aerobic")


class Saved:
    """A record handed to the journal, and the future of its id on disk (None: not written, or guest)."""

    def __init__(self, record: object, future: Future | None = None) -> None:
        self.record, self.future = record, future

    def __repr__(self) -> str:
        return f"Saved(record={self.record!r}, future={self.future!r})"

    def record_id(self) -> int | None:
        """The id the write gave it; None when it failed or never ran. Only on the writer thread, after it."""
        future = self.future
        if future is None or not future.done() or future.cancelled() or future.exception() is not None:
            return None
        return future.result()


class Journal(QObject):
    """Saves ratings, sessions and aerobic minutes without blocking the GUI thread.

    Every record is kept in memory as well, so reads never wait for the disk. With a `profile`
    (already open) its records are read from the store's memory at once. With `opener` instead,
    `open()` asks it (on the GUI thread) for `(writer, open_profile)` and `open_profile()` then
    runs on the writer, ahead of every write: the profile's records reach memory a moment later
    (`ready`; screens that need them use `when_ready`). With no profile (the clinic's guest)
    nothing is kept anywhere.

    Signals:
        save_failed(str): a write (or opening the profile) did not reach the disk: why (shown as SAVE_FAILED)
        ready(): the records on disk are in memory now
        erase_finished(str): the profile was deleted ("") or not (the problem, in words)
        notice(str): opening the profile on the writer repaired something (a recovery notice)
    """

    save_failed = Signal(str)
    notice = Signal(object)          # a str, or a core.notice.Notice (said again in another language)
    ready = Signal()
    erase_finished = Signal(str)
    _loaded = Signal(object)                  # the records read on the writer thread, to the GUI thread
    _load_failed = Signal(str)
    _erase_done = Signal(str)

    def __init__(self, profile=None, writer=None, parent: QObject | None = None, opener=None,
                 eraser=None) -> None:
        super().__init__(parent)
        self._writer = writer
        self._opener = opener
        self._eraser = eraser                  # () -> (writer, delete) for erase
        self._profile = profile                # used on the writer thread only, once the opener is in play
        self._open_profile: Callable | None = None
        self._records: dict[str, list] = {kind: [] for kind in KINDS}
        self._loading = False
        self._is_ready = opener is None
        self._waiting: list[Callable[[], None]] = []
        self._loaded.connect(self._on_loaded)
        self._load_failed.connect(self._on_load_failed)
        self._erase_done.connect(self._on_erase_done)
        if profile is not None and not profile.is_guest:
            for kind in KINDS:                 # the store keeps the file's data in memory: no disk read
                self._records[kind] = getattr(profile, kind).list()

    @classmethod
    def for_profile(cls, open_store, profile_id: str, parent: QObject | None = None) -> Journal:
        """The journal of one profile of the store `open_store()` returns (opened on first use, on the
        store's writer; the profile is made when missing), able to erase that profile's records."""
        def opener():
            store = open_store()
            return store.writer, lambda: store.open_profile(profile_id, create=True)

        def eraser():
            store = open_store()

            def delete() -> None:              # after every write queued before it: the writer keeps order
                from kiosk.store.profile_repository import ProfileError

                try:
                    store.delete_profile(profile_id)
                except ProfileError:           # never written to: nothing to delete
                    pass

            return store.writer, delete

        return cls(parent=parent, opener=opener, eraser=eraser)

    # -- state ------------------------------------------------------------------------------
    @property
    def can_erase(self) -> bool:
        return self._eraser is not None

    @property
    def keeps_records(self) -> bool:
        """False for the guest (and for no one): nothing of theirs is written anywhere."""
        if self._opener is not None:
            return True
        return self._profile is not None and not self._profile.is_guest

    @property
    def is_ready(self) -> bool:
        """True when the records on disk are in memory (at once, unless an opener is still at work)."""
        return self._is_ready

    def open(self) -> None:
        """Start opening the profile on the writer, when the journal was given an opener.

        The opener itself runs here (it may raise, e.g. when the data folder cannot be opened; then
        it is tried again next time); a profile that cannot be opened is reported by `save_failed`.
        """
        if self._opener is None or self._loading or self._is_ready:
            return
        if self._open_profile is None:
            self._writer, self._open_profile = self._opener()
        # What was added before this load is on disk by the time it runs (the writer keeps order),
        # or failed: memory keeps only what comes after it.
        self._records = {kind: [] for kind in KINDS}
        self._loading = True
        self._writer.submit(self._load_on_writer).add_done_callback(self._check)

    def when_ready(self, callback: Callable[[], None]) -> None:
        """Call `callback()` now if the records are in memory, else as soon as they are (or could not be)."""
        if self._is_ready:
            callback()
            return
        self._waiting.append(callback)
        self.open()

    def run_with_profile(self, call: Callable[[object], object]) -> Future | None:
        """Run `call(profile)` (the person's open ProfileData) on the store's writer, after every write
        queued before it; its Future, or None when nothing of this person is kept (nobody, the guest).
        The Future's callbacks run on the writer thread."""
        if not self.keeps_records:
            return None
        self.open()
        if self._writer is None:               # no writer (some tests): run now
            from concurrent.futures import Future

            future: Future = Future()
            try:
                future.set_result(call(self._profile_on_writer()))
            except Exception as error:         # noqa: BLE001 - handed to the caller through the future
                future.set_exception(error)
            return future
        return self._writer.submit(lambda: call(self._profile_on_writer()))

    # -- writing ----------------------------------------------------------------------------
    def add_rating(self, rating: PainRating) -> Saved:
        """Save a rating; the handle lets `replace_rating` or `undo_rating` touch exactly this record."""
        return self._add("ratings", rating)

    def replace_rating(self, saved: Saved, rating: PainRating) -> Saved:
        """Put `rating` (the same rating with details) in place of `saved`, in one write.

        If `saved` never reached the disk, `rating` is added instead: one record either way.
        """
        fuller = Saved(rating)
        if not self.keeps_records:
            return fuller
        self.open()
        self._swap_in_memory("ratings", saved.record, rating)

        def replace():
            repository = self._profile_on_writer().ratings
            record_id = saved.record_id()
            if record_id is not None and repository.replace(record_id, rating):
                return record_id
            return repository.add(rating)

        fuller.future = self._write(replace)
        return fuller

    def undo_rating(self, saved: Saved) -> None:
        """Remove the record `saved` wrote, and only it: nothing when its write failed."""
        if not self.keeps_records:
            return
        self.open()
        self._swap_in_memory("ratings", saved.record, None)

        def undo() -> None:
            record_id = saved.record_id()
            if record_id is not None:
                self._profile_on_writer().ratings.remove(record_id)

        self._write(undo)

    def add_session(self, record: SessionRecord) -> Saved:
        return self._add("sessions", record)

    def add_aerobic(self, entry: AerobicEntry) -> Saved:
        return self._add("aerobic", entry)

    # -- reading (memory only) --------------------------------------------------------------
    def ratings(self) -> list[PainRating]:
        return list(self._records["ratings"])

    def sessions(self) -> list[SessionRecord]:
        return list(self._records["sessions"])

    def aerobic(self) -> list[AerobicEntry]:
        return list(self._records["aerobic"])

    def flush(self, timeout: float = 5.0) -> None:
        """Wait for queued writes (tests, and the clinic before it closes a profile). Blocks: not for
        the home flows."""
        if self.keeps_records and self._writer is not None:
            self._writer.flush(timeout)

    # -- erasing ----------------------------------------------------------------------------
    def erase(self) -> None:
        """Delete every record of this person, from memory now and from disk on the writer; the next
        record starts a new diary. `erase_finished` says how it went."""
        if self._eraser is None:
            raise RuntimeError("this journal cannot erase its profile")
        writer, delete = self._eraser()
        self._writer = writer
        self._records = {kind: [] for kind in KINDS}

        def erase() -> None:
            try:
                delete()
            finally:                           # even half done, the profile it had is closed: open afresh
                self._profile = None

        def done(future: Future) -> None:
            error = future.exception() if not future.cancelled() else RuntimeError("the app stopped first")
            self._erase_done.emit("" if error is None else str(error))

        writer.submit(erase).add_done_callback(done)

    # -- inside -----------------------------------------------------------------------------
    def _profile_on_writer(self):
        """The open profile (opened now on first use); on the writer thread, or with no writer."""
        if self._profile is None and self._open_profile is not None:
            self._profile = self._open_profile()
        return self._profile

    def _load_on_writer(self) -> None:
        try:
            profile = self._profile_on_writer()
            records = {kind: getattr(profile, kind).list() for kind in KINDS}
        except Exception as error:
            self._load_failed.emit(str(error))
            raise
        for text in profile.notices:
            self.notice.emit(text)
        self._loaded.emit(records)

    def _on_loaded(self, records: dict) -> None:
        """GUI thread: what was on disk, then what was added meanwhile (queued after the load)."""
        for kind in KINDS:
            self._records[kind] = records[kind] + self._records[kind]
        self._loading = False
        self._is_ready = True
        self.ready.emit()
        self._run_waiting()

    def _on_load_failed(self, _why: str) -> None:
        self._loading = False                  # the next `open` tries again; the screens go on with what is known
        self._run_waiting()

    def _run_waiting(self) -> None:
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            callback()

    def _on_erase_done(self, problem: str) -> None:
        if problem:                            # some records may still be on disk: read them again
            log.error("deleting the data failed: %s", problem)
            self._records = {kind: [] for kind in KINDS}
            self._is_ready = self._loading = False
            if self._opener is not None:
                self.open()
        self.erase_finished.emit(problem)

    def _add(self, kind: str, record) -> Saved:
        saved = Saved(record)
        if not self.keeps_records:
            return saved
        self.open()                            # first: a load starting now keeps only what follows it
        self._records[kind].append(record)
        saved.future = self._write(lambda: getattr(self._profile_on_writer(), kind).add(record))
        return saved

    def _swap_in_memory(self, kind: str, old, new) -> None:
        records = self._records[kind]
        for index in range(len(records) - 1, -1, -1):
            if records[index] is old:
                if new is None:
                    del records[index]
                else:
                    records[index] = new
                return

    def _write(self, call) -> Future:
        self.open()
        if self._writer is None:               # no writer (some tests): write now
            from concurrent.futures import Future

            future: Future = Future()
            try:
                future.set_result(call())
            except Exception as error:
                future.set_exception(error)
                self._check(future)
            return future
        future = self._writer.submit(call)
        future.add_done_callback(self._check)
        return future

    def _check(self, future: Future) -> None:
        if future.cancelled():                 # the app was stopped before this write could start
            log.error("saving cancelled: the app stopped first")
            return
        error = future.exception()
        if error is not None:
            log.error("saving failed: %s", error)
            self.save_failed.emit(str(error))   # queued to the GUI thread; shown as SAVE_FAILED
