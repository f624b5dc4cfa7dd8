"""A personal plan: exercises chosen from the library with their own reps, hold, sides and note, as a Routine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from kiosk.core.routine import Exercise, Routine

PLAN_ROUTINE_ID = "my-plan"            # the routine id a plan plays (and is recorded) under
PLAN_TITLE = "My plan"
PLAN_SIDES = ("each", "left", "right")  # each: as the library plays it (both sides, or no sides)
ONE_SIDE = ("left", "right")
DAYS_A_WEEK = (1, 7)
DEFAULT_DAYS_A_WEEK = 3
DEFAULT_REST_BETWEEN = 8.0
NOTE_MAX = 200                          # characters of a note
_LYING = frozenset({"lying", "side_lying", "hands_knees"})


@dataclass(frozen=True)
class PlanItem:
    """One prescribed exercise: how many, how long held, which sides, and the clinician's note.

    `reps` counts as the library does: per side for an exercise done on each side, in all for one that
    alternates sides (on one side only: the reps on that side). `hold` is in whole seconds.
    """

    exercise: str
    reps: int
    hold: int
    sides: str = "each"
    note: str = ""
    rest: float | None = None           # seconds between reps; None: the library's

    def dose(self) -> tuple[int, int, str]:
        """What progression counts as "the same dose": reps, hold and sides."""
        return (self.reps, self.hold, self.sides)


@dataclass(frozen=True)
class Plan:
    """A diary's plan. Items are kept in the library's order (the article's: easiest first).

    Build one with `Plan.in_library_order(...)` (or `plan_file.parse_plan`, which also validates).
    """

    items: tuple[PlanItem, ...]
    days_a_week: int = DEFAULT_DAYS_A_WEEK
    start: date | None = None
    locked: bool = False                # staff locked it: no progression proposals, no edits at home
    note: str = ""                      # the clinician's note for the whole plan
    title: str = PLAN_TITLE
    rest_between: float = DEFAULT_REST_BETWEEN

    @classmethod
    def in_library_order(cls, items, library: Mapping[str, Exercise], **fields) -> Plan:
        """A plan with `items` sorted into the library's order (items not in the library go last)."""
        return cls(items=sort_items(items, library), **fields)

    def item(self, exercise_id: str) -> PlanItem | None:
        return next((i for i in self.items if i.exercise == exercise_id), None)

    def exercise_ids(self) -> tuple[str, ...]:
        return tuple(i.exercise for i in self.items)

    def with_item(self, new: PlanItem, library: Mapping[str, Exercise]) -> Plan:
        """This plan with `new` in place of the item for the same exercise (added, in order, if absent)."""
        kept = [i for i in self.items if i.exercise != new.exercise]
        return replace(self, items=sort_items([*kept, new], library))

    def without(self, exercise_id: str) -> Plan:
        """This plan with that exercise left out."""
        return replace(self, items=tuple(i for i in self.items if i.exercise != exercise_id))


@dataclass(frozen=True)
class PlanChange:
    """One change to a plan, kept for My plan's history: when, what (in words), why and by whom.

    `kind`: "set" (made or edited), "removed", "locked", "unlocked", a progression kind that was
    accepted ("step_up", "step_down", "leave_out_side", "leave_out") or one that was declined
    ("declined_step_up", ...: the plan did not change).
    """

    when: datetime
    what: str
    reason: str
    by: str = "staff"                   # staff | person | file | progression
    plan: Plan | None = None            # the plan as it was after the change (None: removed)
    kind: str = "set"


CHANGE_AUTHORS = ("staff", "person", "file")


def sort_items(items, library: Mapping[str, Exercise]) -> tuple[PlanItem, ...]:
    """Items in the library's order: the article lists the exercises easiest first."""
    order = {exercise_id: index for index, exercise_id in enumerate(library)}
    return tuple(sorted(items, key=lambda i: order.get(i.exercise, len(order))))


def item_from_exercise(exercise: Exercise, sides: str = "each", note: str = "") -> PlanItem:
    """A plan item with the library's own numbers (where staff or the person start from)."""
    return PlanItem(exercise.id, exercise.reps, max(1, round(exercise.hold)), sides, note)


def plan_from_routine(routine: Routine, library: Mapping[str, Exercise], **fields) -> Plan:
    """A plan holding a routine's exercises with the routine's numbers (a starting point for staff)."""
    items = [PlanItem(e.id, e.reps, max(1, round(e.hold)), "each", "", None) for e in routine.exercises]
    return Plan.in_library_order(items, library, **fields)


def played_exercise(item: PlanItem, base: Exercise) -> Exercise:
    """The library exercise with the plan's reps, hold and sides, as the timeline plays it."""
    sides = base.sides if item.sides == "each" else item.sides
    return replace(base, reps=item.reps, hold=item.hold, sides=sides,
                   rest=base.rest if item.rest is None else item.rest)


def plan_setting(exercises) -> str:
    """"chair" when nothing in the plan is done lying down or on hands and knees, else "floor"."""
    return "floor" if any(e.position in _LYING for e in exercises) else "chair"


def plan_routine(plan: Plan, library: Mapping[str, Exercise]) -> Routine:
    """The plan as a Routine that `core.timeline.compile_routine` plays unchanged, titled "My plan".

    KeyError for an item whose exercise is not in the library (a validated plan has none).
    """
    exercises = tuple(played_exercise(item, library[item.exercise]) for item in plan.items)
    picture = exercises[0].poses[-1] if exercises else "lying_rest"
    count = len(exercises)
    summary = f"{count} exercise{'s' if count != 1 else ''}, {plan.days_a_week} day{'s' if plan.days_a_week != 1 else ''} a week."
    if plan.title != PLAN_TITLE:                # the card always reads "My plan"; the plan's own name under it
        summary = f"{plan.title}: {summary}"
    return Routine(id=PLAN_ROUTINE_ID, title=PLAN_TITLE, summary=summary, setting=plan_setting(exercises),
                   picture=picture, rest_between=plan.rest_between, exercises=exercises, order=0)



# -- as stored (JSON documents in the diary's file) ---------------------------------------------------
def plan_to_dict(plan: Plan) -> dict:
    """The plan as a JSON document."""
    return {
        "title": plan.title, "days_a_week": plan.days_a_week,
        "start": plan.start.isoformat() if plan.start else None, "locked": plan.locked, "note": plan.note,
        "rest_between": plan.rest_between,
        "items": [{"exercise": i.exercise, "reps": i.reps, "hold": i.hold, "sides": i.sides, "note": i.note,
                   "rest": i.rest} for i in plan.items],
    }


def _field(data: dict, key: str, kinds, default=...):
    if key not in data:
        if default is ...:
            raise ValueError(f"{key} is missing")
        return default
    value = data[key]
    if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
        raise ValueError(f"{key} cannot be {value!r}")
    return value


def plan_from_dict(data: dict) -> Plan:
    """The plan a stored document describes (its layout only: check it against the library with
    `plan_file.check_plan`). ValueError naming the field that is wrong."""
    if not isinstance(data, dict):
        raise ValueError(f"a plan must be a JSON object, not {type(data).__name__}")
    items = []
    raw_items = _field(data, "items", (list,))
    for number, raw in enumerate(raw_items, 1):
        if not isinstance(raw, dict):
            raise ValueError(f"items[{number}] must be an object")
        rest = _field(raw, "rest", (int, float, type(None)), None)
        items.append(PlanItem(_field(raw, "exercise", (str,)), _field(raw, "reps", (int,)),
                              _field(raw, "hold", (int,)), _field(raw, "sides", (str,), "each"),
                              _field(raw, "note", (str,), ""), rest))
        if items[-1].sides not in PLAN_SIDES:
            raise ValueError(f"items[{number}].sides cannot be {items[-1].sides!r}")
    start = _field(data, "start", (str, type(None)), None)
    return Plan(
        items=tuple(items), days_a_week=_field(data, "days_a_week", (int,), DEFAULT_DAYS_A_WEEK),
        start=date.fromisoformat(start) if start else None, locked=_field(data, "locked", (bool,), False),
        note=_field(data, "note", (str,), ""), title=_field(data, "title", (str,), PLAN_TITLE),
        rest_between=_field(data, "rest_between", (int, float), DEFAULT_REST_BETWEEN),
    )


def change_to_dict(change: PlanChange) -> dict:
    """A history entry as a JSON document."""
    return {"when": change.when.isoformat(), "what": change.what, "reason": change.reason, "by": change.by,
            "kind": change.kind, "plan": plan_to_dict(change.plan) if change.plan is not None else None}


def change_from_dict(data: dict) -> PlanChange:
    """The history entry a stored document describes; ValueError naming the field that is wrong."""
    if not isinstance(data, dict):
        raise ValueError(f"a plan change must be a JSON object, not {type(data).__name__}")
    when = datetime.fromisoformat(_field(data, "when", (str,)))
    if when.tzinfo is None:
        raise ValueError("when has no UTC offset")
    plan = data.get("plan")
    return PlanChange(when, _field(data, "what", (str,)), _field(data, "reason", (str,)),
                      _field(data, "by", (str,), "staff"), plan_from_dict(plan) if plan is not None else None,
                      _field(data, "kind", (str,), "set"))
