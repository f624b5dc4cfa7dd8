"""The visit report on paper: a diary's weekly chart and numbers for the doctor, as PDF or on a printer.

Every number is the one `kiosk trends --json` prints for the same diary and weeks, with the same
rounding: both come from `core.trends.diary_numbers`, and each is printed as the JSON shows it
(`number`). At most two pages, readable in black and white; the diary number, never a name.
In the language of `ReportContent.language` (`report_content(..., language=)`, default English): its
sentences from the gettext catalog, its dates and numbers through `core.local_formats`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPdfWriter, QPen

from kiosk.core.diary_number import spaced
from kiosk.core.languages import SOURCE_LANGUAGE
from kiosk.core.local_formats import decimal, long_date
from kiosk.core.records import AerobicEntry, PainRating, SessionRecord
from kiosk.core.trends import (
    AEROBIC_GOAL_MINUTES, MEANINGFUL_PERCENT, MEANINGFUL_POINTS, DiaryNumbers, ExerciseTally, Note, advice_sentence,
    diary_numbers,
)
from kiosk.core.translations import N_, translation
from kiosk.ui.paper.report_chart import draw_weekly_chart
from kiosk.ui.paper.private_file import write_private
from kiosk.ui.paper.report_layout import PageFlow, font, page_layout, paint_pages

MAX_PAGES = 2
PDF_DPI = 300
CHART_HEIGHT = 300.0               # points: the chart is the first thing a doctor looks at
MAX_TALLY_ROWS = 10                # exercises listed as hurting or left out; the rest "and N more"
TITLE = N_("Pain and exercise diary: report for the visit")
SIDE_WORDS = {"left": N_("left side"), "right": N_("right side"), "both": N_("both sides"), "middle": N_("middle")}
MOMENT_WORDS = {"before": N_("before a session"), "after": N_("after a session"), "during": N_("during a session"),
                "other": N_("at another time")}
WORSE_WORDS = {                    # as the person chose them (ui.screens.pain_details), in lower case
    "sitting_long": N_("sitting long"), "standing_up": N_("standing up"), "stairs": N_("stairs"),
    "bending": N_("bending"), "twisting": N_("twisting"), "walking": N_("walking"), "lying_down": N_("lying down"),
    "rolling_over": N_("turning in bed"),
}


def number(value: float | int | None, language: str = SOURCE_LANGUAGE) -> str:
    """A number as `kiosk trends --json` prints it: floats rounded to two decimals (6.0, 2.33); in another
    language with the same digits, written as that language writes them (core.local_formats)."""
    if value is None:
        return translation(language).gettext("none")
    if isinstance(value, int):
        return str(value)
    shown = repr(round(value, 2))
    if language == SOURCE_LANGUAGE:
        return shown
    return decimal(round(value, 2), language, len(shown.partition(".")[2]))


def _day(day: date, language: str = SOURCE_LANGUAGE) -> str:
    """ "2 Mar 2026" in English; the language's long date ("2 de marzo de 2026") in another."""
    if language == SOURCE_LANGUAGE:
        return f"{day.day} {day:%b %Y}"
    return long_date(day, language)


@dataclass(frozen=True)
class ReportContent:
    """What one report shows: the numbers, whose diary (its number only) and the plan's days."""

    numbers: DiaryNumbers
    diary_number: str | None
    made_on: date
    plan_days_per_week: int | None = None
    exercise_titles: Mapping[str, str] = field(default_factory=dict)
    weeks_asked: int | None = None
    language: str = SOURCE_LANGUAGE

    @property
    def texts(self):
        """The catalog of the report's language (`gettext`, `ngettext`)."""
        return translation(self.language)

    def title_of(self, exercise: str | None) -> str:
        if not exercise:
            return self.texts.gettext("an exercise")
        return self.exercise_titles.get(exercise) or exercise.replace("_", " ").capitalize()


