"""Pictures of poses drawn once per size and kept as image files, so that a start-up shows them without drawing."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from PySide6.QtGui import QImage

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

    Each pose keeps only its latest size (in memory and on disk), in a folder named after the drawing code's
    stamp; folders of older stamps are removed. Anything that goes wrong only means drawing again.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._memory: dict[str, QImage] = {}
        self._folder: Path | None = None
        if folder is not None:
            self.set_folder(folder)

    def set_folder(self, folder: Path | None) -> None:
        self._folder = Path(folder) / _drawing_stamp() if folder is not None else None

    def get(self, name: str, width: int, height: int) -> QImage | None:
        image = self._memory.get(name)
        if image is not None and (image.width(), image.height()) == (width, height):
            return image
        if self._folder is not None:
            path = self._path(name, width, height)
            if path.exists():
                loaded = QImage(str(path))
                if not loaded.isNull() and (loaded.width(), loaded.height()) == (width, height):
                    self._memory[name] = loaded
                    return loaded
        return None

    def put(self, name: str, image: QImage) -> None:
        self._memory[name] = image
        if self._folder is None:
            return
        try:
            if not self._folder.exists():
                self._clear_old_stamps()
                self._folder.mkdir(parents=True, mode=0o700)
            for old in self._folder.glob(f"{name}.*.bmp"):
                old.unlink()
            path = self._path(name, image.width(), image.height())
            temporary = path.with_suffix(".tmp")
            if image.save(str(temporary), "BMP"):         # uncompressed: reads back in well under a millisecond
                os.replace(temporary, path)
        except OSError as error:
            log.info("pose picture not kept: %s", error)

    def _path(self, name: str, width: int, height: int) -> Path:
        return self._folder / f"{name}.{width}x{height}.bmp"

    def _clear_old_stamps(self) -> None:
        parent = self._folder.parent
        if parent.is_dir():
            for old in parent.iterdir():
                if old.is_dir() and old != self._folder:
                    shutil.rmtree(old, ignore_errors=True)


PICTURES = PictureCache()      # the app points it at a folder in its data folder
