"""Drawing the figure: every pose paints inside its rectangle only, mirrors, and exports as SVG and PNG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from kiosk.core.poses import POSES
from kiosk.ui.figure import BACKGROUND, paint_pose
from kiosk.ui.figure_export import contact_sheet, export_svgs, svg_name


def _render(name: str, size=(320, 240), rect=QRectF(40, 30, 240, 160), mirrored=False) -> np.ndarray:
    image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    image.fill(BACKGROUND)
    painter = QPainter(image)
    paint_pose(painter, POSES[name], rect, mirrored=mirrored)
    painter.end()
    return _pixels(image)


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.width() * image.height())
    return data.reshape(image.height(), image.width()).copy() & 0xFFFFFF


BG = BACKGROUND.rgb() & 0xFFFFFF


@pytest.mark.parametrize("name", sorted(POSES))
@pytest.mark.parametrize("rect", [QRectF(40, 30, 240, 160), QRectF(100, 10, 120, 220)], ids=["wide", "tall"])
def test_each_pose_paints_inside_its_rect_and_nothing_outside(qapp, name, rect):
    px = _render(name, rect=rect)
    x0, y0, x1, y1 = int(rect.left()), int(rect.top()), int(rect.right()), int(rect.bottom())
    outside = px.copy()
    outside[y0:y1, x0:x1] = BG
    assert (outside == BG).all(), "paint spilled outside the rectangle"
    inside = px[y0:y1, x0:x1]
    assert (inside != BG).sum() > 0.04 * inside.size, "hardly anything was drawn"


@pytest.mark.parametrize("name", ["one_knee_to_chest", "standing_cross", "twist", "cycling"])
def test_mirrored_drawing_is_the_mirror_image(qapp, name):
    rect = QRectF(0, 0, 300, 200)
    right = _render(name, size=(300, 200), rect=rect)
    left = _render(name, size=(300, 200), rect=rect, mirrored=True)
    assert (right != left).mean() > 0.02
    # Antialiased edges may land a pixel apart; nearly every pixel must match its mirror.
    assert (right[:, ::-1] != left).mean() < 0.03


def test_poses_that_differ_look_different(qapp):
    assert (_render("cat") != _render("cow")).mean() > 0.01
    assert (_render("hook_lying_ball") != _render("ball_squeeze")).sum() > 50


def test_export_writes_a_valid_svg_for_every_pose_and_side(qapp, tmp_path):
    paths = export_svgs(tmp_path)
    expected = {svg_name(n, False) for n in POSES} | {svg_name(n, True) for n, p in POSES.items() if p.sided}
    assert {p.name for p in paths} == expected
    for path in paths:
        root = ET.parse(path).getroot()
        assert root.tag.endswith("svg")
        assert len(list(root.iter())) > 20, f"{path.name} is nearly empty"


def test_contact_sheet_is_a_png_of_the_requested_size(qapp, tmp_path):
    path = contact_sheet(tmp_path / "sheet.png", size=(960, 540))
    image = QImage(str(path))
    assert (image.width(), image.height()) == (960, 540)
    px = _pixels(image)
    assert (px != BG).mean() > 0.1
