"""The "My progress" screen: one plain sentence, the weekly pain chart and a touched week's numbers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from kiosk.core.clock import left_out_notice, trusted
from kiosk.core.local_formats import decimal, long_date
from kiosk.core.records import AerobicEntry, PainRating, SessionRecord
from kiosk.core.translations import N_
from kiosk.core.trends import TrendReport, WeekStats, advice_sentence, analyse, summary_sentence
from kiosk.ui.language import FollowsLanguage, current_language, texts
from kiosk.ui.theme import window_look, window_unit
from kiosk.ui.widgets.trend_chart import TrendChart

REPORT_WEEKS = 26          # "Report for my doctor": the last half year, as the chart opens at home
SIDE_CHOICES = ((N_("All"), N_("Show all sides"), None), (N_("Left"), N_("Show left side"), "left"),
                (N_("Right"), N_("Show right side"), "right"))
TOUCH_A_WEEK = N_("Touch a week on the chart to see its numbers.")
_SIDED = {"left", "right", "both"}


def describe_week(week: WeekStats, language: str | None = None) -> str:
    """A week's numbers in plain words, for the large read-out under the chart (in `language`, by
    default the screens')."""
    from kiosk.core.translations import translation

    language = language or current_language()
    catalog = translation(language)
    _ = catalog.gettext
    parts = [_("Week of {date}:").format(date=long_date(week.start, language))]
    if week.count:
        parts.append(_("average pain {mean} ({low} to {high})").format(
            mean=decimal(week.mean, language), low=week.min, high=week.max))
        if week.mean_before is not None:
            parts.append(_("· before {mean}").format(mean=decimal(week.mean_before, language)))
        if week.mean_after is not None:
            parts.append(_("· after {mean}").format(mean=decimal(week.mean_after, language)))
    else:
        parts.append(_("no pain ratings"))
    parts.append(catalog.ngettext("· {count} session", "· {count} sessions", week.sessions).format(
        count=week.sessions))
    parts.append(_("· {minutes} min aerobic").format(minutes=week.aerobic_minutes))
    return " ".join(parts)


