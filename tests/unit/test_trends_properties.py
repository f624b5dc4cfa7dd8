"""Property tests: the trend analysis agrees with a plain reference implementation written here."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from fractions import Fraction
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.records import MOMENTS, SIDES, AerobicEntry, PainRating, SessionRecord
from kiosk.core.trends import ADVICE_TEXT, analyse

ZONES = [timezone.utc, timezone(timedelta(hours=-11)), timezone(timedelta(hours=13, minutes=45)),
         ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York"), ZoneInfo("Australia/Lord_Howe"),
         ZoneInfo("Pacific/Chatham"), ZoneInfo("America/Sao_Paulo")]

moments_in_time = st.datetimes(
    min_value=datetime(2020, 6, 1), max_value=datetime(2021, 6, 30),
    timezones=st.sampled_from(ZONES),
)
ratings_strategy = st.lists(st.builds(
    PainRating, timestamp=moments_in_time, pain=st.integers(0, 10),
    moment=st.sampled_from(MOMENTS), side=st.none() | st.sampled_from(SIDES),
), max_size=60)
sessions_strategy = st.lists(st.builds(
    lambda started, completed, done: SessionRecord("s", "gentle", started, started + timedelta(minutes=20),
                                                   done=done, completed=completed),
    moments_in_time, st.booleans(), st.sampled_from([(), ("bridge",)]),
), max_size=40)
aerobic_strategy = st.lists(st.builds(
    AerobicEntry, timestamp=moments_in_time, activity=st.just("walking"), minutes=st.integers(1, 600),
), max_size=20)
side_strategy = st.none() | st.sampled_from(("left", "right", "middle", "both"))


# -- the reference: the same rules, written out the slow and obvious way ---------------------------


def local_monday(moment: datetime) -> date:
    """The Monday of the week of the date the clock on the wall showed (its own offset)."""
    wall = (moment.astimezone(timezone.utc) + moment.utcoffset()).replace(tzinfo=None)
    day = wall.date()
    return day - timedelta(days=day.weekday())


def wanted(rating: PainRating, side) -> bool:
    if side is None:
        return True
    if side in ("left", "right"):
        return rating.side in (side, "both")
    return rating.side == side


def reference(ratings, sessions, aerobic, side):
    mondays = {}
    for r in ratings:
        if wanted(r, side):
            mondays.setdefault(local_monday(r.timestamp), {"r": [], "s": 0, "a": 0})["r"].append(r)
    for s in sessions:
        if s.completed or s.done:
            mondays.setdefault(local_monday(s.started), {"r": [], "s": 0, "a": 0})["s"] += 1
    for a in aerobic:
        mondays.setdefault(local_monday(a.timestamp), {"r": [], "s": 0, "a": 0})["a"] += a.minutes
    if not mondays:
        return {"weeks": [], "baseline": None, "latest": None, "change": None, "advice": None}

    weeks = []
    monday = min(mondays)
    while monday <= max(mondays):
        bucket = mondays.get(monday, {"r": [], "s": 0, "a": 0})
        pains = [r.pain for r in bucket["r"]]
        before = [r.pain for r in bucket["r"] if r.moment == "before"]
        after = [r.pain for r in bucket["r"] if r.moment == "after"]
        weeks.append({
            "monday": monday,
            "week": monday.strftime("%G-W%V"),
            "count": len(pains),
            "mean": Fraction(sum(pains), len(pains)) if pains else None,
            "min": min(pains) if pains else None,
            "max": max(pains) if pains else None,
            "mean_before": Fraction(sum(before), len(before)) if before else None,
            "mean_after": Fraction(sum(after), len(after)) if after else None,
            "sessions": bucket["s"],
            "aerobic_minutes": bucket["a"],
        })
        monday += timedelta(days=7)

    rated = [w for w in weeks if w["count"]]
    if not rated:
        return {"weeks": weeks, "baseline": None, "latest": None, "change": None, "advice": None}
    baseline, latest = rated[0]["mean"], rated[-1]["mean"]
    points = baseline - latest
    percent = None if baseline == 0 else points / baseline * 100
    meaningful = percent is not None and points >= 2 and percent >= 30

    sessions_by_monday = {w["monday"]: w["sessions"] for w in weeks}
    last_monday = rated[-1]["monday"]
    long_enough = (last_monday - rated[0]["monday"]).days >= 14
    regular = all(sessions_by_monday[last_monday - timedelta(days=7 * k)] >= 2 for k in range(3)) \
        if long_enough else False
    advice = ADVICE_TEXT if long_enough and regular and not meaningful and latest > 0 else None
    return {"weeks": weeks, "baseline": baseline, "latest": latest,
            "change": {"points": points, "percent": percent, "meaningful": meaningful}, "advice": advice}


def as_float(value):
    return None if value is None else float(value)


# -- properties ------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(ratings_strategy, sessions_strategy, aerobic_strategy, side_strategy)
def test_analysis_matches_the_reference(ratings, sessions, aerobic, side):
    report = analyse(ratings, sessions, aerobic, side=side)
    expected = reference(ratings, sessions, aerobic, side)
    assert [w.label for w in report.weeks] == [w["week"] for w in expected["weeks"]]
    assert [w.start for w in report.weeks] == [w["monday"] for w in expected["weeks"]]
    for got, want in zip(report.weeks, expected["weeks"]):
        assert (got.count, got.min, got.max, got.sessions, got.aerobic_minutes) == \
            (want["count"], want["min"], want["max"], want["sessions"], want["aerobic_minutes"])
        assert got.mean == as_float(want["mean"])
        assert got.mean_before == as_float(want["mean_before"])
        assert got.mean_after == as_float(want["mean_after"])
    assert report.baseline == as_float(expected["baseline"])
    assert report.latest == as_float(expected["latest"])
    if expected["change"] is None:
        assert report.change is None
    else:
        assert report.change.points == float(expected["change"]["points"])
        assert report.change.percent == as_float(expected["change"]["percent"])
        assert report.change.meaningful == expected["change"]["meaningful"]
    assert report.advice == expected["advice"]


@settings(max_examples=150, deadline=None)
@given(ratings_strategy, sessions_strategy, aerobic_strategy, side_strategy)
def test_json_is_complete_rounded_and_strict(ratings, sessions, aerobic, side):
    report = analyse(ratings, sessions, aerobic, side=side)
    data = json.loads(json.dumps(report.to_json_dict(), allow_nan=False))
    assert set(data) == {"weeks", "baseline", "latest", "change", "advice"}
    starts = [date.fromisoformat(w["start"]) for w in data["weeks"]]
    assert all(start.weekday() == 0 for start in starts)
    assert all(b - a == timedelta(days=7) for a, b in zip(starts, starts[1:]))
    for week in data["weeks"]:
        for key in ("mean", "mean_before", "mean_after"):
            assert week[key] is None or round(week[key], 2) == week[key]
        assert (week["count"] == 0) == (week["mean"] is None)
    assert sum(w["count"] for w in data["weeks"]) == sum(1 for r in ratings if wanted(r, side))


@settings(max_examples=100, deadline=None)
@given(ratings_strategy, sessions_strategy, st.randoms(use_true_random=False))
def test_the_order_of_records_does_not_matter(ratings, sessions, rnd):
    shuffled_ratings, shuffled_sessions = list(ratings), list(sessions)
    rnd.shuffle(shuffled_ratings)
    rnd.shuffle(shuffled_sessions)
    first = analyse(ratings, sessions)
    second = analyse(shuffled_ratings, shuffled_sessions)
    assert first.to_json_dict() == second.to_json_dict()


@settings(max_examples=400, deadline=None)
@given(st.lists(st.integers(0, 10), min_size=1, max_size=3), st.lists(st.integers(0, 10), min_size=1, max_size=3),
       st.integers(0, 3))
def test_the_verdict_at_the_edges_of_two_points_and_thirty_percent(first_week, last_week, sessions_a_week):
    """Dense small weeks hit the exact boundaries (10 -> 7 is 3 points and exactly 30%) often."""
    monday = datetime(2026, 3, 2, 9, tzinfo=timezone(timedelta(hours=1)))
    ratings = [PainRating(monday + timedelta(hours=i), pain) for i, pain in enumerate(first_week)]
    ratings += [PainRating(monday + timedelta(weeks=2, hours=i), pain) for i, pain in enumerate(last_week)]
    sessions = [SessionRecord("s", "gentle", monday + timedelta(weeks=w, days=d), monday + timedelta(weeks=w, days=d),
                              completed=True) for w in range(3) for d in range(sessions_a_week)]
    report = analyse(ratings, sessions)
    expected = reference(ratings, sessions, [], None)
    assert report.change.meaningful == expected["change"]["meaningful"]
    assert report.change.percent == as_float(expected["change"]["percent"])
    assert report.advice == expected["advice"]