def report_content(ratings: Iterable[PainRating], sessions: Iterable[SessionRecord] = (),
                   aerobic: Iterable[AerobicEntry] = (), *, diary_number: str | None, today: date,
                   weeks: int | None = None, plan_days_per_week: int | None = None,
                   exercise_titles: Mapping[str, str] | None = None,
                   language: str = SOURCE_LANGUAGE) -> ReportContent:
    """The report of these records, worked out as `kiosk trends --json --weeks N` does on `today`.

    `plan_days_per_week`: the days a week the person's plan asks for (None: no plan; the report
    then gives just the sessions a week). `exercise_titles`: exercise id -> title, in `language`
    (the library loaded in it); `language`: the report's words, dates and numbers.
    """
    numbers = diary_numbers(ratings, sessions, aerobic, weeks=weeks, today=today)
    return ReportContent(numbers, diary_number, today, plan_days_per_week, dict(exercise_titles or {}), weeks,
                         language)


# -- the text ---------------------------------------------------------------------------------------

def _weeks(content: ReportContent, count: int) -> str:
    return content.texts.ngettext("{count} week", "{count} weeks", count).format(count=count)


def _ratings(content: ReportContent, count: int) -> str:
    return content.texts.ngettext("{count} rating", "{count} ratings", count).format(count=count)


def _sessions(content: ReportContent, count: int) -> str:
    return content.texts.ngettext("{count} session", "{count} sessions", count).format(count=count)


def period_text(content: ReportContent) -> str:
    _ = content.texts.gettext
    language = content.language
    details = content.numbers.details
    if not details.weeks:
        return _("Period covered: no records yet.")
    return _("Period covered: {first} to {last}, {weeks} ({first_week} to {last_week}), {ratings}.").format(
        first=_day(details.first_day, language), last=_day(details.last_day, language),
        weeks=_weeks(content, details.weeks), first_week=details.first_week, last_week=details.last_week,
        ratings=content.texts.ngettext("{count} pain rating", "{count} pain ratings", details.ratings).format(
            count=details.ratings))


def change_lines(content: ReportContent) -> list[str]:
    _ = content.texts.gettext
    language = content.language
    trend = content.numbers.trend
    if not trend.has_ratings:
        return [_("No pain ratings in these weeks.")]
    first, last = trend.baseline_week, trend.latest_week
    lines = [_("First week with ratings ({week}): average {average} from {ratings}, lowest {lowest}, "
               "highest {highest}.").format(week=first.label, average=number(trend.baseline, language),
                                            ratings=_ratings(content, first.count), lowest=first.min,
                                            highest=first.max)]
    if first is last:
        lines.append(_("Only one week has ratings, so there is no change to show yet."))
        return lines
    change = trend.change
    lines.append(_("Latest week with ratings ({week}): average {average} from {ratings}, lowest {lowest}, "
                   "highest {highest}.").format(week=last.label, average=number(trend.latest, language),
                                                ratings=_ratings(content, last.count), lowest=last.min,
                                                highest=last.max))
    points = abs(round(change.points, 2))
    if points == 0:
        lines.append(_("Change: none; the average is the same as in the first week."))
    else:
        shown = number(points, language)
        if change.percent is None:
            sentence = (_("Change: {points} points lower than in the first week.") if change.points > 0
                        else _("Change: {points} points higher than in the first week."))
            lines.append(sentence.format(points=shown))
        else:
            sentence = (_("Change: {points} points lower ({percent}%) than in the first week.") if change.points > 0
                        else _("Change: {points} points higher ({percent}%) than in the first week."))
            lines.append(sentence.format(points=shown, percent=number(abs(change.percent), language)))
    sentence = (_("A meaningful improvement (at least {points} points and at least {percent}% lower): yes.")
                if change.meaningful else
                _("A meaningful improvement (at least {points} points and at least {percent}% lower): no."))
    lines.append(sentence.format(points=number(MEANINGFUL_POINTS, language),
                                 percent=number(MEANINGFUL_PERCENT, language)))
    return lines


def before_after_text(content: ReportContent) -> str:
    _ = content.texts.gettext
    details = content.numbers.details
    return _("{before}; {after}.").format(
        before=_average(content, details.before, _("Before a session: average {average} from {ratings}"),
                        _("Before a session: no ratings")),
        after=_average(content, details.after, _("after a session: average {average} from {ratings}"),
                       _("after a session: no ratings")))


def sides_text(content: ReportContent) -> str:
    _ = content.texts.gettext
    details = content.numbers.details
    if not details.left.count and not details.right.count:
        return _("No side was given with the ratings.")
    return _("{left}; {right}. A rating for both sides counts for each side.").format(
        left=_average(content, details.left, _("Left: average {average} from {ratings}"), _("Left: no ratings")),
        right=_average(content, details.right, _("right: average {average} from {ratings}"),
                       _("right: no ratings")))


