"""Offers to leave out the exercises that hurt in the last two sessions; the person decides."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.language import FollowsLanguage, texts
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.controls import make_button, make_label, scrolling, set_button_text


class SkipOfferScreen(FollowsLanguage, QWidget):
    """Signals: decided(bool leave_out)"""

    decided = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.title = make_label("", "title")
        layout.addWidget(self.title)
        self.names = make_label("", "heading")
        words = QVBoxLayout()
        words.addWidget(self.names)
        self.explanation = make_label("", "caption")
        words.addWidget(self.explanation)
        words.addStretch(1)
        layout.addWidget(scrolling(words, self), 1)     # larger text on a small screen: it scrolls
        self.keep_button = make_button("")
        self.leave_button = make_button("", "primary")
        self.keep_button.clicked.connect(lambda: self.decided.emit(False))
        self.leave_button.clicked.connect(lambda: self.decided.emit(True))
        self.buttons = ButtonRow([(self.keep_button, 1), (self.leave_button, 2)])
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.setAccessibleName(_("Leave out what hurt?"))
        self.title.setText(_("Leave out what hurt?"))
        self.names.setAccessibleName(_("Exercises that hurt"))
        self.explanation.setText(_("These hurt in your last two sessions. Moves that hurt are best left out "
                                   "for now; ask your doctor or physiotherapist about them."))
        set_button_text(self.keep_button, _("Keep them in"))
        set_button_text(self.leave_button, _("Leave them out"))
        self.buttons.refit()

    def offer(self, titles: list[str]) -> None:
        """`titles`: the exercises' titles, in the language of the library they came from."""
        self.names.setText("\n".join(f"•  {title}" for title in titles))
        self.leave_button.setFocus()
