"""Clock sanity: a clock before the build date, and ratings whose dates a right clock could not have given."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta, timezone

from kiosk.core.clock import BUILD_DATE, clock_looks_wrong, left_out_notice, suspect_ratings, trusted
from kiosk.core.records import PainRating
from kiosk.cli.trends import trends_command

UTC = timezone.utc
START = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


def daily(days, start=START):
    return [PainRating(start + timedelta(days=d), 5) for d in days]


def test_a_clock_before_the_build_date_looks_wrong():
    assert clock_looks_wrong(datetime(1970, 1, 1, tzinfo=UTC))
    assert clock_looks_wrong(BUILD_DATE - timedelta(days=1))
    assert not clock_looks_wrong(BUILD_DATE) and not clock_looks_wrong(datetime(2031, 5, 1, tzinfo=UTC))


def test_ratings_in_order_are_all_trusted_even_across_a_long_break():
    ratings = daily([0, 1, 2, 400, 401])                 # a year and more away, then back
    assert suspect_ratings(ratings, today=date(2028, 3, 1)) == set()


def test_a_session_from_a_1970_clock_between_right_ones_is_suspect():
    epoch = datetime(1970, 1, 1, 0, 5, tzinfo=UTC)
    ratings = [*daily([0, 1]), PainRating(epoch, 8, "before"), PainRating(epoch + timedelta(minutes=20), 7, "after"),
               *daily([3])]
    assert suspect_ratings(ratings, today=date(2027, 1, 10)) == {2, 3}


def test_a_session_from_a_clock_years_ahead_is_suspect_by_its_neighbours_and_by_today():
    ahead = START + timedelta(days=3 * 365)
    ratings = [*daily([0, 1]), PainRating(ahead, 8), PainRating(ahead + timedelta(minutes=20), 7), *daily([3])]
    assert suspect_ratings(ratings) == {2, 3}                          # neighbours alone
    assert suspect_ratings(ratings[:4], today=date(2027, 1, 8)) == {2, 3}    # the last ones: today
    assert suspect_ratings(ratings[:4]) == set()                       # no neighbour after, no today


def test_a_wrong_today_does_not_make_every_rating_look_ahead():
    assert suspect_ratings(daily([0, 1]), today=date(1970, 1, 1)) == set()


def test_ratings_marked_when_recorded_are_suspect():
    ratings = daily([0, 1])
    marked = PainRating(START, 4, clock_suspect=True)
    assert suspect_ratings([*ratings, marked]) == {2}
    assert PainRating.from_dict(marked.to_dict()) == marked and "clock_suspect" not in ratings[0].to_dict()


def test_the_trend_leaves_suspect_ratings_out_and_says_so():
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    ratings = [*daily([0]), PainRating(epoch, 9), *daily([14])]
    kept, left_out = trusted(ratings, today=date(2027, 1, 20))
    assert left_out == 1 and kept == [ratings[0], ratings[2]]
    out, err = io.StringIO(), io.StringIO()
    trends_command(ratings, [], [], as_json=False, out=out, today=date(2027, 1, 20), err=err)
    assert err.getvalue() == f"kiosk trends: {left_out_notice(1)}\n"
    assert len(out.getvalue().splitlines()) < 12                      # three weeks, not 57 years of them
    err = io.StringIO()
    trends_command(ratings, [], [], as_json=True, out=io.StringIO(), today=date(1970, 1, 2), err=err)
    assert "The clock looks wrong" in err.getvalue()
