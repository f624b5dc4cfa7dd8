"""A new diary's number, shown large once to write down (never spoken: others in the room would hear it)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.diary_number import spaced
from kiosk.ui.theme import PALETTE, window_unit
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
        self._unit = 0
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
        self._unit = 0                           # the digits' size depends on the number's length
        self._style()

    def reset(self) -> None:
        self.number.setText("")
        self.number.setAccessibleName("Diary number")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._style()

    def _style(self) -> None:
        unit = window_unit(self)
        if unit == self._unit:
            return
        self._unit = unit
        margin = round(unit * 1.2)
        self._layout.setContentsMargins(margin, margin, margin, margin)
        size = self._digit_size(unit, self.window().width() - 2 * margin - unit)
        self.setStyleSheet(f"""QLabel#diary_number {{ font-size: {size}px; font-weight: bold;
            letter-spacing: {unit // 4}px; color: {PALETTE.text}; background: {PALETTE.notice};
            border-radius: {unit // 2}px; padding: {unit // 2}px; }}""")

    def _digit_size(self, unit: int, room: int) -> int:
        """Five text units, or less when the number would not fit the window's width (a portrait screen)."""
        text = self.number.text() or spaced("0" * 8)
        size = round(unit * 5)
        while size > unit * 2:
            font = QFont(self.font())
            font.setPixelSize(size)
            font.setBold(True)
            font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, unit // 4)
            if QFontMetrics(font).horizontalAdvance(text) <= room:
                break
            size -= max(1, unit // 4)
        return size