class ProgressScreen(FollowsLanguage, QWidget):
    """Shows how pain has changed week by week.

    Signals:
        back_requested(): the person touched "Back".
        save_picture_requested(str): "Save picture" was touched and no folder was given; the
            argument is a suggested file name; call `save_picture(path)` to write it.
        picture_saved(str): the chart was written to this path.
        summary_spoken(str): the sentence (and any advice) to speak aloud now: the screen was shown
            or the side filter changed. Speak it only when the voice is on.
        week_selected(WeekStats): a week was touched.
        report_printed(PrintOutcome): "Report for my doctor" went to the printer, a PDF, or not.

    `report_step(parent, paint, done)` is how the report leaves the screen (default: Qt's print dialog,
    kiosk.ui.paper.report_printing, painting on a thread of its own; `done(PrintOutcome)` comes back on
    the GUI thread); tests hand it a step that opens no dialog. One report at a time: a press while
    one is being printed is ignored.
    """

    back_requested = Signal()
    save_picture_requested = Signal(str)
    picture_saved = Signal(str)
    summary_spoken = Signal(str)
    week_selected = Signal(object)
    report_printed = Signal(object)

    def __init__(self, parent: QWidget | None = None, locked: bool = True,
                 picture_folder: str | Path | None = None, report_step=None) -> None:
        super().__init__(parent)
        self._picture_folder = Path(picture_folder) if picture_folder is not None else None
        self._saving_allowed = True
        self._picture_writer = None             # built on the first "Save picture"
        self._ratings: tuple[PainRating, ...] = ()
        self._recorded: tuple[PainRating, ...] = ()     # every rating, wrong-clock ones too (the report says so)
        self._report_step = report_step
        self._printing = False                   # a report is on its way: "Report for my doctor" waits
        self._diary_number: str | None = None
        self._plan_days: int | None = None
        self._sessions: tuple[SessionRecord, ...] = ()
        self._aerobic: tuple[AerobicEntry, ...] = ()
        self._side: str | None = None
        self._today: date | None = None
        self._report = TrendReport()
        self._styled_for = None          # the unit and look the chart is drawn for
        self._left_out_count = 0
        self._selected_week: WeekStats | None = None
        self._status_shown = ""          # the status line's English (a marked text), or a text as given

        self._sentence = self._label("heading")
        self._advice = self._label("notice")
        self._advice.hide()
        self._left_out = self._label("caption")     # dates from a wrong clock
        self._left_out.hide()

        self._side_row = QWidget(self)
        side_layout = QHBoxLayout(self._side_row)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self._side_group = QButtonGroup(self)
        self._side_group.setExclusive(True)
        self._side_buttons: dict[str | None, QPushButton] = {}
        for _text, _name, side in SIDE_CHOICES:
            button = QPushButton(self._side_row)
            button.setCheckable(True)
            button.setChecked(side is None)
            button.clicked.connect(lambda _checked=False, s=side: self.set_side(s))
            self._side_group.addButton(button)
            self._side_buttons[side] = button
            side_layout.addWidget(button)
        self._earlier = QPushButton(self)
        self._later = QPushButton(self)

        self.chart = TrendChart(self, locked=locked)
        self.chart.week_selected.connect(self._on_week_selected)
        self._earlier.clicked.connect(lambda: self.chart.scroll_months(-3))
        self._later.clicked.connect(lambda: self.chart.scroll_months(3))

        self._week_numbers = self._label("caption")

        chart_page = QWidget(self)
        chart_layout = QVBoxLayout(chart_page)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.chart, 1)
        self._empty = self._label("caption")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._pages = QStackedWidget(self)
        self._pages.addWidget(self._empty)
        self._pages.addWidget(chart_page)

        self._status = self._label("muted")
        self._back = QPushButton(self)
        self._back.clicked.connect(self.back_requested)
        self._save = QPushButton(self)
        self._save.setProperty("role", "primary")
        self._save.clicked.connect(self._on_save_clicked)
        self._report_button = QPushButton(self)
        self._report_button.clicked.connect(self.print_report)
        buttons = QGridLayout()        # one row; two when narrow (portrait, larger text, a longer language)
        self._buttons = buttons
        self._two_rows: bool | None = None
        self._arrows_only = False        # Earlier and Later as arrows alone: a landscape row too short for words
        self._place_buttons(two_rows=False)

        layout = QVBoxLayout(self)
        layout.addWidget(self._sentence)
        layout.addWidget(self._advice)
        layout.addWidget(self._left_out)
        layout.addWidget(self._pages, 1)
        week_row = QHBoxLayout()           # the report's button here: the row below is full on a small screen
        week_row.addWidget(self._week_numbers, 1)
        week_row.addWidget(self._report_button)
        layout.addLayout(week_row)
        layout.addLayout(buttons)

        self._refresh()
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.setAccessibleName(_("My progress"))
        for label, name in ((self._sentence, _("Progress summary")), (self._advice, _("Advice")),
                            (self._left_out, _("Ratings left out")), (self._week_numbers, _("Selected week")),
                            (self._empty, _("No progress yet")), (self._status, _("Picture status"))):
            label.setAccessibleName(name)
        for text, name, side in SIDE_CHOICES:
            self._side_buttons[side].setText(_(text))
            self._side_buttons[side].setAccessibleName(_(name))
        self._show_month_buttons()
        for button, text, name in ((self._back, _("Back"), _("Back")),
                                   (self._save, _("Save picture"), _("Save picture")),
                                   (self._report_button, _("Report for my doctor"), _("Report for my doctor"))):
            button.setText(text)
            button.setAccessibleName(name)
        self._report_button.setAccessibleDescription(_("Print the weekly chart and numbers, or save them as PDF"))
        self._empty.setText(_("Your chart will appear here after your first pain rating.\n"
                              "Every rating helps you and your doctor see what the exercises do."))
        self._show_words()
        self._show_status(self._status_shown)

    def _show_words(self) -> None:
        """The sentence, the advice, the left-out line and the week's numbers, in the language in use."""
        language = current_language()
        self._sentence.setText(summary_sentence(self._report, today=self._today, language=language))
        advice = advice_sentence(self._report, language)
        self._advice.setText(advice or "")
        self._advice.setVisible(bool(advice))
        self._left_out.setText(left_out_notice(self._left_out_count, language) or "")
        self._left_out.setVisible(bool(self._left_out_count))
        if self._selected_week is not None:
            self._week_numbers.setText(describe_week(self._selected_week, language))
        else:
            self._week_numbers.setText(texts().gettext(TOUCH_A_WEEK))

    def _show_status(self, text: str) -> None:
        """The status line: a marked English text is shown in the language in use, any other as given."""
        self._status_shown = text
        self._status.setText(texts().gettext(text) if text else "")

    # -- public API ------------------------------------------------------------------------------

    @property
    def report(self) -> TrendReport:
        return self._report

    @property
    def side(self) -> str | None:
        return self._side

    def summary_text(self) -> str:
        """The sentence on top, followed by the advice when there is one."""
        language = current_language()
        sentence = summary_sentence(self._report, today=self._today, language=language)
        return " ".join(part for part in (sentence, advice_sentence(self._report, language)) if part)

    def set_data(self, ratings: Iterable[PainRating], sessions: Iterable[SessionRecord] = (),
                 aerobic: Iterable[AerobicEntry] = (), today: date | None = None) -> None:
        """Show these records (all sides; the side filter shows when sides were recorded).

        `today` lets the sentence say "This week" or "Last week" truthfully; without it the last
        week with any record counts as this week. Ratings whose dates look like a wrong clock's
        (core.clock.suspect_ratings) are left out, with a line saying how many.
        """
        self._today = today
        ratings = list(ratings)
        kept, left_out = trusted(ratings, today)       # a wrong clock's dates stay out of the chart
        self._ratings = tuple(kept)
        self._recorded = tuple(ratings)
        self._left_out_count = left_out
        self._sessions = tuple(sessions)
        self._aerobic = tuple(aerobic)
        self._side = None
        self._side_buttons[None].setChecked(True)
        self._show_status("")
        self._refresh()

    def set_side(self, side: str | None) -> None:
        """Show only the ratings for `side` ("left", "right"; None for all)."""
        if side not in self._side_buttons:
            raise ValueError(f"side must be left, right or None, not {side!r}")
        self._side = side
        self._side_buttons[side].setChecked(True)
        self._refresh()
        if self.isVisible():
            self.summary_spoken.emit(self.summary_text())

    def set_locked(self, locked: bool) -> None:
        """Kiosk (locked: no pan or zoom) or home (scroll through the months)."""
        self.chart.set_locked(locked)
        self._update_controls()

    def save_picture(self, path: str | Path) -> None:
        """Write the chart as a PNG, off the GUI thread; then `picture_saved`, and a word on screen."""
        if self._picture_writer is None:
            from kiosk.ui.picture_writer import PictureWriter

            self._picture_writer = PictureWriter(self)
            self._picture_writer.finished.connect(self._picture_written)
        self._show_status(N_("Saving the picture\u2026"))
        self._picture_writer.write(self.chart.picture(), path)

    def _picture_written(self, path: str, ok: bool) -> None:
        if ok:
            self._show_status(N_("Picture saved."))
            self._status.setToolTip(str(path))
            self.picture_saved.emit(str(path))
        else:
            self._show_status(N_("The picture could not be saved."))

    def set_picture_folder(self, folder: str | Path | None, *, allowed: bool = True) -> None:
        """Where "Save picture" writes from now on (the kiosk: the signed-in diary's folder); not offered
        at all when not `allowed` (a guest, whose data must not outlive the visit)."""
        self._picture_folder = Path(folder) if folder is not None else None
        self._saving_allowed = allowed
        self._update_controls()

    def set_report_details(self, diary_number: str | None, plan_days_per_week: int | None = None) -> None:
        """Whose diary the report names (its number, never a name) and the plan's days a week (None: no plan)."""
        self._diary_number = diary_number
        self._plan_days = plan_days_per_week

    def print_report(self) -> None:
        """"Report for my doctor": the last REPORT_WEEKS weeks through the report step; "Printing the
        report…" below while it is painted, then its outcome (and `report_printed`)."""
        from kiosk.ui.paper.report import paint_report, report_content

        if self._printing:
            return

        from kiosk.ui.language import current_language            # the report in the screens' language
        content = report_content(self._recorded, self._sessions, self._aerobic, diary_number=self._diary_number,
                                 today=self._today or date.today(), weeks=REPORT_WEEKS,
                                 plan_days_per_week=self._plan_days, language=current_language())
        step = self._report_step
        if step is None:
            from kiosk.ui.paper.report_printing import ask_with_print_dialog as step
        self._show_status(N_("Preparing the report\u2026"))
        self._printing = True
        try:
            step(self, lambda device: paint_report(device, content), self._report_done)
        except BaseException:
            self._printing = False               # the button works again after an error
            raise
        if self._printing:                       # the dialog said Print: it is being painted meanwhile
            self._show_status(N_("Printing the report\u2026"))

    def _report_done(self, outcome) -> None:
        self._printing = False
        self._show_status(outcome.message)
        self._status.setToolTip(outcome.where or "")
        self.report_printed.emit(outcome)

    def suggested_file_name(self) -> str:
        weeks = self._report.weeks
        side = f"-{self._side}" if self._side else ""
        if not weeks:
            return f"pain-trend{side}.png"
        return f"pain-trend-{weeks[0].label}-to-{weeks[-1].label}{side}.png"

    # -- behaviour --------------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._apply_unit()
        self.summary_spoken.emit(self.summary_text())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_unit()
        self._fit_buttons(event.size().width())

    def _show_month_buttons(self) -> None:
        _ = texts().gettext
        self._earlier.setText("◀" if self._arrows_only else _("◀ Earlier"))
        self._earlier.setAccessibleName(_("Show earlier months"))
        self._later.setText("▶" if self._arrows_only else _("Later ▶"))
        self._later.setAccessibleName(_("Show later months"))

    def _fit_buttons(self, width: int) -> None:
        """The bottom row side by side when its labels fit whole in `width`; in a landscape window, Earlier
        and Later as arrows alone when that is what makes them fit; else on two rows, in words."""
        landscape = self.window().width() >= self.window().height()
        for arrows in (False, True) if landscape else (False,):
            if arrows != self._arrows_only:
                self._arrows_only = arrows
                self._show_month_buttons()
            if self._row_width() <= width:
                self._place_buttons(two_rows=False)
                return
        if self._arrows_only:
            self._arrows_only = False
            self._show_month_buttons()
        self._place_buttons(two_rows=True)

    def _row_width(self) -> int:
        """The width the bottom row needs on one row, every label whole."""
        parts = [w for w in (self._back, self._side_row, self._status, self._earlier, self._later, self._save)
                 if not w.isHidden()]
        spacing = max(0, self._buttons.horizontalSpacing())
        margins = self.layout().contentsMargins() if self.layout() is not None else None
        return (sum(w.sizeHint().width() if isinstance(w, QPushButton) else w.minimumSizeHint().width()
                    for w in parts)
                + spacing * (len(parts) - 1) + (margins.left() + margins.right() if margins else 0))

    def _place_buttons(self, two_rows: bool) -> None:
        if two_rows == self._two_rows:
            return
        self._two_rows = two_rows
        grid = self._buttons
        parts = (self._back, self._side_row, self._status, self._earlier, self._later, self._save)
        for widget in parts:
            grid.removeWidget(widget)
        if two_rows:              # the chart's controls above; Back, the status and Save below
            places = {self._side_row: (0, 0, 1, 2), self._earlier: (0, 2, 1, 1), self._later: (0, 3, 1, 1),
                      self._back: (1, 0, 1, 1), self._status: (1, 1, 1, 2), self._save: (1, 3, 1, 1)}
            stretches = (0, 1, 1, 0, 0, 0)
        else:
            places = {widget: (0, column, 1, 1) for column, widget in enumerate(parts)}
            stretches = (0, 0, 1, 0, 0, 0)
        for widget, place in places.items():
            grid.addWidget(widget, *place)
        for column, stretch in enumerate(stretches):
            grid.setColumnStretch(column, stretch)

    def _apply_unit(self) -> None:
        unit, look = window_unit(self), window_look(self)
        if (unit, look) != self._styled_for:
            self._styled_for = (unit, look)
            self.chart.set_unit(unit, look.palette)

    def _refresh(self) -> None:
        self._report = analyse(self._ratings, self._sessions, self._aerobic, side=self._side)
        self.chart.set_report(self._report)
        self._selected_week = None
        self._show_words()
        self._pages.setCurrentIndex(1 if self._report.weeks else 0)
        self._week_numbers.setVisible(bool(self._report.weeks))
        self._update_controls()

    def _update_controls(self) -> None:
        has_weeks = bool(self._report.weeks)
        sided = any(rating.side in _SIDED for rating in self._ratings)
        for button in self._side_buttons.values():
            button.setVisible(sided)
        self._side_row.setVisible(sided)
        home = not self.chart.locked and has_weeks
        self._earlier.setVisible(home)
        self._later.setVisible(home)
        self._save.setVisible(has_weeks and self._saving_allowed)
        self._report_button.setVisible(home)          # at home; in the clinic, staff print it (admin screen)
        self._fit_buttons(self.width() if self.isVisible() else self.window().width())

    def _on_week_selected(self, week: WeekStats) -> None:
        self._selected_week = week
        self._week_numbers.setText(describe_week(week))
        self.week_selected.emit(week)

    def _on_save_clicked(self) -> None:
        name = self.suggested_file_name()
        if self._picture_folder is None:
            self.save_picture_requested.emit(name)
            return
        self.save_picture(self._picture_folder / name)         # the writer makes the folder

    def _label(self, role: str) -> QLabel:
        label = QLabel(self)
        label.setProperty("role", role)
        label.setWordWrap(True)
        return label
