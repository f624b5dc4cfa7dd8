"""A new diary's number, shown large once to write down (never spoken: others in the room would hear it)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.diary_number import spaced
from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, texts
from kiosk.ui.theme import window_look, window_unit
from kiosk.ui.widgets.controls import make_label
from kiosk.ui.widgets.touch_button import TouchButton, screen_touch_target_px

WRITE_THIS_DOWN = N_("Write this number down. You need it and your PIN to open your diary. "
                     "Staff can look it up for you, but never your PIN.")


class NewDiaryScreen(FollowsLanguage, QWidget):
    """"Your diary number is ...": the number in large digits, and Continue.

    Signals:
        continue_requested(): the person has written it down; go on, signed in.
    """

    continue_requested = Signal()

    def __init__(self, physical_dpi: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        touch = screen_touch_target_px(self, physical_dpi)
        self._styled_for: tuple | None = None      # unit, digits' size, look
        self._number = ""                           # the diary number shown ("" when none)
        self.title = make_label("", "title")
        self.number = make_label("", None, wrap=False)
        self.number.setObjectName("diary_number")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.explain = make_label("", "caption")
        for label in (self.title, self.number, self.explain):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.continue_button = TouchButton("", "primary", touch)
        self.continue_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.continue_button.clicked.connect(self.continue_requested)
        self.setFocusProxy(self.continue_button)
        self._layout = QVBoxLayout(self)
        self._layout.addStretch(1)
        for widget in (self.title, self.number, self.explain):
            self._layout.addWidget(widget)
        self._layout.addStretch(1)
        self._layout.addWidget(self.continue_button)
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.setAccessibleName(_("Your diary number"))
        self.title.setText(_("Your diary number"))
        self.explain.setText(_(WRITE_THIS_DOWN))
        self.continue_button.set_label(_("I have written it down"))
        self._show()

    def show_number(self, number: str) -> None:
        self._number = number
        self._show()

    def reset(self) -> None:
        self._number = ""
        self._show()

    def _show(self) -> None:
        _ = texts().gettext
        self.number.setText(spaced(self._number) if self._number else "")
        self.number.setAccessibleName(_("Diary number {digits}").format(digits=" ".join(self._number))
                                      if self._number else _("Diary number"))

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
