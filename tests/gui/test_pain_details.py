"""The optional pain details screen: side, what made it worse, a note, Done and Skip."""

from __future__ import annotations

import functools
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QScrollArea, QWidget

from kiosk.core.records import SIDES, WORSE_WITH, PainRating
from kiosk.ui.screens.pain_details import NOTE_MAX_CHARS, PainDetailsScreen

SIZES = [(1920, 1080), (1024, 600)]
LABELS = ["Left", "Right", "Both sides", "Middle", "Sitting long", "Standing up", "Stairs", "Bending",
          "Twisting", "Walking", "Lying down", "Turning in bed", "Skip", "Done"]


@pytest.fixture
def make(make_screen):
    """`make(size=(1024, 600), **kwargs)`: a PainDetailsScreen shown in a themed window."""
    return functools.partial(make_screen, PainDetailsScreen)


def button_named(screen: QWidget, name: str) -> QPushButton:
    found = [b for b in screen.findChildren(QPushButton) if b.accessibleName() == name]
    assert len(found) == 1, f"{len(found)} buttons named {name!r}"
    return found[0]


def test_every_choice_has_a_readable_label_that_is_its_accessible_name(qtbot, make):
    screen = make()
    names = sorted(b.accessibleName() for b in screen.findChildren(QPushButton))
    assert names == sorted(LABELS)
    for button in screen.findChildren(QPushButton):
        assert button.accessibleName() == button.text()
        assert "_" not in button.text()
    assert screen.findChild(QLineEdit).accessibleName() == "A short note"


def test_done_gives_side_chips_in_their_usual_order_and_note(qtbot, make):
    screen = make()
    qtbot.mouseClick(button_named(screen, "Right"), Qt.LeftButton)
    qtbot.mouseClick(button_named(screen, "Turning in bed"), Qt.LeftButton)
    qtbot.mouseClick(button_named(screen, "Sitting long"), Qt.LeftButton)
    qtbot.mouseClick(button_named(screen, "Stairs"), Qt.LeftButton)
    qtbot.mouseClick(button_named(screen, "Stairs"), Qt.LeftButton)         # changed my mind
    qtbot.keyClicks(screen.findChild(QLineEdit), "  After the long drive  ")
    with qtbot.waitSignal(screen.details_given) as given:
        qtbot.mouseClick(button_named(screen, "Done"), Qt.LeftButton)
    side, worse_with, note = given.args
    assert side == "right"
    assert worse_with == ("sitting_long", "rolling_over")
    assert note == "After the long drive"
    # The values fit the record they are meant for.
    PainRating(datetime.now(timezone.utc), 5, side=side, worse_with=worse_with, note=note)


def test_one_side_at_most_and_touching_it_again_clears_it(qtbot, make):
    screen = make()
    qtbot.mouseClick(button_named(screen, "Left"), Qt.LeftButton)
    assert screen.side() == "left"
    qtbot.mouseClick(button_named(screen, "Middle"), Qt.LeftButton)
    assert screen.side() == "middle"
    assert not button_named(screen, "Left").isChecked()
    qtbot.mouseClick(button_named(screen, "Middle"), Qt.LeftButton)
    assert screen.side() is None
    for side in SIDES:
        screen.side_button(side).click()
        assert screen.side() == side


def test_every_chip_maps_to_a_record_value(qtbot, make):
    screen = make()
    for value in WORSE_WITH:
        screen.worse_button(value).click()
    assert screen.worse_with() == WORSE_WITH


def test_done_with_nothing_chosen_and_skip(qtbot, make):
    screen = make()
    with qtbot.waitSignal(screen.details_given) as given:
        qtbot.mouseClick(button_named(screen, "Done"), Qt.LeftButton)
    assert given.args == [None, (), ""]
    screen.reset()
    with qtbot.waitSignal(screen.skipped), qtbot.assertNotEmitted(screen.details_given):
        qtbot.mouseClick(button_named(screen, "Skip"), Qt.LeftButton)


def test_a_double_tap_on_done_gives_details_once(qtbot, make):
    screen = make()
    given = []
    screen.details_given.connect(lambda *args: given.append(args))
    qtbot.mouseClick(button_named(screen, "Done"), Qt.LeftButton)
    qtbot.mouseClick(button_named(screen, "Done"), Qt.LeftButton)
    assert len(given) == 1


def test_note_is_at_most_200_characters_and_enter_finishes(qtbot, make):
    screen = make()
    edit = screen.findChild(QLineEdit)
    edit.setText("x" * 250)
    assert len(edit.text()) == NOTE_MAX_CHARS == 200
    assert len(screen.note()) == 200
    with qtbot.waitSignal(screen.details_given) as given:
        qtbot.keyClick(edit, Qt.Key_Return)
    assert given.args[2] == "x" * 200


def test_reset_clears_everything(qtbot, make):
    screen = make()
    screen.side_button("both").click()
    screen.worse_button("stairs").click()
    screen.note_edit.setText("stairs at work")
    screen.reset()
    assert (screen.side(), screen.worse_with(), screen.note()) == (None, (), "")


@pytest.mark.parametrize("size", SIZES)
def test_buttons_are_big_whole_and_visible(qtbot, size, make):
    screen = make(size=size)
    screen.side_button("left").click()
    screen.worse_button("rolling_over").click()
    assert screen.touch_px == 60                 # 15 mm at the offscreen platform's 100 dpi
    scroll = screen.findChild(QScrollArea)
    assert not scroll.verticalScrollBar().isVisible()    # everything fits without scrolling
    for button in screen.findChildren(QPushButton):
        assert button.isVisible(), button.text()
        assert min(button.width(), button.height()) >= max(44, screen.touch_px), button.text()
        text_width = button.fontMetrics().horizontalAdvance(button.text())
        assert button.width() > text_width, button.text()          # the label is not cut off
        bottom_right = button.mapTo(screen, QPoint(button.width() - 1, button.height() - 1))
        assert screen.rect().contains(bottom_right), button.text()
    assert screen.findChild(QLineEdit).height() >= screen.touch_px
    screen.window().grab().save(f"/tmp/pain_details_{size[0]}x{size[1]}.png")


def test_a_dense_small_screen_scrolls_the_questions_and_keeps_done_in_view(qtbot, make):
    screen = make(size=(800, 480), physical_dpi=133.0)
    assert screen.touch_px == 79
    for button in screen.findChildren(QPushButton):
        assert min(button.width(), button.height()) >= 79, button.text()
        assert button.width() > button.fontMetrics().horizontalAdvance(button.text()), button.text()
    for name in ("Skip", "Done"):
        button = button_named(screen, name)
        assert screen.rect().contains(button.mapTo(screen, QPoint(button.width() - 1, button.height() - 1)))
    scroll = screen.findChild(QScrollArea)
    scroll.ensureWidgetVisible(screen.note_edit)
    QApplication.processEvents()
    assert scroll.verticalScrollBar().value() > 0
    screen.window().grab().save("/tmp/pain_details_800x480_133dpi.png")


def test_the_note_hint_is_readable_not_faint(qtbot, make):
    from PySide6.QtGui import QPalette
    screen = make()
    hint = screen.note_edit.palette().color(QPalette.PlaceholderText).name().upper()
    assert hint == "#4A5661"                     # the theme's muted colour: 7:1 on white
    assert screen.note_edit.placeholderText()
