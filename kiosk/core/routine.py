"""The routine model: exercises, their steps and key positions, and routines that list them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CATEGORIES = ("stretch", "strength", "aerobic")
LEVELS = ("beginner", "intermediate", "advanced")
POSITIONS = ("lying", "side_lying", "hands_knees", "standing", "seated")
LIBRARY_SIDE_MODES = ("none", "each", "alternate")     # what the exercise library may say
ONE_SIDE_MODES = ("right", "left")                     # one side only: from a plan (core/plan.py)
SIDE_MODES = LIBRARY_SIDE_MODES + ONE_SIDE_MODES
SETTINGS = ("floor", "chair")
SIDE_ORDER = ("right", "left")


@dataclass(frozen=True)
class Step:
    """One spoken instruction with the key position it leads to; `hold` holds that position."""

    say: str | None = None
    pose: str | None = None
    hold: bool = False
    seconds: float | None = None
    again: str | None = None        # a shorter instruction for the second and later repetitions


@dataclass(frozen=True)
class Exercise:
    """One exercise as the routine files describe it."""

    id: str
    title: str
    category: str
    level: str
    position: str
    summary: str
    sides: str
    reps: int
    hold: float
    rest: float
    poses: tuple[str, ...]
    setup: tuple[Step, ...]
    steps: tuple[Step, ...]
    cautions: tuple[str, ...] = ()
    stop_if: str = ""
    reps_note: str = ""


@dataclass(frozen=True)
class Routine:
    """A named sequence of exercises with the rest between them."""

    id: str
    title: str
    summary: str
    setting: str
    picture: str
    rest_between: float
    exercises: tuple[Exercise, ...]
    source: Path | None = None
    order: int = 100                # place on the home screen, lowest first

    @property
    def rest_pose(self) -> str:
        """The calm position shown when something hurts."""
        return "seated" if self.setting == "chair" else "lying_rest"


@dataclass(frozen=True)
class AerobicActivity:
    """One light aerobic activity on the information page."""

    id: str
    title: str
    pose: str
    text: str


@dataclass(frozen=True)
class AerobicsPage:
    """The light-aerobics page: goal, activities and what to avoid."""

    title: str
    intro: str
    weekly_goal_minutes: int
    activities: tuple[AerobicActivity, ...]
    avoid: tuple[str, ...]
