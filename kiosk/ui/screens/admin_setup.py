"""One-time set-up of the clinic admin PIN: choose it, then type it again."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.core.admin_pin import ADMIN_PIN_PATTERN
from kiosk.core.translations import N_
from kiosk.ui.language import texts
from kiosk.ui.widgets.controls import make_label
from kiosk.ui.widgets.pin_pad import PinPadScreen

FIRST_STEP = N_("Choose an admin PIN of 4 to 8 digits. Staff need it to leave kiosk mode or change settings.")
SECOND_STEP = N_("Type the same PIN again.")
MISMATCH = N_("The two PINs were not the same. Please choose the PIN again.")


class AdminSetupScreen(PinPadScreen):
    """Shown on the first clinic start without an admin PIN.

    Signals:
        pin_chosen(str): the same valid PIN was typed twice; store it with AdminPinPolicy.set_pin.
    """

    pin_chosen = Signal(str)

    def __init__(self, physical_dpi: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(N_("Set up the admin PIN"), max_digits=8, physical_dpi=physical_dpi, parent=parent)
        self._first: str | None = None
        self.pad.submitted.connect(self._submitted)
        self.step = make_label("", "caption")
        self.note = make_label("", "muted")
        self._lay_out(self.step, lower=[self.note])
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        super().retranslate()
        self.step.setText(_(SECOND_STEP if self.confirming else FIRST_STEP))
        self.step.setAccessibleName(_("Step"))
        self.note.setText(_("Only a salted hash of the PIN is kept. It can also be set from a terminal "
                            "with: {command}").format(command="kiosk admin set-pin"))

    @property
    def confirming(self) -> bool:
        """True while waiting for the PIN a second time."""
        return self._first is not None

    def show_problem(self, text: str) -> None:
        """Say what went wrong (`text`: the English, marked N_): under the dots, until a digit is typed."""
        self._show_message(lambda: texts().gettext(text))

    def reset(self) -> None:
        self._first = None
        self.pad.clear()
        self.step.setText(texts().gettext(FIRST_STEP))
        self.message.hide()

    def _submitted(self, pin: str) -> None:
        if not ADMIN_PIN_PATTERN.fullmatch(pin):
            return
        if self._first is None:
            self._first = pin
            self.step.setText(texts().gettext(SECOND_STEP))
            return
        first, self._first = self._first, None
        self.step.setText(texts().gettext(FIRST_STEP))
        if pin != first:
            self._show_message(lambda: texts().gettext(MISMATCH))
            return
        self.pin_chosen.emit(pin)
