"""Shown the moment something hurts: a rest position, calm advice, and what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.core.phrases import phrase
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.controls import make_button, make_label, scrolling
from kiosk.ui.widgets.pose_view import PoseView
from kiosk.ui.widgets.responsive import ACROSS, TurnWithWindow

# What is also said aloud (phrase "hurt": stop, rest, breathe, let go) comes first; then this.
ADVICE = "Leave out the move that hurt. If the pain stays or gets worse, tell your doctor."


class HurtScreen(QWidget):
    """Calm advice, then: skip this side, skip this exercise, or end the session.

    Signals:
        skip_side_requested(), skip_exercise_requested(), end_requested(), rate_requested()
    """

    rate_requested = Signal()
    skip_side_requested = Signal()
    skip_exercise_requested = Signal()
    end_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Stop and rest")
        layout = QVBoxLayout(self)
        layout.addWidget(make_label("Stop and rest", "title"))
        middle = QBoxLayout(ACROSS)        # portrait: the resting figure above the advice
        self.pose = PoseView(self)
        self.pose.setMinimumSize(240, 150)
        advice = QVBoxLayout()
        self.where = make_label("", "heading", name="Where it hurt")
        advice.addWidget(self.where)
        self.caption = make_label(phrase("hurt"), "caption", name="Caption")
        advice.addWidget(self.caption)
        advice.addWidget(make_label(ADVICE, "caption"))
        advice.addStretch(1)
        self.rate_button = make_button("Rate this pain", description="Optional")
        self.rate_button.clicked.connect(self.rate_requested)
        middle.addWidget(self.pose, 1)
        middle.addWidget(scrolling(advice, self), 1)     # larger text on a small screen: it scrolls
        layout.addLayout(middle, 1)
        self._turn = TurnWithWindow(self, middle)
        self.skip_side_button = make_button("Skip this side")
        self.skip_exercise_button = make_button("Skip this exercise", "primary")
        self.end_button = make_button("End the session")
        self.skip_side_button.clicked.connect(self.skip_side_requested)
        self.skip_exercise_button.clicked.connect(self.skip_exercise_requested)
        self.end_button.clicked.connect(self.end_requested)
        self.buttons = ButtonRow([(self.skip_side_button, 1), (self.skip_exercise_button, 1),
                                  (self.end_button, 1), (self.rate_button, 1)])     # always in sight
        layout.addWidget(self.buttons)

    def show_for(self, exercise_title: str | None, side: str | None, rest_pose: str) -> None:
        """Fill in where it hurt; "skip this side" only when the exercise has sides."""
        where = exercise_title or "this part"
        self.where.setText(f"{where}, {side} side" if side else where)
        self.skip_side_button.setVisible(side is not None)
        self.skip_exercise_button.setVisible(exercise_title is not None)
        self.rate_button.setVisible(True)
        self.buttons.refit()
        self.pose.frame_tightly([rest_pose])      # the resting figure as large as the picture allows
        self.pose.show_pose(rest_pose, transition_ms=0)
        self.skip_exercise_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_rated(self, pain: int) -> None:
        """The optional rating was given: say so instead of offering it again."""
        self.rate_button.hide()
        self.buttons.refit()
        self.where.setText(f"{self.where.text()}: pain {pain} noted")
