"""The 15 mm touch target is a button's border box (what a touch hits), not its contents box plus padding and border."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QHBoxLayout, QStyle, QStyleOptionButton, QWidget

from kiosk.ui.screens.pain_rating import RatingButton
from kiosk.ui.theme import stylesheet
from kiosk.ui.widgets.other_language_button import OtherLanguageButton
from kiosk.ui.widgets.pin_pad import KeypadButton, keypad_style_sheet
from kiosk.ui.widgets.touch_button import ChipButton, TouchButton, chip_style_sheet

PANEL_TOUCH_PX = 79          # 15 mm on a 7" 800 x 480 panel (133 logical pixels per inch)
PANEL_UNIT = 16              # its text unit (unit_for_size(800, 480))
ROOM = 12                    # what a short label's button may add: the 2 px margins, rounding


def _border_box(button: TouchButton):
    option = QStyleOptionButton()
    button.initStyleOption(option)
    return button.style().subElementRect(QStyle.SubElement.SE_PushButtonBevel, option, button).size()


def _buttons():
    return {
        "plain": TouchButton("OK", None, PANEL_TOUCH_PX),
        "primary": TouchButton("Go", "primary", PANEL_TOUCH_PX),
        "card": TouchButton("Go", "card", PANEL_TOUCH_PX),
        "chip": ChipButton("Go", "go", PANEL_TOUCH_PX),
        "key": KeypadButton("1", None, PANEL_TOUCH_PX),
        "word key": KeypadButton("OK", "primary", PANEL_TOUCH_PX),
        "stepper": TouchButton("+", None, PANEL_TOUCH_PX),
        "rating": RatingButton(3, PANEL_TOUCH_PX),
        "language": OtherLanguageButton(PANEL_TOUCH_PX),
    }


@pytest.fixture
def panel_buttons(qtbot):
    page = QWidget()
    page.setStyleSheet(stylesheet(PANEL_UNIT, touch_px=PANEL_TOUCH_PX) + chip_style_sheet(PANEL_UNIT)
                       + keypad_style_sheet(PANEL_UNIT))
    row = QHBoxLayout(page)
    buttons = _buttons()
    for button in buttons.values():
        row.addWidget(button)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.setFocus()                          # no button focused: the margin is outside the border box
    QApplication.processEvents()
    yield buttons                            # (the page kept alive meanwhile: qtbot holds it weakly)
    page.close()


@pytest.mark.parametrize("kind", ["plain", "primary", "card", "chip", "key", "word key", "stepper", "rating",
                                  "language"])
def test_every_kind_of_button_has_a_15_mm_border_box_at_least(panel_buttons, kind):
    button = panel_buttons[kind]
    box = _border_box(button)
    minimum = button.minimumSize()
    assert box.width() >= PANEL_TOUCH_PX and box.height() >= PANEL_TOUCH_PX, (kind, box)
    # The least size it may be squeezed to keeps the border box 15 mm too (margins outside it).
    assert minimum.width() - (button.width() - box.width()) >= PANEL_TOUCH_PX, (kind, minimum, box)
    assert minimum.height() - (button.height() - box.height()) >= PANEL_TOUCH_PX, (kind, minimum, box)


@pytest.mark.parametrize("kind", ["plain", "primary", "chip", "key", "word key", "stepper", "rating"])
def test_a_short_label_s_button_is_not_much_more_than_the_target(panel_buttons, kind):
    """Before: min-width 79 px of contents with 16 px padding and 2 px borders was a 123 px (24 mm) border box."""
    minimum = panel_buttons[kind].minimumSize()
    assert minimum.width() <= PANEL_TOUCH_PX + ROOM and minimum.height() <= PANEL_TOUCH_PX + ROOM, (kind, minimum)


def test_a_focused_button_keeps_its_size_and_its_target(panel_buttons, qtbot):
    button = panel_buttons["plain"]
    before = button.size()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    QApplication.processEvents()
    assert button.size() == before
    box = _border_box(button)
    assert min(box.width(), box.height()) >= PANEL_TOUCH_PX
