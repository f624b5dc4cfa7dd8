"""The plan model: library order, the ranges of each number, and timelines that follow a plan (sides, reps, holds)."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from kiosk.core.loader import load_routines
from kiosk.core.plan import (
    PLAN_ROUTINE_ID, Plan, PlanChange, PlanItem, change_from_dict, change_to_dict, item_from_exercise,
    plan_from_dict, plan_from_routine, plan_routine, plan_to_dict,
)
from kiosk.core.plan_ranges import article_reps, dose_ranges, reps_range
from kiosk.core.timeline import compile_routine
from kiosk.paths import bundled_dir


@pytest.fixture(scope="module")
def loaded():
    result = load_routines(bundled_dir("routines"))
    assert not result.errors, result.errors
    return result


@pytest.fixture(scope="module")
def library(loaded):
    return loaded.exercises


def cues_of(plan, library, exercise=None):
    timeline = compile_routine(plan_routine(plan, library))
    return [c for c in timeline.cues if exercise is None or c.exercise == exercise]


def test_items_are_kept_in_the_library_order(library):
    items = [PlanItem("bridge", 8, 5), PlanItem("knee_to_chest", 2, 2), PlanItem("ball_squeeze", 3, 5)]
    plan = Plan.in_library_order(items, library)
    assert plan.exercise_ids() == ("knee_to_chest", "ball_squeeze", "bridge")
    added = plan.with_item(PlanItem("both_knees_to_chest", 2, 2), library)
    assert added.exercise_ids() == ("knee_to_chest", "both_knees_to_chest", "ball_squeeze", "bridge")
    assert added.without("ball_squeeze").exercise_ids() == ("knee_to_chest", "both_knees_to_chest", "bridge")


def test_every_reps_note_of_the_library_gives_a_top_number(library):
    notes = {e.id: e.reps_note for e in library.values() if e.reps_note}
    assert notes, "the library has no reps notes to check"
    for exercise_id, note in notes.items():
        parsed = article_reps(note)
        assert parsed is not None and parsed.top >= 1, (exercise_id, note)


def test_the_spanish_library_reps_notes_give_the_same_numbers(library):
    """The plan editor reads the library of the language in use: its Spanish notes mean the same numbers."""
    from kiosk.core.loader import load_routines
    from kiosk.paths import bundled_dir

    spanish = load_routines(bundled_dir("routines"), language="es").exercises
    notes = {e.id: e.reps_note for e in library.values() if e.reps_note}
    assert any(spanish[i].reps_note != note for i, note in notes.items())       # really translated
    for exercise_id, note in notes.items():
        assert article_reps(spanish[exercise_id].reps_note) == article_reps(note), exercise_id


@pytest.mark.parametrize(("note", "low", "top", "per_side"), [
    ("up to 5", None, 5, False), ("up to five each side", None, 5, True), ("8 to 10", 8, 10, False),
    ("3 each side", 3, 3, True), ("once each side", 1, 1, True), ("3 to 5", 3, 5, False),
    ("hasta 5 por lado", None, 5, True), ("de 8 a 10", 8, 10, False), ("una vez por lado", 1, 1, True),
    ("3 por lado", 3, 3, True), ("hasta cinco", None, 5, False),
])
def test_article_reps(note, low, top, per_side):
    parsed = article_reps(note)
    assert (parsed.low, parsed.top, parsed.per_side) == (low, top, per_side)


def test_a_reps_note_in_no_known_form_is_an_error_not_silence():
    with pytest.raises(ValueError, match="as many as you like"):
        article_reps("as many as you like")


def test_ranges_follow_the_article(library):
    assert (reps_range(library["bridge"]).high, reps_range(library["bridge"]).text) == (10, "article: 8 to 10")
    assert reps_range(library["outer_hip_stretch"], "left").high == 5       # "up to 5 each side": per side
    assert reps_range(library["triangle"]).high == 6                        # alternates: 3 each side, 6 in all
    assert reps_range(library["triangle"], "right").high == 3               # one side only: 3
    no_top = reps_range(library["knee_to_chest"])
    assert not no_top.from_article and no_top.high == 30 and no_top.text == ""
    ranges = dose_ranges(library["both_knees_to_chest"])
    assert ranges.sides == ("each",) and (ranges.hold.low, ranges.hold.high) == (1, 60)
    assert dose_ranges(library["knee_to_chest"]).sides == ("each", "left", "right")
    assert dose_ranges(library["triangle"]).rep_step == 2 and dose_ranges(library["triangle"], "left").rep_step == 1


def test_a_plan_plays_its_own_reps_and_holds(library):
    plan = Plan.in_library_order([PlanItem("bridge", 3, 7), PlanItem("ball_squeeze", 2, 4)], library)
    routine = plan_routine(plan, library)
    assert routine.id == PLAN_ROUTINE_ID and routine.title == "My plan"
    bridge = cues_of(plan, library, "bridge")
    assert [c.rep for c in bridge if c.kind == "rep"] == [1, 2, 3]
    assert {c.reps for c in bridge if c.kind == "rep"} == {3}
    counts = [c.count for c in bridge if c.kind == "count"]
    assert counts == [7, 6, 5, 4, 3, 2, 1] * 3                  # a 7-second hold, three times
    squeeze = [c.count for c in cues_of(plan, library, "ball_squeeze") if c.kind == "count"]
    assert squeeze == [4, 3, 2, 1] * 2


def test_both_sides_play_right_then_left(library):
    plan = Plan.in_library_order([PlanItem("knee_to_chest", 2, 3, "each")], library)
    cues = cues_of(plan, library, "knee_to_chest")
    sides = list(dict.fromkeys(c.side for c in cues if c.kind == "rep"))
    assert sides == ["right", "left"]
    assert len([c for c in cues if c.kind == "rep"]) == 4


@pytest.mark.parametrize("side", ["left", "right"])
def test_one_side_only_plays_only_that_side(library, side):
    plan = Plan.in_library_order([PlanItem("knee_to_chest", 3, 2, side)], library)
    cues = cues_of(plan, library, "knee_to_chest")
    assert {c.side for c in cues} == {side}
    assert [c.rep for c in cues if c.kind == "rep"] == [1, 2, 3]
    side_cues = [c.text for c in cues if c.kind == "side"]
    assert side_cues == [f"Only the {side} side."]
    assert all(c.mirrored == (side == "left") for c in cues)
    segments = compile_routine(plan_routine(plan, library)).segments
    assert [s.side for s in segments if s.exercise == "knee_to_chest"] == [side]


def test_an_alternating_move_on_one_side_does_every_rep_on_that_side(library):
    plan = Plan.in_library_order([PlanItem("triangle", 3, 2, "left")], library)
    cues = cues_of(plan, library, "triangle")
    reps = [c for c in cues if c.kind == "rep"]
    assert len(reps) == 3 and {c.side for c in reps} == {"left"}
    assert not [c for c in cues if c.kind == "side" and c.text and c.text.endswith("ight side.")]
    both = cues_of(Plan.in_library_order([PlanItem("triangle", 4, 2)], library), library, "triangle")
    assert [c.side for c in both if c.kind == "rep"] == ["right", "left", "right", "left"]


def test_a_plan_of_seated_moves_rests_seated(library):
    seated = Plan.in_library_order([PlanItem("seated_knee_hug", 2, 2)], library)
    assert plan_routine(seated, library).setting == "chair"
    floor = Plan.in_library_order([PlanItem("seated_knee_hug", 2, 2), PlanItem("bridge", 8, 5)], library)
    assert plan_routine(floor, library).setting == "floor"


def test_a_bundled_routine_as_a_plan_plays_the_same_timeline(loaded, library):
    routine = loaded.routines["gentle-start"]
    plan = plan_from_routine(routine, library, title=routine.title, rest_between=routine.rest_between)
    as_plan = [(c.kind, c.text, c.side, c.rep, c.count) for c in compile_routine(plan_routine(plan, library)).cues]
    original = [(c.kind, c.text, c.side, c.rep, c.count) for c in compile_routine(routine).cues]
    assert as_plan == original
    shown = plan_routine(plan, library)
    assert shown.title == "My plan" and shown.summary == "Gentle start: 4 exercises, 3 days a week."


def test_an_item_starts_from_the_library_numbers(library):
    item = item_from_exercise(library["bridge"])
    assert (item.reps, item.hold, item.sides) == (8, 5, "each")


def test_plan_and_change_documents_round_trip(library):
    plan = Plan.in_library_order([PlanItem("bridge", 9, 6, note="Slowly; stop if the knee hurts."),
                                  PlanItem("knee_to_chest", 2, 2, "left", rest=4.0)], library,
                                 days_a_week=5, start=date(2026, 12, 1), locked=True, note="Gently")
    assert plan_from_dict(plan_to_dict(plan)) == plan
    change = PlanChange(datetime(2026, 12, 1, 9, tzinfo=timezone.utc), "Bridge: 9 reps", "Imported", "file", plan)
    assert change_from_dict(change_to_dict(change)) == change
    removed = PlanChange(change.when, "Plan removed", "staff", "staff", None, "removed")
    assert change_from_dict(change_to_dict(removed)) == removed


@pytest.mark.parametrize(("broken", "field"), [
    ({"items": "bridge"}, "items"), ({"items": [{"exercise": "bridge", "reps": "8", "hold": 5}]}, "reps"),
    ({"items": [{"exercise": "bridge", "reps": 8, "hold": True}]}, "hold"),
    ({"items": [{"exercise": "bridge", "reps": 8, "hold": 5, "sides": "both"}]}, "sides"),
    ({"items": [], "locked": "yes"}, "locked"),
])
def test_a_broken_stored_plan_names_its_field(broken, field):
    with pytest.raises(ValueError, match=field):
        plan_from_dict(broken)
