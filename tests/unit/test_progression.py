"""Pain-guided progression as a table: the sessions and ratings in, the one proposal out."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings, strategies as st

from kiosk.core.loader import load_routines
from kiosk.core.plan import PLAN_ROUTINE_ID, Plan, PlanChange, PlanItem
from kiosk.core.plan_file import check_plan
from kiosk.core.plan_ranges import dose_ranges
from kiosk.core.progression import apply, propose, session_pains
from kiosk.core.records import PainRating, SessionRecord
from kiosk.paths import bundled_dir

LIBRARY = load_routines(bundled_dir("routines")).exercises
T0 = datetime(2026, 11, 1, 9, tzinfo=timezone.utc)
PLAN = Plan.in_library_order([PlanItem("knee_to_chest", 3, 2), PlanItem("bridge", 8, 5)], LIBRARY)
SET = PlanChange(T0 - timedelta(days=1), "Plan made", "Staff", "staff", PLAN)


@dataclass(frozen=True)
class S:
    """One session of the table: before pain, during pains, after pain, what hurt, what was skipped."""

    before: int | None = 2
    after: int | None = 3
    during: tuple = ()                 # (pain, exercise or None)
    hurt: tuple = ()
    skipped: tuple = ()
    routine: str = PLAN_ROUTINE_ID


def records(table, plan=PLAN, start=T0):
    sessions, ratings = [], []
    for day, row in enumerate(table):
        at = start + timedelta(days=day)
        sid = f"s{day}"
        hurt_ids = {h.split(":")[0] for h in row.hurt}
        done = tuple(i.exercise for i in plan.items if i.exercise not in hurt_ids and i.exercise not in row.skipped)
        sessions.append(SessionRecord(sid, row.routine, at, at + timedelta(minutes=20), done, tuple(row.skipped),
                                      tuple(row.hurt), completed=True))
        if row.before is not None:
            ratings.append(PainRating(at, row.before, "before", session_id=sid))
        for pain, exercise in row.during:
            ratings.append(PainRating(at + timedelta(minutes=5), pain, "during", exercise=exercise, session_id=sid))
        if row.after is not None:
            ratings.append(PainRating(at + timedelta(minutes=21), row.after, "after", session_id=sid))
    return sessions, ratings


def run(table, plan=PLAN, history=(SET,)):
    sessions, ratings = records(table, plan)
    return propose(plan, list(history), sessions, ratings, LIBRARY)


def summary(proposal):
    if proposal is None:
        return None
    return proposal.kind, tuple((c.before.exercise, None if c.after is None else c.after.dose())
                                for c in proposal.changes)


UP = ("step_up", (("knee_to_chest", (3, 3, "each")), ("bridge", (9, 5, "each"))))
DOWN = ("step_down", (("knee_to_chest", (2, 2, "each")), ("bridge", (7, 5, "each"))))

TABLE = [
    # name, sessions (oldest first), expected
    ("two good sessions are not enough", [S(), S()], None),
    ("three good sessions: one step up (reps for the bridge, hold where the article has no top)",
     [S(), S(), S()], UP),
    ("pain during exactly 5 is still fine", [S(after=5), S(during=((5, "bridge"),)), S(after=5)], UP),
    ("pain during 6 in one of the three: no step up (and the latest 6: down)",
     [S(), S(after=6), S()], None),
    ("before pain rising by 1 within the three: no step up", [S(before=2), S(before=3), S(before=3)], None),
    ("before pain falling is fine", [S(before=4), S(before=3), S(before=2)], UP),
    ("a session without a before rating cannot count", [S(), S(before=None), S()], None),
    ("a session with no pain rating after or during cannot count", [S(), S(after=None), S()], None),
    ("pain during above 5 in the latest session: one step down", [S(), S(), S(after=6)], DOWN),
    ("a during rating above 5 naming a move: only that move goes down",
     [S(), S(during=((7, "bridge"),))], ("step_down", (("bridge", (7, 5, "each")),))),
    ("before pain up by 2 since the last session: step down", [S(before=2), S(before=4)], DOWN),
    ("before pain up by only 1: nothing", [S(before=2), S(before=3)], None),
    ("a move that hurt twice on the right: leave out the right side",
     [S(hurt=("knee_to_chest:right",)), S(hurt=("knee_to_chest:right",))],
     ("leave_out_side", (("knee_to_chest", (3, 2, "left")),))),
    ("a move that hurt twice on both sides: leave the move out",
     [S(hurt=("knee_to_chest:right",)), S(hurt=("knee_to_chest:left",))],
     ("leave_out", (("knee_to_chest", None),))),
    ("a move without sides that hurt twice: leave it out", [S(hurt=("bridge",)), S(hurt=("bridge",))],
     ("leave_out", (("bridge", None),))),
    ("hurt twice but skipped in the latest session: not offered again (the other move steps up)",
     [S(hurt=("bridge",)), S(hurt=("bridge",)), S(skipped=("bridge",))],
     ("step_up", (("knee_to_chest", (3, 3, "each")),))),
    ("hurt once, then fine: no leave out", [S(hurt=("bridge",)), S()], None),
    ("leave out comes before step down", [S(hurt=("bridge",)), S(hurt=("bridge",), after=8)],
     ("leave_out", (("bridge", None),))),
    ("the latest session was not the plan's: nothing", [S(), S(), S(), S(routine="floor")], None),
    ("a skipped move is not stepped up", [S(), S(skipped=("bridge",)), S()],
     ("step_up", (("knee_to_chest", (3, 3, "each")),))),
]


@pytest.mark.parametrize(("table", "expected"), [(t, e) for _, t, e in TABLE], ids=[n for n, _, _ in TABLE])
def test_progression_table(table, expected):
    assert summary(run(table)) == expected


def test_a_locked_plan_gets_no_proposals():
    locked = replace(PLAN, locked=True)
    assert run([S(), S(), S()], locked) is None
    assert run([S(), S(), S(after=9)], locked) is None
    assert run([S(hurt=("bridge",)), S(hurt=("bridge",))], locked) is None


def test_the_top_number_caps_reps_then_hold_steps_up():
    at_top = Plan.in_library_order([PlanItem("bridge", 10, 5), PlanItem("ball_squeeze", 4, 5)], LIBRARY)
    proposal = run([S(), S(), S()], at_top, [replace(SET, plan=at_top)])
    assert summary(proposal) == ("step_up", (("ball_squeeze", (5, 5, "each")), ("bridge", (10, 6, "each"))))
    assert "Bridge: 10 reps, hold 6 s (was 10 reps, hold 5 s)" in proposal.what
    assert "3 sessions in a row" in proposal.reason


def test_an_alternating_move_steps_one_rep_each_side_up_to_the_top():
    plan = Plan.in_library_order([PlanItem("triangle", 4, 2)], LIBRARY)
    assert summary(run([S(), S(), S()], plan, [replace(SET, plan=plan)])) == ("step_up", (("triangle", (6, 2, "each")),))
    one_side = Plan.in_library_order([PlanItem("triangle", 2, 2, "left")], LIBRARY)
    assert summary(run([S(), S(), S()], one_side, [replace(SET, plan=one_side)])) == (
        "step_up", (("triangle", (3, 2, "left")),))


def test_step_down_goes_back_towards_the_usual_hold_first_and_stops_at_one():
    held_long = Plan.in_library_order([PlanItem("bridge", 8, 7)], LIBRARY)
    assert summary(run([S(after=7)], held_long, [replace(SET, plan=held_long)])) == (
        "step_down", (("bridge", (8, 6, "each")),))
    least = Plan.in_library_order([PlanItem("bridge", 1, 1)], LIBRARY)
    assert run([S(after=7)], least, [replace(SET, plan=least)]) is None


def test_only_sessions_at_the_present_dose_count():
    sessions_before, _ = records([S(), S()])
    changed = PLAN.with_item(PlanItem("bridge", 9, 5), LIBRARY)
    change = PlanChange(T0 + timedelta(days=1, hours=12), "Bridge: 9", "staff", "staff", changed)
    proposal = run([S(), S(), S()], changed, [SET, change])
    # the bridge's new dose has one session (day 2); the knee's dose has not changed: three
    assert summary(proposal) == ("step_up", (("knee_to_chest", (3, 3, "each")),))


def test_a_declined_step_up_waits_for_three_new_sessions():
    declined = PlanChange(T0 + timedelta(days=2, hours=12), "Declined", "", "person", PLAN, "declined_step_up")
    assert run([S(), S(), S(), S()], PLAN, [SET, declined]) is None
    assert summary(run([S(), S(), S(), S(), S(), S()], PLAN, [SET, declined])) == UP


def test_a_move_is_never_left_out_when_it_is_the_last_one():
    only = Plan.in_library_order([PlanItem("bridge", 8, 5)], LIBRARY)
    assert run([S(hurt=("bridge",), after=2), S(hurt=("bridge",), after=2)], only, [replace(SET, plan=only)]) is None


def test_accepting_applies_the_changes_in_library_order():
    proposal = run([S(hurt=("knee_to_chest:right",)), S(hurt=("knee_to_chest:right",))])
    changed = apply(PLAN, proposal, LIBRARY)
    assert changed.item("knee_to_chest").sides == "left" and changed.item("bridge") == PLAN.item("bridge")
    removal = run([S(hurt=("bridge",)), S(hurt=("bridge",))])
    assert apply(PLAN, removal, LIBRARY).exercise_ids() == ("knee_to_chest",)


def test_pain_during_is_the_highest_of_during_and_after():
    sessions, ratings = records([S(before=1, after=3, during=((6, "bridge"), (4, None)))])
    (pain,) = session_pains(sessions, ratings)
    assert (pain.before, pain.during, pain.high_exercises) == (1, 6, frozenset({"bridge"}))


# -- whatever the sessions, a proposal keeps the plan valid ------------------------------------------


@st.composite
def plans(draw):
    ids = draw(st.lists(st.sampled_from(list(LIBRARY)), min_size=1, max_size=4, unique=True))
    items = []
    for exercise_id in ids:
        exercise = LIBRARY[exercise_id]
        sides = draw(st.sampled_from(dose_ranges(exercise).sides))
        ranges = dose_ranges(exercise, sides)
        items.append(PlanItem(exercise_id, draw(st.integers(ranges.reps.low, ranges.reps.high)),
                              draw(st.integers(1, 60)), sides))
    return Plan.in_library_order(items, LIBRARY)


@st.composite
def tables(draw, plan):
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        hurt = draw(st.lists(st.sampled_from([f"{i.exercise}{s}" for i in plan.items
                                              for s in ("", ":left", ":right")]), max_size=2, unique=True))
        rows.append(S(before=draw(st.none() | st.integers(0, 10)), after=draw(st.none() | st.integers(0, 10)),
                      hurt=tuple(hurt)))
    return rows


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_an_accepted_proposal_leaves_a_valid_plan_and_changes_one_step(data):
    plan = data.draw(plans())
    table = data.draw(tables(plan))
    proposal = run(table, plan, [replace(SET, plan=plan)])
    if proposal is None:
        return
    changed = apply(plan, proposal, LIBRARY)
    assert changed.items and check_plan(changed, LIBRARY) == []
    for change in proposal.changes:
        if change.after is None:
            continue
        before, after = change.before, change.after
        if proposal.kind == "step_up":
            assert (after.reps > before.reps and after.hold == before.hold) or (
                after.reps == before.reps and after.hold == before.hold + 1)
        elif proposal.kind == "step_down":
            assert (after.reps < before.reps and after.hold == before.hold) or (
                after.reps == before.reps and after.hold == before.hold - 1)
    assert run(table, replace(plan, locked=True), [replace(SET, plan=plan)]) is None
