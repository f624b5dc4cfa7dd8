"""The screens' language changes at run time: every text of a screen that follows it, and Qt's own strings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from kiosk.ui.language import current_language, set_language, texts
from kiosk.ui.screens.hurt import HurtScreen


def test_a_screen_takes_the_new_language_before_set_language_returns(qtbot):
    screen = HurtScreen()
    qtbot.addWidget(screen)
    screen.show_for("Puente", "left", "lying_rest")
    assert screen.end_button.text() == "End the session"
    assert set_language("es") is True
    assert current_language() == "es"
    assert screen.end_button.text() == "Terminar la sesión"
    assert screen.end_button.accessibleName() == "Terminar la sesión"
    assert screen.where.text() == "Puente, lado izquierdo"        # what it was asked to show, in Spanish
    assert screen.caption.text().startswith("Deténgase")               # the spoken phrase too
    assert set_language("es") is False                              # nothing to do
    set_language("en")
    assert screen.where.text() == "Puente, left side"
    assert screen.end_button.text() == "End the session"


def test_a_screen_made_in_spanish_starts_in_spanish(qtbot):
    set_language("es")
    screen = HurtScreen()
    qtbot.addWidget(screen)
    assert screen.title.text() == "Pare y descanse"
    screen.set_rated(6)
    assert screen.where.text() == "esta parte: dolor 6 anotado"


def test_qt_own_strings_and_number_formats_follow(qapp):
    set_language("es")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"     # qtbase_es.qm
    assert QLocale().name() == "es_US"
    assert texts().gettext("Stop and rest") == "Pare y descanse"
    set_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert QLocale().name() == "en_US"


def test_a_change_of_language_leaves_no_second_change_queued(qtbot):
    """Each screen sets its texts once per change: Qt's own LanguageChange, posted for every window when
    its translation is installed, is dropped (with many windows open it would keep the loop busy later)."""
    screen = HurtScreen()
    qtbot.addWidget(screen)
    calls = []
    screen.retranslate = lambda: calls.append(current_language())
    set_language("es")
    QCoreApplication.processEvents()
    set_language("en")
    QCoreApplication.processEvents()
    assert calls == ["es", "en"]
