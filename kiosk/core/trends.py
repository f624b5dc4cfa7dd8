"""Weekly pain trend: bucket ratings by ISO week and judge the change against clinical yardsticks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction

from kiosk.core.clock import trusted
from kiosk.core.languages import SOURCE_LANGUAGE
from kiosk.core.local_formats import decimal, long_date
from kiosk.core.records import AerobicEntry, PainRating, SessionRecord
from kiosk.core.translations import N_, translation

#: A drop of at least this many points on the 0-10 scale ... (Farrar 2001; IMMPACT)
MEANINGFUL_POINTS = 2
#: ... and of at least this percentage of the baseline counts as a meaningful improvement.
MEANINGFUL_PERCENT = 30
#: Weekly aerobic goal in minutes (American Heart Association).
AEROBIC_GOAL_MINUTES = 150
#: "Regular exercise": at least this many sessions in a week ...
REGULAR_SESSIONS_PER_WEEK = 2
#: ... for at least this many weeks in a row before the advice to tell the doctor can appear.
ADVICE_WEEKS = 3

ADVICE_TEXT = N_(
    "You have exercised regularly for three weeks and your pain has not eased much yet. "
    "It is worth telling your doctor or physiotherapist how it is going."
)

_WeekKey = tuple[int, int]          # (ISO year, ISO week)


@dataclass(frozen=True)
class WeekStats:
    """One ISO week: its pain ratings summarised, sessions done and aerobic minutes logged."""

    iso_year: int
    iso_week: int
    count: int = 0
    mean: float | None = None
    min: int | None = None
    max: int | None = None
    mean_before: float | None = None
    mean_after: float | None = None
    sessions: int = 0
    aerobic_minutes: int = 0

    @property
    def label(self) -> str:
        """The week as "YYYY-Www", for example "2026-W07"."""
        return f"{self.iso_year:04d}-W{self.iso_week:02d}"

    @property
    def start(self) -> date:
        """The Monday the week starts on."""
        return date.fromisocalendar(self.iso_year, self.iso_week, 1)

    def to_json_dict(self) -> dict:
        return {
            "week": self.label,
            "start": self.start.isoformat(),
            "count": self.count,
            "mean": _round(self.mean),
            "min": self.min,
            "max": self.max,
            "mean_before": _round(self.mean_before),
            "mean_after": _round(self.mean_after),
            "sessions": self.sessions,
            "aerobic_minutes": self.aerobic_minutes,
        }


@dataclass(frozen=True)
class Change:
    """Baseline minus latest: positive `points` is better; `percent` is None when the baseline is 0."""

    points: float
    percent: float | None
    meaningful: bool

    def to_json_dict(self) -> dict:
        return {"points": _round(self.points), "percent": _round(self.percent), "meaningful": self.meaningful}


@dataclass(frozen=True)
class TrendReport:
    """Every week from the first record to the last (empty weeks included) and the verdict on them."""

    weeks: tuple[WeekStats, ...] = ()
    baseline: float | None = None
    latest: float | None = None
    change: Change | None = None
    advice: str | None = None
    side: str | None = None

    @property
    def rated_weeks(self) -> tuple[WeekStats, ...]:
        """Only the weeks that have ratings."""
        return tuple(week for week in self.weeks if week.count)

    @property
    def has_ratings(self) -> bool:
        return self.baseline is not None

    @property
    def baseline_week(self) -> WeekStats | None:
        return next((week for week in self.weeks if week.count), None)

    @property
    def latest_week(self) -> WeekStats | None:
        return next((week for week in reversed(self.weeks) if week.count), None)

    @property
    def improvement_threshold(self) -> float | None:
        """Weekly means at or below this are a meaningful improvement; None when none is possible."""
        if self.baseline is None:
            return None
        threshold = min(self.baseline - MEANINGFUL_POINTS, self.baseline * (100 - MEANINGFUL_PERCENT) / 100)
        return threshold if threshold >= 0 else None

    def to_json_dict(self) -> dict:
        return {
            "weeks": [week.to_json_dict() for week in self.weeks],
            "baseline": _round(self.baseline),
            "latest": _round(self.latest),
            "change": self.change.to_json_dict() if self.change else None,
            "advice": self.advice,
        }


def rating_matches_side(rating: PainRating, side: str | None) -> bool:
    """True when `rating` belongs in the view for `side` (None: all ratings).

    Pain felt on both sides counts for the left and for the right view.
    """
    if side is None:
        return True
    return rating.side == side or (rating.side == "both" and side in ("left", "right"))


def session_counts(session: SessionRecord) -> bool:
    """A session counts as exercise when it was completed or at least one exercise was done."""
    return session.completed or bool(session.done)


def analyse(
    ratings: Iterable[PainRating],
    sessions: Iterable[SessionRecord] = (),
    aerobic: Iterable[AerobicEntry] = (),
    side: str | None = None,
) -> TrendReport:
    """Summarise the ratings week by week and judge the change since the first week.

    Buckets: every record goes into the ISO week of its own local date (the date its timestamp
    shows in its own UTC offset), so a daylight-saving change never moves it to another day.
    Sessions are bucketed by their start; only sessions that count (`session_counts`) are counted.
    The weeks run from the earliest to the latest week holding any record, empty weeks included.

    `side` filters the ratings only ("left", "right", ...; None for all), see `rating_matches_side`.

    Verdict: `baseline` is the mean of the first week with ratings, `latest` the mean of the last;
    `change.points` = baseline - latest, `change.percent` = points / baseline x 100 (None when the
    baseline is 0), `change.meaningful` when points >= 2 and percent >= 30 (decided in exact
    arithmetic, so 6.0 -> 4.0 is meaningful and no rounding tips it either way).

    The "tell your doctor" rule (never a diagnosis, only a calm suggestion, `ADVICE_TEXT`):
    the advice appears when all of these hold --
      1. the latest week with ratings is at least two weeks after the first one, so the ratings
         span at least ADVICE_WEEKS (3) calendar weeks;
      2. each of the ADVICE_WEEKS weeks ending with the latest rated week had at least
         REGULAR_SESSIONS_PER_WEEK (2) sessions that count ("three weeks of regular exercise");
      3. the change is not meaningful (including when pain got worse, or the baseline was 0);
      4. there is still pain: the latest week's mean is above 0.
    Otherwise `advice` is None.
    """
    buckets: dict[_WeekKey, list[PainRating]] = {}
    week_of: dict[date, _WeekKey] = {}

    def key_for(day: date) -> _WeekKey:
        key = week_of.get(day)
        if key is None:
            iso = day.isocalendar()
            key = week_of[day] = (iso[0], iso[1])
        return key

    for rating in ratings:
        if side is None or rating_matches_side(rating, side):
            buckets.setdefault(key_for(rating.timestamp.date()), []).append(rating)

    session_totals: dict[_WeekKey, int] = {}
    for session in sessions:
        if session_counts(session):
            key = key_for(session.started.date())
            session_totals[key] = session_totals.get(key, 0) + 1

    aerobic_totals: dict[_WeekKey, int] = {}
    for entry in aerobic:
        key = key_for(entry.timestamp.date())
        aerobic_totals[key] = aerobic_totals.get(key, 0) + entry.minutes

    keys = set(buckets) | set(session_totals) | set(aerobic_totals)
    if not keys:
        return TrendReport(side=side)

    sums: dict[_WeekKey, tuple[int, int]] = {}
    weeks = []
    for key in _week_range(min(keys), max(keys)):
        group = buckets.get(key)
        stats = WeekStats(key[0], key[1], sessions=session_totals.get(key, 0),
                          aerobic_minutes=aerobic_totals.get(key, 0))
        if group:
            pains = [rating.pain for rating in group]
            before = [rating.pain for rating in group if rating.moment == "before"]
            after = [rating.pain for rating in group if rating.moment == "after"]
            total = sum(pains)
            sums[key] = (total, len(pains))
            stats = WeekStats(
                key[0], key[1], count=len(pains), mean=total / len(pains), min=min(pains), max=max(pains),
                mean_before=sum(before) / len(before) if before else None,
                mean_after=sum(after) / len(after) if after else None,
                sessions=stats.sessions, aerobic_minutes=stats.aerobic_minutes,
            )
        weeks.append(stats)

    if not sums:
        return TrendReport(weeks=tuple(weeks), side=side)

    first_key, last_key = min(sums), max(sums)
    baseline_exact = Fraction(*sums[first_key])
    latest_exact = Fraction(*sums[last_key])
    change = _change(baseline_exact, latest_exact)
    advice = ADVICE_TEXT if _advice_due(weeks, first_key, last_key, change, latest_exact) else None
    return TrendReport(
        weeks=tuple(weeks), baseline=float(baseline_exact), latest=float(latest_exact),
        change=change, advice=advice, side=side,
    )


def _change(baseline: Fraction, latest: Fraction) -> Change:
    points = baseline - latest
    if baseline == 0:
        return Change(points=float(points), percent=None, meaningful=False)
    percent = points * 100 / baseline
    meaningful = points >= MEANINGFUL_POINTS and percent >= MEANINGFUL_PERCENT
    return Change(points=float(points), percent=float(percent), meaningful=meaningful)


def _advice_due(weeks: list[WeekStats], first_key: _WeekKey, last_key: _WeekKey,
                change: Change, latest: Fraction) -> bool:
    if change.meaningful or latest <= 0:
        return False
    index = {(week.iso_year, week.iso_week): i for i, week in enumerate(weeks)}
    first, last = index[first_key], index[last_key]
    if last - first < ADVICE_WEEKS - 1:
        return False
    recent = weeks[last - ADVICE_WEEKS + 1:last + 1]
    return all(week.sessions >= REGULAR_SESSIONS_PER_WEEK for week in recent)


def _week_range(first: _WeekKey, last: _WeekKey) -> list[_WeekKey]:
    monday = date.fromisocalendar(first[0], first[1], 1)
    end = date.fromisocalendar(last[0], last[1], 1)
    keys = []
    while monday <= end:
        iso = monday.isocalendar()
        keys.append((iso[0], iso[1]))
        monday += timedelta(days=7)
    return keys


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def advice_sentence(report: TrendReport, language: str = SOURCE_LANGUAGE) -> str | None:
    """The report's "tell your doctor" advice in `language`; None when there is none."""
    return translation(language).gettext(report.advice) if report.advice else None


