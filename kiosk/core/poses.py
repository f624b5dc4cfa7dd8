"""Key positions of the exercise figure as data: a simple 2D skeleton plus props, mirrored and blended."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

# Coordinates are in centimetre-like units, x to the right and y up, the floor at y = 0.
# Angles are bearings in degrees: 0 points up, 90 points right (clockwise is positive), so a
# mirror image is simply the negated angle.

LIMB_SEGMENTS = (
    "upper_arm_r", "forearm_r", "upper_arm_l", "forearm_l",
    "thigh_r", "shin_r", "foot_r", "thigh_l", "shin_l", "foot_l",
)
SEGMENTS = ("torso", "head", *LIMB_SEGMENTS)
SIDES = ("right", "left")
VIEWS = ("side", "front")
PROP_KINDS = ("mat", "ball", "pillow", "chair", "water", "float", "bike")


@dataclass(frozen=True)
class Body:
    """Segment lengths and half-thicknesses (radii) of the friendly figure."""

    torso: float = 50.0         # pelvis to the base of the neck
    neck: float = 4.0           # gap between the torso's end and the head
    head_r: float = 13.0
    upper_arm: float = 27.0
    forearm: float = 25.0       # elbow to wrist
    hand_r: float = 5.5
    thigh: float = 42.0
    shin: float = 40.0
    foot: float = 15.0          # ankle to toe
    upper_arm_r: float = 5.5
    forearm_r: float = 4.8
    thigh_r: float = 8.0
    shin_r: float = 6.0
    foot_r: float = 4.8
    hip_r_side: float = 13.0    # torso half-thickness seen from the side...
    chest_r_side: float = 14.0
    hip_r_front: float = 14.5   # ...and seen from the front
    chest_r_front: float = 17.0
    shoulder_offset: float = 14.0  # shoulder and hip joints off the midline, seen from the front
    hip_offset: float = 8.5


BODY = Body()
MAT_THICKNESS = 3.0
CHAIR_SEAT_HEIGHT = 40.0
CHAIR_SEAT_DEPTH = 42.0
CHAIR_BACK_HEIGHT = 90.0
BIKE_SADDLE = (-22.0, 86.0)      # relative to the bike's x, for a bike facing right
BIKE_HANDLEBAR = (30.0, 104.0)
BIKE_CRANK = (0.0, 30.0)
BIKE_CRANK_LENGTH = 16.0


@dataclass(frozen=True)
class Prop:
    """A thing in the picture. x, y place it (floor-standing props at y = 0); w, h size it.

    mat: centre x, length w (and depth h when seen from above); ball/pillow: centre, width w and
    height h (a squeezed ball is wider than tall); chair and bike: x of the seat centre / crank,
    facing +1 (right) or -1; water: centre x, width w, depth h; float: centre, w x h, angle.
    """

    kind: str
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0
    angle: float = 0.0
    facing: int = 1
    opacity: float = 1.0


@dataclass(frozen=True)
class Pose:
    """One still picture of the figure.

    view: "side" (a profile) or "front"; from_above: the camera looks down on someone lying on the
    floor (the floor is the picture plane). root: the pelvis position. angles: bearing of every
    segment in SEGMENTS. spine: how the back bends (+ rounds like a cat, - dips like a cow).
    width: how much of the chest faces the camera (0 profile, 1 front); face: likewise for the face.
    near: which side of the body is nearer the camera (drawn on top, brighter); in a profile it also
    says which way the figure faces. sided: the pose has a left-side version (its mirror image).
    lengths: foreshortening factors for segments pointing towards the camera.
    """

    view: str
    root: tuple[float, float]
    angles: Mapping[str, float]
    spine: float = 0.0
    width: float = 0.0
    face: float = 0.0
    near: str = "right"
    sided: bool = False
    from_above: bool = False
    lengths: Mapping[str, float] = field(default_factory=dict)
    props: tuple[Prop, ...] = ()

    def __post_init__(self) -> None:
        if self.view not in VIEWS:
            raise ValueError(f"unknown view {self.view!r}")
        if self.near not in SIDES:
            raise ValueError(f"unknown side {self.near!r}")
        missing = set(SEGMENTS) - set(self.angles)
        if missing:
            raise ValueError(f"pose lacks angles for {sorted(missing)}")
        for prop in self.props:
            if prop.kind not in PROP_KINDS:
                raise ValueError(f"unknown prop {prop.kind!r}")
        object.__setattr__(self, "angles", MappingProxyType(dict(self.angles)))
        object.__setattr__(self, "lengths", MappingProxyType(dict(self.lengths)))

    @property
    def facing(self) -> int:
        """+1 when a profile faces right (for an upright body), -1 when it faces left."""
        return 1 if self.near == "right" else -1

    def length(self, segment: str) -> float:
        """The drawn length of a limb segment, after foreshortening."""
        return getattr(BODY, _LENGTH_NAME[segment]) * self.lengths.get(segment, 1.0)

    @property
    def ground(self) -> float:
        """The height the figure rests on: the mat's top if there is a mat, else the floor."""
        return MAT_THICKNESS if any(p.kind == "mat" for p in self.props) else 0.0


