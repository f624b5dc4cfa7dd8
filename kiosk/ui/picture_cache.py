"""Pictures of poses drawn once per size and kept as image files, so that a start-up shows them without drawing."""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QImageReader

from kiosk import __version__

log = logging.getLogger(__name__)
_DRAWING_CODE = ("core/poses.py", "ui/figure.py")     # a change to either draws every picture again


def _drawing_stamp() -> str:
    """The app version, and when the drawing code last changed (in a source checkout)."""
    package = Path(__file__).resolve().parent.parent
    parts = [__version__]
    for name in _DRAWING_CODE:
        try:
            parts.append(str((package / name).stat().st_mtime_ns))
        except OSError:                                  # a frozen bundle has no source files
            pass
    return "-".join(parts)


class PictureCache:
    """Pose pictures by (name, width, height) in device pixels: in memory, and on disk when given a folder.

    Memory keeps the pictures used last (a few dozen); the disk keeps the last few sizes of each
    pose, in a folder named after the drawing code's stamp (folders of older stamps are removed).
    Anything that goes wrong only means drawing again. The files are written through
    `write_later(job)` when given (the app's cache thread: a paint never waits for the disk), else
    at once; each is written to a temporary file and renamed, so a half-written picture is never read.
    """

    MEMORY = 48              # pictures kept in memory (a window being resized makes many sizes)
    SIZES_ON_DISK = 3        # sizes kept on disk per pose (cards of one row may differ in height)

    def __init__(self, folder: Path | None = None,
                 write_later: Callable[[Callable[[], object]], object] | None = None) -> None:
        self._memory: OrderedDict[tuple[str, int, int], QImage] = OrderedDict()
        self._folder: Path | None = None
        self._write_later = write_later
        if folder is not None:
            self.set_folder(folder, write_later)

    def set_folder(self, folder: Path | None,
                   write_later: Callable[[Callable[[], object]], object] | None = None) -> None:
        self._folder = Path(folder) / _drawing_stamp() if folder is not None else None
        self._write_later = write_later

    def get(self, name: str, width: int, height: int) -> QImage | None:
        key = (name, width, height)
        image = self._memory.get(key)
        if image is None and self._folder is not None:
            try:
                path = self._path(name, width, height)
                if path.is_file():
                    reader = QImageReader(str(path), b"bmp")
                    if reader.size() == QSize(width, height):    # a damaged header is never allocated
                        loaded = reader.read()
                        if not loaded.isNull() and loaded.size() == QSize(width, height):
                            image = loaded
            except OSError:
                image = None
        if image is not None:
            self._remember(key, image)
        return image

    def put(self, name: str, image: QImage) -> None:
        self._remember((name, image.width(), image.height()), image)
        if self._folder is None:
            return
        if self._write_later is None:
            self._write(self._folder, name, image)
        else:           # a copy of its own for the other thread: the one in memory is painted meanwhile
            self._write_later(lambda folder=self._folder, image=image.copy(): self._write(folder, name, image))

    def _write(self, folder: Path, name: str, image: QImage) -> None:
        path = folder / f"{name}.{image.width()}x{image.height()}.bmp"
        temporary = path.with_suffix(".tmp")
        try:
            if not folder.is_dir():
                if folder.parent.exists() and not folder.parent.is_dir():
                    folder.parent.unlink()              # a stray file where the cache belongs
                self._clear_old_stamps(folder)
                folder.parent.mkdir(mode=0o700, exist_ok=True)     # owner only, like the data folder
                os.chmod(folder.parent, 0o700)
                folder.mkdir(mode=0o700)
            if image.save(str(temporary), "BMP"):         # uncompressed: reads back in well under a millisecond
                os.chmod(temporary, 0o600)
                os.replace(temporary, path)
                now = time.time_ns()                      # finer than the file system's own clock
                os.utime(path, ns=(now, now))
            sizes = sorted(folder.glob(f"{name}.*.bmp"), key=lambda p: p.stat().st_mtime_ns)
            for old in sizes[:-self.SIZES_ON_DISK]:
                old.unlink()
        except OSError as error:
            log.info("pose picture not kept: %s", error)
        finally:
            try:
                temporary.unlink(missing_ok=True)
            except OSError:                               # its folder is not a folder: nothing was written
                pass

    def _remember(self, key: tuple[str, int, int], image: QImage) -> None:
        self._memory[key] = image
        self._memory.move_to_end(key)
        while len(self._memory) > self.MEMORY:
            self._memory.popitem(last=False)

    def _path(self, name: str, width: int, height: int) -> Path:
        return self._folder / f"{name}.{width}x{height}.bmp"

    @staticmethod
    def _clear_old_stamps(folder: Path) -> None:
        parent = folder.parent
        if parent.is_dir():
            for old in parent.iterdir():
                if old.is_dir() and old != folder:
                    shutil.rmtree(old, ignore_errors=True)
                elif old == folder:                 # a file in the place of this stamp's folder
                    old.unlink()

