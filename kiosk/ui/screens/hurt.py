"""Shown the moment something hurts: a rest position, calm advice, and what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.core.phrases import phrase
from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, current_language, texts
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.controls import make_button, make_label, scrolling, set_button_text
from kiosk.ui.widgets.pose_view import PoseView
from kiosk.ui.widgets.responsive import ACROSS, TurnWithWindow

# What is also said aloud (phrase "hurt": stop, rest, breathe, let go) comes first; then this.
ADVICE = N_("Leave out the move that hurt. If the pain stays or gets worse, tell your doctor.")


class HurtScreen(FollowsLanguage, QWidget):
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
        self._where: tuple[str | None, str | None, int | None] = (None, None, None)   # exercise, side, pain
        layout = QVBoxLayout(self)
        self.title = make_label("", "title")
        layout.addWidget(self.title)
        middle = QBoxLayout(ACROSS)        # portrait: the resting figure above the advice
        self.pose = PoseView(self)
        self.pose.setMinimumSize(240, 150)
        advice = QVBoxLayout()
        self.where = make_label("", "heading", name="Where it hurt")
        advice.addWidget(self.where)
        self.caption = make_label("", "caption", name="Caption")
        advice.addWidget(self.caption)
        self.advice = make_label("", "caption")
        advice.addWidget(self.advice)
        advice.addStretch(1)
        self.rate_button = make_button("")
        self.rate_button.clicked.connect(self.rate_requested)
        middle.addWidget(self.pose, 1)
        middle.addWidget(scrolling(advice, self), 1)     # larger text on a small screen: it scrolls
        layout.addLayout(middle, 1)
        self._turn = TurnWithWindow(self, middle)
        self.skip_side_button = make_button("")
        self.skip_exercise_button = make_button("", "primary")
        self.end_button = make_button("")
        self.skip_side_button.clicked.connect(self.skip_side_requested)
        self.skip_exercise_button.clicked.connect(self.skip_exercise_requested)
        self.end_button.clicked.connect(self.end_requested)
        self.buttons = ButtonRow([(self.skip_side_button, 1), (self.skip_exercise_button, 1),
                                  (self.end_button, 1), (self.rate_button, 1)])     # always in sight
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.setAccessibleName(_("Stop and rest"))
        self.title.setText(_("Stop and rest"))
        self.caption.setText(phrase("hurt", current_language()))
        self.advice.setText(_(ADVICE))
        set_button_text(self.rate_button, _("Rate this pain"))
        self.rate_button.setAccessibleDescription(_("Optional"))
        set_button_text(self.skip_side_button, _("Skip this side"))
        set_button_text(self.skip_exercise_button, _("Skip this exercise"))
        set_button_text(self.end_button, _("End the session"))
        self._show_where()
        self.buttons.refit()

    def _show_where(self) -> None:
        _ = texts().gettext
        title, side, pain = self._where
        where = title or _("this part")
        if side:
            on_side = _("{exercise}, left side") if side == "left" else _("{exercise}, right side")
            where = on_side.format(exercise=where)
        if pain is not None:
            where = _("{where}: pain {pain} noted").format(where=where, pain=pain)
        self.where.setText(where)

    def show_for(self, exercise_title: str | None, side: str | None, rest_pose: str) -> None:
        """Fill in where it hurt; "skip this side" only when the exercise has sides."""
        self._where = (exercise_title, side, None)
        self._show_where()
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
        self._where = (*self._where[:2], pain)
        self._show_where()
