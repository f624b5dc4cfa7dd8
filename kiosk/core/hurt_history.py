"""Which exercises hurt in the last sessions in a row, so they can be offered as skipped next time."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.core.records import SessionRecord

SESSIONS_IN_A_ROW = 2


def hurt_exercise_ids(record: SessionRecord) -> set[str]:
    """The exercises that hurt in one session (entries may be "exercise" or "exercise:side")."""
    return {entry.split(":", 1)[0] for entry in record.hurt}


def hurt_in_a_row(sessions: Sequence[SessionRecord], routine_exercises: Sequence[str],
                  in_a_row: int = SESSIONS_IN_A_ROW) -> list[str]:
    """Exercises of this routine that hurt in each of the last `in_a_row` sessions that included them.

    The article's advice: leave out the moves that hurt. The app only offers; the person confirms.
    """
    offered = []
    ordered = sorted(sessions, key=lambda s: s.started)
    for exercise in routine_exercises:
        relevant = [s for s in ordered if exercise in set(s.done) | set(s.skipped) | hurt_exercise_ids(s)]
        last = relevant[-in_a_row:]
        if len(last) == in_a_row and all(exercise in hurt_exercise_ids(s) for s in last):
            offered.append(exercise)
    return offered
