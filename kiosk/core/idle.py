"""The idle policy: when to ask "Are you still there?" and when to give up, from times handed in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

DEFAULT_TIMEOUT_S = 90.0
WARNING_S = 15.0
POLL_S = 1.0        # while watching, look again at least this often (a routine may stop running)

IdleState = Literal["stopped", "watching", "warning", "timed_out"]
IdleEvent = Literal["warning_started", "timed_out"]


@dataclass(frozen=True)
class IdleStep:
    """What `IdlePolicy.check` found: an event to announce (or None) and when to check again."""

    event: IdleEvent | None
    check_again_in: float | None     # seconds; None when nothing more will happen by itself


class IdlePolicy:
    """Watching -> (timeout without activity) warning -> (warning_s more) timed out.

    Times are monotonic seconds handed in. Activity while watching restarts the wait; activity
    during the warning does not end it (only `still_here` does), so that the touch which lands
    on the "I'm still here" button is the one that counts. `busy` (a routine running) counts as
    activity at the moment it is checked.
    """

    def __init__(self, timeout_s: float = DEFAULT_TIMEOUT_S, warning_s: float = WARNING_S,
                 poll_s: float = POLL_S) -> None:
        if timeout_s <= 0 or warning_s < 0:
            raise ValueError("timeout must be positive and the warning not negative")
        self.timeout_s = float(timeout_s)
        self.warning_s = float(warning_s)
        self.poll_s = float(poll_s)
        self.state: IdleState = "stopped"
        self._last_activity = 0.0
        self._warning_ends = 0.0

    def start(self, now: float) -> None:
        """Begin watching, counting from `now`."""
        self.state = "watching"
        self._last_activity = now

    def stop(self) -> None:
        self.state = "stopped"

    def set_timeout(self, timeout_s: float) -> None:
        if timeout_s <= 0:
            raise ValueError("timeout must be positive")
        self.timeout_s = float(timeout_s)

    def activity(self, now: float) -> None:
        """A touch, click or key: restarts the wait while watching; ignored otherwise."""
        if self.state == "watching":
            self._last_activity = max(self._last_activity, now)

    def still_here(self, now: float) -> None:
        """The person answered the warning (or came back): watch again from `now`."""
        if self.state in ("warning", "watching", "timed_out"):
            self.state = "watching"
            self._last_activity = now

    def seconds_left_in_warning(self, now: float) -> float:
        return max(0.0, self._warning_ends - now) if self.state == "warning" else 0.0

    def check(self, now: float, busy: bool = False) -> IdleStep:
        """Advance to `now`; returns the event that happened (if any) and when to look again."""
        if self.state == "watching":
            if busy:
                self._last_activity = now
            idle_for = now - self._last_activity
            if idle_for >= self.timeout_s:
                self.state = "warning"
                self._warning_ends = now + self.warning_s     # always the full countdown on screen
                return IdleStep("warning_started", self.warning_s)
            return IdleStep(None, min(self.timeout_s - idle_for, self.poll_s))
        if self.state == "warning":
            if now >= self._warning_ends:
                self.state = "timed_out"
                return IdleStep("timed_out", None)
            return IdleStep(None, self._warning_ends - now)
        return IdleStep(None, None)