def _format_points(points: float, language: str = SOURCE_LANGUAGE) -> str:
    shown = f"{abs(points):.1f}"
    # The plural form of the number as shown: one for "1.0", the other form for any other amount.
    return translation(language).ngettext("{points} point", "{points} points", 1 if shown == "1.0" else 2).format(
        points=decimal(abs(points), language))


def _when(report: TrendReport, today: date | None, language: str = SOURCE_LANGUAGE) -> str:
    _ = translation(language).gettext
    latest = report.latest_week
    if today is None:
        if latest is report.weeks[-1]:
            return _("This week")
    else:
        this_monday = today - timedelta(days=today.weekday())
        if latest.start == this_monday:
            return _("This week")
        if latest.start == this_monday - timedelta(days=7):
            return _("Last week")
    return _("In the week of {date}").format(date=long_date(latest.start, language))


def summary_sentence(report: TrendReport, today: date | None = None, language: str = SOURCE_LANGUAGE) -> str:
    """One plain sentence that answers "is this working?" for the person (never a diagnosis).

    With `today`, the latest week is named relative to it ("This week", "Last week", "In the week
    of 2 March 2026"); without it, "This week" means the last week of the report. In `language`,
    numbers and dates written its way.
    """
    _ = translation(language).gettext
    if not report.has_ratings:
        return _("No pain ratings yet. Rate your pain before and after a session, "
                 "and your progress will appear here week by week.")
    values = {"when": _when(report, today, language), "latest": decimal(report.latest, language)}
    if len(report.rated_weeks) == 1:
        return _("{when} your pain averaged {latest}. "
                 "Keep rating it: from next week you will see how it changes.").format(**values)
    change = report.change
    assert change is not None
    if change.percent is None:
        return _("{when} your pain averaged {latest}; in your first week it averaged 0.").format(**values)
    if round(change.points, 1) == 0:
        return _("{when} your pain averaged {latest}, about the same as when you started.").format(**values)
    values["amount"] = f"{_format_points(change.points, language)} ({decimal(abs(change.percent), language, 0)}%)"
    if change.points < 0:
        if report.advice:               # the advice already suggests telling the doctor
            return _("{when} your pain averaged {latest}, {amount} higher than when you started.").format(**values)
        return _("{when} your pain averaged {latest}, {amount} higher than when you started. "
                 "Go gently, and tell your doctor if it keeps rising.").format(**values)
    if change.meaningful:
        return _("{when} your pain averaged {latest}, {amount} lower than when you started: "
                 "a meaningful improvement.").format(**values)
    return _("{when} your pain averaged {latest}, {amount} lower than when you started: "
             "a start, keep going.").format(**values)


