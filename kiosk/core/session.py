"""The session state machine: plays a timeline against time handed in, with pause, skip, back and hurt."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from enum import Enum

from kiosk.core.timeline import Cue, Timeline

BACK_RESTART_SECONDS = 3.0          # Back within this long of a segment's start goes to the one before
_NOT_RESUME_POINTS = ("count", "hold", "release", "pose")


class State(Enum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    HURT = "hurt"
    FINISHED = "finished"


@dataclass(frozen=True)
class ExerciseOutcome:
    """How one exercise of the routine ended."""

    exercise: str
    title: str
    status: str                     # done | skipped | hurt | not_reached
    hurt_sides: tuple[str, ...] = ()


@dataclass(frozen=True)
class Summary:
    """What happened in a session, for the summary screen and the record."""

    outcomes: tuple[ExerciseOutcome, ...]
    elapsed: float
    completed: bool

    def ids(self, status: str) -> tuple[str, ...]:
        return tuple(o.exercise for o in self.outcomes if o.status == status)


class Session:
    """Plays a Timeline. Time is an input: every call takes `now` (seconds, monotonic, any origin).

    `due(now)` returns the cues whose moment has come; the caller shows and speaks them. Jumps
    (resume, skip, back, skip_side, skip_exercise) return the cues to show at once.
    """

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.state = State.READY
        self.current: Cue | None = None
        self._starts = [c.at for c in timeline.cues]
        self._origin = 0.0
        self._frozen_at = 0.0           # position while paused or hurt
        self._next = 0
        self._segment = 0
        self._status: dict[int, str] = {}
        self._started: float | None = None
        self._ended: float | None = None
        self._completed = False

    # -- time -------------------------------------------------------------------------------
    def position(self, now: float) -> float:
        """Seconds into the timeline."""
        if self.state is State.RUNNING:
            return now - self._origin
        return self._frozen_at

    def remaining(self, now: float) -> float:
        return max(0.0, self.timeline.duration - self.position(now))

    def next_deadline(self, now: float) -> float | None:
        """When (in `now`'s clock) the next cue is due, or None when nothing is scheduled."""
        if self.state is not State.RUNNING or self._next >= len(self.timeline.cues):
            return None
        return self._origin + self.timeline.cues[self._next].at

    # -- playing ----------------------------------------------------------------------------
    def start(self, now: float) -> list[Cue]:
        if self.state is not State.READY:
            raise RuntimeError(f"cannot start a session that is {self.state.value}")
        self._started = now
        return self._seek(now, 0.0)

    def due(self, now: float) -> list[Cue]:
        """The cues whose time has come since the last call, in order."""
        if self.state is not State.RUNNING:
            return []
        t = now - self._origin
        cues = self.timeline.cues
        out = []
        while self._next < len(cues) and cues[self._next].at <= t + 1e-9:
            cue = cues[self._next]
            self._next += 1
            self._enter_segment(cue.segment)
            self.current = cue
            out.append(cue)
            if cue.kind == "end":
                self._finish(now, completed=True)
                break
        return out

    def pause(self, now: float) -> None:
        if self.state is State.RUNNING:
            self._frozen_at = now - self._origin
            self.state = State.PAUSED

    def resume(self, now: float) -> list[Cue]:
        """Carry on from the start of the current instruction, so it is heard again."""
        if self.state not in (State.PAUSED, State.HURT):
            return []
        return self._seek(now, self._resume_point())

    def toggle_pause(self, now: float) -> list[Cue]:
        if self.state is State.RUNNING:
            self.pause(now)
            return []
        return self.resume(now)

    def skip(self, now: float) -> list[Cue]:
        """Jump to the next segment (the other side, or the next exercise)."""
        if self.state in (State.READY, State.FINISHED):
            return []
        segment = self._segment_now(now)
        self._status.setdefault(segment, "skipped")
        return self._jump(now, segment + 1)

    def back(self, now: float) -> list[Cue]:
        """Restart this segment, or go to the previous one when it has only just begun."""
        if self.state in (State.READY, State.FINISHED):
            return []
        t = self.position(now)
        segment = self._segment_now(now)
        if t - self.timeline.segments[segment].start < BACK_RESTART_SECONDS and segment > 0:
            segment -= 1
        for index in [i for i in self._status if i >= segment]:
            del self._status[index]
        return self._jump(now, segment)

    def repeat(self, now: float) -> list[Cue]:
        """Say the current instruction again: carry on from its start (running or paused)."""
        if self.state not in (State.RUNNING, State.PAUSED):
            return []
        return self._seek(now, self._resume_point())

    def hurt(self, now: float) -> Cue | None:
        """Stop at once; the caller shows the rest position and the choices. Returns where it hurt."""
        if self.state not in (State.RUNNING, State.PAUSED):
            return None
        self.pause(now)
        self.state = State.HURT
        self._status[self._segment_now(now)] = "hurt"
        return self.current

    def skip_side(self, now: float) -> list[Cue]:
        """After a hurt: leave this side and go on."""
        segment = self._segment_now(now)
        self._status.setdefault(segment, "skipped")
        return self._jump(now, segment + 1)

    def skip_exercise(self, now: float) -> list[Cue]:
        """After a hurt (or any time): leave this exercise, both sides, and go on."""
        segments = self.timeline.segments
        segment = self._segment_now(now)
        exercise = segments[segment].exercise
        target = segment + 1
        while exercise is not None and target < len(segments) and segments[target].exercise == exercise:
            self._status.setdefault(target, "skipped")
            target += 1
        self._status.setdefault(segment, "skipped")
        return self._jump(now, target)

    def end(self, now: float) -> None:
        """Stop the session here, early."""
        if self.state is not State.FINISHED:
            self._finish(now, completed=False)

    # -- results ----------------------------------------------------------------------------
    def summary(self) -> Summary:
        per_exercise: dict[str, list[tuple[str | None, str | None]]] = {}
        for segment in self.timeline.segments:
            if segment.exercise is not None:
                status = self._status.get(segment.index)
                per_exercise.setdefault(segment.exercise, []).append((segment.side, status))
        outcomes = []
        for exercise in self.timeline.routine.exercises:
            parts = per_exercise.get(exercise.id, [])
            statuses = [status for _, status in parts]
            hurt_sides = tuple(side for side, status in parts if status == "hurt" and side)
            if "hurt" in statuses:
                status = "hurt"
            elif "skipped" in statuses:
                status = "skipped"
            elif parts and all(s == "done" for s in statuses):
                status = "done"
            else:
                status = "not_reached"
            outcomes.append(ExerciseOutcome(exercise.id, exercise.title, status, hurt_sides))
        end = self._ended if self._ended is not None else self._started or 0.0
        elapsed = max(0.0, end - (self._started or 0.0))
        completed = self.state is State.FINISHED and self._completed
        return Summary(tuple(outcomes), elapsed, completed)

    # -- inside -----------------------------------------------------------------------------
    def _segment_now(self, now: float) -> int:
        return self.current.segment if self.current else 0

    def _resume_point(self) -> float:
        cues = self.timeline.cues
        index = self._next - 1
        while index > 0 and cues[index].kind in _NOT_RESUME_POINTS:
            index -= 1
        return cues[index].at if index >= 0 else 0.0

    def _enter_segment(self, segment: int) -> None:
        for passed in range(self._segment, segment):
            self._status.setdefault(passed, "done")
        self._segment = segment

    def _jump(self, now: float, segment: int) -> list[Cue]:
        segments = self.timeline.segments
        if segment >= len(segments):
            self._finish(now, completed=False)
            return []
        self._segment = segment
        return self._seek(now, segments[segment].start)

    def _seek(self, now: float, t: float) -> list[Cue]:
        self._origin = now - t
        self._next = bisect_left(self._starts, t - 1e-9)
        self.state = State.RUNNING
        return self.due(now)

    def _finish(self, now: float, completed: bool) -> None:
        if completed:
            self._enter_segment(len(self.timeline.segments))
        self._frozen_at = self.position(now) if self.state is State.RUNNING else self._frozen_at
        self.state = State.FINISHED
        self._ended = now
        self._completed = completed
