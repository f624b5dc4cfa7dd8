"""Sign in with a diary number and a PIN on a big keypad (never a list of names), start a new diary, or be a guest."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from kiosk.core.diary_number import DIGITS, is_diary_number, spaced
from kiosk.core.pins import PIN_DIGITS, is_easy_pin
from kiosk.core.translations import N_
from kiosk.ui.language import texts
from kiosk.ui.theme import contents_minimum, window_unit
from kiosk.ui.widgets.controls import make_label
from kiosk.ui.widgets.other_language_button import OtherLanguageButton
from kiosk.ui.widgets.pin_pad import PinPadScreen
from kiosk.ui.widgets.touch_button import TouchButton

NUMBER_STEP, PIN_STEP, CHOOSE_STEP, REPEAT_STEP = "number", "pin", "choose", "repeat"
# The messages in English (marked N_), each shown in the language in use.
PIN_MISMATCH = N_("The number and PIN do not match. Please try again.")
NOT_A_NUMBER = N_("That is not a diary number. Please check each digit.")
EASY_PIN = N_("That PIN is easy to guess. Please choose another one.")
PINS_DIFFER = N_("The two PINs were not the same. Please choose your PIN again.")
PROBLEM = N_("Something went wrong. Please try again, or ask at the desk.")
DIARY_NUMBER = N_("Diary number")

_EXPLAIN = {
    NUMBER_STEP: N_("Type your diary number."),
    CHOOSE_STEP: N_("Choose a PIN of {low} to {high} digits. You need it with your diary number."),
    REPEAT_STEP: N_("Type the same PIN again."),
}
_TITLE = {NUMBER_STEP: N_("Sign in"), PIN_STEP: N_("Your PIN"), CHOOSE_STEP: N_("New diary"),
          REPEAT_STEP: N_("New diary")}


def resting_message(seconds: int, whole_kiosk: bool) -> str:
    """What to say while sign-in rests after too many tries (in the language in use)."""
    minutes = max(1, math.ceil(seconds / 60))
    ngettext = texts().ngettext
    if whole_kiosk:
        text = ngettext("Too many tries. Please wait {minutes} minute, or ask at the desk.",
                        "Too many tries. Please wait {minutes} minutes, or ask at the desk.", minutes)
    else:
        text = ngettext("Too many wrong PINs for this diary. Wait {minutes} minute, or ask at the desk.",
                        "Too many wrong PINs for this diary. Wait {minutes} minutes, or ask at the desk.", minutes)
    return text.format(minutes=minutes)


class SignInScreen(PinPadScreen):
    """The diary number, then the PIN, on one large keypad; "New diary" (a PIN chosen twice) and
    "Continue as guest". The number shows as digits (it says who, not a secret); the PIN as dots.

    Signals:
        sign_in_requested(str, str): diary number and PIN; check them and call show_mismatch,
            show_resting or show_problem when it does not open the diary.
        new_diary_requested(str): the PIN chosen twice for a new diary.
        guest_requested(): go on without a diary (nothing will be saved).
        back_requested(): back to the start.
        language_chosen(str): the language button was touched (the code of the language it names).
    """

    sign_in_requested = Signal(str, str)
    new_diary_requested = Signal(str)
    guest_requested = Signal()
    back_requested = Signal()
    language_chosen = Signal(str)

    def __init__(self, physical_dpi: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(_TITLE[NUMBER_STEP], max_digits=DIGITS, physical_dpi=physical_dpi, parent=parent)
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

        self.new_button = wide("")
        self.guest_button = wide("", "primary")
        self.guest_note = make_label("", "muted")
        self.back_button = wide("")
        self.language_button = OtherLanguageButton(self.touch_px)
        self.language_button.language_chosen.connect(self.language_chosen)
        self._language_unit = 0                     # the text unit its style was set for
        self.new_button.clicked.connect(self._new_diary)
        self.guest_button.clicked.connect(self._guest)
        self.back_button.clicked.connect(self._back)
        self._rest_timer = QTimer(self)
        self._rest_timer.setSingleShot(True)
        self._rest_timer.timeout.connect(self._rested)

        bottom_row = QHBoxLayout()                  # Back and New diary side by side: room on small screens
        bottom_row.addWidget(self.back_button, 1)
        bottom_row.addWidget(self.new_button, 1)
        # The language button after the words (it scrolls with them on a small screen; the welcome screen has
        # one always in sight): beside the title it would push the digits out of sight, or the column wider.
        self._lay_out(self.explain, upper=[self.language_button],
                      lower=[self.guest_button, self.guest_note, self.touch_px // 3, bottom_row])
        self._go(NUMBER_STEP)
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        super().retranslate()
        self.new_button.set_label(_("New diary"))
        self.new_button.setAccessibleDescription(_("Start a diary of your own: choose a PIN, get a diary number"))
        self.guest_button.set_label(_("Continue as guest"))
        self.guest_button.setAccessibleDescription(_("Exercise without a diary; nothing is saved"))
        self.guest_note.setText(_("As a guest nothing is saved."))
        self.back_button.set_label(_("Back"))
        self._explain_step()

    def _explain_step(self) -> None:
        _ = texts().gettext
        if self.step == PIN_STEP:
            text = _("Diary {number}. Now type your PIN.").format(number=spaced(self._number))
        else:
            text = _(_EXPLAIN[self.step]).format(low=PIN_DIGITS[0], high=PIN_DIGITS[1])
        self.explain.setText(text)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        unit = window_unit(self)
        if unit != self._language_unit:        # among the words, no higher than a touch target needs
            self._language_unit = unit
            self.language_button.setStyleSheet(f"QPushButton {{ min-height: {contents_minimum(self.touch_px, 0)}px; "
                                               f"padding: 0px {unit}px; font-size: {round(unit * 1.2)}px; }}")
            self.language_button.repolish()

    # -- public API -----------------------------------------------------------------------
    def show_mismatch(self) -> None:
        """The number and PIN did not open a diary: back to the number (still typed) with a message."""
        self._go(NUMBER_STEP, digits=self._number)
        self._show_message(lambda: texts().gettext(PIN_MISMATCH))

    def show_resting(self, seconds: int, whole_kiosk: bool) -> None:
        """Too many tries: the keypad rests `seconds`, then comes back by itself."""
        self._go(NUMBER_STEP, digits="" if whole_kiosk else self._number)
        self._show_message(lambda: resting_message(seconds, whole_kiosk))
        self.pad.setEnabled(False)
        self.new_button.hide()                      # it needs the keypad too
        self._rest_timer.start(max(1, seconds) * 1000)

    def show_problem(self, message: str = PROBLEM) -> None:
        """The check could not be done: the keypad is back, with the message (English, marked N_)."""
        self._go(NUMBER_STEP if self.step == PIN_STEP else self.step,
                 digits=self._number if self.step == PIN_STEP else "")
        self._show_message(lambda: texts().gettext(message))

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
        self._set_title(_TITLE[step])
        if step == NUMBER_STEP:
            self.pad.set_entry(DIARY_NUMBER, DIGITS, DIGITS, visible=True, digits=digits)
        else:
            self.pad.set_entry(N_("PIN"), *PIN_DIGITS)
        self._explain_step()
        at_start = step == NUMBER_STEP
        for widget in (self.new_button, self.guest_button, self.guest_note, self.language_button):
            widget.setVisible(at_start)
        self.pad.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submitted(self, digits: str) -> None:
        if self.step == NUMBER_STEP:
            if not is_diary_number(digits):
                self.pad.set_entry(DIARY_NUMBER, DIGITS, DIGITS, visible=True, digits=digits)
                self._show_message(lambda: texts().gettext(NOT_A_NUMBER))
                return
            self._number = digits
            self._go(PIN_STEP)
        elif self.step == PIN_STEP:
            self.message.hide()
            self.sign_in_requested.emit(self._number, digits)
        elif self.step == CHOOSE_STEP:
            if is_easy_pin(digits):
                self._show_message(lambda: texts().gettext(EASY_PIN))
                return
            self._chosen = digits
            self._go(REPEAT_STEP)
        else:
            chosen, self._chosen = self._chosen, ""
            if digits != chosen:
                self._go(CHOOSE_STEP)
                self._show_message(lambda: texts().gettext(PINS_DIFFER))
                return
            self.new_diary_requested.emit(digits)

    def _show_message(self, text) -> None:
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