# -- the visit report's numbers (also `kiosk trends --json`, under "details") -----------------------

def last_weeks(ratings: Iterable[PainRating], sessions: Iterable[SessionRecord] = (),
               aerobic: Iterable[AerobicEntry] = (), weeks: int | None = None,
               ) -> tuple[list[PainRating], list[SessionRecord], list[AerobicEntry]]:
    """Only the records of the last `weeks` ISO weeks the diary covers (None: all of them).

    The window ends with the week of the latest record of any kind (so a report made later, or of a
    diary not used for a while, shows the same weeks) and starts `weeks - 1` weeks before it. Every
    record is placed by its own local date, as in `analyse`. ValueError when `weeks` is below 1.
    """
    ratings, sessions, aerobic = list(ratings), list(sessions), list(aerobic)
    if weeks is None:
        return ratings, sessions, aerobic
    if isinstance(weeks, bool) or not isinstance(weeks, int) or weeks < 1:
        raise ValueError(f"weeks must be a whole number of at least 1, not {weeks!r}")
    days = ([r.timestamp.date() for r in ratings] + [s.started.date() for s in sessions]
            + [a.timestamp.date() for a in aerobic])
    if not days:
        return ratings, sessions, aerobic
    latest = max(days)
    first = latest - timedelta(days=latest.weekday()) - timedelta(weeks=weeks - 1)
    return ([r for r in ratings if r.timestamp.date() >= first],
            [s for s in sessions if s.started.date() >= first],
            [a for a in aerobic if a.timestamp.date() >= first])


