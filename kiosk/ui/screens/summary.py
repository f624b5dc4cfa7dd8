"""The end of a session: what was done, skipped or hurt, and how long it took."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.session import Summary
from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, texts
from kiosk.ui.widgets.controls import make_button, make_label, scrolling, set_button_text

STATUS_TEXT = {
    "done": N_("✓ Done"),
    "skipped": N_("→ Skipped"),
    "hurt": N_("✗ Hurt: stopped"),
    "not_reached": N_("– Not reached"),
}
HURT_ON_SIDES = {
    ("left",): N_("✗ Hurt: stopped (left side)"),
    ("right",): N_("✗ Hurt: stopped (right side)"),
    ("left", "right"): N_("✗ Hurt: stopped (left, right side)"),
    ("right", "left"): N_("✗ Hurt: stopped (right, left side)"),
}
PAIN_HIGHER = N_("Your pain is higher than before the session. Stop for today and rest. "
                 "If it stays higher, tell your doctor.")
SOMETHING_HURT = N_("Something hurt today. Leave that exercise out next time, and tell your "
                    "doctor if the pain stays.")


def format_duration(seconds: float) -> str:
    """"10 min 12 s", "45 s", in the language of the screens."""
    _ = texts().gettext
    minutes, secs = divmod(round(seconds), 60)
    if minutes:
        return _("{minutes} min {seconds} s").format(minutes=minutes, seconds=f"{secs:02d}")
    return _("{seconds} s").format(seconds=secs)


def status_text(status: str, hurt_sides: tuple[str, ...] = ()) -> str:
    """An exercise's outcome in words, with the sides that hurt."""
    _ = texts().gettext
    sides = tuple(dict.fromkeys(hurt_sides))          # in the order they hurt, once each
    if status == "hurt" and sides in HURT_ON_SIDES:
        return _(HURT_ON_SIDES[sides])
    return _(STATUS_TEXT[status])


class SummaryScreen(FollowsLanguage, QWidget):
    """Signals: home_requested()"""

    home_requested = Signal()

    def __init__(self, parent: QWidget | None = None, exercises_for=None) -> None:
        """`exercises_for(language)`: the library's exercises in that language, to name a plan's change in it."""
        super().__init__(parent)
        self.exercises_for = exercises_for
        self._shown: tuple[Summary, float, int | None, int | None] | None = None
        self._plan_answer: tuple | str | None = None      # (proposal, accepted), or a finished text
        layout = QVBoxLayout(self)
        self.heading = make_label("", "title")
        self.duration = make_label("", "heading")
        self.counts = make_label("", "muted")
        layout.addWidget(self.heading)
        layout.addWidget(self.duration)
        layout.addWidget(self.counts)
        self.table = QGridLayout()
        self.table.setColumnStretch(2, 1)          # keep each status next to its exercise
        self.table.setHorizontalSpacing(40)
        table = QVBoxLayout()
        table.addLayout(self.table)
        self.advice = make_label("", "notice")
        self.advice.hide()
        table.addWidget(self.advice)
        self.plan_answer = make_label("", "notice")    # after the progression offer
        self.plan_answer.hide()
        table.addWidget(self.plan_answer)
        table.addStretch(1)
        # A long routine, larger text or a long notice in another language: it scrolls; the buttons stay.
        layout.addWidget(scrolling(table, self), 1)
        buttons = QHBoxLayout()
        self.home_button = make_button("", "primary")
        self.home_button.clicked.connect(self.home_requested)
        buttons.addWidget(self.home_button)
        self.buttons = buttons
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.setAccessibleName(_("Session summary"))
        self.duration.setAccessibleName(_("Duration"))
        self.counts.setAccessibleName(_("Counts"))
        self.advice.setAccessibleName(_("Advice"))
        self.plan_answer.setAccessibleName(_("Your plan"))
        set_button_text(self.home_button, _("Home"))
        if self._shown is not None:
            self._fill(*self._shown)
        self._show_plan_answer()

    def clear(self) -> None:
        """Forget the last person's results."""
        self._shown = None
        self._plan_answer = None
        self._clear_table()
        for label in (self.heading, self.duration, self.counts, self.advice, self.plan_answer):
            label.clear()
        self.advice.hide()
        self.plan_answer.hide()

    def show_plan_answer(self, text: str) -> None:
        """What became of the change to the plan that was offered after this session, as a finished text
        (it stays in its language; `show_plan_outcome` follows a change of language)."""
        self._plan_answer = text
        self._show_plan_answer()

    def show_plan_outcome(self, proposal, accepted: bool) -> None:
        """The person's answer to the offered change of plan, said in the language in use."""
        self._plan_answer = (proposal, accepted)
        self._show_plan_answer()

    def show_summary(self, summary: Summary, real_seconds: float, pain_before: int | None = None,
                     pain_after: int | None = None) -> None:
        self.clear()
        self._shown = (summary, real_seconds, pain_before, pain_after)
        self._fill(summary, real_seconds, pain_before, pain_after)
        self.home_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- inside -----------------------------------------------------------------------------
    def _show_plan_answer(self) -> None:
        answer = self._plan_answer
        if isinstance(answer, tuple):
            from kiosk.ui.screens.progression_offer import answer_words

            answer = answer_words(*answer, exercises_for=self.exercises_for)
        self.plan_answer.setText(answer or "")
        self.plan_answer.setVisible(bool(answer))

    def _clear_table(self) -> None:
        while self.table.count():
            item = self.table.takeAt(0)
            if item.widget():
                item.widget().deleteLater()

    def _fill(self, summary: Summary, real_seconds: float, pain_before: int | None, pain_after: int | None) -> None:
        _ = texts().gettext
        self._clear_table()
        self.heading.setText(_("Well done!") if summary.completed else _("Session ended"))
        self.duration.setText(_("Time: {duration}").format(duration=format_duration(real_seconds)))
        tally = {status: len(summary.ids(status)) for status in STATUS_TEXT}
        counts = _("{done} done, {skipped} skipped, {hurt} hurt").format(**tally)
        if pain_before is not None and pain_after is not None:
            counts = _("{counts}.  Pain before: {before}, after: {after}").format(
                counts=counts, before=pain_before, after=pain_after)
        self.counts.setText(counts)
        for row, outcome in enumerate(summary.outcomes):
            self.table.addWidget(make_label(outcome.title, "caption"), row, 0)
            self.table.addWidget(make_label(status_text(outcome.status, outcome.hurt_sides), "caption"), row, 1)
        advice = []
        if pain_before is not None and pain_after is not None and pain_after > pain_before:
            advice.append(_(PAIN_HIGHER))
        if summary.ids("hurt"):
            advice.append(_(SOMETHING_HURT))
        self.advice.setText("\n".join(advice))
        self.advice.setVisible(bool(advice))
