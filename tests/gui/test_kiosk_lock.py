"""Clinic lock-down: every escape key, the close request, context menus and tooltips do nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QHelpEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from kiosk.ui.kiosk_lock import KioskLock

ESCAPES = [
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier, "Alt+F4"),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier, "Ctrl+Q"),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier, "Ctrl+W"),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier, "Esc"),
    (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier, "F11"),
]

MODIFIER_KEYS = {Qt.Key.Key_Alt, Qt.Key.Key_Control, Qt.Key.Key_Shift, Qt.Key.Key_Meta}


class Recorder(QWidget):
    """A focusable widget that remembers the keys and events that reach it."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[tuple[int, Qt.KeyboardModifier]] = []
        self.kinds: list[QEvent.Type] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip("a tooltip that must never show")

    def event(self, event: QEvent) -> bool:
        self.kinds.append(event.type())
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if event.key() not in MODIFIER_KEYS:        # QTest presses Alt/Ctrl on their own first
            self.keys.append((event.key(), event.modifiers()))


@pytest.fixture
def shell(qtbot):
    """A window with a recorder child and a shortcut for every escape key."""
    window = QWidget()
    window.setWindowTitle("shell")
    recorder = Recorder()
    QVBoxLayout(window).addWidget(recorder)
    fired: list[str] = []
    for _key, _mods, text in ESCAPES:
        shortcut = QShortcut(QKeySequence(text), window)
        shortcut.activated.connect(lambda t=text: fired.append(t))
    qtbot.addWidget(window)
    window.resize(640, 480)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    recorder.setFocus()
    lock = KioskLock()
    yield window, recorder, fired, lock
    lock.release()


def test_shortcuts_fire_without_the_lock(qtbot, shell):
    window, recorder, fired, _lock = shell
    for key, mods, _text in ESCAPES:
        qtbot.keyClick(recorder, key, mods)
    assert fired == [text for _k, _m, text in ESCAPES]     # the test can see a shortcut fire


@pytest.mark.parametrize("key, mods, text", ESCAPES, ids=[e[2] for e in ESCAPES])
def test_each_escape_key_is_swallowed_while_locked_and_works_after_release(qtbot, shell, key, mods, text):
    window, recorder, fired, lock = shell
    lock.install()
    qtbot.keyClick(recorder, key, mods)
    assert fired == [] and recorder.keys == []
    assert window.isVisible()
    lock.release()
    qtbot.keyClick(recorder, key, mods)
    assert fired == [text]


def test_other_keys_still_reach_the_app(qtbot, shell):
    window, recorder, fired, lock = shell
    lock.install()
    qtbot.keyClick(recorder, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
    qtbot.keyClick(recorder, Qt.Key.Key_5)
    qtbot.keyClick(recorder, Qt.Key.Key_Q)          # plain q is not Ctrl+Q
    assert (Qt.Key.Key_5, Qt.KeyboardModifier.NoModifier) in recorder.keys
    assert (Qt.Key.Key_Q, Qt.KeyboardModifier.NoModifier) in recorder.keys


def test_close_request_is_refused_while_locked(qtbot, shell):
    window, _recorder, _fired, lock = shell
    lock.apply_to(window)
    assert not lock.allows_close()
    assert window.close() is False
    assert window.isVisible()
    lock.release()
    assert lock.allows_close()
    assert window.close() is True
    assert not window.isVisible()


def test_close_request_on_the_real_main_window(qtbot, make_window):
    window = make_window()
    lock = KioskLock()
    try:
        lock.apply_to(window)
        qtbot.waitUntil(window.isVisible)
        assert window.close() is False
        assert window.isVisible() and window.isFullScreen()
    finally:
        lock.release()
    assert window.close() is True


def test_apply_to_makes_frameless_fullscreen_on_top_and_release_undoes_it(qtbot, shell):
    window, _recorder, _fired, lock = shell
    flags = window.windowFlags()
    lock.apply_to(window)
    qtbot.waitUntil(window.isVisible)
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.isFullScreen()
    lock.release()
    qtbot.waitUntil(window.isVisible)
    assert window.windowFlags() == flags
    assert not window.isFullScreen()


def test_context_menus_and_tooltips_are_swallowed_while_locked(qtbot, shell):
    window, recorder, _fired, lock = shell
    menus: list[QPoint] = []
    recorder.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    recorder.customContextMenuRequested.connect(menus.append)

    def poke() -> None:
        QApplication.sendEvent(recorder, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5),
                                                            recorder.mapToGlobal(QPoint(5, 5))))
        QApplication.sendEvent(recorder, QHelpEvent(QEvent.Type.ToolTip, QPoint(5, 5),
                                                    recorder.mapToGlobal(QPoint(5, 5))))

    lock.install()
    recorder.kinds.clear()
    poke()
    assert menus == []
    assert QEvent.Type.ToolTip not in recorder.kinds and QEvent.Type.ContextMenu not in recorder.kinds
    lock.release()
    recorder.setToolTip("")       # the event must arrive; no real tooltip window is wanted offscreen
    poke()
    assert len(menus) == 1
    assert QEvent.Type.ToolTip in recorder.kinds


def test_a_compositor_that_keeps_refusing_full_screen_is_not_asked_for_ever(qtbot, shell, caplog):
    """The request budget: five requests in ten seconds, then one warning and no more until time passes."""
    window, _recorder, _fired, lock = shell
    now = [100.0]
    lock.clock = lambda: now[0]
    lock.apply_to(window)
    qtbot.waitUntil(window.isFullScreen)
    asked = [lock._may_ask_again() for _ in range(7)]
    assert asked == [True] * 5 + [False, False]
    warnings = [r for r in caplog.records if "did not make the window full screen" in r.getMessage()]
    assert len(warnings) == 1
    now[0] += 11                                  # the budget refills
    assert lock._may_ask_again() is True


def test_the_lock_takes_full_screen_back_after_the_window_leaves_it(qtbot, shell):
    window, _recorder, _fired, lock = shell
    lock.apply_to(window)
    qtbot.waitUntil(window.isFullScreen)
    window.showNormal()                          # what a window manager's request ends in
    qtbot.waitUntil(window.isFullScreen, timeout=3000)
