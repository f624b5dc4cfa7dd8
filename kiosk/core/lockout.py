"""One lockout policy for every PIN check: a few misses free, then rests that grow; misses are forgiven slowly.

Pure: every call is handed `now` (wall-clock seconds, so a rest outlasts a restart) and the state,
which the caller keeps in the store. A clock set backwards never makes a rest longer than the
rule's longest rest.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class LockoutRule:
    """How many misses rest the keypad and for how long.

    The `misses_before_rest`-th miss in a row starts a rest of `first_rest` seconds; each further
    miss starts a rest `growth` times longer, up to `longest_rest`. One miss is forgiven for every
    `forgive_seconds` that pass (a leaky bucket: people who mistype now and then never rest). A
    right PIN forgets every miss when `success_forgets` (not for a whole kiosk: a stranger with a
    diary of their own must not reset the kiosk's count by signing in).
    """

    misses_before_rest: int
    first_rest: float
    growth: float
    longest_rest: float
    forgive_seconds: float
    success_forgets: bool = True

    def rest_after(self, misses: int) -> float:
        """Seconds of rest that the `misses`-th miss starts (0 before `misses_before_rest`)."""
        if misses < self.misses_before_rest:
            return 0.0
        return min(self.longest_rest, self.first_rest * self.growth ** (misses - self.misses_before_rest))


@dataclass(frozen=True)
class LockoutState:
    """Misses not yet forgiven, when the next one is forgiven from, and when the rest ends."""

    misses: int = 0
    since: float = 0.0
    until: float = 0.0

    def to_json(self) -> dict:
        return {"misses": self.misses, "since": self.since, "until": self.until}

    @classmethod
    def from_json(cls, data) -> LockoutState:
        """The state saved by `to_json`; a fresh state for anything missing or malformed."""
        try:
            return cls(max(0, int(data["misses"])), float(data["since"]), float(data["until"]))
        except (KeyError, TypeError, ValueError):
            return cls()


def settle(rule: LockoutRule, state: LockoutState, now: float) -> LockoutState:
    """The state at `now`: misses forgiven since, and a rest cut back if the clock went backwards."""
    since = min(state.since, now)
    until = min(state.until, now + rule.longest_rest)
    misses = state.misses
    if misses and rule.forgive_seconds > 0:
        forgiven = min(misses, int((now - since) // rule.forgive_seconds))
        misses -= forgiven
        since = now if misses == 0 else since + forgiven * rule.forgive_seconds
    return LockoutState(misses, since, until)


def remaining_rest(rule: LockoutRule, state: LockoutState, now: float) -> int:
    """Whole seconds until a PIN is checked again (0: now)."""
    return max(0, math.ceil(settle(rule, state, now).until - now))


def after_miss(rule: LockoutRule, state: LockoutState, now: float) -> LockoutState:
    """The state after a wrong PIN (or an unknown diary number) at `now`."""
    state = settle(rule, state, now)
    misses = state.misses + 1
    since = now if state.misses == 0 else state.since
    rest = rule.rest_after(misses)
    return LockoutState(misses, since, max(state.until, now + rest) if rest else state.until)


def after_success(rule: LockoutRule, state: LockoutState, now: float) -> LockoutState:
    """The state after a right PIN at `now`."""
    state = settle(rule, state, now)
    return LockoutState() if rule.success_forgets else state


def tries_before_rest(rule: LockoutRule, state: LockoutState, now: float) -> int:
    """Wrong PINs still allowed before a rest starts."""
    return max(0, rule.misses_before_rest - settle(rule, state, now).misses)


class Lockout:
    """A rule bound to where its state is kept: `load()` returns the saved JSON (or None), `save(json)`."""

    def __init__(self, rule: LockoutRule, load: Callable[[], object], save: Callable[[dict], None]) -> None:
        self.rule = rule
        self._load, self._save = load, save

    def state(self, now: float) -> LockoutState:
        saved = LockoutState.from_json(self._load())
        settled = settle(self.rule, saved, now)
        if settled.until != saved.until:            # the clock went backwards: keep the shorter rest
            self._save(replace(saved, until=settled.until).to_json())
        return settled

    def remaining(self, now: float) -> int:
        return remaining_rest(self.rule, self.state(now), now)

    def tries_left(self, now: float) -> int:
        return tries_before_rest(self.rule, self.state(now), now)

    def miss(self, now: float) -> int:
        """Count a miss; returns the seconds of rest it started (0: none)."""
        state = after_miss(self.rule, self.state(now), now)
        self._save(state.to_json())
        return remaining_rest(self.rule, state, now)

    def success(self, now: float) -> None:
        before = self.state(now)
        after = after_success(self.rule, before, now)
        if after != before:
            self._save(after.to_json())

    def clear(self) -> None:
        self._save(LockoutState().to_json())


#: The staff PIN: five wrong rest it five minutes, then every wrong one rests it longer (up to an hour).
ADMIN_RULE = LockoutRule(misses_before_rest=5, first_rest=300.0, growth=2.0, longest_rest=3600.0,
                         forgive_seconds=300.0)
#: One diary: five wrong PINs rest it a minute, doubling up to an hour; one miss forgiven an hour.
DIARY_RULE = LockoutRule(misses_before_rest=5, first_rest=60.0, growth=2.0, longest_rest=3600.0,
                         forgive_seconds=3600.0)
#: The whole kiosk: unknown numbers and wrong PINs of any diary. Five free, then 30 s doubling up to
#: 10 minutes; one miss forgiven every 10 minutes, so a stranger gets about six tries an hour.
KIOSK_RULE = LockoutRule(misses_before_rest=5, first_rest=30.0, growth=2.0, longest_rest=600.0,
                         forgive_seconds=600.0, success_forgets=False)
