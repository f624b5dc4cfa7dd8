"""Idle watching with a short time-out: the warning, the time-out, "I'm still here", and busy routines."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.idle_watcher import STILL_THERE_QUESTION, IdleWatcher
from kiosk.ui.screens.still_there import StillThereScreen

TIMEOUT_S = 0.3
WARNING_S = 0.3


@pytest.fixture
def surface(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def watcher(qtbot, speaker):
    watcher = IdleWatcher(timeout_s=TIMEOUT_S, warning_s=WARNING_S, speaker=speaker)
    yield watcher
    watcher.stop()


def test_warning_then_time_out_with_the_voice(qtbot, watcher, speaker):
    watcher.start()
    with qtbot.waitSignal(watcher.warning_started, timeout=3000) as warning:
        pass
    assert warning.args == [round(WARNING_S)]
    assert watcher.state == "warning"
    assert speaker.said == [STILL_THERE_QUESTION]
    with qtbot.waitSignal(watcher.timed_out, timeout=3000):
        pass
    assert watcher.state == "timed_out"
    assert speaker.events[-1] == ("stop", None)          # speech stops at the time-out


def test_default_timeout_is_90_seconds(watcher):
    assert IdleWatcher().timeout_s == 90


def test_still_here_ends_the_warning_and_watching_starts_again(qtbot, watcher):
    watcher.start()
    with qtbot.waitSignal(watcher.warning_started, timeout=3000):
        pass
    with qtbot.waitSignal(watcher.warning_ended, timeout=1000):
        watcher.still_here()
    assert watcher.state == "watching"
    with qtbot.assertNotEmitted(watcher.timed_out, wait=round(TIMEOUT_S * 1000 * 0.5)):
        pass
    with qtbot.waitSignal(watcher.warning_started, timeout=3000):   # and it warns again later
        pass


def test_touches_and_keys_keep_it_awake(qtbot, watcher, surface):
    watcher.set_timeout(0.8)                   # room for a slow machine between two touches
    watcher.start()
    with qtbot.assertNotEmitted(watcher.warning_started):
        for index in range(16):                # 1.6 s of activity, a touch every 0.1 s
            if index % 2:
                qtbot.mouseClick(surface, Qt.MouseButton.LeftButton, pos=QPoint(20 + index, 20))
            else:
                qtbot.keyClick(surface, Qt.Key.Key_Space)
            qtbot.wait(100)
    with qtbot.waitSignal(watcher.warning_started, timeout=3000):  # then silence: the warning comes
        pass


def test_a_running_routine_counts_as_activity_a_paused_one_does_not(qtbot, watcher):
    routine = {"running": True}
    watcher.set_activity_source(lambda: routine["running"])
    watcher.start()
    with qtbot.assertNotEmitted(watcher.warning_started, wait=1000):
        pass
    routine["running"] = False                 # paused or finished
    with qtbot.waitSignal(watcher.warning_started, timeout=3000):
        pass


def test_a_broken_activity_source_does_not_keep_data_on_screen(qtbot, watcher):
    def broken() -> bool:
        raise RuntimeError("routine state unknown")
    watcher.set_activity_source(broken)
    watcher.start()
    with qtbot.waitSignal(watcher.warning_started, timeout=3000):
        pass


def test_stopped_watcher_stays_quiet(qtbot, watcher):
    watcher.start()
    watcher.stop()
    with qtbot.assertNotEmitted(watcher.warning_started, wait=700):
        pass


def test_still_there_screen_answers_the_watcher(qtbot, watcher, speaker):
    host = QWidget()
    screen = StillThereScreen()
    QVBoxLayout(host).addWidget(screen)
    qtbot.addWidget(host)
    host.resize(1024, 600)
    host.show()
    qtbot.waitExposed(host)
    watcher.warning_started.connect(screen.start_countdown)
    screen.still_here.connect(watcher.still_here)
    watcher.warning_ended.connect(screen.stop_countdown)
    watcher.start()
    with qtbot.waitSignal(watcher.warning_started, timeout=3000):
        pass
    assert screen.button.text() == "I'm still here"
    assert screen.countdown.text() in {"0", "1"}      # a whole-second display of 0.3 s
    with qtbot.waitSignal(watcher.warning_ended, timeout=1000):
        qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    assert watcher.state == "watching"
    assert ("stop", None) in speaker.events                # the question is cut off


def test_still_there_countdown_shows_seconds_left(qtbot):
    screen = StillThereScreen()
    qtbot.addWidget(screen)
    screen.start_countdown(15)
    assert screen.countdown.text() == "15"
    assert "15 seconds" in screen.explain.text()
    assert screen.countdown.accessibleName() == "15 seconds left"
    screen.stop_countdown()


def test_touching_anywhere_on_the_warning_answers_it(qtbot):
    screen = StillThereScreen()
    qtbot.addWidget(screen)
    screen.resize(800, 600)
    screen.show()
    qtbot.waitExposed(screen)
    with qtbot.waitSignal(screen.still_here, timeout=1000):
        qtbot.mouseClick(screen.question, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.still_here, timeout=1000):
        qtbot.wait(450)                        # past the bounce guard
        qtbot.keyClick(screen, Qt.Key.Key_Return)
