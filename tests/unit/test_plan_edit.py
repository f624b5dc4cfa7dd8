"""A plan edited on a screen, in words for its history: every kind of difference, and the history's kind."""

from __future__ import annotations

from dataclasses import replace

from kiosk.core.loader import load_routines
from kiosk.core.plan import Plan, PlanItem
from kiosk.core.plan_edit import describe_edit, dose_words, edit_kind
from kiosk.paths import bundled_dir

LIBRARY = load_routines(bundled_dir("routines")).exercises
OLD = Plan.in_library_order([PlanItem("bridge", 8, 5), PlanItem("knee_to_chest", 2, 2, "left")], LIBRARY)


def test_a_new_plan_is_made():
    assert describe_edit(None, OLD, LIBRARY) == "Plan made: 2 exercises, 3 days a week"


def test_every_difference_is_named_in_the_library_order():
    new = replace(OLD.without("knee_to_chest").with_item(PlanItem("bridge", 9, 5, note="Slowly"), LIBRARY)
                  .with_item(PlanItem("cat_cow", 8, 3), LIBRARY), days_a_week=4, note="Gently", locked=True)
    assert describe_edit(OLD, new, LIBRARY) == (
        "One knee to chest: left out; Bridge: 9 reps, hold 5 s (was 8 reps, hold 5 s); Bridge: note changed; "
        "Cat and cow: added, 8 reps, hold 3 s; Days a week: 4 (was 3); Note for the plan changed; Locked by staff")
    assert describe_edit(OLD, OLD, LIBRARY) == "No change"


def test_the_kind_is_locked_or_unlocked_only_when_nothing_else_changed():
    locked = replace(OLD, locked=True)
    assert edit_kind(OLD, locked) == "locked" and edit_kind(locked, OLD) == "unlocked"
    assert edit_kind(OLD, replace(locked, days_a_week=5)) == "set"
    assert edit_kind(None, OLD) == "set"


def test_one_side_in_words():
    assert dose_words(PlanItem("knee_to_chest", 1, 2, "right")) == "1 rep, hold 2 s, right side only"
