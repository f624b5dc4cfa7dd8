"""After a session of the plan: a change that progression proposes, in plain words; the person says yes or no."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from collections.abc import Callable, Mapping

from kiosk.core.progression import Proposal, proposal_reason, proposal_what
from kiosk.core.routine import Exercise
from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, current_language, texts
from kiosk.ui.theme import window_look, window_unit
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.controls import make_label, scrolling
from kiosk.ui.widgets.touch_button import TouchButton, screen_touch_target_px

HEADINGS = {
    "step_up": N_("A small step up?"),
    "step_down": N_("A small step down?"),
    "leave_out_side": N_("Leave out a side that hurt?"),
    "leave_out": N_("Leave out a move that hurt?"),
}
A_CHANGE = N_("A change to your plan?")
YOUR_CHOICE = N_("It is your choice. Your plan changes only if you say yes, and you can change it back on "
                 "My plan.")


ExercisesFor = Callable[[str], Mapping[str, Exercise]]     # a language -> the library's exercises in it


def change_words(proposal: Proposal, exercises_for: ExercisesFor | None = None) -> str:
    """What would change, in the language of the screens when the exercises in it are at hand (else as
    the proposal says it)."""
    language = current_language()
    if exercises_for is None or not proposal.changes:
        return proposal.what
    try:
        return proposal_what(proposal, exercises_for(language), language)
    except KeyError:                            # an exercise the library in that language lacks
        return proposal.what


def answer_words(proposal: Proposal, accepted: bool, exercises_for: ExercisesFor | None = None) -> str:
    """What the summary says after the answer, in the language of the screens."""
    _ = texts().gettext
    return _("Your plan was changed: {change}.").format(change=change_words(proposal, exercises_for)) \
        if accepted else _("Your plan stays as it is.")


class ProgressionOfferScreen(FollowsLanguage, QWidget):
    """What would change and why; "Yes, change my plan" and "No, keep it as it is", side by side, the
    same size and look (proposed, never imposed: no is as easy as yes).

    Signals: answered(bool accept)
    """

    answered = Signal(bool)

    def __init__(self, physical_dpi: float | None = None, parent: QWidget | None = None,
                 exercises_for: ExercisesFor | None = None) -> None:
        """`exercises_for(language)`: the library's exercises in that language, to name them in it."""
        super().__init__(parent)
        self._proposal: Proposal | None = None
        self.exercises_for = exercises_for
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        touch = screen_touch_target_px(self, physical_dpi)
        self._unit, self._look = 0, None
        self.heading = make_label("", "title")
        self.what = make_label("", "heading")
        self.reason = make_label("", "caption")
        self.your_choice = make_label("", "caption")
        words = QVBoxLayout()
        words.addWidget(self.what)
        words.addWidget(self.reason)
        words.addWidget(self.your_choice)
        words.addStretch(1)
        self.no_button = TouchButton("", None, touch)
        self.yes_button = TouchButton("", None, touch)
        self.no_button.clicked.connect(lambda: self.answered.emit(False))
        self.yes_button.clicked.connect(lambda: self.answered.emit(True))
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.heading)
        self._layout.addWidget(scrolling(words, self), 1)
        self.buttons = ButtonRow([(self.no_button, 1), (self.yes_button, 1)])
        self._layout.addWidget(self.buttons)
        self._words = words
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.setAccessibleName(_(A_CHANGE))
        self.what.setAccessibleName(_("What would change"))
        self.reason.setAccessibleName(_("Why"))
        self.your_choice.setText(_(YOUR_CHOICE))
        self.no_button.set_label(_("No, keep it as it is"))
        self.yes_button.set_label(_("Yes, change my plan"))
        self._show_proposal()
        self.buttons.refit()

    def offer(self, proposal: Proposal) -> None:
        self._proposal = proposal
        self._show_proposal()

    def clear(self) -> None:
        """Nothing of the last person's plan stays on it."""
        self._proposal = None
        self._show_proposal()

    def _show_proposal(self) -> None:
        _ = texts().gettext
        proposal = self._proposal
        self.heading.setText(_(HEADINGS.get(proposal.kind, A_CHANGE)) if proposal else _(A_CHANGE))
        self.what.setText(change_words(proposal, self.exercises_for) if proposal else "")
        self.reason.setText(_("Why: {reason}").format(reason=proposal_reason(proposal, current_language()))
                            if proposal else "")

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.OtherFocusReason)          # neither answer chosen for them

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        unit, look = window_unit(self), window_look(self)
        if (unit, look) != (self._unit, self._look):
            self._unit, self._look = unit, look
            margin, spacing = round(unit * 1.2), max(6, round(unit * 0.6))
            self._layout.setContentsMargins(margin, margin, margin, margin)
            self._layout.setSpacing(spacing)
            self._words.setSpacing(spacing)
