"""The one-time safety screen: talk to your doctor, stay within pain-free limits, stop when it hurts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.controls import make_button, make_label, scrolling

SAFETY_POINTS = (
    "Ask your doctor or physiotherapist before you start a new exercise plan.",
    "Move slowly, and only as far as you can without pain.",
    "If your pain rises or your back feels weak, stop and rest. Press the red It hurts button at any time.",
    "Leave out any exercise that makes your pain worse.",
)


class SafetyScreen(QWidget):
    """Shown before the first session until accepted.

    Signals:
        accepted(): the person read it and continues
        back_requested(): they went back home
    """

    accepted = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Before you start")
        layout = QVBoxLayout(self)
        layout.addWidget(make_label("Before you start", "title"))
        points = QVBoxLayout()
        for point in SAFETY_POINTS:
            points.addWidget(make_label(f"•  {point}", "caption"))
        points.addWidget(make_label("This app guides exercises; it does not diagnose or treat.", "muted"))
        points.addStretch(1)
        layout.addWidget(scrolling(points, self), 1)    # larger text on a small screen: it scrolls
        self.back_button = make_button("Back")
        self.back_button.clicked.connect(self.back_requested)
        self.continue_button = make_button("I understand, continue", "primary")
        self.continue_button.clicked.connect(self.accepted)
        layout.addWidget(ButtonRow([(self.back_button, 1), (self.continue_button, 2)]))    # always in sight

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.continue_button.setFocus()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accepted.emit()
            return
        super().keyPressEvent(event)
