"""A set of checkable buttons with one chosen at a time, where Tab still stops at every option."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QAbstractButton


class OneChoiceGroup(QObject):
    """Keeps one of its buttons chosen, like an exclusive QButtonGroup, but keyboard users can Tab
    to every option: Qt keeps Tab on one button of any QButtonGroup, so this is not one.

    Signals (as QButtonGroup's):
        buttonToggled(QAbstractButton, bool), idToggled(int, bool), buttonClicked(QAbstractButton)
    """

    buttonToggled = Signal(QAbstractButton, bool)
    idToggled = Signal(int, bool)
    buttonClicked = Signal(QAbstractButton)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buttons: dict[QAbstractButton, int] = {}

    def addButton(self, button: QAbstractButton, button_id: int = -1) -> None:  # noqa: N802 (Qt's name)
        self._buttons[button] = button_id
        button.setCheckable(True)
        button.clicked.connect(lambda _checked=False, b=button: self._clicked(b))
        button.toggled.connect(lambda checked, b=button: self._toggled(b, checked))

    def removeButton(self, button: QAbstractButton) -> None:  # noqa: N802 (Qt's name)
        self._buttons.pop(button, None)

    def buttons(self) -> list[QAbstractButton]:
        return list(self._buttons)

    def button(self, button_id: int) -> QAbstractButton | None:
        return next((b for b, i in self._buttons.items() if i == button_id), None)

    def checkedButton(self) -> QAbstractButton | None:  # noqa: N802 (Qt's name)
        return next((b for b in self._buttons if b.isChecked()), None)

    def choose(self, button: QAbstractButton) -> None:
        """Make `button` the one chosen option."""
        for other in self._buttons:
            if other is not button:
                other.setChecked(False)
        button.setChecked(True)

    def clear_choice(self) -> None:
        for button in self._buttons:
            button.setChecked(False)

    def _clicked(self, button: QAbstractButton) -> None:
        if button not in self._buttons:
            return
        self.choose(button)                 # a click on the chosen option keeps it chosen
        self.buttonClicked.emit(button)

    def _toggled(self, button: QAbstractButton, checked: bool) -> None:
        if button not in self._buttons:
            return
        self.buttonToggled.emit(button, checked)
        self.idToggled.emit(self._buttons.get(button, -1), checked)
