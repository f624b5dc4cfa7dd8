"""The visit report on paper: a diary's weekly chart and numbers for the doctor, as PDF or on a printer.

Every number is the one `kiosk trends --json` prints for the same diary and weeks, with the same
rounding: both come from `core.trends.diary_numbers`, and each is printed as the JSON shows it
(`number`). At most two pages, readable in black and white; the diary number, never a name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPdfWriter, QPen

from kiosk.core.diary_number import spaced
from kiosk.core.records import AerobicEntry, PainRating, SessionRecord
from kiosk.core.trends import (
    AEROBIC_GOAL_MINUTES, MEANINGFUL_PERCENT, MEANINGFUL_POINTS, DiaryNumbers, ExerciseTally, Note, diary_numbers,
)
from kiosk.ui.paper.report_chart import draw_weekly_chart
from kiosk.ui.paper.private_file import write_private
from kiosk.ui.paper.report_layout import PageFlow, font, page_layout, paint_pages

MAX_PAGES = 2
PDF_DPI = 300
CHART_HEIGHT = 300.0               # points: the chart is the first thing a doctor looks at
MAX_TALLY_ROWS = 10                # exercises listed as hurting or left out; the rest "and N more"
TITLE = "Pain and exercise diary: report for the visit"
SIDE_WORDS = {"left": "left side", "right": "right side", "both": "both sides", "middle": "middle"}
MOMENT_WORDS = {"before": "before a session", "after": "after a session", "during": "during a session",
                "other": "at another time"}
WORSE_WORDS = {                    # as the person chose them (ui.screens.pain_details), in lower case
    "sitting_long": "sitting long", "standing_up": "standing up", "stairs": "stairs", "bending": "bending",
    "twisting": "twisting", "walking": "walking", "lying_down": "lying down", "rolling_over": "turning in bed",
}


def number(value: float | int | None) -> str:
    """A number as `kiosk trends --json` prints it: floats rounded to two decimals (6.0, 2.33)."""
    if value is None:
        return "none"
    if isinstance(value, int):
        return str(value)
    return repr(round(value, 2))


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


@dataclass(frozen=True)
class ReportContent:
    """What one report shows: the numbers, whose diary (its number only) and the plan's days."""

    numbers: DiaryNumbers
    diary_number: str | None
    made_on: date
    plan_days_per_week: int | None = None
    exercise_titles: Mapping[str, str] = field(default_factory=dict)
    weeks_asked: int | None = None

    def title_of(self, exercise: str | None) -> str:
        if not exercise:
            return "an exercise"
        return self.exercise_titles.get(exercise) or exercise.replace("_", " ").capitalize()


def report_content(ratings: Iterable[PainRating], sessions: Iterable[SessionRecord] = (),
                   aerobic: Iterable[AerobicEntry] = (), *, diary_number: str | None, today: date,
                   weeks: int | None = None, plan_days_per_week: int | None = None,
                   exercise_titles: Mapping[str, str] | None = None) -> ReportContent:
    """The report of these records, worked out as `kiosk trends --json --weeks N` does on `today`.

    `plan_days_per_week`: the days a week the person's plan asks for (None: no plan; the report
    then gives just the sessions a week).
    """
    numbers = diary_numbers(ratings, sessions, aerobic, weeks=weeks, today=today)
    return ReportContent(numbers, diary_number, today, plan_days_per_week, dict(exercise_titles or {}), weeks)


# -- the text ---------------------------------------------------------------------------------------

def period_text(content: ReportContent) -> str:
    details = content.numbers.details
    if not details.weeks:
        return "Period covered: no records yet."
    return (f"Period covered: {_day(details.first_day)} to {_day(details.last_day)}, "
            f"{_plural(details.weeks, 'week')} ({details.first_week} to {details.last_week}), "
            f"{_plural(details.ratings, 'pain rating')}.")


