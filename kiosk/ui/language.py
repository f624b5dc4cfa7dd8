"""The language the screens are in: one for the application, changed at run time, each screen's texts set again.

The language is kept on the QApplication (the Qt property `kiosk_language`), so a widget made before it is
in a window, or a dialog, finds it too. `set_language(code)` changes it: Qt's own strings (its dialogs' and
context menus') come from the `qtbase_<code>.qm` that PySide6 ships, and every widget is sent Qt's
LanguageChange event, synchronously, so a screen has its new texts when `set_language` returns. A screen
follows the language with the `FollowsLanguage` mixin: it puts every text in `retranslate()`, calls it at
the end of `__init__`, and the mixin calls it again on every change (docs/TRANSLATION.md).
"""

from __future__ import annotations

import gettext
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QLocale
from PySide6.QtWidgets import QApplication

from kiosk.core.languages import FORMAT_LOCALES, LANGUAGES, SOURCE_LANGUAGE
from kiosk.core.translations import translation

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QWidget

LANGUAGE_PROPERTY = "kiosk_language"
LANGUAGE_CHANGE = QEvent.Type.LanguageChange
_qt_translator: QTranslator | None = None       # Qt's own strings in the language in use (none for English)


def current_language() -> str:
    """The language the screens are in now: the application's `kiosk_language`, English when unset."""
    app = QCoreApplication.instance()
    value = app.property(LANGUAGE_PROPERTY) if app is not None else None
    return value if isinstance(value, str) and value in LANGUAGES else SOURCE_LANGUAGE


def texts() -> gettext.NullTranslations:
    """The catalog of the language in use: `_ = texts().gettext`, `texts().ngettext(...)`."""
    return translation(current_language())


def set_language(code: str) -> bool:
    """Put every screen in the language `code` (an offered one: core.languages); False when it was in use."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}")
    app = QCoreApplication.instance()
    if app is None or code == current_language() and app.property(LANGUAGE_PROPERTY) is not None:
        return False
    app.setProperty(LANGUAGE_PROPERTY, code)
    QLocale.setDefault(QLocale(FORMAT_LOCALES.get(code, "en_US")))
    _use_qt_translation(code)
    # Installing or removing a translator also posts a LanguageChange to every window: dropped, since every
    # widget is sent one now (else each screen would set its texts twice, the second time at some later turn).
    QCoreApplication.removePostedEvents(None, LANGUAGE_CHANGE)
    if isinstance(app, QApplication):
        for widget in app.topLevelWidgets():
            QCoreApplication.sendEvent(widget, QEvent(LANGUAGE_CHANGE))    # reaches every child
    return True


def _use_qt_translation(code: str) -> None:
    """Qt's own strings in `code`: its qtbase catalog installed (the one of the language before removed)."""
    global _qt_translator
    app = QCoreApplication.instance()
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if code == SOURCE_LANGUAGE:
        return
    from PySide6.QtCore import QLibraryInfo, QTranslator     # English, the usual start, needs neither

    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{code}", folder):
        app.installTranslator(translator)
        _qt_translator = translator


class FollowsLanguage:
    """Mixin for a QWidget (listed before it: `class Screen(FollowsLanguage, QWidget)`) whose texts follow the
    language: `retranslate()` sets them all, and runs again whenever the language changes."""

    def retranslate(self) -> None:            # every text the widget shows or names, in current_language()
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:           # noqa: N802 (Qt's name)
        if event.type() == LANGUAGE_CHANGE:
            self.retranslate()
        super().changeEvent(event)

