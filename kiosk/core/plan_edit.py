"""A plan edited on a screen: what changed, in words, for the plan's history."""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.core.plan import Plan, PlanItem
from kiosk.core.progression import ItemChange, describe
from kiosk.core.routine import Exercise

SIDE_WORDS = {"each": "both sides", "left": "left side only", "right": "right side only"}


def dose_words(item: PlanItem, exercise: Exercise | None = None) -> str:
    """"8 reps, hold 5 s" (", left side only" for one side)."""
    text = f"{item.reps} rep{'s' if item.reps != 1 else ''}, hold {item.hold} s"
    if item.sides != "each":
        text += f", {SIDE_WORDS[item.sides]}"
    return text


def _title(exercise_id: str, library: Mapping[str, Exercise]) -> str:
    exercise = library.get(exercise_id)
    return exercise.title if exercise is not None else exercise_id


def describe_edit(old: Plan | None, new: Plan, library: Mapping[str, Exercise]) -> str:
    """Every difference from `old` to `new`, in words, joined by "; " ("No change" when none)."""
    if old is None:
        count = len(new.items)
        return (f"Plan made: {count} exercise{'s' if count != 1 else ''}, "
                f"{new.days_a_week} day{'s' if new.days_a_week != 1 else ''} a week")
    parts: list[str] = []
    order = {exercise_id: index for index, exercise_id in enumerate(library)}
    ids = sorted(set(old.exercise_ids()) | set(new.exercise_ids()), key=lambda i: order.get(i, len(order)))
    for exercise_id in ids:
        before, after = old.item(exercise_id), new.item(exercise_id)
        title = _title(exercise_id, library)
        if after is None:
            parts.append(f"{title}: left out")
        elif before is None:
            parts.append(f"{title}: added, {dose_words(after)}")
        else:
            if before.dose() != after.dose():
                if exercise_id in library:
                    parts.append(describe(ItemChange(before, after), library))
                else:
                    parts.append(f"{title}: {dose_words(after)} (was {dose_words(before)})")
            if before.note != after.note:
                parts.append(f"{title}: note {'changed' if after.note else 'removed'}")
    if old.days_a_week != new.days_a_week:
        parts.append(f"Days a week: {new.days_a_week} (was {old.days_a_week})")
    if old.note != new.note:
        parts.append("Note for the plan changed" if new.note else "Note for the plan removed")
    if old.locked != new.locked:
        parts.append("Locked by staff" if new.locked else "Unlocked by staff")
    return "; ".join(parts) or "No change"


def edit_kind(old: Plan | None, new: Plan) -> str:
    """The history's kind for this edit: "locked" or "unlocked" when only the lock changed, else "set"."""
    if old is not None and old.locked != new.locked:
        from dataclasses import replace

        if replace(old, locked=new.locked) == new:
            return "locked" if new.locked else "unlocked"
    return "set"
