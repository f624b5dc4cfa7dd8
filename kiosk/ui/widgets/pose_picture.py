"""A still picture of one pose (a routine's card): drawn once per size, then shown from the picture cache."""

from __future__ import annotations

from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.ui.picture_cache import PictureCache


def spoken_name(name: str) -> str:
    """A pose name as words: "one_knee_to_chest" -> "one knee to chest"."""
    return name.replace("_", " ")


def draw_pose_image(name: str, width: int, height: int, ratio: float = 1.0) -> QImage:
    """The pose drawn on the figure's background into an image of width x height device pixels."""
    from PySide6.QtCore import QRectF

    from kiosk.core.poses import POSES
    from kiosk.ui.figure import BACKGROUND, paint_pose

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(BACKGROUND)
    pose = POSES.get(name)                 # None: a name from an index older than the poses
    if pose is not None:
        painter = QPainter(image)
        paint_pose(painter, pose, QRectF(0, 0, width / ratio, height / ratio))
        painter.end()
    return image


class PosePicture(QWidget):
    """Shows the named pose, still. Drawing a pose takes a few milliseconds; reading it back from
    `cache` (the window's, kiosk/ui/picture_cache.py), much less."""

    def __init__(self, name: str, cache: PictureCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pose_name = name
        self._cache = cache
        words = spoken_name(name)
        self.setAccessibleName(f"Illustration: {words}")
        self.setAccessibleDescription(f"A figure showing the position {words}.")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        ratio = self.devicePixelRatioF()
        width, height = round(self.width() * ratio), round(self.height() * ratio)
        if width <= 0 or height <= 0:
            return
        image = self._cache.get(self.pose_name, width, height)
        if image is None:
            image = draw_pose_image(self.pose_name, width, height, ratio)
            self._cache.put(self.pose_name, image)
        image.setDevicePixelRatio(ratio)
        painter = QPainter(self)
        painter.drawImage(0, 0, image)
        painter.end()
