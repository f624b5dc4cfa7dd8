"""Opening one data file: recover it, migrate its schema, and hand out a thread-safe TinyDB."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk.core.notice import Notice
from kiosk.core.translations import N_
from kiosk.store.append_table import AppendTable
from kiosk.store.atomic_file import write_atomically
from kiosk.store.atomic_storage import AtomicJSONStorage, encode_in_slices
from kiosk.store.recovery import load_or_recover
from kiosk.store.schema import SCHEMA_VERSION, empty_data, migrate
from kiosk.store.set_aside import set_aside_invalid


@dataclass
class Database:
    """A TinyDB over one file (or memory), with the lock every repository call takes."""

    tinydb: TinyDB
    path: Path | None
    notices: list[str] = field(default_factory=list)
    lock: threading.RLock = field(default_factory=threading.RLock)

    def table(self, name: str):
        return self.tinydb.table(name)

    def close(self) -> None:
        with self.lock:
            self.tinydb.close()


def open_database(path: Path, kind: str, now: datetime | None = None) -> Database:
    """Open the data file `path` of `kind` ("profile", "settings", "profiles"), creating it if new.

    Damaged files are moved aside and the backup restored (see recovery.recover_file); older
    schema versions are migrated and saved (the pre-migration file stays as the backup). Records
    that do not validate are moved, unchanged, to the file's `_set_aside` table, with one notice
    (see set_aside). The caller must hold the data folder lock.
    """
    path = Path(path)
    data, notices = load_or_recover(path, now)
    if data is not None:
        data, version = migrate(data, kind)
        data, set_aside = set_aside_invalid(data, kind, path.name, now or datetime.now(timezone.utc))
        if version != SCHEMA_VERSION or set_aside:      # the file as it was stays as the backup
            write_atomically(path, encode_in_slices(data))
        if version != SCHEMA_VERSION:
            notices.append(Notice(N_("The data file {file} was upgraded from format version {version}."),
                                  file=path.name, version=version))
        notices += set_aside
    else:
        data = empty_data(kind)
        write_atomically(path, encode_in_slices(data), keep_backup=False)
    db = TinyDB(path, storage=AtomicJSONStorage)
    db.table_class = AppendTable
    db.storage.adopt(data)
    return Database(db, path, notices)


def open_memory_database(kind: str) -> Database:
    """A database that lives only in memory (the guest's): nothing reaches the disk."""
    db = TinyDB(storage=MemoryStorage)
    db.table_class = AppendTable
    db.storage.write(empty_data(kind))
    return Database(db, None)
