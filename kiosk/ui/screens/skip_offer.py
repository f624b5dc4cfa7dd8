"""Offers to leave out the exercises that hurt in the last two sessions; the person decides."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.controls import make_button, make_label, scrolling


class SkipOfferScreen(QWidget):
    """Signals: decided(bool leave_out)"""

    decided = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Leave out what hurt?")
        layout = QVBoxLayout(self)
        layout.addWidget(make_label("Leave out what hurt?", "title"))
        self.names = make_label("", "heading", name="Exercises that hurt")
        words = QVBoxLayout()
        words.addWidget(self.names)
        words.addWidget(make_label("These hurt in your last two sessions. Moves that hurt are best "
                                   "left out for now; ask your doctor or physiotherapist about them.",
                                   "caption"))
        words.addStretch(1)
        layout.addWidget(scrolling(words, self), 1)     # larger text on a small screen: it scrolls
        self.keep_button = make_button("Keep them in")
        self.leave_button = make_button("Leave them out", "primary")
        self.keep_button.clicked.connect(lambda: self.decided.emit(False))
        self.leave_button.clicked.connect(lambda: self.decided.emit(True))
        layout.addWidget(ButtonRow([(self.keep_button, 1), (self.leave_button, 2)]))

    def offer(self, titles: list[str]) -> None:
        self.names.setText("\n".join(f"•  {title}" for title in titles))
        self.leave_button.setFocus()
