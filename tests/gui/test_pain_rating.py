"""The 0-10 pain rating screen: mouse and touch taps, undo, bounces, keyboard, sizes and colours."""

from __future__ import annotations

import functools
import math
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QInputDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from kiosk.ui.screens.pain_rating import PRESSED_COLOURS, RATING_COLOURS, PainRatingScreen
from kiosk.ui.widgets.pain_faces import FACE_PAIN_LEVELS, PainFace
from kiosk.ui.widgets.touch_button import touch_target_px

SIZES = [(1920, 1080), (1024, 600)]
OFFSCREEN_DPI = 100.0      # what Qt's offscreen platform reports: 15 mm = 59.06 -> 60 px


@pytest.fixture
def make(make_screen):
    """`make(size=(1024, 600), **kwargs)`: a PainRatingScreen shown in a themed window."""
    return functools.partial(make_screen, PainRatingScreen)


def button_named(screen: QWidget, name: str) -> QPushButton:
    """Find a button by its accessible name, as a screen reader would."""
    found = [b for b in screen.findChildren(QPushButton) if b.accessibleName() == name]
    assert len(found) == 1, f"{len(found)} buttons named {name!r}"
    return found[0]


def touch_tap(qtbot, device, widget: QWidget, press_only=False) -> None:
    """Press and lift one finger at the centre of `widget`, through real QTouchEvents."""
    window = widget.window().windowHandle()
    point = widget.mapTo(widget.window(), widget.rect().center())
    QTest.touchEvent(window, device).press(0, point, window).commit()
    if not press_only:
        QTest.touchEvent(window, device).release(0, point, window).commit()
    qtbot.wait(1)


