"""A screen smaller than 800 x 480, at the start or after a change while running: said in the log and on the
home screen, in the language in use, and the app stays usable (issue 11's bad input; the e2e test under
sway checks the log of a real output changed to 640 x 400)."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QScreen

from kiosk.ui.language import set_language
from kiosk.ui.screen_needs import ScreenWatcher


@pytest.fixture
def screen_size(monkeypatch):
    """The size the screen reports (the offscreen platform's own cannot change while the app runs)."""
    size = {"now": (640, 400)}
    monkeypatch.setattr(QScreen, "geometry", lambda _screen: QRect(0, 0, *size["now"]))
    return size


def test_a_too_small_screen_is_said_on_the_home_screen_and_the_app_stays_usable(make_window, screen_size,
                                                                                qtbot, caplog):
    window = make_window(size=(640, 400))
    caplog.set_level(logging.INFO, logger="kiosk.ui.screen_needs")
    watcher = ScreenWatcher(window.home.show_notice, parent=window)
    notice = window.home.notice
    assert watcher.last_problem is not None
    assert notice.isVisible()
    assert "This screen is 640 x 400. The app needs at least 800 x 480" in notice.text()
    assert any("screen too small: This screen is 640 x 400" in r.getMessage() for r in caplog.records)
    set_language("es")
    assert "Esta pantalla mide 640 x 400. La aplicación necesita al menos 800 x 480" in notice.text()
    set_language("en")
    start = window.home.start_button
    assert start.isVisible() and start.isEnabled()
    start.click()                                   # still usable: Start goes on to the next screen
    qtbot.waitUntil(lambda: window.stack.currentWidget() is not window.home, timeout=5000)


def test_a_screen_that_changes_while_running_is_checked_again(make_window, screen_size, caplog):
    """Rotated or replaced: the screen's geometryChanged (Qt's, emitted here) checks it again; a new too-small
    size is said once more, a large enough one is not."""
    screen_size["now"] = (1280, 720)
    window = make_window()
    caplog.set_level(logging.INFO, logger="kiosk.ui.screen_needs")
    watcher = ScreenWatcher(window.home.show_notice, parent=window)
    assert watcher.last_problem is None and not window.home.notice.isVisible()
    screen = QGuiApplication.primaryScreen()
    screen_size["now"] = (720, 1280)                # turned: still large enough
    screen.geometryChanged.emit(QRect(0, 0, 720, 1280))
    assert watcher.last_problem is None and not window.home.notice.isVisible()
    assert any("screen %s: 720 x 1280" % screen.name() == r.getMessage() for r in caplog.records)
    screen_size["now"] = (480, 272)                 # a 4.3" panel
    screen.geometryChanged.emit(QRect(0, 0, 480, 272))
    assert watcher.last_problem is not None
    assert "This screen is 480 x 272" in window.home.notice.text()
