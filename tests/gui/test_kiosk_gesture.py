"""The hidden staff gesture: five taps in the top-left corner within three seconds, and nothing less."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.corner_gesture import CornerGesture
from kiosk.ui.widgets.touch_button import screen_touch_target_px


class FakeClock:
    """Milliseconds that only move when the test says so."""

    def __init__(self) -> None:
        self.ms = 1_000

    def __call__(self) -> int:
        return self.ms


@pytest.fixture
def window(qtbot):
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.setContentsMargins(0, 0, 0, 0)
    window.label = QLabel("A label that ignores the mouse")     # taps on it pass up to the window
    window.button = QPushButton("Middle")
    layout.addWidget(window.label)
    layout.addWidget(window.button)
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def gesture(window):
    clock = FakeClock()
    gesture = CornerGesture(window, clock_ms=clock)
    gesture.install()
    gesture.clock = clock
    yield gesture
    gesture.uninstall()


def tap(qtbot, widget, pos=QPoint(8, 8)):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def test_corner_is_the_15_mm_touch_target(window, gesture):
    assert gesture.corner_px == screen_touch_target_px(window) >= 44


def test_five_quick_taps_in_the_corner_trigger_once(qtbot, window, gesture):
    with qtbot.waitSignal(gesture.triggered, timeout=1000):
        for _ in range(5):
            gesture.clock.ms += 300
            tap(qtbot, window.label)
    assert len(gesture._taps) == 0          # starts afresh after triggering


def test_real_clock_five_taps_trigger(qtbot, window):
    gesture = CornerGesture(window)
    gesture.install()
    try:
        with qtbot.waitSignal(gesture.triggered, timeout=1000):
            for _ in range(5):
                tap(qtbot, window.label)
    finally:
        gesture.uninstall()


def test_a_release_passed_up_to_parents_counts_once(qtbot, window, gesture):
    with qtbot.assertNotEmitted(gesture.triggered):
        for _ in range(3):          # counted twice each, three taps would look like six
            gesture.clock.ms += 100
            tap(qtbot, window.label)
    assert len(gesture._taps) == 3


def test_four_taps_do_not_trigger(qtbot, window, gesture):
    with qtbot.assertNotEmitted(gesture.triggered):
        for _ in range(4):
            gesture.clock.ms += 200
            tap(qtbot, window.label)


def test_taps_elsewhere_do_not_trigger(qtbot, window, gesture):
    size = gesture.corner_px
    with qtbot.assertNotEmitted(gesture.triggered):
        for pos in (QPoint(size + 2, 5), QPoint(5, size + 2), QPoint(400, 300), QPoint(790, 5), QPoint(5, 590)):
            for _ in range(5):
                gesture.clock.ms += 100
                tap(qtbot, window, pos)


def test_a_tap_elsewhere_breaks_the_sequence(qtbot, window, gesture):
    with qtbot.assertNotEmitted(gesture.triggered):
        for index in range(5):
            gesture.clock.ms += 100
            tap(qtbot, window.label)
            if index == 2:
                tap(qtbot, window.button)


def test_too_slow_does_not_trigger_but_a_quick_five_later_does(qtbot, window, gesture):
    with qtbot.assertNotEmitted(gesture.triggered):
        for _ in range(5):
            gesture.clock.ms += 760          # five taps over 3.04 s
            tap(qtbot, window.label)
    with qtbot.waitSignal(gesture.triggered, timeout=1000):
        for _ in range(5):
            gesture.clock.ms += 100
            tap(qtbot, window.label)


def test_touch_taps_count_too(qtbot, window, gesture):
    device = QTest.createTouchDevice()
    with qtbot.waitSignal(gesture.triggered, timeout=1000):
        for _ in range(5):
            gesture.clock.ms += 200
            QTest.touchEvent(window, device).press(0, QPoint(6, 6)).commit()
            QTest.touchEvent(window, device).release(0, QPoint(6, 6)).commit()


def test_uninstalled_gesture_hears_nothing(qtbot, window, gesture):
    gesture.uninstall()
    with qtbot.assertNotEmitted(gesture.triggered):
        for _ in range(5):
            gesture.clock.ms += 100
            tap(qtbot, window.label)


def test_a_release_through_the_platform_window_counts_once(qtbot, window, gesture):
    """Real input arrives at the QWindow first, then at the widget and its parents."""
    handle = window.windowHandle()
    with qtbot.assertNotEmitted(gesture.triggered):
        for _ in range(2):
            gesture.clock.ms += 100
            QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(6, 6))
    assert len(gesture._taps) == 2
    with qtbot.waitSignal(gesture.triggered, timeout=1000):
        for _ in range(3):
            gesture.clock.ms += 100
            QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(6, 6))
