"""The idle policy: warning after the timeout, time out after the warning, busy counts as activity."""

from __future__ import annotations

import pytest

from kiosk.core.idle import IdlePolicy


def test_nothing_happens_before_the_timeout_and_checks_are_scheduled():
    policy = IdlePolicy(timeout_s=90, warning_s=15)
    policy.start(1000.0)
    step = policy.check(1030.0)
    assert step.event is None
    assert 0 < step.check_again_in <= 60
    assert policy.state == "watching"


def test_warning_then_timeout():
    policy = IdlePolicy(timeout_s=90, warning_s=15)
    policy.start(0.0)
    assert policy.check(89.9).event is None
    step = policy.check(90.0)
    assert step.event == "warning_started" and step.check_again_in == 15
    assert policy.seconds_left_in_warning(95.0) == pytest.approx(10.0)
    assert policy.check(104.9).event is None
    assert policy.check(105.0).event == "timed_out"
    assert policy.state == "timed_out"
    assert policy.check(500.0).event is None


def test_activity_restarts_the_wait():
    policy = IdlePolicy(timeout_s=90, warning_s=15)
    policy.start(0.0)
    policy.activity(80.0)
    assert policy.check(120.0).event is None
    assert policy.check(170.0).event == "warning_started"


def test_activity_during_the_warning_does_not_end_it_but_still_here_does():
    policy = IdlePolicy(timeout_s=10, warning_s=5)
    policy.start(0.0)
    assert policy.check(10.0).event == "warning_started"
    policy.activity(11.0)
    assert policy.state == "warning"
    policy.still_here(12.0)
    assert policy.state == "watching"
    assert policy.check(21.0).event is None
    assert policy.check(22.0).event == "warning_started"


def test_busy_counts_as_activity_and_idle_counts_from_when_it_stopped():
    policy = IdlePolicy(timeout_s=10, warning_s=5, poll_s=1)
    policy.start(0.0)
    for t in range(0, 60):               # a routine running for a minute, checked every second
        step = policy.check(float(t), busy=True)
        assert step.event is None and step.check_again_in <= 1
    assert policy.check(65.0, busy=False).event is None     # paused at 59: 6 s idle
    assert policy.check(69.0, busy=False).event == "warning_started"


def test_stopped_policy_never_warns():
    policy = IdlePolicy(timeout_s=1, warning_s=1)
    assert policy.check(100.0).event is None
    policy.start(0.0)
    policy.stop()
    assert policy.check(100.0).event is None


def test_bad_timeouts_are_refused():
    with pytest.raises(ValueError):
        IdlePolicy(timeout_s=0)
    with pytest.raises(ValueError):
        IdlePolicy().set_timeout(-1)
