"""The one-time safety screen: talk to your doctor, stay within pain-free limits, stop when it hurts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.widgets.controls import make_button, make_label

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
        for point in SAFETY_POINTS:
            layout.addWidget(make_label(f"•  {point}", "caption"))
        layout.addWidget(make_label("This app guides exercises; it does not diagnose or treat.", "muted"))
        layout.addStretch(1)
        buttons = QHBoxLayout()
        self.back_button = make_button("Back")
        self.back_button.clicked.connect(self.back_requested)
        self.continue_button = make_button("I understand, continue", "primary")
        self.continue_button.clicked.connect(self.accepted)
        buttons.addWidget(self.back_button, 1)
        buttons.addWidget(self.continue_button, 2)
        layout.addLayout(buttons)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.continue_button.setFocus()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accepted.emit()
            return
        super().keyPressEvent(event)
