"""The aerobic activity log: choose, count minutes with big plus and minus buttons, save or go back."""

from __future__ import annotations

import functools
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from kiosk.core.records import AEROBIC_ACTIVITIES, AerobicEntry
from kiosk.ui.screens.aerobic_log import AerobicLogScreen

SIZES = [(1920, 1080), (1024, 600)]


@pytest.fixture
def make(make_screen):
    """`make(size=(1024, 600), **kwargs)`: a AerobicLogScreen shown in a themed window."""
    return functools.partial(make_screen, AerobicLogScreen)


def button_named(screen: QWidget, name: str) -> QPushButton:
    found = [b for b in screen.findChildren(QPushButton) if b.accessibleName() == name]
    assert len(found) == 1, f"{len(found)} buttons named {name!r}"
    return found[0]


def visible_texts(screen: QWidget) -> str:
    return " ".join(label.text() for label in screen.findChildren(QLabel) if label.isVisible())


def test_choose_count_and_save(qtbot, make):
    screen = make()
    save = button_named(screen, "Save")
    assert not save.isEnabled()
    qtbot.mouseClick(button_named(screen, "Cycling"), Qt.LeftButton)
    assert not save.isEnabled()                        # no minutes yet
    for _ in range(4):
        qtbot.mouseClick(button_named(screen, "+5"), Qt.LeftButton)
    qtbot.mouseClick(button_named(screen, "\u22125"), Qt.LeftButton)
    assert screen.minutes() == 15
    assert "15 minutes" in visible_texts(screen)
    assert save.isEnabled()
    with qtbot.waitSignal(screen.aerobic_logged) as logged:
        qtbot.mouseClick(save, Qt.LeftButton)
    assert logged.args == ["cycling", 15]
    AerobicEntry(datetime.now(timezone.utc), *logged.args)        # a valid record
    assert (screen.activity(), screen.minutes()) == (None, 0)       # cleared for the next time
    assert "Saved: 15 minutes of cycling." in visible_texts(screen)
    assert not save.isEnabled()


def test_a_double_tap_on_save_logs_once(qtbot, make):
    screen = make()
    screen.set_activity("tai_chi")
    screen.set_minutes(30)
    logged = []
    screen.aerobic_logged.connect(lambda *args: logged.append(args))
    qtbot.mouseClick(button_named(screen, "Save"), Qt.LeftButton)
    qtbot.mouseClick(button_named(screen, "Save"), Qt.LeftButton)
    assert logged == [("tai_chi", 30)]


def test_minutes_stay_within_0_and_600_in_steps_of_5(qtbot, make):
    screen = make()
    minus, plus = button_named(screen, "\u22125"), button_named(screen, "+5")
    assert not minus.isEnabled()
    qtbot.mouseClick(minus, Qt.LeftButton)
    assert screen.minutes() == 0
    screen.set_minutes(595)
    qtbot.mouseClick(plus, Qt.LeftButton)
    assert screen.minutes() == 600
    assert not plus.isEnabled()
    qtbot.mouseClick(plus, Qt.LeftButton)
    assert screen.minutes() == 600
    screen.set_minutes(10_000)
    assert screen.minutes() == 600
    screen.set_minutes(-3)
    assert screen.minutes() == 0


def test_plus_and_minus_keys(qtbot, make):
    screen = make()
    qtbot.keyClick(screen, Qt.Key_Plus)
    qtbot.keyClick(screen, Qt.Key_Plus)
    qtbot.keyClick(screen, Qt.Key_Minus)
    assert screen.minutes() == 5


def test_every_activity_maps_to_a_record_value_and_one_at_a_time(qtbot, make):
    screen = make()
    labels = {"walking": "Walking", "water_aerobics": "Water aerobics", "cycling": "Cycling",
              "tai_chi": "Tai chi"}
    for activity in AEROBIC_ACTIVITIES:
        qtbot.mouseClick(button_named(screen, labels[activity]), Qt.LeftButton)
        assert screen.activity() == activity
        assert sum(screen.activity_button(a).isChecked() for a in AEROBIC_ACTIVITIES) == 1


def test_back(qtbot, make):
    screen = make()
    with qtbot.waitSignal(screen.back_requested), qtbot.assertNotEmitted(screen.aerobic_logged):
        qtbot.mouseClick(button_named(screen, "Back"), Qt.LeftButton)


def test_the_weekly_goal_is_shown(qtbot, make):
    screen = make()
    assert "150 minutes" in visible_texts(screen)
    screen.set_week_minutes(60)
    assert "60 of 150 minutes" in visible_texts(screen)
    screen.set_activity("walking")
    screen.set_minutes(30)
    qtbot.mouseClick(button_named(screen, "Save"), Qt.LeftButton)
    assert "90 of 150 minutes" in visible_texts(screen)


def test_accessible_names_are_visible_labels(qtbot, make):
    screen = make()
    for button in screen.findChildren(QPushButton):
        assert button.accessibleName() == button.text()
    assert button_named(screen, "+5").accessibleDescription() == "Five minutes more"


@pytest.mark.parametrize("size", SIZES)
def test_buttons_are_big_whole_and_visible(qtbot, size, make):
    screen = make(size=size)
    screen.set_activity("water_aerobics")
    screen.set_minutes(600)
    QApplication.processEvents()
    assert screen.touch_px == 60                 # 15 mm at the offscreen platform's 100 dpi
    for button in screen.findChildren(QPushButton):
        assert button.isVisible(), button.text()
        assert min(button.width(), button.height()) >= max(44, screen.touch_px), button.text()
        assert button.width() > button.fontMetrics().horizontalAdvance(button.text()), button.text()
        bottom_right = button.mapTo(screen, QPoint(button.width() - 1, button.height() - 1))
        assert screen.rect().contains(bottom_right), button.text()
    plus = button_named(screen, "+5")
    assert plus.width() > plus.height()          # wider than the minimum: easy to hit
    screen.window().grab().save(f"/tmp/aerobic_log_{size[0]}x{size[1]}.png")


def test_the_plus_button_stays_put_while_the_number_grows(qtbot, make):
    screen = make()
    plus = button_named(screen, "+5")
    where = plus.mapTo(screen, QPoint(0, 0))
    screen.set_minutes(5)
    QApplication.processEvents()
    screen.set_minutes(600)
    QApplication.processEvents()
    assert plus.mapTo(screen, QPoint(0, 0)) == where
