"""Sign in with a diary number and a PIN on a big keypad (never a list of names), start a new diary, or be a guest."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from kiosk.core.diary_number import DIGITS, is_diary_number, spaced
from kiosk.core.pins import PIN_DIGITS, is_easy_pin
from kiosk.ui.widgets.controls import make_label
from kiosk.ui.widgets.pin_pad import PinPadScreen
from kiosk.ui.widgets.touch_button import TouchButton

NUMBER_STEP, PIN_STEP, CHOOSE_STEP, REPEAT_STEP = "number", "pin", "choose", "repeat"
PIN_MISMATCH = "The number and PIN do not match. Please try again."
NOT_A_NUMBER = "That is not a diary number. Please check each digit."
EASY_PIN = "That PIN is easy to guess. Please choose another one."
PINS_DIFFER = "The two PINs were not the same. Please choose your PIN again."
PROBLEM = "Something went wrong. Please try again, or ask at the desk."

_EXPLAIN = {
    NUMBER_STEP: "Type your diary number.",
    CHOOSE_STEP: f"Choose a PIN of {PIN_DIGITS[0]} to {PIN_DIGITS[1]} digits. You need it with your diary number.",
    REPEAT_STEP: "Type the same PIN again.",
}
_TITLE = {NUMBER_STEP: "Sign in", PIN_STEP: "Your PIN", CHOOSE_STEP: "New diary", REPEAT_STEP: "New diary"}


def _minutes(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def resting_message(seconds: int, whole_kiosk: bool) -> str:
    """What to say while sign-in rests after too many tries."""
    if whole_kiosk:
        return f"Too many tries. Please wait {_minutes(seconds)}, or ask at the desk."
    return f"Too many wrong PINs for this diary. Wait {_minutes(seconds)}, or ask at the desk."


class SignInScreen(PinPadScreen):
    """The diary number, then the PIN, on one large keypad; "New diary" (a PIN chosen twice) and
    "Continue as guest". The number shows as digits (it says who, not a secret); the PIN as dots.

    Signals:
        sign_in_requested(str, str): diary number and PIN; check them and call show_mismatch,
            show_resting or show_problem when it does not open the diary.
        new_diary_requested(str): the PIN chosen twice for a new diary.
        guest_requested(): go on without a diary (nothing will be saved).
        back_requested(): back to the start.
    """

    sign_in_requested = Signal(str, str)
    new_diary_requested = Signal(str)
    guest_requested = Signal()
    back_requested = Signal()

    def __init__(self, physical_dpi: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Sign in", max_digits=DIGITS, physical_dpi=physical_dpi, parent=parent)
        self.pad.submitted.connect(self._submitted)
        self.step = NUMBER_STEP
        self._number = ""
        self._chosen = ""

        self.explain = make_label("", "caption")
        self.error = self.message
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)

        def wide(text: str, role: str | None = None) -> TouchButton:
            button = TouchButton(text, role, self.touch_px)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            return button

        self.new_button = wide("New diary")
        self.new_button.setAccessibleDescription("Start a diary of your own: choose a PIN, get a diary number")
        self.guest_button = wide("Continue as guest", "primary")
        self.guest_button.setAccessibleDescription("Exercise without a diary; nothing is saved")
        self.guest_note = make_label("As a guest nothing is saved.", "muted")
        self.back_button = wide("Back")
        self.new_button.clicked.connect(self._new_diary)
        self.guest_button.clicked.connect(self._guest)
        self.back_button.clicked.connect(self._back)
        self._rest_timer = QTimer(self)
        self._rest_timer.setSingleShot(True)
        self._rest_timer.timeout.connect(self._rested)

        bottom_row = QHBoxLayout()                  # Back and New diary side by side: room on small screens
        bottom_row.addWidget(self.back_button, 1)
        bottom_row.addWidget(self.new_button, 1)
        self._lay_out(self.explain, lower=[self.guest_button, self.guest_note, self.touch_px // 3, bottom_row])
        self._go(NUMBER_STEP)

    # -- public API -----------------------------------------------------------------------
    def show_mismatch(self) -> None:
        """The number and PIN did not open a diary: back to the number (still typed) with a message."""
        self._go(NUMBER_STEP, digits=self._number)
        self._show_message(PIN_MISMATCH)

    def show_resting(self, seconds: int, whole_kiosk: bool) -> None:
        """Too many tries: the keypad rests `seconds`, then comes back by itself."""
        self._go(NUMBER_STEP, digits="" if whole_kiosk else self._number)
        self._show_message(resting_message(seconds, whole_kiosk))
        self.pad.setEnabled(False)
        self.new_button.hide()                      # it needs the keypad too
        self._rest_timer.start(max(1, seconds) * 1000)

    def show_problem(self, message: str = PROBLEM) -> None:
        """The check could not be done: the keypad is back, with the message."""
        self._go(NUMBER_STEP if self.step == PIN_STEP else self.step,
                 digits=self._number if self.step == PIN_STEP else "")
        self._show_message(message)

    def reset(self) -> None:
        """Forget any digits and messages (for time-outs and sign-out)."""
        self._rest_timer.stop()
        self._number = self._chosen = ""
        self.pad.setEnabled(True)
        self._go(NUMBER_STEP)

    @property
    def resting(self) -> bool:
        return self._rest_timer.isActive()

    # -- inside ---------------------------------------------------------------------------
    def _go(self, step: str, digits: str = "") -> None:
        self.step = step
        self.message.hide()
        self._title.setText(_TITLE[step])
        self.setAccessibleName(_TITLE[step])
        if step == NUMBER_STEP:
            self.pad.set_entry("Diary number", DIGITS, DIGITS, visible=True, digits=digits)
        else:
            self.pad.set_entry("PIN", *PIN_DIGITS)
        self.explain.setText(f"Diary {spaced(self._number)}. Now type your PIN." if step == PIN_STEP
                             else _EXPLAIN[step])
        at_start = step == NUMBER_STEP
        for widget in (self.new_button, self.guest_button, self.guest_note):
            widget.setVisible(at_start)
        self.pad.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submitted(self, digits: str) -> None:
        if self.step == NUMBER_STEP:
            if not is_diary_number(digits):
                self.pad.set_entry("Diary number", DIGITS, DIGITS, visible=True, digits=digits)
                self._show_message(NOT_A_NUMBER)
                return
            self._number = digits
            self._go(PIN_STEP)
        elif self.step == PIN_STEP:
            self.message.hide()
            self.sign_in_requested.emit(self._number, digits)
        elif self.step == CHOOSE_STEP:
            if is_easy_pin(digits):
                self._show_message(EASY_PIN)
                return
            self._chosen = digits
            self._go(REPEAT_STEP)
        else:
            chosen, self._chosen = self._chosen, ""
            if digits != chosen:
                self._go(CHOOSE_STEP)
                self._show_message(PINS_DIFFER)
                return
            self.new_diary_requested.emit(digits)

    def _show_message(self, text: str) -> None:
        super()._show_message(text)
        self.guest_note.hide()                      # room for the message on a small screen

    def _digits_changed(self, count: int) -> None:
        super()._digits_changed(count)
        if count and self.step == NUMBER_STEP:
            self.guest_note.show()

    def _rested(self) -> None:
        self.pad.setEnabled(True)
        self.message.hide()
        self.guest_note.setVisible(self.step == NUMBER_STEP)
        self.new_button.setVisible(self.step == NUMBER_STEP)
        self.pad.setFocus(Qt.FocusReason.OtherFocusReason)

    def _new_diary(self) -> None:
        self._number = ""
        self._go(CHOOSE_STEP)

    def _guest(self) -> None:
        self.reset()
        self.guest_requested.emit()

    def _back(self) -> None:
        if self.step == NUMBER_STEP:
            self.reset()
            self.back_requested.emit()
        elif self.step == PIN_STEP:
            self._go(NUMBER_STEP, digits=self._number)
        else:
            self._chosen = ""
            self._go(NUMBER_STEP)