def _average(content: ReportContent, average, some: str, none: str) -> str:
    """`some` with the average and its count of ratings filled in, or `none` when there are no ratings."""
    if not average.count:
        return none
    return some.format(average=number(average.mean, content.language), ratings=_ratings(content, average.count))


def sessions_text(content: ReportContent) -> str:
    _ = content.texts.gettext
    details = content.numbers.details
    values = {"sessions": details.sessions, "weeks": _weeks(content, details.weeks),
              "average": number(details.sessions_per_week, content.language)}
    if content.plan_days_per_week:
        return _("Sessions: {sessions} in {weeks}, {average} a week on average; the plan asks for {days} a week."
                 ).format(days=content.texts.ngettext("{count} day", "{count} days", content.plan_days_per_week).format(
                     count=content.plan_days_per_week), **values)
    return _("Sessions: {sessions} in {weeks}, {average} a week on average.").format(**values)


def aerobic_text(content: ReportContent) -> str:
    _ = content.texts.gettext
    details = content.numbers.details
    return _("Aerobic activity: {minutes} minutes in {weeks}, {average} a week on average, against a goal of "
             "{goal} a week; the goal was reached in {reached} of {weeks}.").format(
        minutes=details.aerobic_minutes, weeks=_weeks(content, details.weeks),
        average=number(details.aerobic_minutes_per_week, content.language), goal=AEROBIC_GOAL_MINUTES,
        reached=details.aerobic_weeks_at_goal)


def hurt_line(content: ReportContent, tally: ExerciseTally) -> str:
    _ = content.texts.gettext
    values = {"exercise": content.title_of(tally.exercise), "sessions": _sessions(content, tally.count)}
    if tally.side:
        side = SIDE_WORDS.get(tally.side)
        return _("{exercise}, {side}: in {sessions}").format(side=_(side) if side else tally.side, **values)
    return _("{exercise}: in {sessions}").format(**values)


def left_out_line(content: ReportContent, tally: ExerciseTally) -> str:
    return content.texts.gettext("{exercise}: skipped in {sessions}").format(
        exercise=content.title_of(tally.exercise), sessions=_sessions(content, tally.count))


def _word(content: ReportContent, table: Mapping[str, str], key: str) -> str:
    """A table's word for `key` in the report's language; the key itself when the table has none."""
    return content.texts.gettext(table[key]) if key in table else key


def worse_text(content: ReportContent) -> str:
    worse = content.numbers.details.worse_with
    if not worse:
        return content.texts.gettext("Nothing was named.")
    return "; ".join(content.texts.gettext("{reason}: {ratings}").format(
        reason=_word(content, WORSE_WORDS, reason), ratings=_ratings(content, count)) for reason, count in worse) + "."


def note_line(content: ReportContent, note: Note) -> str:
    where = [_word(content, MOMENT_WORDS, note.moment)]
    if note.side:
        where.append(_word(content, SIDE_WORDS, note.side))
    if note.exercise:
        where.append(content.title_of(note.exercise))
    return content.texts.gettext("{date}, pain {pain}, {where}: \u201c{text}\u201d").format(
        date=_day(note.timestamp.date(), content.language), pain=note.pain, where=", ".join(where), text=note.text)


# -- the pages --------------------------------------------------------------------------------------

