"""Paints a pose of the friendly exercise figure, with its mat and props, using QPainter."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush, QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF,
    QRadialGradient, QTransform,
)

from kiosk.core import poses as core
from kiosk.core.poses import BODY, Pose, Prop


BACKGROUND = QColor("#F6F3EE")
OUTLINE = QColor("#1F2A33")
SHIRT = QColor("#E07A5F")
TROUSERS = QColor("#3D5A80")
SHOES = QColor("#2B3240")
SKIN = QColor("#E8B48F")
HAIR = QColor("#6B4532")
CHEEK = QColor(232, 120, 110, 110)
MAT = QColor("#7FB3A5")
MAT_EDGE = QColor("#4E8576")
FLOOR = QColor("#E8E1D5")
BALL = QColor("#F2B134")
PILLOW = QColor("#B9A3DB")
WOOD = QColor("#B5835A")
METAL = QColor("#5C6B7A")
WHEEL = QColor("#8C99A6")
WATER = QColor(64, 156, 214, 120)
WATER_EDGE = QColor("#2F7DB3")
FLOAT = QColor("#F4A259")

OUTLINE_WIDTH = 2.4            # in figure units (about 5 px at 600 x 400)
SCENE_SIZE = (255.0, 170.0)    # the smallest part of the world a picture shows
FAR_SHADE = 128                # QColor.darker factor for limbs on the far side


@dataclass
class _Shape:
    path: QPainterPath
    fill: QBrush | QColor | None
    outline: QColor | None = field(default_factory=lambda: OUTLINE)
    width: float = OUTLINE_WIDTH
    opacity: float = 1.0
    in_bounds: bool = True


def _pt(p: tuple[float, float]) -> QPointF:
    return QPointF(p[0], p[1])


def _capsule_path(points: list[tuple[float, float]], width: float) -> QPainterPath:
    """A rounded band of the given width along a polyline."""
    line = QPainterPath(_pt(points[0]))
    if len(points) == 1 or all(p == points[0] for p in points):
        line.addEllipse(_pt(points[0]), width / 2, width / 2)
        return line.simplified()
    for p in points[1:]:
        line.lineTo(_pt(p))
    stroker = QPainterPathStroker()
    stroker.setWidth(width)
    stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
    stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return stroker.createStroke(line).simplified()


def _circle(c: tuple[float, float], r: float) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(_pt(c), r, r)
    return path


def _shade(colour: QColor, far: bool) -> QColor:
    return colour.darker(FAR_SHADE) if far else colour


def _add(p, v, k=1.0):
    return (p[0] + v[0] * k, p[1] + v[1] * k)


def _lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


# ----------------------------------------------------------------------------------------------
# The body


def _arm(sk: core.Skeleton, pose: Pose, s: str, far: bool) -> list[_Shape]:
    shoulder, elbow, wrist = sk[f"shoulder_{s}"], sk[f"elbow_{s}"], sk[f"wrist_{s}"]
    sleeve = _capsule_path([shoulder, elbow], 2 * BODY.upper_arm_r).united(
        _capsule_path([elbow, wrist], 2 * BODY.forearm_r))
    hand = _add(wrist, core.direction(pose.angles[f"forearm_{s}"]), 2.5)
    return [_Shape(sleeve, _shade(SHIRT, far)),
            _Shape(_circle(hand, BODY.hand_r), _shade(SKIN, far))]


def _leg(sk: core.Skeleton, s: str, far: bool) -> list[_Shape]:
    hip, knee, ankle, toe = sk[f"hip_{s}"], sk[f"knee_{s}"], sk[f"ankle_{s}"], sk[f"toe_{s}"]
    leg = _capsule_path([hip, knee], 2 * BODY.thigh_r).united(
        _capsule_path([knee, ankle], 2 * BODY.shin_r))
    return [_Shape(leg, _shade(TROUSERS, far)),
            _Shape(_capsule_path([ankle, toe], 2 * BODY.foot_r), _shade(SHOES, far))]


def _torso(sk: core.Skeleton, pose: Pose) -> _Shape:
    hip_r = _lerp(BODY.hip_r_side, BODY.hip_r_front, pose.width)
    chest_r = _lerp(BODY.chest_r_side, BODY.chest_r_front, pose.width)
    low = [core.spine_point(pose, i / 10, sk) for i in range(0, 8)]
    high = [core.spine_point(pose, i / 10, sk) for i in range(4, 11)]
    path = _capsule_path(low, 2 * hip_r).united(_capsule_path(high, 2 * chest_r))
    return _Shape(path, SHIRT)


def _half_plane(c, d, offset: float, big: float = 200.0) -> QPainterPath:
    """The half of the plane beyond c + d*offset in the direction d."""
    n = (-d[1], d[0])
    base = _add(c, d, offset)
    corners = [_add(base, n, big), _add(_add(base, n, big), d, big),
               _add(_add(base, n, -big), d, big), _add(base, n, -big)]
    path = QPainterPath()
    path.addPolygon(QPolygonF([_pt(p) for p in corners]))
    path.closeSubpath()
    return path


def _head(sk: core.Skeleton, pose: Pose) -> list[_Shape]:
    c, r = sk["head"], BODY.head_r
    up = pose.angles["head"]
    f = pose.face
    facing = pose.facing
    front = core.direction(up + 90 * facing)
    top = core.direction(up)
    shapes: list[_Shape] = []
    if f < 0.95:
        nose = _add(_add(c, front, r * 0.93), top, -r * 0.05)
        shapes.append(_Shape(_circle(nose, r * 0.2), SKIN, opacity=1.0 - f))
    head = _circle(c, r)
    shapes.append(_Shape(head, SKIN, outline=None))
    hair_dir = core.direction(up - facing * 60 * (1.0 - f))
    hair = head.intersected(_half_plane(c, hair_dir, _lerp(-0.12, 0.3, f) * r))
    shapes.append(_Shape(hair, HAIR, outline=None))
    shapes.append(_Shape(head, None))
    side = core.direction(up + 90 * facing)  # towards the face's own front-facing cheek
    eye_profile = _add(_add(c, front, r * 0.5), top, r * 0.15)
    eye_front = _add(_add(c, side, r * 0.36), top, r * 0.05)
    eye_a = (_lerp(eye_profile[0], eye_front[0], f), _lerp(eye_profile[1], eye_front[1], f))
    eye_b = _add(_add(c, side, -r * 0.36), top, r * 0.05)
    shapes.append(_Shape(_circle(eye_a, r * 0.14), OUTLINE, outline=None))
    if f > 0.05:
        shapes.append(_Shape(_circle(eye_b, r * 0.14), OUTLINE, outline=None, opacity=f))
    # A small smile: from the profile's mouth corner to a centred one as the face turns.
    centre = _lerp(0.62, 0.0, f)
    half = _lerp(0.2, 0.3, f)
    mouth_c = _add(_add(c, front, r * centre), top, -r * 0.38)
    left = _add(_add(mouth_c, side, -r * half), top, r * 0.08)
    right = _add(_add(mouth_c, side, r * half), top, r * 0.08)
    low = _add(mouth_c, top, -r * 0.14)
    smile = QPainterPath(_pt(left))
    smile.quadTo(_pt(low), _pt(right))
    pen_path = QPainterPathStroker()
    pen_path.setWidth(r * 0.14)
    pen_path.setCapStyle(Qt.PenCapStyle.RoundCap)
    shapes.append(_Shape(pen_path.createStroke(smile), OUTLINE, outline=None))
    cheek_c = _add(_add(c, side, r * _lerp(0.3, 0.5, f)), top, -r * 0.2)
    shapes.append(_Shape(_circle(cheek_c, r * 0.16), CHEEK, outline=None))
    if f > 0.05:
        other = _add(_add(c, side, -r * 0.5), top, -r * 0.2)
        shapes.append(_Shape(_circle(other, r * 0.16), CHEEK, outline=None, opacity=f))
    return shapes


# ----------------------------------------------------------------------------------------------
# Props


def _rounded_rect(x0: float, y0: float, x1: float, y1: float, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(QRectF(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0)), radius, radius)
    return path


def _mat(prop: Prop, pose: Pose) -> list[_Shape]:
    if pose.from_above:
        path = _rounded_rect(prop.x - prop.w / 2, prop.y - prop.h / 2,
                             prop.x + prop.w / 2, prop.y + prop.h / 2, 10)
    else:
        path = _rounded_rect(prop.x - prop.w / 2, 0.0, prop.x + prop.w / 2, core.MAT_THICKNESS, 1.5)
    return [_Shape(path, MAT, outline=MAT_EDGE, width=1.6)]


def _ball(prop: Prop, pose: Pose) -> list[_Shape]:
    path = QPainterPath()
    path.addEllipse(QPointF(prop.x, prop.y), prop.w / 2, prop.h / 2)
    shine = QPainterPath()
    shine.addEllipse(QPointF(prop.x - prop.w * 0.18, prop.y + prop.h * 0.2), prop.w * 0.12, prop.h * 0.09)
    shapes = [_Shape(path, BALL), _Shape(shine, QColor(255, 255, 255, 170), outline=None)]
    squeeze = (prop.w - prop.h) / max(prop.w, 1.0)
    if squeeze > 0.08:  # little press marks either side of a squeezed ball
        for sign in (-1, 1):
            for dy in (-4.0, 4.0):
                x0 = prop.x + sign * (prop.w / 2 + 3)
                shapes.append(_Shape(_capsule_path([(x0, prop.y + dy), (x0 + sign * 5, prop.y + dy * 1.4)], 1.6),
                                     OUTLINE, outline=None))
    return shapes


def _pillow(prop: Prop, pose: Pose) -> list[_Shape]:
    path = _rounded_rect(prop.x - prop.w / 2, prop.y - prop.h / 2,
                         prop.x + prop.w / 2, prop.y + prop.h / 2, prop.h * 0.45)
    return [_Shape(path, PILLOW, width=1.8)]


def _chair(prop: Prop, pose: Pose) -> list[_Shape]:
    f, x = prop.facing, prop.x
    seat_h, depth, back_h = core.CHAIR_SEAT_HEIGHT, core.CHAIR_SEAT_DEPTH, core.CHAIR_BACK_HEIGHT
    shapes = []
    if pose.view == "front":
        half = depth / 2
        for sx in (-1, 1):
            post = x + sx * (half - 3)
            shapes.append(_Shape(_rounded_rect(post - 2.5, seat_h, post + 2.5, back_h, 1.5),
                                 WOOD.darker(110), width=1.6))
        shapes.append(_Shape(_rounded_rect(x - half - 1, back_h - 14, x + half + 1, back_h, 3), WOOD, width=1.8))
        shapes.append(_Shape(_rounded_rect(x - half - 2, seat_h - 5, x + half + 2, seat_h, 2), WOOD, width=1.8))
        for sx in (-1, 1):
            shapes.append(_Shape(_rounded_rect(x + sx * (half - 3) - 2.5, 0, x + sx * (half - 3) + 2.5, seat_h - 5, 1.5), WOOD, width=1.6))
        return shapes
    front_x, back_x = x + f * (depth / 2 - 3), x - f * (depth / 2 - 3)
    shapes.append(_Shape(_rounded_rect(front_x - 2.5, 0, front_x + 2.5, seat_h, 1.5), WOOD.darker(110), width=1.6))
    shapes.append(_Shape(_rounded_rect(back_x - 2.5, 0, back_x + 2.5, back_h, 1.5), WOOD.darker(110), width=1.6))
    shapes.append(_Shape(_rounded_rect(back_x - 3.5, back_h - 22, back_x + 3.5, back_h, 3), WOOD, width=1.8))
    shapes.append(_Shape(_rounded_rect(x - depth / 2 - 2, seat_h - 5, x + depth / 2 + 2, seat_h, 2), WOOD, width=1.8))
    return shapes


def _water(prop: Prop, pose: Pose) -> list[_Shape]:
    x0, x1, top = prop.x - prop.w / 2, prop.x + prop.w / 2, prop.h
    path = QPainterPath(QPointF(x0, 0))
    path.lineTo(QPointF(x0, top))
    waves = 8
    step = (x1 - x0) / waves
    for i in range(waves):
        a = x0 + i * step
        path.quadTo(QPointF(a + step / 4, top + 3), QPointF(a + step / 2, top))
        path.quadTo(QPointF(a + 3 * step / 4, top - 3), QPointF(a + step, top))
    path.lineTo(QPointF(x1, 0))
    path.closeSubpath()
    return [_Shape(path, WATER, outline=WATER_EDGE, width=1.6)]


def _float(prop: Prop, pose: Pose) -> list[_Shape]:
    path = _rounded_rect(-prop.w / 2, -prop.h / 2, prop.w / 2, prop.h / 2, prop.h / 2)
    t = QTransform()
    t.translate(prop.x, prop.y)
    t.rotate(90 - prop.angle)  # long axis along the bearing `angle`
    return [_Shape(t.map(path), FLOAT, width=1.8)]


def _bike(prop: Prop, pose: Pose) -> list[_Shape]:
    f, x = prop.facing, prop.x
    sx, sy = x + f * core.BIKE_SADDLE[0], core.BIKE_SADDLE[1]
    hx, hy = x + f * core.BIKE_HANDLEBAR[0], core.BIKE_HANDLEBAR[1]
    cx, cy = x + f * core.BIKE_CRANK[0], core.BIKE_CRANK[1]
    wheel = (x + f * 30.0, 24.0)
    shapes = [
        _Shape(_capsule_path([(x - 45 * f, 2.5), (x + 50 * f, 2.5)], 5), METAL),
        _Shape(_circle(wheel, 20.0), WHEEL, width=2.0),
        _Shape(_circle(wheel, 5.0), METAL, width=1.6),
        _Shape(_capsule_path([(x - 30 * f, 4), (cx, cy), (sx, sy - 4)], 6), METAL),
        _Shape(_capsule_path([(cx, cy), (hx - 4 * f, hy - 6)], 6), METAL),
        _Shape(_capsule_path([(x + f * 45, 4), wheel], 5), METAL),
        _Shape(_capsule_path([(hx - 4 * f, hy - 6), (hx, hy), (hx + 8 * f, hy + 1)], 5), OUTLINE),
        _Shape(_rounded_rect(sx - 10, sy - 2, sx + 10, sy + 6, 3), OUTLINE),
        _Shape(_circle((cx, cy), 8.0), WHEEL, width=1.6),
    ]
    for sign in (1, -1):
        end = _add((cx, cy), core.direction(prop.angle + (0 if sign > 0 else 180)), core.BIKE_CRANK_LENGTH)
        shapes.append(_Shape(_capsule_path([(cx, cy), end], 3.5), METAL, width=1.4))
        shapes.append(_Shape(_capsule_path([_add(end, (-5, 0)), _add(end, (5, 0))], 3.5), OUTLINE, outline=None))
    return shapes


_PROP_PAINTERS = {"mat": _mat, "ball": _ball, "pillow": _pillow, "chair": _chair,
                  "water": _water, "float": _float, "bike": _bike}
_BACK_PROPS = {"mat", "pillow", "chair", "bike"}
_MIDDLE_PROPS = {"ball", "float"}
_FRONT_PROPS = {"water"}


def _props(pose: Pose, kinds: set[str]) -> list[_Shape]:
    shapes: list[_Shape] = []
    for prop in pose.props:
        if prop.kind in kinds and prop.opacity > 0.01:
            for shape in _PROP_PAINTERS[prop.kind](prop, pose):
                shape.opacity *= prop.opacity
                shapes.append(shape)
    return shapes


def _shadow(pose: Pose) -> _Shape | None:
    if pose.from_above:
        return None
    xs = [x for p0, p1, _ in core.capsules(pose) for x in (p0[0], p1[0])]
    x0, x1 = min(xs) - 6, max(xs) + 6
    ground = pose.ground
    path = QPainterPath()
    rect = QRectF(x0, ground - 4, x1 - x0, 8)
    path.addEllipse(rect)
    grad = QRadialGradient(rect.center(), rect.width() / 2)
    grad.setColorAt(0.0, QColor(40, 30, 20, 70))
    grad.setColorAt(1.0, QColor(40, 30, 20, 0))
    # A radial gradient on a flat ellipse: stretch it vertically through the brush transform.
    brush = QBrush(grad)
    k = rect.height() / rect.width()
    brush.setTransform(QTransform().translate(0, rect.center().y() * (1 - k)).scale(1, k))
    return _Shape(path, brush, outline=None)


def scene_shapes(pose: Pose) -> list[_Shape]:
    """Everything in the picture, back to front, in figure units (y up)."""
    sk = core.skeleton_of(pose)
    near = "r" if pose.near == "right" else "l"
    far = "l" if near == "r" else "r"
    shade_far = True
    shapes = _props(pose, _BACK_PROPS)
    shadow = _shadow(pose)
    if shadow is not None:
        shapes.append(shadow)
    if pose.view == "side":
        shapes += _arm(sk, pose, far, True) + _leg(sk, far, True) + [_torso(sk, pose)]
        shapes += _props(pose, _MIDDLE_PROPS) + _leg(sk, near, False)
        shapes += _head(sk, pose) + _arm(sk, pose, near, False)
    else:
        shapes += _leg(sk, far, shade_far) + _leg(sk, near, False) + [_torso(sk, pose)]
        shapes += _props(pose, _MIDDLE_PROPS) + _head(sk, pose)
        shapes += _arm(sk, pose, far, shade_far) + _arm(sk, pose, near, False)
    shapes += _props(pose, _FRONT_PROPS)
    return shapes


def _bounds(shapes: list[_Shape]) -> QRectF:
    rect = QRectF()
    for s in shapes:
        if s.in_bounds:
            grow = s.width / 2 if s.outline is not None else 0.0
            rect = rect.united(s.path.boundingRect().adjusted(-grow, -grow, grow, grow))
    return rect


def scene_rect(pose: Pose, shapes: list[_Shape] | None = None) -> QRectF:
    """The part of the world the picture shows (y up): the content with a margin, at least SCENE_SIZE."""
    content = _bounds(shapes if shapes is not None else scene_shapes(pose))
    min_w, min_h = SCENE_SIZE
    margin = 8.0
    w = max(min_w, content.width() + 2 * margin)
    h = max(min_h, content.height() + 2 * margin)
    w, h = max(w, h * min_w / min_h), max(h, w * min_h / min_w)
    cx = content.center().x()
    if pose.from_above:
        y0 = content.center().y() - h / 2
    else:
        y0 = min(content.top(), 0.0) - margin
    return QRectF(cx - w / 2, y0, w, h)


def framing(poses) -> QRectF:
    """The smallest scene that shows every one of these poses (and the floor under them), with a margin:
    one fixed frame for a loop of poses, so the figure neither jumps nor floats in empty space."""
    content = QRectF()
    for pose in poses:
        content = content.united(_bounds(scene_shapes(pose)))
    margin = 8.0
    side = 0.12 * content.width()              # some floor to each side: the figure is in a room, not cut out
    bottom = min(content.top(), 0.0) - margin
    return QRectF(content.left() - side, bottom, content.width() + 2 * side,
                  content.bottom() + 3 * margin - bottom)


def world_transform(scene: QRectF, rect: QRectF) -> QTransform:
    """Maps the scene (y up) into rect (y down), keeping the aspect ratio, centred."""
    s = min(rect.width() / scene.width(), rect.height() / scene.height())
    ox = rect.center().x() - scene.center().x() * s
    oy = rect.center().y() + scene.center().y() * s
    return QTransform(s, 0, 0, -s, ox, oy)


def _paler(colour: QColor, tint: float) -> QColor:
    """The colour blended `tint` of the way towards white (its alpha kept)."""
    return QColor(round(_lerp(colour.red(), 255, tint)), round(_lerp(colour.green(), 255, tint)),
                  round(_lerp(colour.blue(), 255, tint)), colour.alpha())


def paint_pose(painter: QPainter, pose: Pose, rect: QRectF, mirrored: bool = False,
               scene: QRectF | None = None, tint: float = 0.0) -> None:
    """Draw the pose scaled into rect (aspect kept, centred, nothing outside it); `scene`: a fixed
    part of the world to show (see framing), else the pose's own. `tint` (paper): every fill blended
    that far towards white while outlines and the face stay dark, so the shape is in the outlines
    and the picture prints in greyscale with little ink."""
    if mirrored:
        pose = core.mirrored(pose)
    if rect.width() <= 1 or rect.height() <= 1:
        return
    shapes = scene_shapes(pose)
    scene = scene if scene is not None else scene_rect(pose, shapes)
    faded = painter.opacity()                  # a crossfade's share: every shape's own opacity times it
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setTransform(world_transform(scene, rect), True)
    if not pose.from_above:
        floor = QRectF(scene.left(), scene.top(), scene.width(), -scene.top())
        painter.fillRect(floor, _paler(FLOOR, tint) if tint else FLOOR)
    for s in shapes:
        painter.setOpacity(faded * max(0.0, min(1.0, s.opacity)))
        if s.outline is not None:
            pen = QPen(s.outline, s.width)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
        fill = s.fill
        if tint and isinstance(fill, QBrush):
            continue                            # the soft shadow prints as a dark smudge
        if tint and isinstance(fill, QColor) and not (s.outline is None and fill == OUTLINE):
            fill = _paler(fill, tint)
        painter.setBrush(QBrush(fill) if isinstance(fill, QColor) else (fill or Qt.BrushStyle.NoBrush))
        painter.drawPath(s.path)
    painter.restore()
