"""A wrapped label in an area as tall as its text where there is room, that scrolls where there is less."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QLabel, QScroller, QScrollArea, QSizePolicy, QWidget


class TextArea(QScrollArea):
    """Holds `label` (word-wrapped). It asks for the label's whole height, and gives way down to
    `min_lines` lines of it when the screen has less room (larger text, a long sentence in another
    language on a small screen), so that what is under it (the player's It hurts) stays in sight;
    the rest of the text then scrolls up and down. `room()`, when given, says how high it may be with
    everything else on the screen at its least: down to that, it keeps its whole text (call
    updateGeometry() when that changes)."""

    def __init__(self, label: QLabel, min_lines: int = 1, room: Callable[[], int] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self._min_lines = min_lines
        self._room = room
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setWidget(label)
        label.installEventFilter(self)           # a new text or text size: a new height to ask for
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self.label.minimumSizeHint().width(), self._text_height(self._width()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        margins = self.label.contentsMargins()       # the style's padding too
        lines = self.label.fontMetrics().lineSpacing() * self._min_lines + margins.top() + margins.bottom()
        if self._room is not None:
            lines = max(lines, self._room())
        return QSize(self.label.minimumSizeHint().width(), min(self._text_height(self._width()), lines))

    def _width(self) -> int:
        # Until it is shown, its own width means nothing yet: the window's is the best guess.
        return max(1, self.width() if self.isVisible() else self.window().width())

    def _text_height(self, width: int) -> int:
        return self.label.heightForWidth(width) if self.label.text() else 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.label and event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.FontChange,
                                                      QEvent.Type.StyleChange):
            self.updateGeometry()
        return False

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        width_changed = event.size().width() != event.oldSize().width()
        super().resizeEvent(event)
        if width_changed:
            self.updateGeometry()               # the text's height follows the width
