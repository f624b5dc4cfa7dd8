"""A loop's glides kept as pictures of the moving part: the same pixels as drawing each frame in full."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from kiosk.core.poses import POSES
from kiosk.ui.figure import BACKGROUND, framing, paint_pose
from kiosk.ui.widgets.glide_frames import GlideFrames

SIZE = (900, 420)


def _full(pose, scene) -> QImage:
    image = QImage(*SIZE, QImage.Format.Format_RGB32)
    image.fill(BACKGROUND)
    painter = QPainter(image)
    paint_pose(painter, pose, QRectF(0, 0, *SIZE), scene=scene)
    painter.end()
    return image


def _kept(glide: GlideFrames, index: int, start_pose, scene, backwards=False) -> QImage:
    image = _full(start_pose, scene)             # the still part: the start's picture
    painter = QPainter(image)
    glide.draw(painter, index, backwards=backwards)
    painter.end()
    return image


def _differences(a: QImage, b: QImage) -> tuple[int, int]:
    """How many pixels differ, and by how much at most (summed over red, green, blue)."""
    count = worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            if a.pixel(x, y) != b.pixel(x, y):
                p, q = a.pixelColor(x, y), b.pixelColor(x, y)
                count += 1
                worst = max(worst, abs(p.red() - q.red()) + abs(p.green() - q.green()) + abs(p.blue() - q.blue()))
    return count, worst


def _same(a: QImage, b: QImage) -> bool:
    """The same picture: at most a few pixels off by a shade (the shadow's gradient is placed per device)."""
    count, worst = _differences(a, b)
    return count <= 20 and worst <= 6


def test_kept_frames_match_frames_drawn_in_full_both_ways(qapp):
    start, target = POSES["hook_lying"], POSES["one_knee_to_chest"]
    scene = framing([start, target])
    glide = GlideFrames(start, target, scene, QRectF(0, 0, *SIZE), 1.0, frames=12)
    glide.measure(0)
    assert not glide.known                       # not before every frame is measured
    glide.measure_all()
    assert glide.known
    region = glide.region()
    assert 0 < region.width() * region.height() < 0.6 * SIZE[0] * SIZE[1]   # only the part that moves
    for index in (3, 6, 11):
        assert _same(_kept(glide, index, start, scene), _full(glide.pose(index), scene))
    assert glide.bytes > 0
    for index in (2, 7):                        # the glide back: the same frames, the other way round
        assert _same(_kept(glide, index, target, scene, backwards=True), _full(glide.pose(12 - index), scene))
    assert not _same(_full(glide.pose(3), scene), _full(glide.pose(6), scene))   # frames do differ


def test_a_glide_without_a_fixed_frame_is_never_kept(qapp):
    glide = GlideFrames(POSES["hook_lying"], POSES["bridge"], None, QRectF(0, 0, *SIZE), 1.0, frames=4)
    glide.measure_all()
    assert not glide.known


def test_past_its_budget_a_glide_draws_its_frames_each_time(qapp):
    start, target = POSES["hook_lying"], POSES["one_knee_to_chest"]
    scene = framing([start, target])
    glide = GlideFrames(start, target, scene, QRectF(0, 0, *SIZE), 1.0, frames=12, budget=1)
    glide.measure_all()
    assert _same(_kept(glide, 5, start, scene), _full(glide.pose(5), scene))
    assert glide.bytes == 0