@dataclass(frozen=True)
class Average:
    """How many ratings and their mean (None when there are none)."""

    count: int = 0
    mean: float | None = None

    def to_json_dict(self) -> dict:
        return {"count": self.count, "mean": _round(self.mean)}


@dataclass(frozen=True)
class ExerciseTally:
    """How many sessions an exercise hurt in (on `side`, None when no side was said) or was left out of."""

    exercise: str
    side: str | None
    count: int

    def to_json_dict(self) -> dict:
        return {"exercise": self.exercise, "side": self.side, "count": self.count}


@dataclass(frozen=True)
class Note:
    """A rating's note, with when and how much it hurt."""

    timestamp: datetime
    pain: int
    moment: str
    side: str | None
    exercise: str | None
    text: str

    def to_json_dict(self) -> dict:
        return {"timestamp": self.timestamp.isoformat(), "pain": self.pain, "moment": self.moment,
                "side": self.side, "exercise": self.exercise, "text": self.text}


@dataclass(frozen=True)
class DiaryDetails:
    """What the visit report tells beside the weekly chart, over the weeks of a `TrendReport`.

    Averages are over the ratings themselves (not over weekly means); per-week figures are over
    every week of the report, empty weeks included.
    """

    weeks: int = 0
    first_week: str | None = None
    last_week: str | None = None
    first_day: date | None = None           # the Monday of the first week
    last_day: date | None = None            # the Sunday of the last week
    ratings: int = 0
    before: Average = Average()
    after: Average = Average()
    left: Average = Average()
    right: Average = Average()
    hurt: tuple[ExerciseTally, ...] = ()       # most often first
    left_out: tuple[ExerciseTally, ...] = ()   # skipped, most often first
    worse_with: tuple[tuple[str, int], ...] = ()   # (WORSE_WITH choice, ratings), most often first
    notes: tuple[Note, ...] = ()               # newest first
    sessions: int = 0
    sessions_per_week: float | None = None
    aerobic_minutes: int = 0
    aerobic_minutes_per_week: float | None = None
    aerobic_weeks_at_goal: int = 0

    def to_json_dict(self) -> dict:
        return {
            "weeks": self.weeks,
            "first_week": self.first_week,
            "last_week": self.last_week,
            "from": self.first_day.isoformat() if self.first_day else None,
            "to": self.last_day.isoformat() if self.last_day else None,
            "ratings": self.ratings,
            "before": self.before.to_json_dict(),
            "after": self.after.to_json_dict(),
            "left": self.left.to_json_dict(),
            "right": self.right.to_json_dict(),
            "hurt": [tally.to_json_dict() for tally in self.hurt],
            "left_out": [tally.to_json_dict() for tally in self.left_out],
            "worse_with": [{"reason": reason, "count": count} for reason, count in self.worse_with],
            "notes": [note.to_json_dict() for note in self.notes],
            "sessions": self.sessions,
            "sessions_per_week": _round(self.sessions_per_week),
            "aerobic_minutes": self.aerobic_minutes,
            "aerobic_minutes_per_week": _round(self.aerobic_minutes_per_week),
            "aerobic_goal_minutes": AEROBIC_GOAL_MINUTES,
            "aerobic_weeks_at_goal": self.aerobic_weeks_at_goal,
        }


