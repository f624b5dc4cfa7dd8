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
    """One change to a plan, kept for My plan's history: when, what (in words), why and by whom."""

    when: datetime
    what: str
    reason: str
    by: str = "staff"                   # staff | person | file | progression
    plan: Plan | None = None            # the plan as it was after the change


CHANGE_AUTHORS = ("staff", "person", "file", "progression")


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
    """The plan as a Routine that `core.timeline.compile_routine` plays unchanged.

    KeyError for an item whose exercise is not in the library (a validated plan has none).
    """
    exercises = tuple(played_exercise(item, library[item.exercise]) for item in plan.items)
    picture = exercises[0].poses[-1] if exercises else "lying_rest"
    count = len(exercises)
    summary = f"{count} exercise{'s' if count != 1 else ''}, {plan.days_a_week} day{'s' if plan.days_a_week != 1 else ''} a week."
    return Routine(id=PLAN_ROUTINE_ID, title=plan.title, summary=summary, setting=plan_setting(exercises),
                   picture=picture, rest_between=plan.rest_between, exercises=exercises, order=0)

