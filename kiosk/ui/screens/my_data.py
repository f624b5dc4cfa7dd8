"""Your data: what this computer keeps about you, and deleting all of it (asked twice, never undone)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.controls import make_button, make_label, scrolling

QUESTION = ("Delete all your pain ratings, sessions and activity from this computer? "
            "This cannot be undone.")


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


class MyDataScreen(QWidget):
    """Signals:
        back_requested(): the person went back home
        erase_confirmed(): they asked to delete everything, and said yes when asked again
    """

    back_requested = Signal()
    erase_confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Your data")
        layout = QVBoxLayout(self)
        layout.addWidget(make_label("Your data", "title"))
        words = QVBoxLayout()
        self.held = make_label("", "caption", name="What is kept")
        words.addWidget(self.held)
        words.addWidget(make_label("It stays on this computer, readable only by your user account; "
                                   "nothing is ever sent anywhere.", "muted"))
        self.question = make_label(QUESTION, "notice", name="Delete everything?")
        words.addWidget(self.question)
        words.addStretch(1)
        layout.addWidget(scrolling(words, self), 1)     # larger text on a small screen: it scrolls
        self.back_button = make_button("Back")
        self.back_button.clicked.connect(self.back_requested)
        self.delete_button = make_button("Delete my data", "danger")
        self.delete_button.clicked.connect(self._ask)
        self.keep_button = make_button("Keep my data")
        self.keep_button.clicked.connect(self._keep)
        self.confirm_button = make_button("Delete for good", "danger")
        self.confirm_button.clicked.connect(self._confirm)
        self.buttons = ButtonRow([(self.back_button, 1), (self.delete_button, 1), (self.keep_button, 2),
                                  (self.confirm_button, 1)])
        layout.addWidget(self.buttons)
        self._keep()

    def show_counts(self, ratings: int, sessions: int, activities: int) -> None:
        """Say what is kept, and offer to delete it when there is anything."""
        if ratings or sessions or activities:
            self.held.setText("This computer keeps your " + ", ".join((
                _count(ratings, "pain rating", "pain ratings"), _count(sessions, "session", "sessions"),
                _count(activities, "activity entry", "activity entries"))) + ".")
        else:
            self.held.setText("This computer keeps no pain ratings, sessions or activity of yours.")
        self._keep()
        self.delete_button.setEnabled(bool(ratings or sessions or activities))

    def show_erased(self) -> None:
        self.show_counts(0, 0, 0)
        self.held.setText("Your data was deleted from this app. Pictures or copies you saved "
                          "yourself are not touched.")
        self.back_button.setFocus()

    def show_problem(self, text: str) -> None:
        self.held.setText(text)

    def _ask(self) -> None:
        self._asking(True)
        self.keep_button.setFocus()             # the safe answer is the one under the finger

    def _keep(self) -> None:
        self._asking(False)

    def _confirm(self) -> None:
        self._asking(False)
        self.erase_confirmed.emit()

    def _asking(self, asking: bool) -> None:
        self.question.setVisible(asking)
        for button in (self.keep_button, self.confirm_button):
            button.setVisible(asking)
        for button in (self.back_button, self.delete_button):
            button.setVisible(not asking)
        self.buttons.refit()
