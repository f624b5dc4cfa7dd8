"""Offers to leave out the exercises that hurt in the last two sessions; the person decides."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.widgets.controls import make_button, make_label


class SkipOfferScreen(QWidget):
    """Signals: decided(bool leave_out)"""

    decided = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Leave out what hurt?")
        layout = QVBoxLayout(self)
        layout.addWidget(make_label("Leave out what hurt?", "title"))
        self.names = make_label("", "heading", name="Exercises that hurt")
        layout.addWidget(self.names)
        layout.addWidget(make_label("These hurt in your last two sessions. Moves that hurt are best "
                                    "left out for now; ask your doctor or physiotherapist about them.",
                                    "caption"))
        layout.addStretch(1)
        buttons = QHBoxLayout()
        self.keep_button = make_button("Keep them in")
        self.leave_button = make_button("Leave them out", "primary")
        self.keep_button.clicked.connect(lambda: self.decided.emit(False))
        self.leave_button.clicked.connect(lambda: self.decided.emit(True))
        buttons.addWidget(self.keep_button, 1)
        buttons.addWidget(self.leave_button, 2)
        layout.addLayout(buttons)

    def offer(self, titles: list[str]) -> None:
        self.names.setText("\n".join(f"•  {title}" for title in titles))
        self.leave_button.setFocus()
