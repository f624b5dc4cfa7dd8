"""The session state machine with injected time: play, pause, resume, skip, back, hurt."""

from __future__ import annotations

import pytest

from kiosk.core.session import Session, State
from kiosk.core.timeline import compile_routine


@pytest.fixture
def timeline(mini_routine):
    return compile_routine(mini_routine)


def play_until(session, start, end, step=0.25):
    """Call due() every `step` seconds from start to end; return all cues emitted."""
    out, now = [], start
    while now <= end:
        out += session.due(now)
        now += step
    return out


def test_plays_every_cue_once_in_order(timeline):
    session = Session(timeline)
    first = session.start(1000.0)
    assert [c.kind for c in first] == ["intro"]
    cues = first + play_until(session, 1000.0, 1000.0 + timeline.duration + 1)
    assert cues == list(timeline.cues)
    assert session.state is State.FINISHED
    summary = session.summary()
    assert summary.completed
    assert [o.status for o in summary.outcomes] == ["done", "done"]


def test_next_deadline_is_the_next_cue(timeline):
    session = Session(timeline)
    session.start(50.0)
    assert session.next_deadline(50.0) == pytest.approx(50.0 + timeline.cues[1].at)


def test_pause_freezes_and_resume_repeats_the_instruction(timeline):
    session = Session(timeline)
    session.start(0.0)
    play_until(session, 0, 29.9)                     # inside the first hold's countdown
    assert session.current.kind == "count"
    session.pause(30.0)
    assert session.state is State.PAUSED
    assert session.due(500.0) == []                  # nothing happens while paused
    assert session.position(500.0) == pytest.approx(30.0)
    cues = session.resume(600.0)
    # Resume goes back to the instruction that led into the hold, so it is heard again.
    assert [c.text for c in cues] == ["Bring your right knee up."]
    assert session.next_deadline(600.0) == pytest.approx(600.0 + (28.5 - 24.4))


def test_repeat_says_the_current_instruction_again_while_running_or_paused(timeline):
    session = Session(timeline)
    session.start(0.0)
    play_until(session, 0, 29.9)                     # inside the first hold's countdown
    assert [c.text for c in session.repeat(30.0)] == ["Bring your right knee up."]
    assert session.state is State.RUNNING
    play_until(session, 30.0, 33.0)
    session.pause(33.0)
    assert [c.text for c in session.repeat(40.0)] == ["Bring your right knee up."]
    assert session.state is State.RUNNING
    session.end(41.0)
    assert session.repeat(42.0) == []


def test_skip_moves_to_the_other_side_and_is_reported(timeline):
    session = Session(timeline)
    session.start(0.0)
    play_until(session, 0, 20)
    cues = session.skip(20.0)
    assert cues[0].text == "Now the left side." and cues[0].side == "left"
    end = play_until(session, 20.0, 20.0 + timeline.duration)
    assert end[-1].kind == "end"
    outcome = {o.exercise: o.status for o in session.summary().outcomes}
    assert outcome == {"knee_hug": "skipped", "bridge": "done"}


def test_back_restarts_the_segment_or_goes_to_the_previous_one(timeline):
    session = Session(timeline)
    session.start(0.0)
    play_until(session, 0, 60)                       # into the left side (starts at 50.8)
    assert session.current.side == "left"
    cues = session.back(60.0)                        # 9 s in: restart the left side
    assert cues[0].text == "Now the left side."
    cues = session.back(61.0)                        # just restarted: go to the right side
    assert cues[0].kind == "exercise" and cues[0].side == "right"


def test_hurt_stops_at_once_and_offers_skip_side(timeline):
    session = Session(timeline)
    session.start(0.0)
    play_until(session, 0, 25)
    where = session.hurt(25.0)
    assert session.state is State.HURT
    assert (where.exercise, where.side) == ("knee_hug", "right")
    assert session.due(100.0) == []
    cues = session.skip_side(100.0)
    assert cues[0].side == "left"
    play_until(session, 100.0, 100.0 + timeline.duration)
    summary = session.summary()
    knee = summary.outcomes[0]
    assert (knee.status, knee.hurt_sides) == ("hurt", ("right",))
    assert summary.outcomes[1].status == "done"


def test_hurt_then_skip_exercise_skips_both_sides(timeline):
    session = Session(timeline)
    session.start(0.0)
    play_until(session, 0, 25)
    session.hurt(25.0)
    cues = session.skip_exercise(30.0)
    assert cues[0].exercise == "bridge"
    session.end(31.0)
    outcome = {o.exercise: o.status for o in session.summary().outcomes}
    assert outcome == {"knee_hug": "hurt", "bridge": "not_reached"}
    assert not session.summary().completed


def test_end_early_reports_unreached_exercises(timeline):
    session = Session(timeline)
    session.start(10.0)
    play_until(session, 10, 15)
    session.end(15.0)
    summary = session.summary()
    assert session.state is State.FINISHED
    assert summary.elapsed == pytest.approx(5.0)
    assert [o.status for o in summary.outcomes] == ["not_reached", "not_reached"]


def test_skip_past_the_last_segment_finishes(timeline):
    session = Session(timeline)
    session.start(0.0)
    for _ in range(len(timeline.segments)):
        session.skip(1.0)
    assert session.state is State.FINISHED


def test_cannot_start_twice(timeline):
    session = Session(timeline)
    session.start(0.0)
    with pytest.raises(RuntimeError):
        session.start(1.0)
