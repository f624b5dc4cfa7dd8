"""The visit report's numbers in core.trends: the last N weeks, before/after, sides, hurt, left out, notes."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from kiosk.cli.trends import trends_command
from kiosk.core.records import AerobicEntry, PainRating, SessionRecord
from kiosk.core.trends import analyse, diary_details, diary_numbers, last_weeks

BERLIN = ZoneInfo("Europe/Berlin")
UTC = timezone.utc


def at(day: date, hour: int = 9, minute: int = 0, tz=BERLIN) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def session(sid: str, when: datetime, hurt=(), skipped=(), completed=True) -> SessionRecord:
    return SessionRecord(sid, "floor", when, when + timedelta(minutes=20), done=("bridge",), hurt=tuple(hurt),
                         skipped=tuple(skipped), completed=completed)


def test_last_weeks_ends_with_the_latest_records_week_and_counts_iso_week_53():
    # 2020-W53 is 28 Dec 2020 to 3 Jan 2021; the latest record is on Sunday 10 Jan 2021 (2021-W01)
    ratings = [PainRating(at(date(2020, 12, 20)), 5), PainRating(at(date(2020, 12, 28), 0, 10), 4),
               PainRating(at(date(2021, 1, 10), 23, 50), 3)]
    aerobic = [AerobicEntry(at(date(2020, 12, 27)), "walking", 30)]
    kept, _, walks = last_weeks(ratings, [], aerobic, weeks=2)
    assert [r.pain for r in kept] == [4, 3] and walks == []
    weeks = analyse(kept).weeks
    assert [w.label for w in weeks] == ["2020-W53", "2021-W01"]


def test_last_weeks_places_a_record_by_its_own_local_date_not_utc():
    # 00:20 on Monday 29 Mar 2021 in Berlin (summer time, +02:00) is still Sunday 28 Mar in UTC
    monday_early = PainRating(at(date(2021, 3, 29), 0, 20), 6)
    assert monday_early.timestamp.utcoffset() == timedelta(hours=2)
    assert monday_early.timestamp.astimezone(UTC).date() == date(2021, 3, 28)
    later = PainRating(at(date(2021, 4, 4), 10), 2)
    kept, _, _ = last_weeks([monday_early, later], weeks=1)
    assert kept == [monday_early, later]           # both in 2021-W13 (29 Mar to 4 Apr) by local date


@pytest.mark.parametrize("weeks", [0, -1, True, 2.5])
def test_last_weeks_refuses_what_is_not_a_whole_number_of_weeks(weeks):
    with pytest.raises(ValueError):
        last_weeks([PainRating(at(date(2021, 1, 4)), 3)], weeks=weeks)


def test_details_count_before_after_sides_hurt_left_out_and_worse():
    day = date(2021, 3, 1)
    ratings = [
        PainRating(at(day), 6, moment="before", side="left", worse_with=("stairs", "bending")),
        PainRating(at(day, 10), 4, moment="after", side="left"),
        PainRating(at(day + timedelta(days=1)), 7, moment="before", side="both", worse_with=("stairs",),
                   note="  sore after the bus  "),
        PainRating(at(day + timedelta(days=1), 10), 5, moment="after", side="right", note="easier"),
        PainRating(at(day + timedelta(days=2)), 3, moment="during", side=None),
    ]
    sessions = [session("a", at(day), hurt=("bridge:left", "bridge:left", "cat_cow"), skipped=("twist",)),
                session("b", at(day + timedelta(days=1)), hurt=("bridge:right",), skipped=("twist",)),
                session("c", at(day + timedelta(days=2)), hurt=("bridge:left",), completed=False)]
    aerobic = [AerobicEntry(at(day), "walking", 100), AerobicEntry(at(day + timedelta(days=8)), "cycling", 30)]
    details = diary_details(ratings, sessions, aerobic, analyse(ratings, sessions, aerobic))
    assert (details.before.count, details.before.mean) == (2, 6.5)
    assert (details.after.count, details.after.mean) == (2, 4.5)
    assert (details.left.count, details.left.mean) == (3, 17 / 3)           # left, left and both
    assert (details.right.count, details.right.mean) == (2, 6.0)            # both and right
    assert [(t.exercise, t.side, t.count) for t in details.hurt] == [
        ("bridge", "left", 2), ("bridge", "right", 1), ("cat_cow", None, 1)]   # a repeated entry counts once
    assert [(t.exercise, t.count) for t in details.left_out] == [("twist", 2)]
    assert details.worse_with == (("stairs", 2), ("bending", 1))
    assert [n.text for n in details.notes] == ["easier", "sore after the bus"]   # newest first, trimmed
    assert (details.weeks, details.first_week, details.last_week) == (2, "2021-W09", "2021-W10")
    assert (details.first_day, details.last_day) == (date(2021, 3, 1), date(2021, 3, 14))
    assert details.sessions == 3 and details.sessions_per_week == 1.5      # c counts too: it has a done exercise
    assert details.aerobic_minutes == 130 and details.aerobic_minutes_per_week == 65.0
    assert details.aerobic_weeks_at_goal == 0


def test_details_json_is_rounded_like_the_trend():
    ratings = [PainRating(at(date(2021, 3, 1), h), p, moment="before", side="left")
               for h, p in ((8, 1), (9, 2), (10, 2))]
    data = diary_numbers(ratings).to_json_dict()
    assert data["details"]["before"] == {"count": 3, "mean": 1.67}
    assert data["details"]["left"] == {"count": 3, "mean": 1.67}
    assert data["weeks"][0]["mean"] == 1.67
    json.dumps(data, allow_nan=False)


def test_trends_command_prints_the_details_for_the_last_weeks_only():
    ratings = [PainRating(at(date(2021, 1, 4) + timedelta(weeks=i)), 8 - i, moment="before") for i in range(6)]
    out = io.StringIO()
    trends_command(ratings, [], [], as_json=True, out=out, weeks=3)
    data = json.loads(out.getvalue())
    assert [w["week"] for w in data["weeks"]] == ["2021-W04", "2021-W05", "2021-W06"]
    assert data["baseline"] == 5.0 and data["latest"] == 3.0
    assert data["details"]["ratings"] == 3 and data["details"]["before"]["mean"] == 4.0
