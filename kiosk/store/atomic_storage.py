"""AtomicJSONStorage: a TinyDB storage that replaces its JSON file atomically and reads it once."""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from kiosk.store.atomic_file import FOLDER_MODE, backup_path, write_atomically

#: Documents encoded per json.dumps call. The C encoder holds the GIL for a whole call, so
#: encoding a big table in slices lets the GUI thread run between them (a slice takes ~1 ms).
DOCUMENTS_PER_SLICE = 500


def encode_in_slices(data: Any, **json_kwargs) -> Iterator[str]:
    """Yield pieces whose concatenation equals `json.dumps(data, **json_kwargs)`.

    A TinyDB layout (tables of documents) with default JSON options is encoded a slice of
    documents at a time; anything else is encoded in one call.
    """
    if json_kwargs or not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        yield json.dumps(data, **json_kwargs)
        return
    dumps = json.dumps
    yield "{"
    for table_index, (name, table) in enumerate(data.items()):
        yield (", " if table_index else "") + dumps(name if isinstance(name, str) else str(name)) + ": {"
        # islice over the live items: no list of (id, document) pairs that the collector must track.
        documents = iter(table.items())
        first = True
        while piece := dumps(dict(islice(documents, DOCUMENTS_PER_SLICE)))[1:-1]:
            yield piece if first else ", " + piece
            first = False
        yield "}"
    yield "}"


class AtomicJSONStorage(Storage):
    """Drop-in replacement for TinyDB's JSONStorage that never leaves a half-written file.

    Every `write` encodes to a temp file in the same folder, flushes and fsyncs it, keeps the
    current file as `<name>.bak` (the previous generation), `os.replace`s the temp file over the
    file and fsyncs the folder; when `write` returns, the data survives a crash or power cut.
    Files are created 0600, and folders made by `create_dirs` 0700 (POSIX); the data store
    makes its own folder 0700.

    The last data read or written is kept in memory, so reads after the first cost nothing.
    `read` hands out that cached object itself (as TinyDB's CachingMiddleware does): callers
    must not mutate it except through `write`. A failed write drops the cache, so the next read
    returns what is really on disk. One instance must own the file: open it once per process
    (the data store's folder lock keeps other processes out).

    Arguments match JSONStorage: extra keyword arguments go to `json.dumps`.
    """

    def __init__(self, path: str | os.PathLike, create_dirs: bool = False, encoding: str | None = None,
                 access_mode: str = "r+", **kwargs) -> None:
        super().__init__()
        if access_mode not in ("r", "rb", "r+", "rb+"):
            warnings.warn(
                "Using an `access_mode` other than 'r', 'rb', 'r+' or 'rb+' can cause data loss "
                "or corruption", stacklevel=2)
        self.path = Path(path)
        self.encoding = encoding or "utf-8"
        self.kwargs = kwargs
        self._writable = any(c in access_mode for c in "+wa")
        self._cache: dict | None = None
        self._cached = False
        self._closed = False
        if self._writable:
            if create_dirs and not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, mode=FOLDER_MODE)
            if not self.path.exists():
                write_atomically(self.path, ["{}"], encoding=self.encoding, keep_backup=False)
        elif not self.path.exists():
            raise FileNotFoundError(f"No such database file: {self.path}")

    @property
    def backup_path(self) -> Path:
        """Where the previous generation of the file is kept."""
        return backup_path(self.path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        self._check_open()
        if not self._cached:
            with open(self.path, encoding=self.encoding) as handle:
                text = handle.read()
            self._cache = json.loads(text) if text else None
            self._cached = True
        return self._cache

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._check_open()
        if not self._writable:
            raise OSError(f"Cannot write to the database {self.path}: it was opened read-only")
        try:
            write_atomically(self.path, encode_in_slices(data, **self.kwargs), encoding=self.encoding)
        except BaseException:
            self._cache, self._cached = None, False
            raise
        self._cache, self._cached = data, True

    def adopt(self, data: dict) -> None:
        """Take `data`, just parsed from this file by the caller, as the cached content."""
        self._cache, self._cached = data, True

    def forget_cache(self) -> None:
        """Read the file again on the next read (after someone else replaced it)."""
        self._cache, self._cached = None, False

    def close(self) -> None:
        """Forget the cached data; later reads and writes raise ValueError (as JSONStorage's do)."""
        self._cache, self._cached, self._closed = None, False, True

    def _check_open(self) -> None:
        if self._closed:
            raise ValueError(f"the database {self.path.name} is closed")
