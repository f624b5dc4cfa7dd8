"""A group of checkable buttons with one chosen at a time, where Tab still stops at every option."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QButtonGroup


class OneChoiceGroup(QButtonGroup):
    """Like an exclusive QButtonGroup, but keyboard users can Tab to every option.

    Qt's exclusive groups behave like radio buttons: Tab stops only at the chosen one. This group
    is non-exclusive underneath and keeps one choice itself when a button is clicked.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        super().setExclusive(False)
        self.buttonClicked.connect(self.choose)

    def setExclusive(self, exclusive: bool) -> None:  # noqa: N802 (Qt override)
        """Ignored: the group is always one-choice, and may be cleared with `clear_choice`."""

    def choose(self, button: QAbstractButton) -> None:
        """Make `button` the one chosen option."""
        for other in self.buttons():
            other.setChecked(other is button)

    def clear_choice(self) -> None:
        for button in self.buttons():
            button.setChecked(False)

    def checkedButton(self) -> QAbstractButton | None:  # noqa: N802 (Qt override)
        return next((b for b in self.buttons() if b.isChecked()), None)