_LENGTH_NAME = {
    "upper_arm_r": "upper_arm", "upper_arm_l": "upper_arm",
    "forearm_r": "forearm", "forearm_l": "forearm",
    "thigh_r": "thigh", "thigh_l": "thigh", "shin_r": "shin", "shin_l": "shin",
    "foot_r": "foot", "foot_l": "foot",
}

Point = tuple[float, float]


def direction(bearing: float) -> Point:
    """Unit vector for a bearing in degrees (0 up, 90 right)."""
    rad = math.radians(bearing)
    return (math.sin(rad), math.cos(rad))


def bearing_of(dx: float, dy: float) -> float:
    """Bearing in degrees of the vector (dx, dy)."""
    return math.degrees(math.atan2(dx, dy))


def _add(p: Point, v: Point, k: float = 1.0) -> Point:
    return (p[0] + v[0] * k, p[1] + v[1] * k)


@dataclass(frozen=True)
class Skeleton:
    """Joint positions computed from a pose (forward kinematics)."""

    points: Mapping[str, Point]
    spine_control: Point

    def __getitem__(self, name: str) -> Point:
        return self.points[name]


def _lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def spine_point(pose: Pose, t: float, skeleton: Skeleton | None = None) -> Point:
    """A point at parameter t (0 pelvis .. 1 neck) along the curved spine."""
    sk = skeleton or skeleton_of(pose)
    p0, p1, p2 = sk["pelvis"], sk.spine_control, sk["neck"]
    u = 1.0 - t
    return (u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0],
            u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1])


