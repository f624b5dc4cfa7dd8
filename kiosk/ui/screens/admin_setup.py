"""One-time set-up of the clinic admin PIN: choose it, then type it again."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.admin_pin import ADMIN_PIN_PATTERN
from kiosk.ui.screens.sign_in import PinPad, keypad_style_sheet
from kiosk.ui.theme import unit_for_height
from kiosk.ui.widgets.controls import make_label
from kiosk.ui.widgets.touch_button import screen_touch_target_px

FIRST_STEP = "Choose an admin PIN of 4 to 8 digits. Staff need it to leave kiosk mode or change settings."
SECOND_STEP = "Type the same PIN again."
MISMATCH = "The two PINs were not the same. Please choose the PIN again."


class AdminSetupScreen(QWidget):
    """Shown on the first clinic start without an admin PIN.

    Signals:
        pin_chosen(str): the same valid PIN was typed twice; store it with AdminPinPolicy.set_pin.
    """

    pin_chosen = Signal(str)

    def __init__(self, physical_dpi: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Set up the admin PIN")
        self.touch_px = screen_touch_target_px(self, physical_dpi)
        self._first: str | None = None
        self._unit = 0

        self.pad = PinPad(self.touch_px, min_digits=4, max_digits=8)
        self.pad.submitted.connect(self._submitted)
        self.pad.changed.connect(lambda count: count and self.message.hide())
        title = make_label("Set up the admin PIN", "title")
        self.step = make_label(FIRST_STEP, "caption", name="Step")
        self.message = make_label("", "notice", name="Message")
        keep = self.message.sizePolicy()
        keep.setRetainSizeWhenHidden(True)
        self.message.setSizePolicy(keep)
        self.message.hide()
        note = make_label("Only a salted hash of the PIN is kept. It can also be set from a terminal "
                          "with: kiosk admin set-pin", "muted")

        left = QVBoxLayout()
        left.addWidget(title)
        left.addWidget(self.step)
        left.addWidget(self.pad.dots)
        left.addWidget(self.message)
        left.addStretch(1)
        left.addWidget(note)
        self._row = QHBoxLayout(self)
        self._row.addLayout(left, 4)
        self._row.addSpacing(self.touch_px // 2)
        self._row.addWidget(self.pad, 5)
        self.setFocusProxy(self.pad)

    @property
    def confirming(self) -> bool:
        """True while waiting for the PIN a second time."""
        return self._first is not None

    def reset(self) -> None:
        self._first = None
        self.pad.clear()
        self.step.setText(FIRST_STEP)
        self.message.hide()

    def _submitted(self, pin: str) -> None:
        if not ADMIN_PIN_PATTERN.fullmatch(pin):
            return
        if self._first is None:
            self._first = pin
            self.step.setText(SECOND_STEP)
            return
        first, self._first = self._first, None
        self.step.setText(FIRST_STEP)
        if pin != first:
            self.message.setText(MISMATCH)
            self.message.setAccessibleName(MISMATCH)
            self.message.show()
            return
        self.pin_chosen.emit(pin)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        self.pad.keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        unit = unit_for_height(max(self.window().height(), 1))
        if unit != self._unit:
            self._unit = unit
            self.setStyleSheet(keypad_style_sheet(unit))
            margin = round(unit * 1.2)
            self._row.setContentsMargins(margin, margin, margin, margin)
