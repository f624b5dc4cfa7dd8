"""Writes a picture (a QImage taken on the GUI thread) to a file on a thread of its own."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage


class PictureWriter(QObject):
    """`write(image, path)` returns at once; `finished(path, ok)` comes back on the GUI thread.

    The image is a copy the caller gives up (QImage is safe to use from another thread); the
    folder is made when missing.

    Signals:
        finished(str, bool): the path, and whether the PNG was written
    """

    finished = Signal(str, bool)

    def write(self, image: QImage, path: str | Path) -> None:
        threading.Thread(target=self._write, args=(image, Path(path)), name="picture-writer").start()

    def _write(self, image: QImage, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            ok = image.save(str(path), "PNG")
        except OSError:
            ok = False
        self.finished.emit(str(path), ok)        # queued to the GUI thread, where this object lives
