"""After a session of the plan: a change that progression proposes, in plain words; the person says yes or no."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.progression import Proposal
from kiosk.ui.theme import window_look, window_unit
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.controls import make_label, scrolling
from kiosk.ui.widgets.touch_button import TouchButton, screen_touch_target_px

HEADINGS = {
    "step_up": "A small step up?",
    "step_down": "A small step down?",
    "leave_out_side": "Leave out a side that hurt?",
    "leave_out": "Leave out a move that hurt?",
}
YOUR_CHOICE = ("It is your choice. Your plan changes only if you say yes, and you can change it back on "
               "My plan.")


def answer_words(proposal: Proposal, accepted: bool) -> str:
    """What the summary says after the answer."""
    return f"Your plan was changed: {proposal.what}." if accepted else "Your plan stays as it is."


class ProgressionOfferScreen(QWidget):
    """What would change and why; "Yes, change my plan" and "No, keep it as it is", side by side, the
    same size and look (proposed, never imposed: no is as easy as yes).

    Signals: answered(bool accept)
    """

    answered = Signal(bool)

    def __init__(self, physical_dpi: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("A change to your plan?")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        touch = screen_touch_target_px(self, physical_dpi)
        self._unit, self._look = 0, None
        self.heading = make_label("A change to your plan?", "title")
        self.what = make_label("", "heading", name="What would change")
        self.reason = make_label("", "caption", name="Why")
        words = QVBoxLayout()
        words.addWidget(self.what)
        words.addWidget(self.reason)
        words.addWidget(make_label(YOUR_CHOICE, "caption"))
        words.addStretch(1)
        self.no_button = TouchButton("No, keep it as it is", None, touch)
        self.yes_button = TouchButton("Yes, change my plan", None, touch)
        self.no_button.clicked.connect(lambda: self.answered.emit(False))
        self.yes_button.clicked.connect(lambda: self.answered.emit(True))
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.heading)
        self._layout.addWidget(scrolling(words, self), 1)
        self._layout.addWidget(ButtonRow([(self.no_button, 1), (self.yes_button, 1)]))
        self._words = words

    def offer(self, proposal: Proposal) -> None:
        self.heading.setText(HEADINGS.get(proposal.kind, "A change to your plan?"))
        self.what.setText(proposal.what)
        self.reason.setText(f"Why: {proposal.reason}")

    def clear(self) -> None:
        """Nothing of the last person's plan stays on it."""
        self.heading.setText("A change to your plan?")
        self.what.clear()
        self.reason.clear()

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
