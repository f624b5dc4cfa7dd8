"""Weekly pain trend analysis: ISO weeks, the clinical yardsticks, the doctor advice and the sentence."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.records import AerobicEntry, PainRating, SessionRecord
from kiosk.core.trends import ADVICE_TEXT, analyse, summary_sentence
from kiosk.cli.trends import trends_command

UTC = timezone.utc
CET = timezone(timedelta(hours=1))
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def rating(when: datetime, pain: int, moment: str = "other", side: str | None = None) -> PainRating:
    return PainRating(when, pain, moment=moment, side=side)


def session(when: datetime, completed: bool = True, done: tuple[str, ...] = ()) -> SessionRecord:
    return SessionRecord(f"s-{when.isoformat()}", "gentle", when, when + timedelta(minutes=20),
                         done=done, completed=completed)


def week_of(monday: date, pains, sessions_per_week: int = 0, tz=CET):
    """Ratings spread over the days of the week starting `monday`, and that many sessions."""
    start = datetime(monday.year, monday.month, monday.day, 9, tzinfo=tz)
    ratings = [rating(start + timedelta(days=i % 7, minutes=i), pain) for i, pain in enumerate(pains)]
    sessions = [session(start + timedelta(days=i % 7, hours=1)) for i in range(sessions_per_week)]
    return ratings, sessions


def weeks_of(first_monday: date, per_week: list[list[int]], sessions_per_week: int | list[int] = 0):
    ratings, sessions = [], []
    counts = sessions_per_week if isinstance(sessions_per_week, list) else [sessions_per_week] * len(per_week)
    for i, (pains, count) in enumerate(zip(per_week, counts)):
        r, s = week_of(first_monday + timedelta(weeks=i), pains, count)
        ratings += r
        sessions += s
    return ratings, sessions


MONDAY = date(2026, 3, 2)


# -- ISO weeks ----------------------------------------------------------------------------------


def test_new_years_day_2021_belongs_to_week_53_of_2020():
    report = analyse([rating(datetime(2021, 1, 1, 12, tzinfo=CET), 4)])
    (week,) = report.weeks
    assert week.label == "2020-W53"
    assert week.start == date(2020, 12, 28)
    assert report.to_json_dict()["weeks"][0]["week"] == "2020-W53"
    assert report.to_json_dict()["weeks"][0]["start"] == "2020-12-28"


def test_2026_has_a_week_53_that_ends_in_2027():
    report = analyse([rating(datetime(2026, 12, 31, 12, tzinfo=CET), 3),
                      rating(datetime(2027, 1, 3, 12, tzinfo=CET), 5)])
    (week,) = report.weeks
    assert week.label == "2026-W53" and week.count == 2 and week.mean == 4


def test_weeks_run_on_across_the_year_boundary_with_empty_weeks_included():
    report = analyse([rating(datetime(2020, 12, 21, 9, tzinfo=CET), 6),     # 2020-W52
                      rating(datetime(2021, 1, 11, 9, tzinfo=CET), 4)])     # 2021-W02
    assert [w.label for w in report.weeks] == ["2020-W52", "2020-W53", "2021-W01", "2021-W02"]
    assert [w.start for w in report.weeks] == [date(2020, 12, 21) + timedelta(weeks=i) for i in range(4)]
    assert [w.count for w in report.weeks] == [1, 0, 0, 1]


def test_sunday_before_a_monday_new_year_week_stays_in_the_old_year():
    report = analyse([rating(datetime(2024, 12, 29, 20, tzinfo=CET), 2),    # Sunday: 2024-W52
                      rating(datetime(2024, 12, 30, 8, tzinfo=CET), 8)])    # Monday: 2025-W01
    assert [(w.label, w.count) for w in report.weeks] == [("2024-W52", 1), ("2025-W01", 1)]


def test_the_local_date_decides_the_week_not_utc():
    # Monday 00:30 in Berlin summer time is still Sunday 22:30 in UTC.
    late = datetime(2026, 3, 30, 0, 30, tzinfo=BERLIN)
    assert late.astimezone(UTC).date() == date(2026, 3, 29)
    report = analyse([rating(late, 5)])
    assert report.weeks[0].label == "2026-W14"


def test_spring_forward_night_keeps_ratings_on_their_own_day():
    # Berlin jumps from 02:00 to 03:00 on Sunday 29 March 2026; ratings just before and after
    # midnight on either side of the change stay on their own local days.
    saturday_late = datetime(2026, 3, 28, 23, 59, tzinfo=BERLIN)          # +01:00, W13
    sunday_late = datetime(2026, 3, 29, 23, 59, tzinfo=BERLIN)            # +02:00, W13
    monday_early = datetime(2026, 3, 30, 0, 1, tzinfo=BERLIN)             # +02:00, W14
    report = analyse([rating(saturday_late, 6), rating(sunday_late, 6), rating(monday_early, 2)])
    assert [(w.label, w.count) for w in report.weeks] == [("2026-W13", 2), ("2026-W14", 1)]


def test_fall_back_night_and_a_western_offset_keep_sunday_in_its_week():
    # New York leaves daylight saving on Sunday 1 November 2026; 23:30 that Sunday is already
    # Monday in UTC, but the rating belongs to the Sunday.
    sunday = datetime(2026, 11, 1, 23, 30, tzinfo=NEW_YORK)
    assert sunday.astimezone(UTC).weekday() == 0
    repeated_hour = datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NEW_YORK)   # the second 01:30
    report = analyse([rating(sunday, 3), rating(repeated_hour, 5)])
    (week,) = report.weeks
    assert week.label == "2026-W44" and week.count == 2


def test_stored_and_reloaded_ratings_keep_their_offset_and_week():
    original = rating(datetime(2026, 3, 30, 0, 30, tzinfo=BERLIN), 5)
    reloaded = PainRating.from_dict(json.loads(json.dumps(original.to_dict())))
    assert analyse([reloaded]).weeks[0].label == analyse([original]).weeks[0].label == "2026-W14"


# -- per-week numbers ------------------------------------------------------------------------------


def test_week_numbers_before_after_sessions_and_aerobic_minutes():
    start = datetime(2026, 3, 2, 9, tzinfo=CET)
    ratings = [rating(start, 6, "before"), rating(start + timedelta(hours=1), 3, "after"),
               rating(start + timedelta(days=1), 7, "before"), rating(start + timedelta(days=2), 5)]
    sessions = [session(start), session(start + timedelta(days=1), completed=False, done=("bridge",)),
                session(start + timedelta(days=2), completed=False)]          # nothing done: not counted
    aerobic = [AerobicEntry(start, "walking", 30), AerobicEntry(start + timedelta(days=3), "cycling", 45)]
    (week,) = analyse(ratings, sessions, aerobic).weeks
    assert (week.count, week.mean, week.min, week.max) == (4, 5.25, 3, 7)
    assert (week.mean_before, week.mean_after) == (6.5, 3)
    assert (week.sessions, week.aerobic_minutes) == (2, 75)


def test_empty_weeks_are_gaps_with_nulls_not_zeros():
    ratings, _ = weeks_of(MONDAY, [[5], [], [], [4]])
    report = analyse(ratings)
    assert [w.count for w in report.weeks] == [1, 0, 0, 1]
    gap = report.to_json_dict()["weeks"][1]
    assert gap == {"week": "2026-W11", "start": "2026-03-09", "count": 0, "mean": None, "min": None,
                   "max": None, "mean_before": None, "mean_after": None, "sessions": 0, "aerobic_minutes": 0}


def test_weeks_with_only_sessions_extend_the_range_but_not_the_baseline():
    ratings, _ = weeks_of(MONDAY, [[5]])
    later = session(datetime(2026, 3, 18, 9, tzinfo=CET))
    report = analyse(ratings, [later])
    assert [w.label for w in report.weeks] == ["2026-W10", "2026-W11", "2026-W12"]
    assert report.baseline == report.latest == 5
    assert report.weeks[-1].sessions == 1


def test_means_are_rounded_to_two_decimals_in_json():
    ratings, _ = weeks_of(MONDAY, [[1, 1, 2], [2, 2, 3]])
    data = analyse(ratings).to_json_dict()
    assert [w["mean"] for w in data["weeks"]] == [1.33, 2.33]
    assert data["baseline"] == 1.33 and data["latest"] == 2.33
    assert data["change"] == {"points": -1.0, "percent": -75.0, "meaningful": False}
    json.dumps(data, allow_nan=False)


# -- baseline, latest, change ----------------------------------------------------------------------


def test_no_ratings_at_all():
    report = analyse([])
    assert report.weeks == () and report.baseline is None and report.change is None
    assert report.to_json_dict() == {"weeks": [], "baseline": None, "latest": None, "change": None, "advice": None}
    assert summary_sentence(report).startswith("No pain ratings yet.")


def test_a_single_rating():
    report = analyse([rating(datetime(2026, 3, 4, 9, tzinfo=CET), 5)])
    assert report.baseline == report.latest == 5
    assert report.change.points == 0 and report.change.percent == 0 and not report.change.meaningful
    assert report.advice is None
    assert summary_sentence(report) == ("This week your pain averaged 5.0. "
                                        "Keep rating it: from next week you will see how it changes.")


def test_all_zero_pain_has_no_percentage():
    ratings, sessions = weeks_of(MONDAY, [[0, 0], [0], [0, 0, 0], [0]], sessions_per_week=3)
    report = analyse(ratings, sessions)
    assert report.baseline == 0 and report.latest == 0
    assert report.change.points == 0 and report.change.percent is None and not report.change.meaningful
    assert report.to_json_dict()["change"]["percent"] is None
    assert report.advice is None                        # no pain left to tell anyone about
    assert report.improvement_threshold is None
    assert "first week it averaged 0" in summary_sentence(report)


@pytest.mark.parametrize(("first", "last", "meaningful"), [
    ([6], [4], True),                  # 2 points, 33%
    ([10], [8], False),                # 2 points but only 20%
    ([5, 5], [3, 4], False),           # 1.5 points, 30%
    ([7, 7, 6], [5, 5, 4], True),      # exactly 2 points and exactly 30% (20/3 -> 14/3)
    ([3], [0], True),
    ([4], [6], False),                 # worse
])
def test_meaningful_needs_two_points_and_thirty_percent(first, last, meaningful):
    ratings, _ = weeks_of(MONDAY, [first, last])
    assert analyse(ratings).change.meaningful is meaningful


def test_the_example_sentence_from_the_issue():
    ratings, _ = weeks_of(MONDAY, [[6, 6, 6, 7, 7, 6, 6, 6, 7, 6], [5], [4, 4, 4, 4, 5, 4, 4, 4, 5, 4]])
    report = analyse(ratings)
    assert (report.baseline, report.latest) == (6.3, 4.2)
    assert summary_sentence(report) == ("This week your pain averaged 4.2, 2.1 points (33%) lower "
                                        "than when you started: a meaningful improvement.")


@pytest.mark.parametrize(("per_week", "expected"), [
    ([[6], [5]], "This week your pain averaged 5.0, 1.0 point (17%) lower than when you started: "
                 "a start, keep going."),
    ([[4], [6]], "This week your pain averaged 6.0, 2.0 points (50%) higher than when you started. "
                 "Go gently, and tell your doctor if it keeps rising."),
    ([[5], [5]], "This week your pain averaged 5.0, about the same as when you started."),
])
def test_friendly_variants_of_the_sentence(per_week, expected):
    ratings, _ = weeks_of(MONDAY, per_week)
    assert summary_sentence(analyse(ratings)) == expected


def test_the_sentence_names_the_week_when_the_latest_ratings_are_older():
    ratings, _ = weeks_of(MONDAY, [[6], [3]])
    walk = AerobicEntry(datetime(2026, 3, 25, 9, tzinfo=CET), "walking", 30)
    sentence = summary_sentence(analyse(ratings, aerobic=[walk]))
    assert sentence.startswith("In the week of 9 March 2026 your pain averaged 3.0")


def test_side_filter_counts_pain_on_both_sides_for_each_side():
    start = datetime(2026, 3, 2, 9, tzinfo=CET)
    ratings = [rating(start, 8, side="left"), rating(start, 2, side="right"),
               rating(start, 5, side="both"), rating(start, 1, side="middle"), rating(start, 9)]
    assert analyse(ratings, side="left").weeks[0].count == 2
    assert analyse(ratings, side="left").baseline == 6.5
    assert analyse(ratings, side="right").baseline == 3.5
    assert analyse(ratings, side="middle").baseline == 1
    assert analyse(ratings).weeks[0].count == 5


def test_improvement_zone_starts_at_the_stricter_of_two_points_and_thirty_percent():
    assert analyse(weeks_of(MONDAY, [[8]])[0]).improvement_threshold == pytest.approx(5.6)   # 30% is stricter
    assert analyse(weeks_of(MONDAY, [[5]])[0]).improvement_threshold == pytest.approx(3.0)   # 2 points
    assert analyse(weeks_of(MONDAY, [[1]])[0]).improvement_threshold is None


# -- the "tell your doctor" rule --------------------------------------------------------------------


def test_advice_after_three_weeks_of_regular_exercise_without_improvement():
    ratings, sessions = weeks_of(MONDAY, [[6], [6], [5]], sessions_per_week=2)
    report = analyse(ratings, sessions)
    assert report.advice == ADVICE_TEXT
    assert report.to_json_dict()["advice"] == ADVICE_TEXT
    assert "doctor" in report.advice


def test_advice_when_pain_got_worse_despite_regular_exercise():
    ratings, sessions = weeks_of(MONDAY, [[4], [5], [6], [7]], sessions_per_week=3)
    assert analyse(ratings, sessions).advice == ADVICE_TEXT


def test_no_advice_before_three_weeks():
    ratings, sessions = weeks_of(MONDAY, [[6], [6]], sessions_per_week=5)
    assert analyse(ratings, sessions).advice is None


def test_no_advice_when_one_of_the_last_three_weeks_was_not_regular():
    ratings, sessions = weeks_of(MONDAY, [[6], [6], [6]], sessions_per_week=[2, 1, 2])
    assert analyse(ratings, sessions).advice is None


def test_no_advice_when_exercise_stopped_before_the_last_three_weeks():
    ratings, sessions = weeks_of(MONDAY, [[6], [6], [6], [6], [6]], sessions_per_week=[3, 3, 0, 0, 0])
    assert analyse(ratings, sessions).advice is None


def test_no_advice_after_a_meaningful_improvement():
    ratings, sessions = weeks_of(MONDAY, [[6], [5], [4]], sessions_per_week=2)
    assert analyse(ratings, sessions).advice is None


def test_no_advice_without_pain():
    ratings, sessions = weeks_of(MONDAY, [[1], [1], [0]], sessions_per_week=2)
    assert analyse(ratings, sessions).advice is None


def test_advice_counts_calendar_weeks_so_gaps_between_ratings_still_count():
    ratings, sessions = weeks_of(MONDAY, [[6], [], [6]], sessions_per_week=2)
    assert analyse(ratings, sessions).advice == ADVICE_TEXT


def test_advice_is_calm_and_never_a_diagnosis():
    words = ADVICE_TEXT.lower()
    for alarming in ("diagnos", "disease", "injur", "urgent", "emergency", "serious", "damage"):
        assert alarming not in words


# -- the command ---------------------------------------------------------------------------------


def test_trends_command_prints_a_table_for_people():
    ratings, sessions = weeks_of(MONDAY, [[6, 7], [], [4]], sessions_per_week=2)
    out = io.StringIO()
    assert trends_command(ratings, sessions, [], as_json=False, out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].split()[:3] == ["Week", "Starts", "Ratings"]
    assert lines[2].split()[:4] == ["2026-W10", "2026-03-02", "2", "6.50"]
    assert lines[3].split()[:3] == ["2026-W11", "2026-03-09", "-"]
    assert "meaningful: yes" in out.getvalue()
    assert "This week your pain averaged 4.0" in out.getvalue()


def test_trends_command_prints_the_json_object():
    ratings, sessions = weeks_of(MONDAY, [[6], [6], [6]], sessions_per_week=2)
    out = io.StringIO()
    assert trends_command(ratings, sessions, [], as_json=True, out=out) == 0
    data = json.loads(out.getvalue())
    details = data.pop("details")              # the visit report's other numbers (tests/unit/test_diary_details.py)
    assert data == analyse(ratings, sessions).to_json_dict()
    assert set(data) == {"weeks", "baseline", "latest", "change", "advice"}
    assert details["weeks"] == 3 and details["sessions"] == 6
    assert data["advice"] == ADVICE_TEXT


def test_trends_command_with_no_records():
    out = io.StringIO()
    assert trends_command([], [], [], as_json=False, out=out) == 0
    assert "No pain ratings yet" in out.getvalue()


def test_a_worse_week_with_advice_does_not_say_doctor_twice():
    ratings, sessions = weeks_of(MONDAY, [[4], [5], [6]], sessions_per_week=2)
    report = analyse(ratings, sessions)
    assert report.advice == ADVICE_TEXT
    assert summary_sentence(report) == ("This week your pain averaged 6.0, 2.0 points (50%) higher "
                                        "than when you started.")


@pytest.mark.parametrize(("today", "opening"), [
    (date(2026, 3, 15), "This week your pain averaged 3.0"),            # Sunday of the latest week
    (date(2026, 3, 16), "Last week your pain averaged 3.0"),
    (date(2026, 4, 1), "In the week of 9 March 2026 your pain averaged 3.0"),
])
def test_the_sentence_names_the_latest_week_relative_to_today(today, opening):
    ratings, _ = weeks_of(MONDAY, [[6], [3]])
    assert summary_sentence(analyse(ratings), today=today).startswith(opening)
