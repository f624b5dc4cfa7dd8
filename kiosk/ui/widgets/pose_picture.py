"""A still picture of one pose (a routine's card): drawn once per size, then shown from the picture cache."""

from __future__ import annotations

from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from typing import TYPE_CHECKING

from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, texts

if TYPE_CHECKING:
    from kiosk.ui.picture_cache import PictureCache

# Each pose's name in words (kiosk/core/poses.py), for screen readers.
POSE_WORDS = {
    "ball_squeeze": N_("ball squeeze"), "both_knees_to_chest": N_("both knees to chest"), "bridge": N_("bridge"),
    "cat": N_("cat"), "cow": N_("cow"), "cycling": N_("cycling"), "figure_four": N_("figure four"),
    "figure_four_lift": N_("figure four lift"), "hook_lying": N_("hook lying"),
    "hook_lying_ball": N_("hook lying ball"), "knees_up": N_("knees up"), "lying_rest": N_("lying rest"),
    "one_knee_to_chest": N_("one knee to chest"), "seated": N_("seated"), "seated_ball": N_("seated ball"),
    "seated_ball_squeeze": N_("seated ball squeeze"), "seated_figure_four": N_("seated figure four"),
    "seated_figure_four_lean": N_("seated figure four lean"), "seated_knee_hug": N_("seated knee hug"),
    "seated_twist": N_("seated twist"), "side_lying": N_("side lying"), "side_lying_quad": N_("side lying quad"),
    "standing": N_("standing"), "standing_cross": N_("standing cross"), "tabletop": N_("tabletop"),
    "tai_chi": N_("tai chi"), "triangle": N_("triangle"), "triangle_reach": N_("triangle reach"),
    "twist": N_("twist"), "walking": N_("walking"), "water_aerobics": N_("water aerobics"),
}


def spoken_name(name: str) -> str:
    """A pose name as words, in the language of the screens: "one_knee_to_chest" -> "one knee to chest"."""
    words = POSE_WORDS.get(name)
    return texts().gettext(words) if words else name.replace("_", " ")


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


class PosePicture(FollowsLanguage, QWidget):
    """Shows the named pose, still. Drawing a pose takes a few milliseconds; reading it back from
    `cache` (the window's, kiosk/ui/picture_cache.py), much less."""

    def __init__(self, name: str, cache: PictureCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pose_name = name
        self._cache = cache
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        words = spoken_name(self.pose_name)
        self.setAccessibleName(_("Illustration: {pose}").format(pose=words))
        self.setAccessibleDescription(_("A figure showing the position {pose}.").format(pose=words))

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