def skeleton_of(pose: Pose) -> Skeleton:
    """Every joint of the pose: pelvis, neck, head, shoulders, elbows, wrists, hips, knees, ankles, toes."""
    a = pose.angles
    pelvis = pose.root
    neck = _add(pelvis, direction(a["torso"]), BODY.torso)
    back = direction(a["torso"] + 90 * pose.facing + 180)
    mid = ((pelvis[0] + neck[0]) / 2, (pelvis[1] + neck[1]) / 2)
    control = _add(mid, back, pose.spine * BODY.torso)
    pts: dict[str, Point] = {"pelvis": pelvis, "neck": neck}
    pts["head"] = _add(neck, direction(a["head"]), BODY.neck + BODY.head_r)
    # The shoulders sit just below the neck on the spine curve, spread apart as the chest turns.
    u, t = 0.1, 0.9
    shoulder_mid = (u * u * pelvis[0] + 2 * u * t * control[0] + t * t * neck[0],
                    u * u * pelvis[1] + 2 * u * t * control[1] + t * t * neck[1])
    right = direction(a["torso"] - 90)  # the person's right, for a body facing the camera
    for side, sign in (("r", 1.0), ("l", -1.0)):
        shoulder = _add(shoulder_mid, right, sign * BODY.shoulder_offset * pose.width)
        hip = _add(pelvis, right, sign * BODY.hip_offset * pose.width)
        elbow = _add(shoulder, direction(a[f"upper_arm_{side}"]), pose.length(f"upper_arm_{side}"))
        wrist = _add(elbow, direction(a[f"forearm_{side}"]), pose.length(f"forearm_{side}"))
        knee = _add(hip, direction(a[f"thigh_{side}"]), pose.length(f"thigh_{side}"))
        ankle = _add(knee, direction(a[f"shin_{side}"]), pose.length(f"shin_{side}"))
        toe = _add(ankle, direction(a[f"foot_{side}"]), pose.length(f"foot_{side}"))
        pts.update({f"shoulder_{side}": shoulder, f"elbow_{side}": elbow, f"wrist_{side}": wrist,
                    f"hip_{side}": hip, f"knee_{side}": knee, f"ankle_{side}": ankle,
                    f"toe_{side}": toe})
    return Skeleton(MappingProxyType(pts), control)


def capsules(pose: Pose) -> list[tuple[Point, Point, float]]:
    """The body as round-ended capsules (start, end, radius): what rests on the floor."""
    sk = skeleton_of(pose)
    out: list[tuple[Point, Point, float]] = []
    hip_r = _lerp(BODY.hip_r_side, BODY.hip_r_front, pose.width)
    chest_r = _lerp(BODY.chest_r_side, BODY.chest_r_front, pose.width)
    steps = 8
    for i in range(steps):
        t0, t1 = i / steps, (i + 1) / steps
        r = _lerp(hip_r, chest_r, t1)
        out.append((spine_point(pose, t0, sk), spine_point(pose, t1, sk), r))
    out.append((sk["head"], sk["head"], BODY.head_r))
    for s in ("r", "l"):
        out += [
            (sk[f"shoulder_{s}"], sk[f"elbow_{s}"], BODY.upper_arm_r),
            (sk[f"elbow_{s}"], sk[f"wrist_{s}"], BODY.forearm_r),
            (sk[f"wrist_{s}"], sk[f"wrist_{s}"], BODY.hand_r),
            (sk[f"hip_{s}"], sk[f"knee_{s}"], BODY.thigh_r),
            (sk[f"knee_{s}"], sk[f"ankle_{s}"], BODY.shin_r),
            (sk[f"ankle_{s}"], sk[f"toe_{s}"], BODY.foot_r),
        ]
    return out


def lowest_point(pose: Pose) -> float:
    """The lowest y the body reaches (to keep limbs out of the floor)."""
    return min(min(p0[1], p1[1]) - r for p0, p1, r in capsules(pose))


# ----------------------------------------------------------------------------------------------
# Blending and mirroring


def _short_way(a: float, b: float, t: float) -> float:
    delta = (b - a + 180.0) % 360.0 - 180.0
    return a + delta * t


def _blend_props(a: tuple[Prop, ...], b: tuple[Prop, ...], t: float) -> tuple[Prop, ...]:
    """Props present in both poses move; the others fade out (from a) or in (to b)."""
    out: list[Prop] = []
    remaining = list(b)
    for pa in a:
        match = next((pb for pb in remaining if pb.kind == pa.kind), None)
        if match is None:
            out.append(replace(pa, opacity=pa.opacity * (1.0 - t)))
            continue
        remaining.remove(match)
        out.append(Prop(
            kind=pa.kind,
            x=_lerp(pa.x, match.x, t), y=_lerp(pa.y, match.y, t),
            w=_lerp(pa.w, match.w, t), h=_lerp(pa.h, match.h, t),
            angle=_short_way(pa.angle, match.angle, t),
            facing=pa.facing if t < 0.5 else match.facing,
            opacity=_lerp(pa.opacity, match.opacity, t),
        ))
    out += [replace(pb, opacity=pb.opacity * t) for pb in remaining]
    return tuple(out)


