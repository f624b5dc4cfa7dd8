"""Crash-safe file replacement: temp file, flush, fsync, os.replace, folder fsync, one backup kept."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
BACKUP_SUFFIX = ".bak"
TEMP_MARKER = ".tmp-"

_counter = itertools.count()


def backup_path(path: Path) -> Path:
    """Where the previous generation of `path` is kept."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def temp_path(path: Path) -> Path:
    """A fresh temp-file name beside `path` (same folder, so os.replace stays atomic)."""
    return path.with_name(f".{path.name}{TEMP_MARKER}{os.getpid()}-{next(_counter)}")


def is_temp_of(candidate: Path, path: Path) -> bool:
    """True when `candidate` is a temp file left by a write of `path`."""
    return candidate.name.startswith(f".{path.name}{TEMP_MARKER}")


def fsync_folder(folder: Path) -> None:
    """Make a rename inside `folder` durable (a no-op where folders cannot be opened)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def secure_folder(folder: Path) -> None:
    """Make `folder` readable only by its owner (POSIX)."""
    if os.name == "posix":
        os.chmod(folder, FOLDER_MODE)


def _discard(path: Path) -> None:
    """Remove a half-written temporary file, if it is there."""
    try:
        os.unlink(path)
    except OSError:
        pass


def forget_previous_generation(path: Path) -> None:
    """Make the backup equal to the current file, so data erased from it is gone from disk too."""
    _keep_previous_generation(path)
    fsync_folder(path.parent)


def _keep_previous_generation(path: Path) -> None:
    """Point `<path>.bak` at the current file without copying it (hard link, atomic replace)."""
    if not path.exists():
        return
    backup = backup_path(path)
    staging = temp_path(backup)
    try:
        try:
            os.link(path, staging)
        except OSError:
            # No hard links here (some Windows or FAT volumes): copy the bytes instead.
            with open(path, "rb") as source, _create_private(staging, "wb") as target:
                while block := source.read(1 << 20):
                    target.write(block)
                target.flush()
                os.fsync(target.fileno())
        os.replace(staging, backup)
    except BaseException:
        _discard(staging)
        raise


def _create_private(path: Path, mode: str, encoding: str | None = None):
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, FILE_MODE)
    try:
        return os.fdopen(fd, mode, encoding=encoding)
    except BaseException:
        os.close(fd)
        raise


def write_atomically(path: Path, chunks: Iterable[str], *, encoding: str = "utf-8",
                     keep_backup: bool = True) -> None:
    """Replace `path` with the concatenated `chunks`, durably, or leave it untouched.

    When this returns, the new content is on disk (file and folder entry fsynced) and the
    previous content, if any, is `<path>.bak`. If it raises, `path` still holds the old content.
    """
    path = Path(path)
    staging = temp_path(path)
    try:
        with _create_private(staging, "w", encoding) as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_backup:
            _keep_previous_generation(path)
        os.replace(staging, path)
    except BaseException:
        _discard(staging)
        raise
    fsync_folder(path.parent)
