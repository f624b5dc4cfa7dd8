"""Logging minutes of light aerobic activity with big plus and minus buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.records import AEROBIC_ACTIVITIES
from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, texts
from kiosk.ui.theme import Palette
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.choice_group import OneChoiceGroup
from kiosk.ui.widgets.controls import scrolling
from kiosk.ui.widgets.form_screen import FormScreen, heading_label
from kiosk.ui.widgets.touch_button import ChipButton, TouchButton, chip_style_sheet

ACTIVITY_LABELS = {
    "walking": N_("Walking"),
    "water_aerobics": N_("Water aerobics"),
    "cycling": N_("Cycling"),
    "tai_chi": N_("Tai chi"),
}
# The sentences that name an activity: whole, so each language says them its own way.
READY = {
    "walking": N_("Ready to save {minutes} minutes of walking."),
    "water_aerobics": N_("Ready to save {minutes} minutes of water aerobics."),
    "cycling": N_("Ready to save {minutes} minutes of cycling."),
    "tai_chi": N_("Ready to save {minutes} minutes of tai chi."),
}
SAVED = {
    "walking": N_("Saved: {minutes} minutes of walking."),
    "water_aerobics": N_("Saved: {minutes} minutes of water aerobics."),
    "cycling": N_("Saved: {minutes} minutes of cycling."),
    "tai_chi": N_("Saved: {minutes} minutes of tai chi."),
}
MINUTES_STEP = 5
MINUTES_MAX = 600
WEEKLY_GOAL_MINUTES = 150     # American Heart Association: 150 minutes of moderate activity a week


def minutes_words(minutes: int) -> str:
    """"25 minutes", "1 minute", in the language of the screens."""
    return texts().ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)


class AerobicLogScreen(FollowsLanguage, FormScreen):
    """Pick an activity, set the minutes in steps of 5 (0-600) and save.

    Signals:
        aerobic_logged(str, int): an AEROBIC_ACTIVITIES value and 1-600 minutes; the form then
            clears itself, so a second tap on Save cannot log twice.
        back_requested(): the person wants to leave without saving.
    """

    aerobic_logged = Signal(str, int)
    back_requested = Signal()

    def __init__(self, physical_dpi: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(physical_dpi, parent)
        self.setObjectName("aerobic_log_screen")
        touch_px = self._touch_px
        self._minutes = 0
        self._week_minutes: int | None = None
        self._last_saved: tuple[str, int] | None = None      # the activity and minutes just saved

        self._title = title = QLabel()
        title.setProperty("role", "title")
        title.setWordWrap(True)
        self._goal = QLabel()
        self._goal.setProperty("role", "notice")
        self._goal.setObjectName("weekly_goal")
        self._goal.setWordWrap(True)

        self._activity_buttons = {a: ChipButton("", a, touch_px) for a in AEROBIC_ACTIVITIES}
        self._activity_group = OneChoiceGroup(self)
        for button in self._activity_buttons.values():
            self._activity_group.addButton(button)
        activity_row = ButtonRow([(button, 1) for button in self._activity_buttons.values()])  # more rows when narrow
        self._activity_row = activity_row
        self._activity_group.buttonToggled.connect(lambda *_: self._refresh())

        self._minus = TouchButton("\u22125", None, touch_px)      # "−5"
        self._plus = TouchButton("+5", None, touch_px)
        for button, step in ((self._minus, -MINUTES_STEP), (self._plus, MINUTES_STEP)):
            button.setProperty("stepper", True)
            button.setAutoRepeat(True)             # hold to count quickly
            button.setAutoRepeatDelay(450)
            button.setAutoRepeatInterval(110)
            button.clicked.connect(lambda _checked=False, s=step: self.set_minutes(self._minutes + s))
        self._minutes_label = QLabel()
        self._minutes_label.setObjectName("minutes_value")
        self._minutes_label.setAlignment(Qt.AlignCenter)
        self._minutes_label.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Preferred)
        minutes_row = QGridLayout()          # -5, minutes, +5 in a row; the minutes above them when narrow
        self._minutes_row = minutes_row
        self._minutes_stacked: bool | None = None
        self._place_minutes(stacked=False)

        self._status = QLabel()
        self._status.setProperty("role", "caption")
        self._status.setWordWrap(True)
        self._back = TouchButton("", None, touch_px)
        self._back.clicked.connect(self.back_requested)
        self._save = TouchButton("", "primary", touch_px)
        self._save.clicked.connect(self._on_save)
        buttons_row = QGridLayout()          # Back, the status, Save; the status above them when narrow
        self._buttons_row = buttons_row
        self._status_above: bool | None = None
        self._place_status(above=False)
        self._spaced_layouts = (minutes_row, buttons_row)
        self._chips = tuple(self._activity_buttons.values())

        body = QVBoxLayout()
        body.addWidget(self._goal)
        self._what_heading = heading_label("")
        body.addWidget(self._what_heading)
        body.addWidget(activity_row)
        self._minutes_heading = heading_label("")
        body.addWidget(self._minutes_heading)
        body.addLayout(minutes_row)
        body.addStretch(1)
        self._outer = QVBoxLayout(self)
        self._outer.addWidget(title)
        self._outer.addWidget(scrolling(body, self), 1)
        self._outer.addLayout(buttons_row)

        chain = [*self._activity_buttons.values(), self._minus, self._plus, self._back, self._save]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self.retranslate()
        self._restyle()

    def retranslate(self) -> None:
        _ = texts().gettext
        self._title.setText(_("Log light activity"))
        self._what_heading.setText(_("What did you do?"))
        self._minutes_heading.setText(_("For how many minutes?"))
        for activity, button in self._activity_buttons.items():
            button.set_label(_(ACTIVITY_LABELS[activity]))
        self._minus.setAccessibleDescription(_("Five minutes less"))
        self._plus.setAccessibleDescription(_("Five minutes more"))
        self._back.set_label(_("Back"))
        self._save.set_label(_("Save"))
        self._activity_row.refit()
        if self._unit:
            self._fit_minutes_label(self._unit)
        self._refresh()

    # --- public API -------------------------------------------------------------------------

    def activity(self) -> str | None:
        button = self._activity_group.checkedButton()
        return button.value if button is not None else None

    def set_activity(self, activity: str | None) -> None:
        if activity is None:
            self._activity_group.clear_choice()
        else:
            self._activity_group.choose(self._activity_buttons[activity])
        self._refresh()

    def minutes(self) -> int:
        return self._minutes

    def set_minutes(self, minutes: int) -> None:
        """Set the minutes, kept within 0-600."""
        self._minutes = max(0, min(MINUTES_MAX, int(minutes)))
        self._last_saved = None
        self._refresh()

    def set_week_minutes(self, minutes: int | None) -> None:
        """Show how many minutes were logged this week so far (None hides the figure)."""
        self._week_minutes = minutes
        self._refresh()

    def activity_button(self, activity: str) -> ChipButton:
        return self._activity_buttons[activity]

    @property
    def plus_button(self) -> TouchButton:
        return self._plus

    @property
    def minus_button(self) -> TouchButton:
        return self._minus

    @property
    def save_button(self) -> TouchButton:
        return self._save

    @property
    def back_button(self) -> TouchButton:
        return self._back

    def reset(self) -> None:
        """Clear the activity and the minutes."""
        self._minutes = 0
        self._last_saved = None
        self._guard.clear()
        self.set_activity(None)

    # --- behaviour ----------------------------------------------------------------------------

    def _on_save(self) -> None:
        activity = self.activity()
        if activity is None or self._minutes <= 0 or not self._guard.accept():
            return
        minutes = self._minutes
        self._minutes = 0
        self.set_activity(None)
        self._last_saved = (activity, minutes)
        if self._week_minutes is not None:
            self._week_minutes += minutes
        self._refresh()
        self.aerobic_logged.emit(activity, minutes)

    def _refresh(self) -> None:
        _ = texts().gettext
        self._minutes_label.setText(minutes_words(self._minutes))
        self._minutes_label.setAccessibleName(minutes_words(self._minutes))
        self._minus.setEnabled(self._minutes > 0)
        self._plus.setEnabled(self._minutes < MINUTES_MAX)
        activity = self.activity()
        ready = activity is not None and self._minutes > 0
        self._save.setEnabled(ready)
        if ready:
            text = _(READY[activity]).format(minutes=self._minutes)
        elif self._last_saved:
            saved, minutes = self._last_saved
            text = _(SAVED[saved]).format(minutes=minutes)
        elif activity is None:
            text = _("Choose an activity.")
        else:
            text = _("Add minutes with +5.")
        self._status.setText(text)
        goal = _("Goal: {goal} minutes of light activity a week, for example 30 minutes on 5 days.").format(
            goal=WEEKLY_GOAL_MINUTES)
        if self._week_minutes is not None:
            goal = _("{goal} This week so far: {minutes} of {total} minutes.").format(
                goal=goal, minutes=self._week_minutes, total=WEEKLY_GOAL_MINUTES)
        self._goal.setText(goal)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key_Plus, Qt.Key_Equal):
            self.set_minutes(self._minutes + MINUTES_STEP)
        elif event.key() in (Qt.Key_Minus, Qt.Key_Underscore):
            self.set_minutes(self._minutes - MINUTES_STEP)
        else:
            super().keyPressEvent(event)

    # --- layout -------------------------------------------------------------------------------

    def _place_minutes(self, stacked: bool) -> None:
        if stacked == self._minutes_stacked:
            return
        self._minutes_stacked = stacked
        row = self._minutes_row
        for widget in (self._minus, self._minutes_label, self._plus):
            row.removeWidget(widget)
        center = Qt.AlignmentFlag.AlignHCenter
        if stacked:
            row.addWidget(self._minutes_label, 0, 0, 1, 2, center)
            row.addWidget(self._minus, 1, 0)
            row.addWidget(self._plus, 1, 1)
        else:
            row.addWidget(self._minus, 0, 0, Qt.AlignmentFlag.AlignRight)
            row.addWidget(self._minutes_label, 0, 1, center)
            row.addWidget(self._plus, 0, 2, Qt.AlignmentFlag.AlignLeft)

    def _place_status(self, above: bool) -> None:
        if above == self._status_above:
            return
        self._status_above = above
        row = self._buttons_row
        for widget in (self._back, self._status, self._save):
            row.removeWidget(widget)
        left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
        if above:
            row.addWidget(self._status, 0, 0, 1, 2)
            row.addWidget(self._back, 1, 0, left)
            row.addWidget(self._save, 1, 1, right)
            for column, stretch in ((0, 1), (1, 1), (2, 0)):
                row.setColumnStretch(column, stretch)
        else:
            row.addWidget(self._back, 0, 0)
            row.addWidget(self._status, 0, 1)
            row.addWidget(self._save, 0, 2)
            for column, stretch in ((0, 0), (1, 1), (2, 0)):
                row.setColumnStretch(column, stretch)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        margins = 2 * round(self._unit * 1.2)
        beside = (self._back.minimumWidth() + self._status.minimumSizeHint().width() + self._save.minimumWidth()
                  + 2 * max(0, self._buttons_row.horizontalSpacing()) + margins)
        self._place_status(above=beside > event.size().width())
        spacing = max(0, self._minutes_row.horizontalSpacing())
        across = (self._minus.minimumWidth() + self._plus.minimumWidth() + self._minutes_label.minimumWidth()
                  + 2 * spacing + 2 * round(self._unit * 1.2) + 24)      # margins and a scroll bar
        self._place_minutes(stacked=across > event.size().width())

    def _style(self, unit: int, palette: Palette) -> None:
        stepper = max(self._touch_px, round(unit * 5))
        for button in (self._minus, self._plus):
            button.set_touch_px(stepper)
            button.set_min_width(round(stepper * 1.6))
        self.setStyleSheet(chip_style_sheet(unit, palette) + f"""
        QPushButton[stepper="true"] {{ font-size: {round(unit * 2.2)}px; }}
        QPushButton:disabled {{ background: {palette.secondary}; color: {palette.muted}; }}
        QLabel#minutes_value {{ font-size: {round(unit * 2.6)}px; font-weight: bold; color: {palette.primary}; }}
        QLabel#weekly_goal {{ font-size: {round(unit * 1.2)}px; }}
        """)
        self._fit_minutes_label(unit)

    def _fit_minutes_label(self, unit: int) -> None:
        """As wide as the widest number of minutes in the language in use: the buttons never move under a finger."""
        font = QFont(self._minutes_label.font())
        font.setPixelSize(round(unit * 2.6))
        font.setBold(True)
        widest = QFontMetrics(font).horizontalAdvance(minutes_words(MINUTES_MAX))
        self._minutes_label.setFixedWidth(widest + 2 * unit)
