"""One app per data folder: an exclusive lock on `<folder>/kiosk.lock`, released on close or exit."""

from __future__ import annotations

import os
from pathlib import Path

LOCK_NAME = "kiosk.lock"


class DataFolderInUse(RuntimeError):
    """Another running app holds the data folder."""

    def __init__(self, folder: Path, holder: str = "") -> None:
        self.folder = folder
        who = f" (process {holder})" if holder else ""
        super().__init__(
            f"The data folder {folder} is already in use by another running kiosk app{who}. "
            "Close that app first, or start this one with a different --data-dir.")


def _try_lock(fd: int) -> bool:
    if os.name == "nt":
        import msvcrt
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if os.name == "nt":
        import msvcrt
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl
        fcntl.flock(fd, fcntl.LOCK_UN)


class DataFolderLock:
    """Holds the data folder for this process; the OS drops the lock if the process dies."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise DataFolderInUse naming the folder."""
        if self._fd is not None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        if not _try_lock(fd):
            try:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() if os.name != "nt" else ""
            finally:
                os.close(fd)
            raise DataFolderInUse(self.folder, holder)
        if os.name != "nt":          # msvcrt locks byte 0, which must then stay unwritten by others
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self._fd = fd

    def release(self) -> None:
        """Give the folder back (the lock file itself stays)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> DataFolderLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
