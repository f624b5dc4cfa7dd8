"""The one lockout policy (core.lockout): free misses, growing rests, slow forgiveness, clock jumps."""

from __future__ import annotations

from kiosk.core.lockout import (
    KIOSK_RULE,
    Lockout,
    LockoutRule,
    LockoutState,
    after_miss,
    after_success,
    remaining_rest,
    settle,
    tries_before_rest,
)

RULE = LockoutRule(misses_before_rest=3, first_rest=10.0, growth=2.0, longest_rest=35.0, forgive_seconds=100.0)


def test_the_third_miss_rests_and_each_further_one_rests_longer_up_to_the_longest():
    state, rests = LockoutState(), []
    now = 0.0
    for _ in range(6):
        state = after_miss(RULE, state, now)
        rest = remaining_rest(RULE, state, now)
        rests.append(rest)
        now += rest
    assert rests == [0, 0, 10, 20, 35, 35]


def test_one_miss_is_forgiven_per_forgive_seconds():
    state = LockoutState()
    for t in (0.0, 1.0):
        state = after_miss(RULE, state, t)
    assert tries_before_rest(RULE, state, 99.0) == 1
    assert tries_before_rest(RULE, state, 100.0) == 2
    assert tries_before_rest(RULE, state, 200.0) == 3
    assert settle(RULE, state, 200.0).misses == 0


def test_a_success_forgets_unless_the_rule_says_not():
    state = after_miss(RULE, after_miss(RULE, LockoutState(), 0.0), 1.0)
    assert after_success(RULE, state, 2.0) == LockoutState()
    assert after_success(KIOSK_RULE, state, 2.0).misses == 2


def test_a_clock_set_backwards_never_lengthens_a_rest():
    state = LockoutState(misses=3, since=5_000_000.0, until=5_000_010.0)
    assert remaining_rest(RULE, state, 0.0) == RULE.longest_rest
    assert settle(RULE, state, 0.0).since == 0.0


def test_the_bound_lockout_keeps_its_state_where_it_is_told_and_shortens_a_jumped_rest():
    saved: dict = {}
    lockout = Lockout(RULE, lambda: saved.get("state"), lambda state: saved.update(state=state))
    assert [lockout.miss(float(t)) for t in range(3)] == [0, 0, 10]
    again = Lockout(RULE, lambda: saved.get("state"), lambda state: saved.update(state=state))
    assert again.remaining(5.0) == 7
    saved["state"]["until"] = 9e9
    assert again.remaining(5.0) == 35 and saved["state"]["until"] == 40.0
    again.success(50.0)
    assert again.tries_left(50.0) == 3


def test_a_malformed_saved_state_is_a_fresh_one():
    assert LockoutState.from_json({"misses": "x"}) == LockoutState()
    assert LockoutState.from_json(None) == LockoutState()