def interpolate(a: Pose, b: Pose, t: float) -> Pose:
    """The pose a fraction t of the way from a to b; angles turn the short way round.

    Categorical fields (view, near, sided, from_above) switch half way; a caller animating
    between poses seen from different cameras should cross-fade the pictures instead.
    """
    if t <= 0.0:
        return a
    if t >= 1.0:
        return b
    keys = set(a.lengths) | set(b.lengths)
    late = b if t >= 0.5 else a
    return Pose(
        view=late.view,
        root=(_lerp(a.root[0], b.root[0], t), _lerp(a.root[1], b.root[1], t)),
        angles={k: _short_way(a.angles[k], b.angles[k], t) for k in SEGMENTS},
        spine=_lerp(a.spine, b.spine, t),
        width=_lerp(a.width, b.width, t),
        face=_lerp(a.face, b.face, t),
        near=late.near,
        sided=late.sided,
        from_above=late.from_above,
        lengths={k: _lerp(a.lengths.get(k, 1.0), b.lengths.get(k, 1.0), t) for k in keys},
        props=_blend_props(a.props, b.props, t),
    )


def _swap_side(name: str) -> str:
    if name.endswith("_r"):
        return name[:-2] + "_l"
    if name.endswith("_l"):
        return name[:-2] + "_r"
    return name


def mirrored(p: Pose) -> Pose:
    """The mirror image: the same exercise for the other side of the body."""
    return replace(
        p,
        root=(-p.root[0], p.root[1]),
        angles={_swap_side(k): -v for k, v in p.angles.items()},
        near="left" if p.near == "right" else "right",
        lengths={_swap_side(k): v for k, v in p.lengths.items()},
        props=tuple(replace(q, x=-q.x, angle=-q.angle, facing=-q.facing) for q in p.props),
    )


# ----------------------------------------------------------------------------------------------
# Authoring helpers: limbs are given as angles or as a target the hand or foot should reach.


@dataclass(frozen=True)
class Reach:
    """Place a hand or foot at (x, y); bend +1 puts the elbow/knee clockwise of the line to it."""

    x: float
    y: float
    bend: int = 1


def _solve_two_bones(start: Point, target: Point, a: float, b: float, bend: int) -> tuple[float, float]:
    dx, dy = target[0] - start[0], target[1] - start[1]
    d = max(abs(a - b) + 1e-6, min(a + b - 1e-6, math.hypot(dx, dy)))
    cos_alpha = (a * a + d * d - b * b) / (2 * a * d)
    alpha = math.degrees(math.acos(max(-1.0, min(1.0, cos_alpha))))
    first = bearing_of(dx, dy) + bend * alpha
    joint = _add(start, direction(first), a)
    second = bearing_of(target[0] - joint[0], target[1] - joint[1])
    return first, second


@dataclass(frozen=True)
class Through:
    """Put the elbow/knee at (jx, jy) and the hand/foot at (ex, ey), foreshortening the bones to fit."""

    jx: float
    jy: float
    ex: float
    ey: float


LimbSpec = tuple[float, float] | Reach | Through


