"""Sign in with a personal PIN on a big keypad (never a list of names), or go on as a guest."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.widgets.controls import make_label
from kiosk.ui.widgets.pin_pad import PinPadScreen
from kiosk.ui.widgets.touch_button import TouchButton

PIN_MISMATCH = "That PIN did not match. Please try again."


class SignInScreen(PinPadScreen):
    """A large numeric keypad for a personal PIN, and "Continue as guest".

    Signals:
        pin_entered(str): a PIN of 4-6 digits was entered; check it and call `show_error` if wrong.
        guest_requested(): go on without a profile (nothing will be saved).
        back_requested(): back to the start.
        new_diary_requested(str): after an unknown PIN, the person chose to start a diary with it.
    """

    new_diary_requested = Signal(str)
    pin_entered = Signal(str)
    guest_requested = Signal()
    back_requested = Signal()

    def __init__(self, physical_dpi: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Sign in", max_digits=6, physical_dpi=physical_dpi, parent=parent)
        self.pad.submitted.connect(self._submitted)

        explain = make_label("Type your personal PIN on the keypad.", "caption")
        self.error = self.message
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.guest_button = TouchButton("Continue as guest", "primary", self.touch_px)
        self.guest_button.setAccessibleDescription("Exercise without a PIN; nothing is saved")
        self.guest_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        guest_note = make_label("As a guest nothing is saved.", "muted")
        self.back_button = TouchButton("Back", None, self.touch_px)
        self.back_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.guest_button.clicked.connect(self._guest)
        self.back_button.clicked.connect(self._back)
        self._last_pin = ""
        self.new_button = TouchButton("Start a new diary with this PIN", None, self.touch_px)
        self.new_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.new_button.clicked.connect(self._new_diary)
        self.new_button.hide()

        self._lay_out(explain, upper=[self.new_button],
                      lower=[self.guest_button, guest_note, self.touch_px // 3, self.back_button])

    # -- public API -----------------------------------------------------------------------
    def show_error(self, message: str = PIN_MISMATCH, offer_new_diary: bool = False) -> None:
        """Say the PIN was not right; the keypad is already empty for another try."""
        self._show_message(message)
        self.new_button.setVisible(offer_new_diary and bool(self._last_pin))
        self.pad.setFocus(Qt.FocusReason.OtherFocusReason)

    def reset(self) -> None:
        """Forget any digits and messages (for time-outs and sign-out)."""
        self.pad.clear()
        self.error.setText("")
        self.error.hide()
        self._last_pin = ""
        self.new_button.hide()

    # -- inside ---------------------------------------------------------------------------
    def _digits_changed(self, count: int) -> None:
        super()._digits_changed(count)
        if count:
            self.new_button.hide()

    def _submitted(self, pin: str) -> None:
        self.error.hide()
        self._last_pin = pin
        self.pin_entered.emit(pin)

    def _new_diary(self) -> None:
        pin = self._last_pin
        self.reset()
        if pin:
            self.new_diary_requested.emit(pin)

    def _guest(self) -> None:
        self.reset()
        self.guest_requested.emit()

    def _back(self) -> None:
        self.reset()
        self.back_requested.emit()
