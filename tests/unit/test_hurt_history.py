"""The 'hurt in two sessions in a row' rule."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from kiosk.core.hurt_history import hurt_in_a_row
from kiosk.core.records import SessionRecord

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def session(day: int, done=(), skipped=(), hurt=()) -> SessionRecord:
    start = T0 + timedelta(days=day)
    return SessionRecord(f"s{day}", "floor", start, start + timedelta(minutes=20), tuple(done),
                         tuple(skipped), tuple(hurt))


def test_two_sessions_in_a_row_offer_the_exercise():
    sessions = [session(0, hurt=["bridge"]), session(1, done=["knee"], hurt=["bridge:right"])]
    assert hurt_in_a_row(sessions, ["knee", "bridge"]) == ["bridge"]


def test_a_good_session_in_between_resets_it():
    sessions = [session(0, hurt=["bridge"]), session(1, done=["bridge"]), session(2, hurt=["bridge"])]
    assert hurt_in_a_row(sessions, ["bridge"]) == []


def test_sessions_without_the_exercise_do_not_break_the_row():
    sessions = [session(0, hurt=["bridge"]), session(1, done=["knee"]), session(2, hurt=["bridge"])]
    assert hurt_in_a_row(sessions, ["bridge", "knee"]) == ["bridge"]


def test_order_is_by_start_time_not_by_list_order():
    sessions = [session(2, hurt=["bridge"]), session(0, done=["bridge"]), session(1, hurt=["bridge"])]
    assert hurt_in_a_row(sessions, ["bridge"]) == ["bridge"]


def test_once_is_not_enough():
    assert hurt_in_a_row([session(0, hurt=["bridge"])], ["bridge"]) == []
    assert hurt_in_a_row([], ["bridge"]) == []
