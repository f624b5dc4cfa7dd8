"""One chosen at a time, and Tab reaches every option (which Qt's button groups do not allow)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QWidget

from kiosk.ui.widgets.choice_group import OneChoiceGroup


def test_one_choice_and_tab_reaches_all(qtbot):
    host = QWidget()
    layout = QHBoxLayout(host)
    group = OneChoiceGroup(host)
    buttons = [QPushButton(text) for text in ("Slow", "Normal", "Fast")]
    for index, button in enumerate(buttons):
        layout.addWidget(button)
        group.addButton(button, index)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)                      # keyboard focus needs an active window
    toggled = []
    group.idToggled.connect(lambda button_id, on: toggled.append((button_id, on)))
    qtbot.mouseClick(buttons[1], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(buttons[1], Qt.MouseButton.LeftButton)           # a second touch keeps it
    assert [b.isChecked() for b in buttons] == [False, True, False]
    assert group.checkedButton() is buttons[1] and (1, True) in toggled
    qtbot.mouseClick(buttons[2], Qt.MouseButton.LeftButton)
    assert [b.isChecked() for b in buttons] == [False, False, True]
    buttons[0].setFocus()
    seen = []
    for _ in range(3):
        seen.append(QApplication.focusWidget().text())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert seen == ["Slow", "Normal", "Fast"]
