"""The figure's key positions as data: every routine pose exists, blends, mirrors and stays out of the floor."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.poses import (
    BODY, POSES, SEGMENTS, Pose, Prop, capsules, interpolate, lowest_point, mirrored, pose_names,
    skeleton_of,
)

# The key positions the routines use (the brief's list, kept here on purpose: a rename must fail).
REQUIRED = """
lying_rest hook_lying one_knee_to_chest both_knees_to_chest hook_lying_ball ball_squeeze figure_four
figure_four_lift knees_up twist side_lying side_lying_quad bridge tabletop cat cow standing
triangle_reach triangle standing_cross seated seated_knee_hug seated_ball seated_ball_squeeze
seated_figure_four seated_figure_four_lean seated_twist walking water_aerobics cycling tai_chi
""".split()

ONE_SIDED = {"one_knee_to_chest", "figure_four", "figure_four_lift", "twist", "side_lying",
             "side_lying_quad", "triangle_reach", "triangle", "standing_cross", "seated_knee_hug",
             "seated_figure_four", "seated_figure_four_lean", "seated_twist"}

names = st.sampled_from(sorted(POSES))


def test_every_required_pose_exists():
    assert set(REQUIRED) <= pose_names()
    assert pose_names() == frozenset(POSES)


def test_poses_that_work_one_side_are_marked_as_sided():
    assert {n for n, p in POSES.items() if p.sided} == ONE_SIDED


@pytest.mark.parametrize("name", sorted(POSES))
def test_no_limb_goes_through_the_floor(name):
    pose = POSES[name]
    if pose.from_above:
        pytest.skip("seen from above: the floor is the picture plane")
    assert lowest_point(pose) >= pose.ground - 1.0


@pytest.mark.parametrize("name", sorted(POSES))
def test_something_rests_on_the_floor(name):
    pose = POSES[name]
    if pose.from_above or name in {"cycling"}:
        pytest.skip("no contact with the floor in this picture")
    assert lowest_point(pose) <= pose.ground + 2.5, "the figure floats"


@pytest.mark.parametrize("name", ["hook_lying", "tabletop", "standing", "seated", "bridge"])
def test_bones_keep_their_length(name):
    sk = skeleton_of(POSES[name])
    assert math.dist(sk["hip_r"], sk["knee_r"]) == pytest.approx(BODY.thigh)
    assert math.dist(sk["knee_l"], sk["ankle_l"]) == pytest.approx(BODY.shin)
    assert math.dist(sk["shoulder_r"], sk["elbow_r"]) == pytest.approx(BODY.upper_arm)


def test_hands_and_knees_are_on_the_mat_in_tabletop():
    pose = POSES["tabletop"]
    sk = skeleton_of(pose)
    for joint, radius in (("wrist_r", BODY.hand_r), ("knee_r", BODY.thigh_r)):
        assert sk[joint][1] - radius == pytest.approx(pose.ground, abs=2.0)


def test_cat_rounds_the_back_and_cow_dips_it():
    assert POSES["cat"].spine > 0 > POSES["cow"].spine
    assert POSES["tabletop"].spine == 0


def test_bridge_lifts_the_hips_above_hook_lying():
    assert skeleton_of(POSES["bridge"])["pelvis"][1] > skeleton_of(POSES["hook_lying"])["pelvis"][1] + 15


def test_squeezed_ball_is_flattened():
    ball = next(p for p in POSES["ball_squeeze"].props if p.kind == "ball")
    rest = next(p for p in POSES["hook_lying_ball"].props if p.kind == "ball")
    assert ball.h < rest.h and ball.w > ball.h


@settings(max_examples=40, deadline=None)
@given(names, names)
def test_interpolation_endpoints_are_the_poses(a, b):
    pa, pb = POSES[a], POSES[b]
    assert interpolate(pa, pb, 0.0) == pa
    assert interpolate(pa, pb, 1.0) == pb


@settings(max_examples=40, deadline=None)
@given(names, names, st.floats(0.01, 0.99))
def test_interpolated_angles_stay_between_the_ends_the_short_way(a, b, t):
    pa, pb = POSES[a], POSES[b]
    mid = interpolate(pa, pb, t)
    for seg in SEGMENTS:
        total = abs((pb.angles[seg] - pa.angles[seg] + 180) % 360 - 180)
        part = abs((mid.angles[seg] - pa.angles[seg] + 180) % 360 - 180)
        assert part <= total + 1e-6


def test_angles_turn_the_short_way_round():
    base = POSES["standing"]
    a = replace(base, angles={**base.angles, "head": 170.0})
    b = replace(base, angles={**base.angles, "head": -170.0})
    mid = interpolate(a, b, 0.5)
    assert abs(mid.angles["head"]) == pytest.approx(180.0)


def test_props_move_when_shared_and_fade_when_not():
    with_ball, without = POSES["hook_lying_ball"], POSES["hook_lying"]
    half = interpolate(without, with_ball, 0.5)
    ball = next(p for p in half.props if p.kind == "ball")
    assert ball.opacity == pytest.approx(0.5)
    squeezed = next(p for p in POSES["ball_squeeze"].props if p.kind == "ball")
    rest = next(p for p in with_ball.props if p.kind == "ball")
    half = interpolate(with_ball, POSES["ball_squeeze"], 0.5)
    ball = next(p for p in half.props if p.kind == "ball")
    assert ball.opacity == 1.0
    assert ball.h == pytest.approx((rest.h + squeezed.h) / 2)


@pytest.mark.parametrize("name", sorted(POSES))
def test_mirror_of_mirror_is_identity(name):
    pose = POSES[name]
    assert mirrored(mirrored(pose)) == pose


@pytest.mark.parametrize("name", ["one_knee_to_chest", "standing_cross", "twist", "seated_twist"])
def test_mirror_swaps_the_working_side(name):
    pose = POSES[name]
    left = mirrored(pose)
    assert left.near != pose.near
    sk, sk_left = skeleton_of(pose), skeleton_of(left)
    for joint in ("knee_r", "ankle_r", "wrist_r"):
        x, y = sk[joint]
        mirror_joint = joint[:-1] + "l"
        assert sk_left[mirror_joint][0] == pytest.approx(-x)
        assert sk_left[mirror_joint][1] == pytest.approx(y)


def test_a_pose_without_every_angle_is_refused():
    with pytest.raises(ValueError, match="lacks angles"):
        Pose(view="side", root=(0, 0), angles={"torso": 0.0})
    with pytest.raises(ValueError, match="unknown prop"):
        replace(POSES["standing"], props=(Prop("trampoline"),))


def test_capsules_cover_the_whole_body():
    parts = capsules(POSES["standing"])
    assert len(parts) >= 1 + 2 * 6
    assert all(r > 0 for _, _, r in parts)


def _knee_angle(sk, s: str) -> float:
    """The angle at the knee between thigh and shin, in degrees (180: a straight leg)."""
    hip, knee, ankle = sk[f"hip_{s}"], sk[f"knee_{s}"], sk[f"ankle_{s}"]
    a = (hip[0] - knee[0], hip[1] - knee[1])
    b = (ankle[0] - knee[0], ankle[1] - knee[1])
    cos = (a[0] * b[0] + a[1] * b[1]) / (math.hypot(*a) * math.hypot(*b))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def test_tai_chi_stands_on_both_feet_with_soft_knees_not_in_a_lunge():
    """The article warns against lunges; tai chi's stance: both feet planted, knees soft, weight even."""
    pose = POSES["tai_chi"]
    sk = skeleton_of(pose)
    for s in ("r", "l"):
        assert sk[f"ankle_{s}"][1] - BODY.foot_r == pytest.approx(pose.ground, abs=2.0), "a foot is off the floor"
        assert 155 <= _knee_angle(sk, s) <= 177, "knees soft: a little bent, neither straight nor deep"
    assert abs(_knee_angle(sk, "r") - _knee_angle(sk, "l")) < 10, "one knee bent deep, the other straight: a lunge"
    ankles = sorted((sk["ankle_r"][0], sk["ankle_l"][0]))
    assert ankles[1] - ankles[0] < 20, "the feet are a stride apart"
    assert ankles[0] - 5 <= sk["pelvis"][0] <= ankles[1] + 5, "the weight is over both feet, evenly"


@pytest.mark.parametrize("name", ["triangle_reach", "triangle"])
def test_the_triangle_keeps_its_knees_soft(name):
    """"Never lock your knees" (the triangle's caution): the drawing does not either."""
    sk = skeleton_of(POSES[name])
    for s in ("r", "l"):
        assert 150 <= _knee_angle(sk, s) <= 175, "a locked (straight) or deeply bent knee"