def _pose(
    view: str,
    root: Point,
    torso: float,
    head: float,
    arm_r: LimbSpec,
    arm_l: LimbSpec,
    leg_r: LimbSpec,
    leg_l: LimbSpec,
    foot_r: float,
    foot_l: float,
    **kw,
) -> Pose:
    """Build a pose, solving limbs given as Reach targets against the pose's own shoulders and hips."""
    angles = {"torso": torso, "head": head}
    for k in LIMB_SEGMENTS:
        angles[k] = 0.0
    lengths = dict(kw.pop("lengths", {}))
    draft = Pose(view=view, root=root, angles=angles, lengths=lengths, **kw)
    sk = skeleton_of(draft)
    for limb, spec, first, second, joint in (
        ("r", arm_r, "upper_arm_r", "forearm_r", "shoulder_r"),
        ("l", arm_l, "upper_arm_l", "forearm_l", "shoulder_l"),
        ("r", leg_r, "thigh_r", "shin_r", "hip_r"),
        ("l", leg_l, "thigh_l", "shin_l", "hip_l"),
    ):
        if isinstance(spec, Reach):
            angles[first], angles[second] = _solve_two_bones(
                sk[joint], (spec.x, spec.y), draft.length(first), draft.length(second), spec.bend)
        elif isinstance(spec, Through):
            start, mid, end = sk[joint], (spec.jx, spec.jy), (spec.ex, spec.ey)
            for seg, a, b in ((first, start, mid), (second, mid, end)):
                angles[seg] = bearing_of(b[0] - a[0], b[1] - a[1])
                lengths[seg] = math.dist(a, b) / getattr(BODY, _LENGTH_NAME[seg])
        else:
            angles[first], angles[second] = spec
    angles["foot_r"], angles["foot_l"] = foot_r, foot_l
    return Pose(view=view, root=root, angles=angles, lengths=lengths, **kw)


# ----------------------------------------------------------------------------------------------
# The key positions. Floor poses lie with the head to the left; the right side faces the camera.

_TOP = MAT_THICKNESS  # floor poses rest on the mat
_MAT = Prop("mat", x=8.0, w=210.0)
_MAT_ABOVE = Prop("mat", x=14.0, y=-6.0, w=224.0, h=128.0)


def _supine(**kw) -> dict:
    return dict(view="side", root=(0.0, _TOP + 14.0), torso=-90.0, head=-92.0, props=(_MAT,)) | kw


_ARMS_DOWN = dict(arm_r=(100.0, 95.0), arm_l=(99.0, 94.0))
_HOOK_LEGS = dict(leg_r=Reach(48.0, _TOP + 6.0, -1), leg_l=Reach(50.0, _TOP + 6.0, -1), foot_r=90.0, foot_l=90.0)


def _supine_pose(**kw) -> Pose:
    return _pose(**_supine(**kw))


def _hands_knees(spine: float, head: float) -> Pose:
    """On hands and knees: the torso tilts just enough for straight arms to reach the mat."""
    arm = BODY.upper_arm + BODY.forearm
    wanted = _TOP + BODY.hand_r + arm

    def build(torso: float) -> Pose:
        return _pose(
            view="side", root=(-8.0, _TOP + BODY.thigh_r + BODY.thigh), torso=torso, head=head,
            spine=spine, arm_r=(180.0, 180.0), arm_l=(175.0, 177.0),
            leg_r=(180.0, -88.0), leg_l=(174.0, -89.0), foot_r=-100.0, foot_l=-100.0,
            props=(_MAT,),
        )

    def miss(torso: float) -> float:
        return abs(skeleton_of(build(torso))["shoulder_r"][1] - wanted)

    coarse = min((70.0 + i for i in range(20)), key=miss)            # whole degrees, then tenths
    torso = min((round(coarse - 1 + i / 10, 1) for i in range(21) if 70 <= coarse - 1 + i / 10 < 90), key=miss)
    return build(torso)


def _chair(x: float = 0.0, facing: int = 1) -> Prop:
    return Prop("chair", x=x, facing=facing)


_SEAT_PELVIS = (4.0, CHAIR_SEAT_HEIGHT + 13.0)


def _seated(**kw) -> Pose:
    base = dict(
        view="side", root=_SEAT_PELVIS, torso=2.0, head=4.0,
        arm_r=Reach(30.0, 60.0, 1), arm_l=Reach(28.0, 60.0, 1),
        leg_r=Reach(46.0, 6.0, -1), leg_l=Reach(44.0, 6.0, -1), foot_r=90.0, foot_l=90.0,
        props=(_chair(),),
    )
    return _pose(**(base | kw))


