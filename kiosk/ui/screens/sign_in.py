"""Sign in with a personal PIN on a big keypad (never a list of names), or go on as a guest."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.theme import PALETTE, unit_for_height
from kiosk.ui.widgets.controls import make_label
from kiosk.ui.widgets.touch_button import BounceGuard, TouchButton, screen_touch_target_px

KEY_BOUNCE_MS = 200       # the same key twice within this is a touchscreen bounce, not two digits
FILLED, EMPTY = "\u25CF", "\u25CB"
PIN_MISMATCH = "That PIN did not match. Please try again."


class KeypadButton(TouchButton):
    """One key of the pad: grows with the room it is given, never below the touch target."""

    def __init__(self, text: str, role: str | None, touch_px: int, parent: QWidget | None = None) -> None:
        super().__init__(text, role, touch_px, parent)
        self.setProperty("keypad", True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(round(self.touch_px * 1.6), round(self.touch_px * 1.2))


class PinPad(QWidget):
    """Digits 0-9, Delete and OK; `dots` (a label for the screen to place) shows the digits as dots.

    Keys typed on a keyboard work too: digits, Backspace or Delete, Enter.

    Signals:
        submitted(str): OK with at least `min_digits` digits; the pad is cleared afterwards.
        changed(int): the number of digits entered changed.
    """

    submitted = Signal(str)
    changed = Signal(int)

    def __init__(self, touch_px: int, min_digits: int = 4, max_digits: int = 6,
                 ok_label: str = "OK", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_digits, self.max_digits = min_digits, max_digits
        self._digits = ""
        self._guards: dict[str, BounceGuard] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.dots = make_label("", "title")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots.setObjectName("pin_dots")

        grid = QGridLayout()
        grid.setSpacing(max(8, touch_px // 6))
        self.keys: dict[str, TouchButton] = {}
        order = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "Delete", "0", ok_label]
        for index, text in enumerate(order):
            role = "primary" if text == ok_label else None
            button = KeypadButton(text, role, touch_px)
            self.keys[text] = button
            grid.addWidget(button, index // 3, index % 3)
            button.clicked.connect(lambda _c=False, t=text: self._pressed(t))
        self.ok_button = self.keys[ok_label]
        self.delete_button = self.keys["Delete"]
        self.ok_button.setAccessibleDescription(f"Confirm the PIN ({min_digits} to {max_digits} digits)")
        self.delete_button.setAccessibleDescription("Remove the last digit")
        self._ok_label = ok_label

        grid.setContentsMargins(0, 0, 0, 0)
        self.setLayout(grid)          # the screen places `dots` where it likes
        self._refresh()

    # -- public API -----------------------------------------------------------------------
    @property
    def digit_count(self) -> int:
        return len(self._digits)

    def clear(self) -> None:
        """Forget the digits entered (nothing about them is kept)."""
        self._digits = ""
        self._refresh()

    def type_digit(self, digit: str) -> None:
        if digit.isdigit() and len(digit) == 1 and len(self._digits) < self.max_digits:
            self._digits += digit
            self._refresh()

    def delete_digit(self) -> None:
        if self._digits:
            self._digits = self._digits[:-1]
            self._refresh()

    def submit(self) -> None:
        if len(self._digits) < self.min_digits:
            return
        pin, self._digits = self._digits, ""
        self._refresh()
        self.submitted.emit(pin)

    # -- inside ---------------------------------------------------------------------------
    def _pressed(self, text: str) -> None:
        guard = self._guards.setdefault(text, BounceGuard(KEY_BOUNCE_MS))
        if not guard.accept():
            return
        if text == "Delete":
            self.delete_digit()
        elif text == self._ok_label:
            self.submit()
        else:
            self.type_digit(text)

    def _refresh(self) -> None:
        count = len(self._digits)
        slots = max(self.min_digits, count)
        self.dots.setText(" ".join([FILLED] * count + [EMPTY] * (slots - count)))
        self.dots.setAccessibleName(f"PIN: {count} digit{'s' if count != 1 else ''} entered")
        self.ok_button.setEnabled(count >= self.min_digits)
        self.delete_button.setEnabled(count > 0)
        self.changed.emit(count)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        text = event.text()
        if text and text.isdigit() and len(text) == 1 and "0" <= text <= "9":
            self.type_digit(text)
        elif event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.delete_digit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        else:
            super().keyPressEvent(event)


def keypad_style_sheet(unit: int) -> str:
    """Big digits on the keypad and a visible focus ring."""
    return f"""
    QPushButton[keypad="true"] {{ font-size: {round(unit * 2.0)}px; min-height: 0px; padding: 0px; }}
    QPushButton[keypad="true"]:disabled {{ color: {PALETTE.muted}; background: #ECEFF2; }}
    QLabel[role="notice"] {{ font-size: {round(unit * 1.25)}px; font-weight: bold; }}
    QLabel#pin_dots {{ font-size: {round(unit * 2.6)}px; letter-spacing: {unit // 3}px; color: {PALETTE.text}; }}
    """


class SignInScreen(QWidget):
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
        super().__init__(parent)
        self.setAccessibleName("Sign in")
        self.touch_px = screen_touch_target_px(self, physical_dpi)
        self._unit = 0

        self.pad = PinPad(self.touch_px, min_digits=4, max_digits=6)
        self.pad.submitted.connect(self._submitted)
        self.pad.changed.connect(self._digits_changed)

        title = make_label("Sign in", "title")
        explain = make_label("Type your personal PIN on the keypad.", "caption")
        self.error = make_label("", "notice", name="Message")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        keep = self.error.sizePolicy()
        keep.setRetainSizeWhenHidden(True)
        self.error.setSizePolicy(keep)
        self.error.hide()
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

        left = QVBoxLayout()
        left.addWidget(title)
        left.addWidget(explain)
        left.addWidget(self.pad.dots)
        left.addWidget(self.error)
        left.addWidget(self.new_button)
        left.addStretch(1)
        left.addWidget(self.guest_button)
        left.addWidget(guest_note)
        left.addSpacing(self.touch_px // 3)
        left.addWidget(self.back_button)

        self._row = QHBoxLayout(self)
        self._row.addLayout(left, 4)
        self._row.addSpacing(self.touch_px // 2)
        self._row.addWidget(self.pad, 5)
        self.setFocusProxy(self.pad)

    # -- public API -----------------------------------------------------------------------
    def show_error(self, message: str = PIN_MISMATCH, offer_new_diary: bool = False) -> None:
        """Say the PIN was not right; the keypad is already empty for another try."""
        self.error.setText(message)
        self.error.setAccessibleName(message)
        self.error.show()
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
        if count:
            self.error.hide()
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
