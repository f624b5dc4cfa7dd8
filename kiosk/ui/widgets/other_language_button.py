"""The clinic's language button: the name of the other language in its own words ("Español" / "English"), no flag."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.core.languages import LANGUAGES
from kiosk.core.translations import N_, translation
from kiosk.ui.language import FollowsLanguage, current_language
from kiosk.ui.widgets.touch_button import TOUCH_TARGET_FLOOR_PX, TouchButton

# Said (to a screen reader) in the language it offers: whoever reads it is looking for that language.
SWITCH_TO = N_("Show the screens in English")


def next_language(code: str) -> str:
    """The language after `code` among the offered ones (the other one, while there are two)."""
    codes = list(LANGUAGES)
    return codes[(codes.index(code) + 1) % len(codes)] if code in codes else codes[0]


class OtherLanguageButton(FollowsLanguage, TouchButton):
    """Shows the language the screens are not in; a touch asks for it (`language_chosen`). Nothing personal.

    Signals:
        language_chosen(str): the code of the language it names.
    """

    language_chosen = Signal(str)

    def __init__(self, touch_px: int = TOUCH_TARGET_FLOOR_PX, parent: QWidget | None = None) -> None:
        super().__init__("", None, touch_px, parent)
        self.setObjectName("language_button")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.clicked.connect(lambda: self.language_chosen.emit(self.offered))
        self.retranslate()

    @property
    def offered(self) -> str:
        """The code of the language the button names."""
        return next_language(current_language())

    def retranslate(self) -> None:
        code = self.offered
        self.set_label(LANGUAGES[code])
        self.setAccessibleDescription(translation(code).gettext(SWITCH_TO))
        self.set_min_width(round(self.touch_px * 2.4))