def change_lines(content: ReportContent) -> list[str]:
    trend = content.numbers.trend
    if not trend.has_ratings:
        return ["No pain ratings in these weeks."]
    first, last = trend.baseline_week, trend.latest_week
    lines = [f"First week with ratings ({first.label}): average {number(trend.baseline)} "
             f"from {_plural(first.count, 'rating')}, lowest {first.min}, highest {first.max}."]
    if first is last:
        lines.append("Only one week has ratings, so there is no change to show yet.")
        return lines
    change = trend.change
    lines.append(f"Latest week with ratings ({last.label}): average {number(trend.latest)} "
                 f"from {_plural(last.count, 'rating')}, lowest {last.min}, highest {last.max}.")
    points = abs(round(change.points, 2))
    if points == 0:
        lines.append("Change: none; the average is the same as in the first week.")
    else:
        direction = "lower" if change.points > 0 else "higher"
        percent = "" if change.percent is None else f" ({number(abs(change.percent))}%)"
        lines.append(f"Change: {number(points)} points {direction}{percent} than in the first week.")
    verdict = "yes" if change.meaningful else "no"
    lines.append(f"A meaningful improvement (at least {MEANINGFUL_POINTS} points and at least "
                 f"{MEANINGFUL_PERCENT}% lower): {verdict}.")
    return lines


def before_after_text(content: ReportContent) -> str:
    details = content.numbers.details
    return _averages((("Before a session", details.before), ("after a session", details.after))) + "."


def sides_text(content: ReportContent) -> str:
    details = content.numbers.details
    if not details.left.count and not details.right.count:
        return "No side was given with the ratings."
    return _averages((("Left", details.left), ("right", details.right))) + ". A rating for both sides counts for each side."


def _averages(named) -> str:
    """ "Name: average 4.2 from 9 ratings; other: no ratings" for (name, average) pairs."""
    return "; ".join(f"{name}: average {number(average.mean)} from {_plural(average.count, 'rating')}"
                     if average.count else f"{name}: no ratings" for name, average in named)


def sessions_text(content: ReportContent) -> str:
    details = content.numbers.details
    text = (f"Sessions: {details.sessions} in {_plural(details.weeks, 'week')}, "
            f"{number(details.sessions_per_week)} a week on average")
    if content.plan_days_per_week:
        return text + f"; the plan asks for {_plural(content.plan_days_per_week, 'day')} a week."
    return text + "."


def aerobic_text(content: ReportContent) -> str:
    details = content.numbers.details
    return (f"Aerobic activity: {details.aerobic_minutes} minutes in {_plural(details.weeks, 'week')}, "
            f"{number(details.aerobic_minutes_per_week)} a week on average, against a goal of "
            f"{AEROBIC_GOAL_MINUTES} a week; the goal was reached in {details.aerobic_weeks_at_goal} "
            f"of {_plural(details.weeks, 'week')}.")


def hurt_line(content: ReportContent, tally: ExerciseTally) -> str:
    side = f", {SIDE_WORDS.get(tally.side, tally.side)}" if tally.side else ""
    return f"{content.title_of(tally.exercise)}{side}: in {_plural(tally.count, 'session')}"


def left_out_line(content: ReportContent, tally: ExerciseTally) -> str:
    return f"{content.title_of(tally.exercise)}: skipped in {_plural(tally.count, 'session')}"


def worse_text(content: ReportContent) -> str:
    worse = content.numbers.details.worse_with
    if not worse:
        return "Nothing was named."
    return "; ".join(f"{WORSE_WORDS.get(reason, reason)}: {_plural(count, 'rating')}"
                     for reason, count in worse) + "."


def note_line(content: ReportContent, note: Note) -> str:
    where = [MOMENT_WORDS.get(note.moment, note.moment)]
    if note.side:
        where.append(SIDE_WORDS.get(note.side, note.side))
    if note.exercise:
        where.append(content.title_of(note.exercise))
    return f"{_day(note.timestamp.date())}, pain {note.pain}, {', '.join(where)}: \u201c{note.text}\u201d"


# -- the pages --------------------------------------------------------------------------------------