@pytest.fixture(scope="module")
def touch_device():
    device = QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen)
    assert device.type() == QInputDevice.DeviceType.TouchScreen
    return device


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    c = QColor(colour)
    def linear(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(c.red()) + 0.7152 * linear(c.green()) + 0.0722 * linear(c.blue())


def contrast(a: str, b: str) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- one touch records ----------------------------------------------------------------------

def test_mouse_tap_chooses_then_confirms_after_the_undo_time(qtbot, make):
    screen = make(undo_ms=300)
    with qtbot.waitSignal(screen.rating_chosen) as chosen:
        qtbot.mouseClick(button_named(screen, "6"), Qt.LeftButton)
    assert chosen.args == [6]
    assert screen.pending_rating == 6
    assert button_named(screen, "Undo").isVisible()
    with qtbot.waitSignal(screen.rating_confirmed, timeout=5000) as confirmed:
        pass
    assert confirmed.args == [6]
    assert screen.pending_rating is None
    assert not button_named(screen, "Undo").isVisible()


def test_mouse_reacts_on_release_not_on_press(qtbot, make):
    screen = make()
    button = button_named(screen, "3")
    with qtbot.assertNotEmitted(screen.rating_chosen):
        qtbot.mousePress(button, Qt.LeftButton)
    with qtbot.waitSignal(screen.rating_chosen) as chosen:
        qtbot.mouseRelease(button, Qt.LeftButton)
    assert chosen.args == [3]


def test_touch_tap_records_on_lift(qtbot, touch_device, make):
    screen = make(undo_ms=300)
    button = button_named(screen, "8")
    with qtbot.assertNotEmitted(screen.rating_chosen, wait=50):
        touch_tap(qtbot, touch_device, button, press_only=True)
    window = button.window().windowHandle()
    point = button.mapTo(button.window(), button.rect().center())
    with qtbot.waitSignal(screen.rating_chosen) as chosen:
        QTest.touchEvent(window, touch_device).release(0, point, window).commit()
    assert chosen.args == [8]
    with qtbot.waitSignal(screen.rating_confirmed, timeout=5000) as confirmed:
        pass
    assert confirmed.args == [8]


def test_touch_on_the_10_button_at_the_far_edge(qtbot, touch_device, make):
    screen = make(size=(1920, 1080))
    with qtbot.waitSignal(screen.rating_chosen) as chosen:
        touch_tap(qtbot, touch_device, button_named(screen, "10"))
    assert chosen.args == [10]


# --- undo -----------------------------------------------------------------------------------

def test_undo_within_the_window_takes_the_rating_back(qtbot, make):
    screen = make(undo_ms=400)
    qtbot.mouseClick(button_named(screen, "4"), Qt.LeftButton)
    assert screen.pending_rating == 4
    with qtbot.waitSignal(screen.rating_undone):
        qtbot.mouseClick(button_named(screen, "Undo"), Qt.LeftButton)
    assert screen.pending_rating is None
    with qtbot.assertNotEmitted(screen.rating_confirmed, wait=700):
        pass
    assert not button_named(screen, "4").property("chosen")


def test_undo_keeps_its_place_so_nothing_moves_under_a_finger(qtbot, make):
    screen = make()
    before = {b.accessibleName(): b.geometry() for b in screen.findChildren(QPushButton) if b.isVisible()}
    qtbot.mouseClick(button_named(screen, "5"), Qt.LeftButton)
    after = {b.accessibleName(): b.geometry() for b in screen.findChildren(QPushButton) if b.isVisible()}
    for name, geometry in before.items():
        assert after[name] == geometry, name
    assert "Undo" in after


def test_a_new_rating_after_undo_and_the_bounce_interval(qtbot, make):
    screen = make(undo_ms=300, bounce_ms=150)
    qtbot.mouseClick(button_named(screen, "7"), Qt.LeftButton)
    qtbot.mouseClick(button_named(screen, "Undo"), Qt.LeftButton)
    qtbot.wait(250)
    with qtbot.waitSignal(screen.rating_chosen) as chosen:
        qtbot.mouseClick(button_named(screen, "5"), Qt.LeftButton)
    assert chosen.args == [5]
    with qtbot.waitSignal(screen.rating_confirmed, timeout=5000) as confirmed:
        pass
    assert confirmed.args == [5]


def test_confirm_pending_and_reset(qtbot, make):
    screen = make()           # the default undo time (5 s) never runs out in this test
    qtbot.mouseClick(button_named(screen, "2"), Qt.LeftButton)
    with qtbot.waitSignal(screen.rating_confirmed) as confirmed:
        screen.confirm_pending()
    assert confirmed.args == [2]
    qtbot.wait(450)
    qtbot.mouseClick(button_named(screen, "9"), Qt.LeftButton)
    with qtbot.assertNotEmitted(screen.rating_confirmed), qtbot.assertNotEmitted(screen.rating_undone):
        screen.reset()
    assert screen.pending_rating is None


# --- bounces and double taps ------------------------------------------------------------------

def test_two_fast_mouse_taps_record_once(qtbot, make):
    screen = make(undo_ms=300)
    chosen, confirmed = [], []
    screen.rating_chosen.connect(chosen.append)
    screen.rating_confirmed.connect(confirmed.append)
    qtbot.mouseDClick(button_named(screen, "6"), Qt.LeftButton)   # press, release, double-click, release
    qtbot.mouseClick(button_named(screen, "6"), Qt.LeftButton)
    qtbot.mouseClick(button_named(screen, "7"), Qt.LeftButton)    # a slip onto the neighbour
    qtbot.waitUntil(lambda: bool(confirmed), timeout=5000)
    qtbot.wait(100)
    assert chosen == [6]
    assert confirmed == [6]


def test_two_fast_touch_taps_record_once(qtbot, touch_device, make):
    screen = make(undo_ms=300)
    chosen, confirmed = [], []
    screen.rating_chosen.connect(chosen.append)
    screen.rating_confirmed.connect(confirmed.append)
    touch_tap(qtbot, touch_device, button_named(screen, "5"))
    touch_tap(qtbot, touch_device, button_named(screen, "5"))
    qtbot.waitUntil(lambda: bool(confirmed), timeout=5000)
    qtbot.wait(100)
    assert chosen == [5]
    assert confirmed == [5]


def test_presses_within_the_bounce_interval_are_ignored_even_after_undo(qtbot, make):
    screen = make(bounce_ms=60_000)         # far longer than this test takes
    qtbot.mouseClick(button_named(screen, "3"), Qt.LeftButton)
    qtbot.mouseClick(button_named(screen, "Undo"), Qt.LeftButton)
    with qtbot.assertNotEmitted(screen.rating_chosen):
        qtbot.mouseClick(button_named(screen, "4"), Qt.LeftButton)
    assert screen.pending_rating is None


def test_skip_and_no_skip_while_a_rating_is_pending(qtbot, make):
    screen = make()
    skip = button_named(screen, "Skip")
    with qtbot.waitSignal(screen.skipped):
        qtbot.mouseClick(skip, Qt.LeftButton)
    qtbot.mouseClick(button_named(screen, "1"), Qt.LeftButton)
    assert not skip.isEnabled()
    with qtbot.assertNotEmitted(screen.skipped):
        qtbot.mouseClick(skip, Qt.LeftButton)


# --- keyboard -----------------------------------------------------------------------------------

@pytest.mark.parametrize("key, value", [(Qt.Key_0, 0), (Qt.Key_7, 7), (Qt.Key_9, 9)])
def test_digit_keys_choose(qtbot, key, value, make):
    screen = make()
    with qtbot.waitSignal(screen.rating_chosen) as chosen:
        qtbot.keyClick(screen, key)
    assert chosen.args == [value]


def test_digit_key_while_a_button_has_focus(qtbot, make):
    screen = make()
    button_named(screen, "0").setFocus()
    with qtbot.waitSignal(screen.rating_chosen) as chosen:
        qtbot.keyClick(button_named(screen, "0"), Qt.Key_4)
    assert chosen.args == [4]


def test_tab_then_enter_or_space(qtbot, make):
    screen = make()
    window = screen.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    button_named(screen, "9").setFocus()
    qtbot.keyClick(focused(), Qt.Key_Tab)
    assert focused() is button_named(screen, "10")
    with qtbot.waitSignal(screen.rating_chosen) as chosen:
        qtbot.keyClick(focused(), Qt.Key_Return)
    assert chosen.args == [10]
    with qtbot.waitSignal(screen.rating_undone):
        qtbot.keyClick(focused(), Qt.Key_Backspace)
    screen._guard.clear()           # the keyboard is not a bouncing finger; skip the wait
    button_named(screen, "2").setFocus()
    with qtbot.waitSignal(screen.rating_chosen) as chosen:
        qtbot.keyClick(focused(), Qt.Key_Space)
    assert chosen.args == [2]


def focused() -> QWidget:
    return QApplication.focusWidget()


# --- sizes ----------------------------------------------------------------------------------

def test_touch_target_rule_in_millimetres():
    assert touch_target_px(100.0) == 60          # 15 mm at 100 dpi = 59.06 px
    assert touch_target_px(96.0) == 57           # 56.69 px
    assert touch_target_px(170.0) == 101         # a 7-inch 1024x600 panel: 100.39 px
    assert touch_target_px(72.0) == 44           # 42.5 px, raised to the 44 px floor
    assert touch_target_px(0.0) == 44            # a screen that reports nothing


@pytest.mark.parametrize("size", SIZES)
def test_every_button_is_big_enough_and_on_screen(qtbot, size, make):
    screen = make(size=size)
    qtbot.mouseClick(button_named(screen, "5"), Qt.LeftButton)       # show Undo too
    dpi = screen.screen().physicalDotsPerInch()
    assert dpi == pytest.approx(OFFSCREEN_DPI)
    assert screen.touch_px == math.ceil(15 / 25.4 * OFFSCREEN_DPI) == 60
    assert screen.columns == 11
    buttons = [b for b in screen.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) == 13                    # 0-10, Undo, Skip
    for button in buttons:
        assert button.width() >= max(44, screen.touch_px), button.accessibleName()
        assert button.height() >= max(44, screen.touch_px), button.accessibleName()
        top_left = button.mapTo(screen, QPoint(0, 0))
        assert screen.rect().contains(top_left) and screen.rect().contains(
            top_left + QPoint(button.width() - 1, button.height() - 1)), button.accessibleName()


@pytest.mark.parametrize("size, dpi", [((1024, 600), 170.0), ((800, 480), 133.0)])
def test_dense_small_screens_wrap_the_scale_into_two_rows(qtbot, size, dpi, make):
    screen = make(size=size, physical_dpi=dpi)
    needed = math.ceil(15 / 25.4 * dpi)
    assert screen.touch_px == needed
    assert screen.columns == 6
    for button in screen.findChildren(QPushButton):
        if button.isVisible():
            assert min(button.width(), button.height()) >= needed, button.accessibleName()
            bottom_right = button.mapTo(screen, QPoint(button.width() - 1, button.height() - 1))
            assert screen.rect().contains(bottom_right), button.accessibleName()
    screen.window().grab().save(f"/tmp/pain_rating_{size[0]}x{size[1]}_{int(dpi)}dpi.png")


# --- colours, labels, faces -------------------------------------------------------------------

def test_every_button_colour_keeps_text_readable():
    assert len(RATING_COLOURS) == 11
    for value, (background, text) in enumerate(RATING_COLOURS):
        assert text.upper() in ("#FFFFFF", "#1F2A33"), value
        assert contrast(background, text) >= 4.5, (value, background, contrast(background, text))
        assert contrast(PRESSED_COLOURS[value], text) >= 4.5, (value, PRESSED_COLOURS[value])


def test_colours_on_screen_are_the_ones_checked(qtbot, make):
    screen = make(size=(1920, 1080))
    for value in range(11):
        button = button_named(screen, str(value))
        image = button.grab().toImage()
        sample = QColor(image.pixel(image.width() // 8, image.height() // 2))
        assert sample.name().upper() == RATING_COLOURS[value][0].upper(), value


def test_accessible_names_equal_visible_labels(qtbot, make):
    screen = make()
    for value in range(11):
        button = button_named(screen, str(value))
        assert button.text() == str(value)
        assert button.accessibleDescription().startswith(f"{value}, ")
    assert button_named(screen, "0").accessibleDescription() == "0, no pain"
    assert button_named(screen, "10").accessibleDescription() == "10, worst pain imaginable"
    for button in screen.findChildren(QPushButton):
        assert button.accessibleName() == button.text()


def test_scale_words_and_faces(qtbot, make):
    screen = make(size=(1920, 1080))
    texts = {label.text() for label in screen.findChildren(type(screen._no_pain)) if label.isVisible()}
    assert {"No pain", "Worst pain imaginable", "How is your pain right now?"} <= texts
    faces = [f for f in screen.findChildren(PainFace) if f.isVisible()]
    assert sorted(f.pain for f in faces) == list(FACE_PAIN_LEVELS)
    for face in faces:                       # each face sits above its own number
        button = button_named(screen, str(face.pain))
        face_centre = face.mapTo(screen, face.rect().center()).x()
        button_centre = button.mapTo(screen, button.rect().center()).x()
        assert abs(face_centre - button_centre) <= 2, face.pain
        assert face.mapTo(screen, QPoint(0, face.height())).y() <= button.mapTo(screen, QPoint(0, 0)).y()
    no_pain = [l for l in screen.findChildren(type(screen._no_pain)) if l.text() == "No pain"][0]
    assert no_pain.mapTo(screen, QPoint(0, 0)).y() >= button_named(screen, "0").mapTo(screen, QPoint(0, 0)).y()


def test_faces_differ_from_each_other(qtbot):
    images = []
    for pain in FACE_PAIN_LEVELS:
        face = PainFace(pain)
        qtbot.addWidget(face)
        face.resize(120, 120)
        images.append(face.grab().toImage())
    for i, first in enumerate(images):
        for second in images[i + 1:]:
            assert first != second


def test_question_is_settable(qtbot, make):
    screen = make()
    screen.set_question("And how is your pain now, after the exercises?")
    assert screen.question() == "And how is your pain now, after the exercises?"


@pytest.mark.parametrize("size", SIZES)
def test_screenshots(qtbot, size, make):
    screen = make(size=size)
    window = screen.window()
    window.grab().save(f"/tmp/pain_rating_{size[0]}x{size[1]}.png")
    qtbot.mouseClick(button_named(screen, "6"), Qt.LeftButton)
    assert not window.grab().isNull()
    window.grab().save(f"/tmp/pain_rating_chosen_{size[0]}x{size[1]}.png")


def test_no_button_has_the_focus_at_first_and_tab_reaches_0(qtbot, make):
    screen = make()
    window = screen.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    assert focused() is screen            # no focus ring on a number before anyone asks for one
    qtbot.keyClick(screen, Qt.Key_Tab)
    assert focused() is button_named(screen, "0")
    qtbot.keyClick(focused(), Qt.Key_Right)
    assert focused() is button_named(screen, "1")


def test_presses_while_a_rating_is_pending_are_ignored(qtbot, make):
    screen = make(bounce_ms=0)             # only the pending rule stands in the way
    chosen = []
    screen.rating_chosen.connect(chosen.append)
    qtbot.mouseClick(button_named(screen, "6"), Qt.LeftButton)
    qtbot.mouseClick(button_named(screen, "2"), Qt.LeftButton)
    assert chosen == [6]
    assert screen.pending_rating == 6
