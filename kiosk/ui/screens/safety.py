"""The one-time safety screen: talk to your doctor, stay within pain-free limits, stop when it hurts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, texts
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.controls import make_button, make_label, scrolling, set_button_text

SAFETY_POINTS = (
    N_("Ask your doctor or physiotherapist before you start a new exercise plan."),
    N_("Move slowly, and only as far as you can without pain."),
    N_("If your pain rises or your back feels weak, stop and rest. Press the red It hurts button at any time."),
    N_("Leave out any exercise that makes your pain worse."),
)
NO_DIAGNOSIS = N_("This app guides exercises; it does not diagnose or treat.")


class SafetyScreen(FollowsLanguage, QWidget):
    """Shown before the first session until accepted.

    Signals:
        accepted(): the person read it and continues
        back_requested(): they went back home
    """

    accepted = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.title = make_label("", "title")
        layout.addWidget(self.title)
        points = QVBoxLayout()
        self.points = [make_label("", "caption") for _point in SAFETY_POINTS]
        for label in self.points:
            points.addWidget(label)
        self.no_diagnosis = make_label("", "muted")
        points.addWidget(self.no_diagnosis)
        points.addStretch(1)
        layout.addWidget(scrolling(points, self), 1)    # larger text on a small screen: it scrolls
        self.back_button = make_button("")
        self.back_button.clicked.connect(self.back_requested)
        self.continue_button = make_button("", "primary")
        self.continue_button.clicked.connect(self.accepted)
        self.buttons = ButtonRow([(self.back_button, 1), (self.continue_button, 2)])    # always in sight
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.setAccessibleName(_("Before you start"))
        self.title.setText(_("Before you start"))
        for label, point in zip(self.points, SAFETY_POINTS):
            label.setText(f"•  {_(point)}")
        self.no_diagnosis.setText(_(NO_DIAGNOSIS))
        set_button_text(self.back_button, _("Back"))
        set_button_text(self.continue_button, _("I understand, continue"))
        self.buttons.refit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.continue_button.setFocus()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accepted.emit()
            return
        super().keyPressEvent(event)
