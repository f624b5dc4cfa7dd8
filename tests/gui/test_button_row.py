"""A button row on a narrow screen: a label wider than the row shows on more lines, never cut, never wider than the row."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

import screen_walk
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.text_area import TextArea
from kiosk.ui.widgets.touch_button import ChipButton

LONG = "Rutina en el suelo y estiramiento de muslo"


def _row_in_scroll_area(qtbot, width: int):
    chips = [ChipButton(LONG, "floor_thigh", 48), ChipButton("Rutina en la silla", "chair", 48)]
    row = ButtonRow([(chip, 1) for chip in chips])
    body = QWidget()
    QVBoxLayout(body).addWidget(row)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(body)
    area.setStyleSheet("QPushButton { font-size: 30px; padding: 8px 20px; }")
    area.resize(width, 600)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    qtbot.wait(10)
    return area, row, chips


def test_a_label_wider_than_the_row_shows_on_more_lines(qtbot):
    area, row, (long_chip, short_chip) = _row_in_scroll_area(qtbot, 300)
    assert long_chip.one_line_width() > area.viewport().width()          # it could not fit on one line
    assert "\n" in long_chip.text()
    assert long_chip.text().replace("\n", " ") == LONG
    assert long_chip.accessibleName() == LONG                           # read whole, on one line
    assert screen_walk.label_fits(long_chip)
    assert body_fits(area)
    for line in long_chip.text().split("\n"):
        assert long_chip.fontMetrics().horizontalAdvance(line) <= area.viewport().width()


def test_the_label_goes_back_on_one_line_where_there_is_room(qtbot):
    area, row, (long_chip, short_chip) = _row_in_scroll_area(qtbot, 300)
    assert "\n" in long_chip.text()
    area.resize(1400, 600)
    qtbot.waitUntil(lambda: long_chip.text() == LONG)
    assert screen_walk.label_fits(long_chip)
    long_chip.set_label("Otra rutina")                                   # a new language
    assert long_chip.text() == "Otra rutina"


def body_fits(area: QScrollArea) -> bool:
    return area.widget().width() <= area.viewport().width()


def test_a_text_area_keeps_its_text_whole_while_there_is_room_and_scrolls_where_not(qtbot):
    label = QLabel("Mantenga la espalda larga. Inclínese un poco hacia adelante. " * 3)
    label.setWordWrap(True)
    room = {"px": 1000}
    area = TextArea(label, room=lambda: room["px"])
    page = QWidget()
    column = QVBoxLayout(page)
    column.addWidget(QLabel("above"), 1)
    column.addWidget(area)
    page.resize(300, 500)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    whole = label.heightForWidth(area.viewport().width())
    qtbot.waitUntil(lambda: area.height() >= label.heightForWidth(area.viewport().width()))
    room["px"] = label.fontMetrics().lineSpacing()                       # little room: one line, it scrolls
    area.updateGeometry()
    qtbot.waitUntil(lambda: area.minimumSizeHint().height() < whole)
    assert area.minimumSizeHint().height() >= label.fontMetrics().lineSpacing()