def _lay_out(content: ReportContent, flow: PageFlow) -> None:
    _ = content.texts.gettext
    language = content.language
    style = flow.style
    numbers = content.numbers
    flow.text(_(TITLE), style.title, bold=True, after=4)
    made_on = _day(content.made_on, language)
    if content.diary_number:
        made = _("Diary number {number}. Made on {date} from the person's own records in the exercise app.").format(
            number=spaced(content.diary_number), date=made_on)
    else:
        made = _("Diary number: not given. Made on {date} from the person's own records in the exercise app.").format(
            date=made_on)
    flow.text(made, style.body, after=2)
    flow.text(period_text(content), style.body, after=2)
    flow.text(_("Pain is rated from 0 (no pain) to 10 (the worst pain imaginable). This report describes "
                "the records only; it is not a diagnosis."), style.small, italic=True, after=2)
    if numbers.left_out:
        flow.text(content.texts.ngettext(
            "{count} rating with dates the clock cannot have given is left out.",
            "{count} ratings with dates the clock cannot have given are left out.",
            numbers.left_out).format(count=numbers.left_out), style.small, after=2)

    if not numbers.details.weeks:
        flow.heading(_("No records yet"))
        flow.text(_("This diary holds no pain ratings, sessions or aerobic minutes yet."))
        return
    flow.heading(_("How the pain changed"))
    for line in change_lines(content):
        flow.text(line, after=2)
    advice = advice_sentence(numbers.trend, language)
    if advice:
        flow.text(_("The three-weeks advice applies: {advice}").format(advice=advice), bold=True, after=2)

    flow.heading(_("Week by week"))
    flow.block(CHART_HEIGHT, lambda rect: draw_weekly_chart(flow.painter, rect, numbers.trend,
                                                            content.plan_days_per_week, language))
    flow.heading(_("Before and after sessions"))
    flow.text(before_after_text(content))
    flow.heading(_("Left against right"))
    flow.text(sides_text(content))
    flow.heading(_("Sessions and aerobic activity"))
    flow.text(sessions_text(content))
    flow.text(aerobic_text(content))

    details = numbers.details
    flow.heading(_("Exercises that hurt (\u201cIt hurts\u201d during a session)"))
    _tallies(flow, content, [hurt_line(content, t) for t in details.hurt], _("No exercise was marked as hurting."))
    flow.heading(_("Exercises left out"))
    _tallies(flow, content, [left_out_line(content, t) for t in details.left_out], _("No exercise was left out."))
    flow.heading(_("What made it worse"))
    flow.text(worse_text(content))
    flow.heading(_("Notes, newest first"))
    _notes(flow, content, [note_line(content, note) for note in details.notes])


def _more(content: ReportContent, count: int) -> str:
    return content.texts.ngettext("and {count} more", "and {count} more", count).format(count=count)


def _tallies(flow: PageFlow, content: ReportContent, lines: list[str], none: str) -> None:
    if not lines:
        flow.text(none)
        return
    shown = lines if len(lines) <= MAX_TALLY_ROWS else lines[:MAX_TALLY_ROWS - 1]
    for line in shown:
        flow.text(f"\u2022 {line}", indent=8, after=1)
    if len(shown) < len(lines):
        flow.text(_more(content, len(lines) - len(shown)), indent=8, after=1)
    flow.skip(2)


def _notes(flow: PageFlow, content: ReportContent, lines: list[str]) -> None:
    """As many notes as the pages hold, then "and N more"."""
    if not lines:
        flow.text(content.texts.gettext("No notes."))
        return
    for index, line in enumerate(lines):
        height = flow.text_height(f"\u2022 {line}", flow.style.body, flow.width - 8)
        remaining = len(lines) - index - 1
        more = flow.text_height(_more(content, remaining), flow.style.body) + 2 if remaining else 0
        if not flow.fits(height + more + 1):
            if flow.page >= flow.max_pages:
                flow.text(_more(content, len(lines) - index), indent=8, after=1)
                return
            flow.new_page()
        flow.text(f"\u2022 {line}", indent=8, after=1)


def _footer(content: ReportContent) -> Callable[[PageFlow, int, int], None]:
    _ = content.texts.gettext
    made_on = _day(content.made_on, content.language)
    if content.diary_number:
        left = _("Diary {number} \u00b7 visit report \u00b7 {date}").format(number=spaced(content.diary_number),
                                                                         date=made_on)
    else:
        left = _("Diary \u00b7 visit report \u00b7 {date}").format(date=made_on)

    def draw(flow: PageFlow, page: int, pages: int) -> None:
        painter = flow.painter
        painter.save()
        painter.setFont(font(flow.style.small))
        painter.setPen(QPen(Qt.GlobalColor.black))
        rect = QRectF(0, flow.height + 10, flow.width, 12)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft), left)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight),
                         _("page {page} of {pages}").format(page=page, pages=pages))
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
    _ = content.texts.gettext
    writer.setTitle(_("Visit report, diary {number}").format(number=spaced(content.diary_number))
                    if content.diary_number else _("Visit report"))
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

