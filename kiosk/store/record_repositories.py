"""Repositories of one profile's records: pain ratings, played sessions, aerobic minutes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

from kiosk.core.records import AerobicEntry, PainRating, SessionRecord
from kiosk.store.database import Database

Record = TypeVar("Record", PainRating, SessionRecord, AerobicEntry)


class _RecordRepository(Generic[Record]):
    """Records kept in insertion order in one table; every call is one atomic, durable write."""

    table_name = ""
    record_class: type

    def __init__(self, database: Database) -> None:
        self._database = database
        self._table = database.table(self.table_name)

    def add(self, record: Record) -> int:
        """Save `record`; returns its id. The record is on disk when this returns."""
        return self.add_many([record])[0]

    def add_many(self, records: Iterable[Record]) -> list[int]:
        """Save several records in one write: all of them or, if it fails, none."""
        documents = [record.to_dict() for record in records]
        with self._database.lock:
            return self._table.insert_multiple(documents) if documents else []

    def list(self) -> list[Record]:
        """Every record, oldest first (in the order they were added)."""
        return [record for _, record in self.items()]

    def items(self) -> list[tuple[int, Record]]:
        """(id, record) pairs, oldest first."""
        with self._database.lock:
            raw = self._raw()
            pairs = sorted((int(doc_id), doc) for doc_id, doc in raw.items())
        return [(doc_id, self.record_class.from_dict(doc)) for doc_id, doc in pairs]

    def latest(self, count: int = 1) -> list[Record]:
        """The last `count` records added, oldest first."""
        with self._database.lock:
            raw = self._raw()
            ids = sorted((int(doc_id) for doc_id in raw), reverse=True)[:count]
            docs = [raw[str(doc_id)] for doc_id in reversed(ids)]
        return [self.record_class.from_dict(doc) for doc in docs]

    def count(self) -> int:
        with self._database.lock:
            return len(self._table)

    def remove(self, record_id: int) -> bool:
        """Delete the record `record_id`; False when there is none."""
        with self._database.lock:
            if str(record_id) not in self._raw():
                return False
            self._table.remove(doc_ids=[record_id])
            return True

    def replace(self, record_id: int, record: Record) -> bool:
        """Put `record` in place of the record `record_id`, in one write; False when there is none."""
        document = record.to_dict()

        def swap(stored: dict) -> None:
            stored.clear()
            stored.update(document)

        with self._database.lock:
            if str(record_id) not in self._raw():
                return False
            self._table.update(swap, doc_ids=[record_id])
            return True

    def undo_last(self) -> Record | None:
        """Delete the most recently added record and return it (None when there are none)."""
        with self._database.lock:
            raw = self._raw()
            if not raw:
                return None
            last_id = max(int(doc_id) for doc_id in raw)
            record = self.record_class.from_dict(raw[str(last_id)])
            self._table.remove(doc_ids=[last_id])
            return record

    def _raw(self) -> dict:
        data = self._database.tinydb.storage.read() or {}
        return data.get(self.table_name, {})


class RatingRepository(_RecordRepository[PainRating]):
    """A profile's 0-10 pain ratings."""

    table_name = "ratings"
    record_class = PainRating


class SessionRepository(_RecordRepository[SessionRecord]):
    """A profile's played routines."""

    table_name = "sessions"
    record_class = SessionRecord

    def get(self, session_id: str) -> SessionRecord | None:
        """The session with this id, or None."""
        for record in reversed(self.list()):
            if record.session_id == session_id:
                return record
        return None


class AerobicRepository(_RecordRepository[AerobicEntry]):
    """A profile's logged minutes of light aerobic activity."""

    table_name = "aerobic"
    record_class = AerobicEntry
