"""A new diary's number, shown large once to write down (never spoken: others in the room would hear it)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.diary_number import spaced
from kiosk.ui.theme import window_look, window_unit
from kiosk.ui.widgets.controls import make_label
from kiosk.ui.widgets.touch_button import TouchButton, screen_touch_target_px

WRITE_THIS_DOWN = ("Write this number down. You need it and your PIN to open your diary. "
                   "Staff can look it up for you, but never your PIN.")


class NewDiaryScreen(QWidget):
    """"Your diary number is ...": the number in large digits, and Continue.

    Signals:
        continue_requested(): the person has written it down; go on, signed in.
    """

    continue_requested = Signal()

    def __init__(self, physical_dpi: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Your diary number")
        touch = screen_touch_target_px(self, physical_dpi)
        self._styled_for: tuple | None = None      # unit, digits' size, look
        self.title = make_label("Your diary number", "title")
        self.number = make_label("", None, name="Diary number", wrap=False)
        self.number.setObjectName("diary_number")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.explain = make_label(WRITE_THIS_DOWN, "caption")
        for label in (self.title, self.number, self.explain):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.continue_button = TouchButton("I have written it down", "primary", touch)
        self.continue_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.continue_button.clicked.connect(self.continue_requested)
        self.setFocusProxy(self.continue_button)
        self._layout = QVBoxLayout(self)
        self._layout.addStretch(1)
        for widget in (self.title, self.number, self.explain):
            self._layout.addWidget(widget)
        self._layout.addStretch(1)
        self._layout.addWidget(self.continue_button)

    def show_number(self, number: str) -> None:
        text = spaced(number)
        self.number.setText(text)
        self.number.setAccessibleName(f"Diary number {' '.join(number)}")

    def reset(self) -> None:
        self.number.setText("")
        self.number.setAccessibleName("Diary number")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        unit = window_unit(self)
        digits = min(round(unit * 5), self.window().width() // 8)   # "1234 5678" fits a portrait panel
        look = window_look(self)
        if (unit, digits, look) != self._styled_for:
            self._styled_for = (unit, digits, look)
            margin = round(unit * 1.2)
            self._layout.setContentsMargins(margin, margin, margin, margin)
            self.setStyleSheet(f"""QLabel#diary_number {{ font-size: {digits}px; font-weight: bold;
                letter-spacing: {unit // 4}px; color: {look.palette.text}; background: {look.palette.notice};
                border-radius: {unit // 2}px; padding: {unit // 2}px; }}""")
