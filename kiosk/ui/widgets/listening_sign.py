"""The "Listening" sign: a microphone level bar while the app listens for voice commands, and "Heard: pause" briefly."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from kiosk.ui.language import FollowsLanguage, texts
from kiosk.ui.theme import window_look
from kiosk.ui.widgets.controls import make_label

HEARD_MS = 2500              # "Heard: pause" stays this long


class LevelBar(FollowsLanguage, QWidget):
    """A small bar as long as the microphone is loud (0 to 1)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = 0.0
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(texts().gettext("Microphone level"))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        height = max(12, self.fontMetrics().height() // 2)
        return QSize(height * 6, height)

    def set_value(self, value: float) -> None:
        value = max(0.0, min(1.0, value))
        if abs(value - self.value) > 0.01:
            self.value = value
            self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        height = min(self.height(), max(10, self.fontMetrics().height() // 2))
        box = QRectF(1, (self.height() - height) / 2, self.width() - 2, height)
        palette = window_look(self).palette         # painted in the window's look at each paint
        painter.setPen(QColor(palette.edge))
        painter.setBrush(QColor(palette.surface))
        painter.drawRoundedRect(box, height / 2, height / 2)
        if self.value > 0:
            filled = QRectF(box.x(), box.y(), max(height, box.width() * self.value), box.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(palette.accent))
            painter.drawRoundedRect(filled, height / 2, height / 2)


class ListeningSign(FollowsLanguage, QWidget):
    """Shown only while the app listens: "Listening" with the microphone level; "Heard: pause" briefly."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heard: str | None = None      # the command heard, shown for HEARD_MS
        self.label = make_label("", "heading", wrap=False, name="Listening")
        self.bar = LevelBar(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self._back = QTimer(self)
        self._back.setSingleShot(True)
        self._back.setInterval(HEARD_MS)
        self._back.timeout.connect(self._listening_again)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.setAccessibleName(_("Listening for voice commands"))
        text = _("Listening") if self._heard is None else _("Heard: {words}").format(words=self._heard)
        self.label.setText(text)
        self.label.setAccessibleName(text)

    @property
    def text(self) -> str:
        return self.label.text()

    def set_listening(self, on: bool) -> None:
        if not on:
            self._back.stop()
            self.bar.set_value(0.0)
            self._listening_again()
        self.setVisible(on)

    def set_level(self, value: float) -> None:
        self.bar.set_value(value)

    def show_heard(self, words: str) -> None:
        """`words`: the command heard, as it is said (the recognizer's words)."""
        self._heard = words
        self.retranslate()
        self._back.start()

    def _listening_again(self) -> None:
        self._heard = None
        self.retranslate()