def _average(pains: list[int]) -> Average:
    return Average(len(pains), sum(pains) / len(pains)) if pains else Average()


def _tallies(counts: dict[tuple[str, str | None], int]) -> tuple[ExerciseTally, ...]:
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0][0], item[0][1] or ""))
    return tuple(ExerciseTally(exercise, side, count) for (exercise, side), count in ordered)


def diary_details(ratings: Iterable[PainRating], sessions: Iterable[SessionRecord],
                  aerobic: Iterable[AerobicEntry], report: TrendReport) -> DiaryDetails:
    """The report's other numbers for the same records `report` was made from (`analyse`, all sides).

    Hurt: per exercise and side, the sessions it hurt in (a session's "exercise:side" entries; one
    without a side counts under side None). Left out: per exercise, the sessions that skipped it.
    Worse with: per choice, the ratings that named it. Sessions count as in `analyse`.
    """
    ratings = list(ratings)
    weeks = report.weeks
    if not weeks:
        return DiaryDetails()
    hurt: dict[tuple[str, str | None], int] = {}
    left_out: dict[tuple[str, str | None], int] = {}
    for session in sessions:
        for entry in set(session.hurt):
            exercise, _, side = entry.partition(":")
            hurt[(exercise, side or None)] = hurt.get((exercise, side or None), 0) + 1
        for exercise in set(session.skipped):
            left_out[(exercise, None)] = left_out.get((exercise, None), 0) + 1
    worse: dict[str, int] = {}
    for rating in ratings:
        for reason in set(rating.worse_with):
            worse[reason] = worse.get(reason, 0) + 1
    notes = sorted((r for r in ratings if r.note.strip()), key=lambda r: r.timestamp, reverse=True)
    session_total = sum(week.sessions for week in weeks)
    minutes = sum(week.aerobic_minutes for week in weeks)
    return DiaryDetails(
        weeks=len(weeks), first_week=weeks[0].label, last_week=weeks[-1].label,
        first_day=weeks[0].start, last_day=weeks[-1].start + timedelta(days=6),
        ratings=len(ratings),
        before=_average([r.pain for r in ratings if r.moment == "before"]),
        after=_average([r.pain for r in ratings if r.moment == "after"]),
        left=_average([r.pain for r in ratings if r.side is not None and rating_matches_side(r, "left")]),
        right=_average([r.pain for r in ratings if r.side is not None and rating_matches_side(r, "right")]),
        hurt=_tallies(hurt), left_out=_tallies(left_out),
        worse_with=tuple(sorted(worse.items(), key=lambda item: (-item[1], item[0]))),
        notes=tuple(Note(r.timestamp, r.pain, r.moment, r.side, r.exercise, r.note.strip()) for r in notes),
        sessions=session_total, sessions_per_week=session_total / len(weeks),
        aerobic_minutes=minutes, aerobic_minutes_per_week=minutes / len(weeks),
        aerobic_weeks_at_goal=sum(week.aerobic_minutes >= AEROBIC_GOAL_MINUTES for week in weeks),
    )


@dataclass(frozen=True)
class DiaryNumbers:
    """Everything `kiosk trends --json` prints and the visit report shows, worked out once."""

    trend: TrendReport
    details: DiaryDetails
    left_out: int = 0           # ratings left out for dates a wrong clock gave (core.clock)

    def to_json_dict(self) -> dict:
        return {**self.trend.to_json_dict(), "details": self.details.to_json_dict()}


def diary_numbers(ratings: Iterable[PainRating], sessions: Iterable[SessionRecord] = (),
                  aerobic: Iterable[AerobicEntry] = (), *, weeks: int | None = None,
                  today: date | None = None, side: str | None = None) -> DiaryNumbers:
    """The trend and the details of a diary: ratings from a wrong clock left out (`core.clock.trusted`),
    then the last `weeks` weeks (`last_weeks`), then `analyse` (the trend for `side`) and
    `diary_details` (all sides)."""
    kept, left_out = trusted(list(ratings), today)
    kept, sessions, aerobic = last_weeks(kept, sessions, aerobic, weeks)
    trend = analyse(kept, sessions, aerobic, side=side)
    overall = trend if side is None else analyse(kept, sessions, aerobic)
    return DiaryNumbers(trend, diary_details(kept, sessions, aerobic, overall), left_out)
