"""The frames of one glide between two poses, kept as pictures of the part that moves, for a looping demonstration."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QRect, QRectF
from PySide6.QtGui import QPainter, QPixmap

from kiosk.core.poses import Pose, interpolate
from kiosk.ui.figure import BACKGROUND, paint_pose, scene_shapes, world_transform

EASING = QEasingCurve(QEasingCurve.Type.InOutCubic)
MARGIN = 3                              # pixels around what moves: outlines' antialiasing


class GlideFrames:
    """Frame i of n of the glide from `start` to `target`, drawn into `rect` (the view) showing
    `scene`: every frame is drawn in full while `measure` learns the part of the picture that moves
    (the union of every moving shape, in every frame); once it knows, `draw` copies the still part
    from the start's picture and keeps a picture of the moving part of each frame.

    The glide back (target to start) is the same frames in the other order (the blend and the
    easing are symmetric): `draw(..., backwards=True)`.
    """

    def __init__(self, start: Pose, target: Pose, scene: QRectF | None, rect: QRectF, ratio: float,
                 frames: int, budget: int = 32 * 1024 * 1024) -> None:
        """`budget`: bytes of pictures kept at most (past it, frames are drawn each time)."""
        self.start, self.target, self.scene, self.rect, self.ratio = start, target, scene, rect, ratio
        self.budget = budget
        self.frames = max(1, frames)
        self._start_shapes = scene_shapes(start)
        self._unmeasured = set(range(self.frames + 1))
        self._moving = QRectF()
        self._whole = scene is None          # each pose in its own frame: everything may move
        self._crops: dict[int, QPixmap] = {}
        self.bytes = 0

    def eased(self, index: int) -> float:
        return EASING.valueForProgress(index / self.frames)

    def pose(self, index: int) -> Pose:
        return interpolate(self.start, self.target, self.eased(index))

    @property
    def known(self) -> bool:
        """True once the moving part is known (every frame measured), and is not the whole picture."""
        return not self._unmeasured and not self._whole

    def measure(self, index: int) -> None:
        """Learn what moves in frame `index` (once per frame)."""
        if index not in self._unmeasured:
            return
        self._unmeasured.discard(index)
        if self._whole:
            return
        shapes = scene_shapes(self.pose(index))
        if len(shapes) != len(self._start_shapes):
            self._whole = True
            return
        for now, then in zip(shapes, self._start_shapes):
            if now.path != then.path or now.opacity != then.opacity or now.fill != then.fill:
                grow = max(now.width, then.width) / 2
                self._moving = self._moving.united(now.path.boundingRect().adjusted(-grow, -grow, grow, grow))
                self._moving = self._moving.united(then.path.boundingRect().adjusted(-grow, -grow, grow, grow))

    def measure_all(self) -> None:
        for index in sorted(self._unmeasured):
            self.measure(index)

    def region(self) -> QRect:
        """The moving part, in the view's coordinates (whole pixels)."""
        mapped = world_transform(self.scene, self.rect).mapRect(self._moving)
        grown = mapped.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN).toAlignedRect()
        return grown.intersected(self.rect.toAlignedRect())

    def draw(self, painter: QPainter, index: int, backwards: bool = False) -> None:
        """Paint the moving part of frame `index` (the still part is the start's picture, already
        painted), drawing it the first time."""
        index = self.frames - index if backwards else index
        crop = self._crops.get(index)
        region = self.region()
        if crop is None:
            crop = QPixmap(max(1, round(region.width() * self.ratio)), max(1, round(region.height() * self.ratio)))
            crop.setDevicePixelRatio(self.ratio)
            crop.fill(BACKGROUND)
            drawing = QPainter(crop)
            drawing.translate(-region.x(), -region.y())
            paint_pose(drawing, self.pose(index), self.rect, scene=self.scene)
            drawing.end()
            size = crop.width() * crop.height() * 4
            if self.bytes + size <= self.budget:
                self._crops[index] = crop
                self.bytes += size
        painter.drawPixmap(region.topLeft(), crop)
