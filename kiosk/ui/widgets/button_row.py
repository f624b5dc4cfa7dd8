"""A row of big buttons (and the odd label) that goes onto more rows when their labels do not fit side by side."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QGridLayout, QWidget


def _wraps(widget: QWidget) -> bool:
    """A button that can put its label on more lines (a TouchButton; asked by its methods, not imported, so
    that the home screen's first paint loads no module that builds PySide6's Qt namespace)."""
    return hasattr(widget, "wrap_to") and hasattr(widget, "one_line_width")


def _one_line(widget: QWidget) -> int:
    """How wide the widget asks to be, a touch button's label on one line."""
    return widget.one_line_width() if _wraps(widget) else widget.sizeHint().width()


class ButtonRow(QWidget):
    """Buttons side by side, each as wide as its stretch asks, while every label fits whole; else side
    by side each as wide as its label needs (a longer language), when they all fit so; else as many per
    row as fit (larger text on a small screen), never a label cut short: a touch button whose label is
    wider than the row on its own shows it on more lines.

    After showing or hiding one of its buttons, call `refit()`.
    """

    def __init__(self, buttons: list[tuple[QWidget, int]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buttons = list(buttons)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._columns = 0
        self._by_label = False            # one row shared out by the labels' widths, not the stretches
        self._placed: list[QWidget] = []
        for button, _stretch in self._buttons:
            button.setParent(self)
        self.refit()

    def refit(self) -> None:
        shown = [(button, stretch) for button, stretch in self._buttons if not button.isHidden()]
        columns = self._columns_that_fit(shown)
        by_label = columns < len(shown) and self._fit_by_label(shown)
        if by_label:
            columns = len(shown)
        for button, _ in shown:
            if _wraps(button):                        # one per row: the whole row, else the label on one line
                button.wrap_to(self._width() if columns == 1 else button.one_line_width())
        if (columns, by_label) == (self._columns, self._by_label) and self._placed == [b for b, _ in shown]:
            return
        self._columns, self._by_label = columns, by_label
        for button, _ in self._buttons:
            self._grid.removeWidget(button)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 0)
        for index, (button, stretch) in enumerate(shown):
            row, column = divmod(index, columns)
            self._grid.addWidget(button, row, column)
            if row == 0:
                self._grid.setColumnStretch(column, _one_line(button) if by_label else stretch)
        self._placed = [button for button, _ in shown]

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """As wide as all its buttons side by side (where a layout gives it only what it asks for)."""
        shown = [(button, max(1, stretch)) for button, stretch in self._buttons if not button.isHidden()]
        if not shown:
            return super().sizeHint()
        spacing = max(0, self._grid.horizontalSpacing())
        total = sum(stretch for _, stretch in shown)        # the row is shared out by the stretches
        width = max(_one_line(button) * total / stretch for button, stretch in shown)
        return QSize(round(width) + spacing * (len(shown) - 1) + 1, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """As narrow as the widest label (then one button per row), a touch button's broken onto more lines."""
        widest = max((button.narrowest_width() if _wraps(button) else button.sizeHint().width()
                      for button, _ in self._buttons), default=0)
        return QSize(widest, super().minimumSizeHint().height())

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.refit()                     # now its own width is the one that counts

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.refit()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:      # a label or the text size changed
            self.refit()
        return handled

    def _width(self) -> int:
        # Until it is shown, its own width means nothing yet: the window's is the best guess.
        return self.width() if self.isVisible() else self.window().width()

    def _fit_by_label(self, shown: list[tuple[QWidget, int]]) -> bool:
        """True when every label fits on one row with the row shared out by the labels' own widths."""
        spacing = max(0, self._grid.horizontalSpacing())
        return sum(_one_line(button) for button, _ in shown) + spacing * (len(shown) - 1) <= self._width()

    def _columns_that_fit(self, shown: list[tuple[QWidget, int]]) -> int:
        if not shown:
            return 1
        width = self._width()
        spacing = max(0, self._grid.horizontalSpacing())
        for columns in range(len(shown), 1, -1):
            # The grid shares the width out by the first row's stretches; every label in a column
            # must fit that column's share.
            stretches = [max(1, stretch) for _, stretch in shown[:columns]]
            room = width - spacing * (columns - 1)
            if all(_one_line(button) <= room * stretches[index % columns] / sum(stretches)
                   for index, (button, _) in enumerate(shown)):
                return columns
        return 1
