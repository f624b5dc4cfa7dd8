"""A whole number changed by big − and + buttons or the keyboard, kept within its range, the range shown beside it."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QSizePolicy, QWidget

from kiosk.core.plan_ranges import NumberRange
from kiosk.ui.language import FollowsLanguage, texts
from kiosk.ui.widgets.controls import make_label
from kiosk.ui.widgets.touch_button import TOUCH_TARGET_FLOOR_PX, TouchButton

UP_KEYS = (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Up, Qt.Key.Key_Right)
DOWN_KEYS = (Qt.Key.Key_Minus, Qt.Key.Key_Underscore, Qt.Key.Key_Down, Qt.Key.Key_Left)
ARTICLE_WORDS = re.compile(r"article: (?P<note>.+)")      # core.plan_ranges' words beside a number
USUAL_WORDS = re.compile(r"usual: (?P<value>\d+) s")


def range_words(text: str) -> str:
    """core.plan_ranges' words beside a number ("article: 8 to 10", "usual: 5 s") in the language in use."""
    _ = texts().gettext
    if match := ARTICLE_WORDS.fullmatch(text):
        return _("article: {note}").format(note=match["note"])
    if match := USUAL_WORDS.fullmatch(text):
        return _("usual: {seconds} s").format(seconds=match["value"])
    return _(text) if text else ""


class NumberStepper(FollowsLanguage, QFrame):
    """"Reps   article: 8 to 10" above "[−]  8  [+]".

    The stepper itself takes the keyboard focus (Tab): + / - and the arrow keys change the number;
    Tab goes on to its − and + buttons (15 mm, for touch; Enter or Space presses them). The number
    never leaves `number_range`; a button at an end of the range is off.

    `name` is the English (marked N_), shown in the language in use.

    Signals: value_changed(int)
    """

    value_changed = Signal(int)

    def __init__(self, name: str, number_range: NumberRange, value: int, unit: str = "",
                 touch_px: int = TOUCH_TARGET_FLOOR_PX, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("stepper", True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.name = name
        self.context = ""                       # said before the name: "Bridge: reps: 8"
        self._unit = unit
        self._range = number_range
        self._value = number_range.clamp(value)
        self.title = make_label("", "heading")
        self.range_label = make_label("", "muted")
        self.minus_button = TouchButton("\u2212", None, touch_px, self)
        self.plus_button = TouchButton("+", None, touch_px, self)
        for button in (self.minus_button, self.plus_button):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.number = make_label("", "heading", wrap=False)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.minus_button.clicked.connect(self.step_down)
        self.plus_button.clicked.connect(self.step_up)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        # The words across the whole width (the stretch column too): over the buttons' columns alone they
        # would wrap where the buttons are narrow, and Qt would lay them out one line high.
        grid.addWidget(self.title, 0, 0, 1, 4)
        grid.addWidget(self.range_label, 1, 0, 1, 4)
        grid.addWidget(self.minus_button, 2, 0)
        grid.addWidget(self.number, 2, 1)
        grid.addWidget(self.plus_button, 2, 2)
        grid.setColumnStretch(3, 1)            # the number stays between its buttons
        QWidget.setTabOrder(self, self.minus_button)
        QWidget.setTabOrder(self.minus_button, self.plus_button)
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        name = _(self.name)
        self.title.setText(name)
        self.range_label.setAccessibleName(_("{name}: range").format(name=name))
        self.minus_button.setAccessibleDescription(_("Less: {name}").format(name=name.lower()))
        self.plus_button.setAccessibleDescription(_("More: {name}").format(name=name.lower()))
        self._show()

    @property
    def value(self) -> int:
        return self._value

    @property
    def number_range(self) -> NumberRange:
        return self._range

    def set_range(self, number_range: NumberRange, value: int | None = None) -> None:
        """A new range (the sides changed): the number kept inside it."""
        self._range = number_range
        self.set_value(self._value if value is None else value)
        self._show()

    def set_value(self, value: int) -> None:
        value = self._range.clamp(int(value))
        if value != self._value:
            self._value = value
            self._show()
            self.value_changed.emit(value)
        else:
            self._show()

    def step_up(self) -> None:
        self.set_value(self._value + 1)

    def step_down(self) -> None:
        self.set_value(self._value - 1)

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 (Qt override)
        super().setEnabled(enabled)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if enabled else Qt.FocusPolicy.NoFocus)
        self._show()

    def set_read_only(self, read_only: bool) -> None:
        """Shown, not changed: no − and + buttons, no keyboard focus."""
        self.setEnabled(not read_only)
        self.minus_button.setVisible(not read_only)
        self.plus_button.setVisible(not read_only)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if self.isEnabled() and event.key() in UP_KEYS:
            self.step_up()
        elif self.isEnabled() and event.key() in DOWN_KEYS:
            self.step_down()
        else:
            super().keyPressEvent(event)

    def _show(self) -> None:
        shown = f"{self._value}{self._unit}"
        self.number.setText(shown)
        wide = self.number.fontMetrics().horizontalAdvance(f"{self._range.high}{self._unit}") + 12
        self.number.setMinimumWidth(wide)
        _ = texts().gettext
        span = _("{low} to {high}{unit}").format(low=self._range.low, high=self._range.high, unit=self._unit)
        words = range_words(self._range.text)
        text = (words if self._range.text.startswith("article") else
                _("{span}, {words}").format(span=span, words=words) if words else span)
        self.range_label.setText(text)
        enabled = self.isEnabled()
        self.minus_button.setEnabled(enabled and self._value > self._range.low)
        self.plus_button.setEnabled(enabled and self._value < self._range.high)
        self.setAccessibleName(_("{context}{name}: {value}").format(context=self.context, name=_(self.name),
                                                                    value=shown))
        self.setAccessibleDescription(text)