def _standing(**kw) -> Pose:
    base = dict(
        view="front", root=(0.0, 88.0), torso=0.0, head=0.0, width=1.0, face=1.0,
        arm_r=(-170.0, -174.0), arm_l=(170.0, 174.0),
        leg_r=(-175.0, -176.0), leg_l=(175.0, 176.0), foot_r=-100.0, foot_l=100.0,
        lengths={"foot_r": 0.55, "foot_l": 0.55},
    )
    return _pose(**(base | kw))


def _build_poses() -> dict[str, Pose]:
    p: dict[str, Pose] = {}
    p["lying_rest"] = _supine_pose(
        **_ARMS_DOWN, leg_r=(96.0, 91.0), leg_l=(95.0, 90.0), foot_r=40.0, foot_l=48.0,
    )
    p["hook_lying"] = _supine_pose(**_ARMS_DOWN, **_HOOK_LEGS)
    knee_chest = (-32.0, 122.0)
    shin_grip = Reach(-12.0, 44.0, 1)
    p["one_knee_to_chest"] = _supine_pose(
        sided=True, arm_r=shin_grip, arm_l=Reach(-10.0, 43.0, 1),
        leg_r=knee_chest, leg_l=Reach(50.0, _TOP + 6.0, -1), foot_r=60.0, foot_l=90.0,
    )
    p["both_knees_to_chest"] = _supine_pose(
        arm_r=shin_grip, arm_l=Reach(-10.0, 43.0, 1),
        leg_r=knee_chest, leg_l=(-29.0, 124.0), foot_r=60.0, foot_l=62.0,
    )
    hook = p["hook_lying"]
    knee = skeleton_of(hook)["knee_r"]
    ball = Prop("ball", x=knee[0] - 8.0, y=knee[1] - 5.0, w=30.0, h=30.0)  # just inside the knees
    p["hook_lying_ball"] = replace(hook, props=(_MAT, ball))
    p["ball_squeeze"] = replace(hook, props=(_MAT, replace(ball, w=33.0, h=25.0)))
    left_knee = skeleton_of(hook)["knee_l"]
    p["figure_four"] = _supine_pose(
        sided=True, **_ARMS_DOWN,
        leg_r=Through(38.0, 30.0, left_knee[0] - 3.0, left_knee[1] + 10.0),
        leg_l=Reach(50.0, _TOP + 6.0, -1), foot_r=100.0, foot_l=90.0,
    )
    lifted_knee = _add((0.0, _TOP + 14.0), direction(-4.0), BODY.thigh)
    p["figure_four_lift"] = _supine_pose(
        sided=True, arm_r=Reach(7.0, 50.0, 1), arm_l=Reach(9.0, 51.0, 1),
        leg_r=Through(40.0, 30.0, lifted_knee[0] + 3.0, lifted_knee[1] + 10.0), leg_l=(-4.0, 96.0),
        foot_r=110.0, foot_l=75.0,
    )
    p["knees_up"] = _supine_pose(
        **_ARMS_DOWN, leg_r=(0.0, 90.0), leg_l=(2.0, 90.0), foot_r=20.0, foot_l=22.0,
    )
    p["twist"] = _pose(
        view="front", root=(22.0, -6.0), torso=-90.0, head=-90.0, width=1.0, face=1.0,
        near="left", sided=True, from_above=True,
        arm_r=(-160.0, -150.0), arm_l=(-20.0, -30.0),
        leg_r=(150.0, 95.0), leg_l=(144.0, 92.0), foot_r=95.0, foot_l=92.0,
        props=(_MAT_ABOVE, Prop("pillow", x=44.0, y=-46.0, w=50.0, h=28.0)),
    )
    p["side_lying"] = _pose(
        view="side", root=(20.0, -12.0), torso=-90.0, head=-94.0, from_above=True, sided=True,
        arm_r=(120.0, 100.0), arm_l=(-60.0, -88.0),
        leg_r=Reach(104.0, -6.0, 1), leg_l=Reach(104.0, -14.0, 1), foot_r=100.0, foot_l=110.0,
        props=(_MAT_ABOVE,),
    )
    p["side_lying_quad"] = _pose(
        view="side", root=(20.0, -12.0), torso=-90.0, head=-94.0, from_above=True, sided=True,
        arm_r=Reach(24.0, -38.0, -1), arm_l=(-60.0, -88.0),
        leg_r=Reach(26.0, -40.0, 1), leg_l=Reach(104.0, -14.0, 1), foot_r=-150.0, foot_l=110.0,
        props=(_MAT_ABOVE,),
    )
    shoulder = (-46.0, _TOP + 14.0)
    lift = math.radians(20.0)
    pelvis = (shoulder[0] + BODY.torso * math.cos(lift), shoulder[1] + BODY.torso * math.sin(lift))
    knee_b = (pelvis[0] + BODY.thigh * math.cos(lift), pelvis[1] + BODY.thigh * math.sin(lift))
    p["bridge"] = _pose(
        view="side", root=pelvis, torso=-110.0, head=-92.0, props=(_MAT,),
        arm_r=Reach(4.0, _TOP + 5.5, -1), arm_l=Reach(6.0, _TOP + 5.5, -1),
        leg_r=Reach(knee_b[0] + 4.0, _TOP + 6.0, -1), leg_l=Reach(knee_b[0] + 6.0, _TOP + 6.0, -1),
        foot_r=90.0, foot_l=90.0,
    )
    p["tabletop"] = _hands_knees(0.0, 70.0)
    p["cat"] = _hands_knees(0.3, 160.0)
    p["cow"] = _hands_knees(-0.26, 12.0)

    p["standing"] = _standing()
    # The triangle's feet a little wider than the hips and its knees soft, never locked (the article).
    p["triangle_reach"] = _standing(
        sided=True, root=(0.0, 84.5), arm_r=(-170.0, -174.0), arm_l=(8.0, 4.0),
        leg_r=Reach(-30.0, 6.0, 1), leg_l=Reach(30.0, 6.0, -1),
    )
    p["triangle"] = _standing(
        sided=True, root=(-6.0, 82.0), torso=62.0, head=78.0, width=0.35,
        arm_r=Reach(36.0, 26.0, -1), arm_l=(-4.0, -6.0),
        leg_r=Reach(-30.0, 6.0, 1), leg_l=Reach(30.0, 6.0, -1),
    )
    p["standing_cross"] = _standing(
        sided=True, arm_r=(-168.0, -150.0), arm_l=Reach(50.0, CHAIR_BACK_HEIGHT + 2.0, 1),
        leg_r=Reach(18.0, 6.0, -1), leg_l=Reach(10.0, 6.0, -1), foot_r=100.0, foot_l=100.0,
        props=(_chair(62.0),),
    )

    p["seated"] = _seated()
    p["seated_knee_hug"] = _seated(
        sided=True, torso=6.0, leg_r=(38.0, 172.0),
        arm_r=Reach(36.0, 76.0, 1), arm_l=Reach(34.0, 74.0, 1), foot_r=110.0,
    )
    knee_s = skeleton_of(p["seated"])["knee_r"]
    sball = Prop("ball", x=knee_s[0] - 7.0, y=knee_s[1] + 1.0, w=30.0, h=30.0)
    p["seated_ball"] = replace(p["seated"], props=(_chair(), sball))
    p["seated_ball_squeeze"] = replace(p["seated"], props=(_chair(), replace(sball, w=33.0, h=25.0)))
    lk_s = skeleton_of(p["seated"])["knee_l"]
    p["seated_figure_four"] = _seated(
        sided=True, leg_r=Reach(lk_s[0], lk_s[1] + 10.0, -1), foot_r=110.0,
        lengths={"thigh_r": 0.8, "shin_r": 0.55},
        arm_r=Reach(20.0, 66.0, -1),
    )
    lean = 24.0
    p["seated_figure_four_lean"] = _seated(
        sided=True, torso=lean, head=lean + 6.0, leg_r=Reach(lk_s[0], lk_s[1] + 10.0, -1),
        foot_r=110.0, lengths={"thigh_r": 0.8, "shin_r": 0.55},
        arm_r=Reach(lk_s[0] - 12.0, lk_s[1] + 2.0, 1), arm_l=Reach(lk_s[0] - 2.0, 70.0, 1),
    )
    p["seated_twist"] = _seated(
        sided=True, torso=0.0, head=0.0, width=0.45, face=0.9,
        arm_r=Reach(-15.0, CHAIR_BACK_HEIGHT + 2.0, 1), arm_l=Reach(44.0, 60.0, -1),
    )

    p["walking"] = _pose(
        view="side", root=(0.0, 84.0), torso=5.0, head=8.0,
        arm_r=(-160.0, -150.0), arm_l=(160.0, 130.0),
        leg_r=Reach(26.0, 6.0, -1), leg_l=Reach(-22.0, 10.0, -1), foot_r=75.0, foot_l=110.0,
    )
    water = Prop("water", x=10.0, w=190.0, h=100.0)
    p["water_aerobics"] = _pose(
        view="side", root=(0.0, 84.0), torso=5.0, head=8.0,
        arm_r=Reach(46.0, 100.0, 1), arm_l=Reach(44.0, 100.0, 1),
        leg_r=Reach(20.0, 6.0, -1), leg_l=Reach(-18.0, 10.0, -1), foot_r=80.0, foot_l=110.0,
        props=(water, Prop("float", x=58.0, y=101.0, w=40.0, h=7.0, angle=92.0)),
    )
    bx = 0.0
    saddle = (bx + BIKE_SADDLE[0], BIKE_SADDLE[1] + 12.0)
    crank = (bx + BIKE_CRANK[0], BIKE_CRANK[1])
    pedal_r = _add(crank, direction(120.0), BIKE_CRANK_LENGTH)
    pedal_l = _add(crank, direction(-60.0), BIKE_CRANK_LENGTH)
    p["cycling"] = _pose(
        view="side", root=saddle, torso=28.0, head=20.0,
        arm_r=Reach(bx + BIKE_HANDLEBAR[0], BIKE_HANDLEBAR[1] + 3.0, 1),
        arm_l=Reach(bx + BIKE_HANDLEBAR[0] - 2.0, BIKE_HANDLEBAR[1] + 3.0, 1),
        leg_r=Reach(pedal_r[0] - 4.0, pedal_r[1] + 6.0, -1),
        leg_l=Reach(pedal_l[0] - 4.0, pedal_l[1] + 6.0, -1), foot_r=95.0, foot_l=80.0,
        props=(Prop("bike", x=bx, angle=120.0),),
    )
    # Tai chi's stance as it is: both feet planted side by side, knees soft, weight even, the arms
    # rounded in front as if holding a ball (not a lunge: the article says to avoid those).
    p["tai_chi"] = _pose(
        view="side", root=(-1.0, 86.5), torso=1.0, head=3.0,
        arm_r=Reach(36.0, 112.0, 1), arm_l=Reach(33.0, 94.0, 1),
        leg_r=Reach(2.0, 6.0, -1), leg_l=Reach(-5.0, 6.0, -1), foot_r=90.0, foot_l=90.0,
    )
    return p


POSES: Mapping[str, Pose] = MappingProxyType(_build_poses())


def pose_names() -> frozenset[str]:
    """Every key position the routines may name."""
    return frozenset(POSES)