def _lay_out(content: ReportContent, flow: PageFlow) -> None:
    style = flow.style
    numbers = content.numbers
    flow.text(TITLE, style.title, bold=True, after=4)
    who = f"Diary number {spaced(content.diary_number)}" if content.diary_number else "Diary number: not given"
    flow.text(f"{who}. Made on {_day(content.made_on)} from the person's own records in the exercise app.",
              style.body, after=2)
    flow.text(period_text(content), style.body, after=2)
    flow.text("Pain is rated from 0 (no pain) to 10 (the worst pain imaginable). This report describes "
              "the records only; it is not a diagnosis.", style.small, italic=True, after=2)
    if numbers.left_out:
        flow.text(f"{_plural(numbers.left_out, 'rating')} with dates the clock cannot have given "
                  f"{'is' if numbers.left_out == 1 else 'are'} left out.", style.small, after=2)

    if not numbers.details.weeks:
        flow.heading("No records yet")
        flow.text("This diary holds no pain ratings, sessions or aerobic minutes yet.")
        return
    flow.heading("How the pain changed")
    for line in change_lines(content):
        flow.text(line, after=2)
    if numbers.trend.advice:
        flow.text(f"The three-weeks advice applies: {numbers.trend.advice}", bold=True, after=2)

    flow.heading("Week by week")
    flow.block(CHART_HEIGHT, lambda rect: draw_weekly_chart(flow.painter, rect, numbers.trend,
                                                            content.plan_days_per_week))
    flow.heading("Before and after sessions")
    flow.text(before_after_text(content))
    flow.heading("Left against right")
    flow.text(sides_text(content))
    flow.heading("Sessions and aerobic activity")
    flow.text(sessions_text(content))
    flow.text(aerobic_text(content))

    details = numbers.details
    flow.heading("Exercises that hurt (\u201cIt hurts\u201d during a session)")
    _tallies(flow, [hurt_line(content, t) for t in details.hurt], "No exercise was marked as hurting.")
    flow.heading("Exercises left out")
    _tallies(flow, [left_out_line(content, t) for t in details.left_out], "No exercise was left out.")
    flow.heading("What made it worse")
    flow.text(worse_text(content))
    flow.heading("Notes, newest first")
    _notes(flow, [note_line(content, note) for note in details.notes])


def _tallies(flow: PageFlow, lines: list[str], none: str) -> None:
    if not lines:
        flow.text(none)
        return
    shown = lines if len(lines) <= MAX_TALLY_ROWS else lines[:MAX_TALLY_ROWS - 1]
    for line in shown:
        flow.text(f"\u2022 {line}", indent=8, after=1)
    if len(shown) < len(lines):
        flow.text(f"and {len(lines) - len(shown)} more", indent=8, after=1)
    flow.skip(2)


def _notes(flow: PageFlow, lines: list[str]) -> None:
    """As many notes as the pages hold, then "and N more"."""
    if not lines:
        flow.text("No notes.")
        return
    for index, line in enumerate(lines):
        height = flow.text_height(f"\u2022 {line}", flow.style.body, flow.width - 8)
        remaining = len(lines) - index - 1
        more = flow.text_height(f"and {remaining} more", flow.style.body) + 2 if remaining else 0
        if not flow.fits(height + more + 1):
            if flow.page >= flow.max_pages:
                flow.text(f"and {len(lines) - index} more", indent=8, after=1)
                return
            flow.new_page()
        flow.text(f"\u2022 {line}", indent=8, after=1)


def _footer(content: ReportContent) -> Callable[[PageFlow, int, int], None]:
    who = f"Diary {spaced(content.diary_number)}" if content.diary_number else "Diary"

    def draw(flow: PageFlow, page: int, pages: int) -> None:
        painter = flow.painter
        painter.save()
        painter.setFont(font(flow.style.small))
        painter.setPen(QPen(Qt.GlobalColor.black))
        rect = QRectF(0, flow.height + 10, flow.width, 12)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft), f"{who} \u00b7 visit report \u00b7 {_day(content.made_on)}")
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight), f"page {page} of {pages}")
        painter.restore()

    return draw


def paint_report(device: QPagedPaintDevice, content: ReportContent) -> int:
    """Draw the report on a printer or PDF writer (its page layout as set); returns the pages drawn (1 or 2)."""
    return paint_pages(device, MAX_PAGES, lambda flow: _lay_out(content, flow), _footer(content))


def report_pdf(content: ReportContent, paper: str = "a4") -> tuple[bytes, int]:
    """The report as PDF bytes on `paper` ("a4" or "letter"), and its number of pages."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(page_layout(paper))
    writer.setResolution(PDF_DPI)
    writer.setTitle("Visit report" + (f", diary {spaced(content.diary_number)}" if content.diary_number else ""))
    writer.setCreator("SI joint exercises")
    pages = paint_report(writer, content)
    del writer                      # finishes the PDF
    buffer.close()
    return bytes(data.data()), pages


def write_report_pdf(path: Path | str, content: ReportContent, paper: str = "a4") -> int:
    """Write the report as a PDF file (0600); returns its number of pages."""
    data, pages = report_pdf(content, paper)
    write_private(path, data)
    return pages


def suggested_file_name(content: ReportContent) -> str:
    details = content.numbers.details
    span = f"-{details.first_week}-to-{details.last_week}" if details.weeks else ""
    return f"visit-report{span}.pdf"
