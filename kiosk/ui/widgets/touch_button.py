"""Big touch buttons: a button that keeps the size rule, and a bounce guard."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QPushButton, QSizePolicy, QStyle, QStyleOptionButton, QWidget

from kiosk.ui.theme import DEFAULT, Palette
from kiosk.ui.widgets.touch_target import (  # noqa: F401 (the size rule, used with these buttons)
    TOUCH_TARGET_FLOOR_PX, TOUCH_TARGET_MM, screen_touch_target_px, touch_target_px,
)

BOUNCE_MS = 400               # presses closer together than this count as one


class BounceGuard:
    """Says whether a press counts: presses within `interval_ms` of the last counted one do not."""

    def __init__(self, interval_ms: int = BOUNCE_MS) -> None:
        self.interval_ms = interval_ms
        self._since_last = QElapsedTimer()   # monotonic

    def accept(self) -> bool:
        """True (and restart the interval) when this press counts."""
        if self._since_last.isValid() and self._since_last.elapsed() < self.interval_ms:
            return False
        self._since_last.start()
        return True

    def clear(self) -> None:
        """Forget the last press, so that the next one counts."""
        self._since_last.invalidate()


class TouchButton(QPushButton):
    """A push button whose border box (what a touch hits: the style sheet's margin is outside it) is at
    least `touch_px` square, and whose accessible name is its visible label.

    The style sheet may set its own minimum height on every polish; the touch minimum is put
    back afterwards, so the larger of the two always wins.
    """

    def __init__(self, text: str = "", role: str | None = None, touch_px: int = TOUCH_TARGET_FLOOR_PX,
                 parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._touch_px = touch_px
        self._wide_px = 0
        self._label = text            # the whole label on one line; the text shown may break it (wrap_to)
        self._shown = text
        if role:
            self.setProperty("role", role)
        self.setAccessibleName(text)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self._apply_touch_minimum()

    @property
    def touch_px(self) -> int:
        return self._touch_px

    def set_touch_px(self, px: int) -> None:
        """Make the button at least `px` logical pixels wide and high."""
        self._touch_px = px
        self.setMinimumSize(0, 0)
        self.ensurePolished()
        self._apply_touch_minimum()

    def set_min_width(self, px: int) -> None:
        """Make the button at least `px` wide as well (for buttons wider than tall)."""
        self._wide_px = px
        self._apply_touch_minimum()

    def set_label(self, text: str) -> None:
        """Change the visible label and the accessible name together (another language: the minimum follows)."""
        self._label = self._shown = text
        self.setText(text)
        self.setAccessibleName(text)
        self._apply_touch_minimum()

    def label(self) -> str:
        """The whole label, on one line (the text shown may be broken onto more lines)."""
        if self.text() != self._shown:          # set with setText
            self._label = self._shown = self.text()
        return self._label

    def one_line_width(self) -> int:
        """How wide the button asks to be with its label on one line."""
        return self._padding() + self.fontMetrics().horizontalAdvance(self.label())

    def narrowest_width(self) -> int:
        """How wide the button must be with its label broken before every word (a narrow screen)."""
        words = self.label().split()
        text = max((self.fontMetrics().horizontalAdvance(word) for word in words), default=0)
        return max(self.touch_minimum().width(), self._wide_px, self._padding() + text)

    def touch_minimum(self) -> QSize:
        """The touch target with the style sheet's margin around it: the least size of the whole widget."""
        edge = self._margins()
        return QSize(self._touch_px + edge.width(), self._touch_px + edge.height())

    def _margins(self) -> QSize:
        """What the style sheet puts outside the border box (both sides), neither focused nor chosen
        (the focus ring and a chosen card's edge grow over the margin, so this is the widest)."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.state &= ~(QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_On)
        bevel = self.style().subElementRect(QStyle.SubElement.SE_PushButtonBevel, option, self)
        if not bevel.isValid():
            return QSize(0, 0)
        return QSize(max(0, option.rect.width() - bevel.width()), max(0, option.rect.height() - bevel.height()))

    def wrap_to(self, width: int) -> None:
        """Show the label on as few lines as fit `width` (one line when it fits)."""
        label = self.label()
        room = width - self._padding()
        metrics = self.fontMetrics()
        lines: list[str] = []
        for word in label.split(" "):
            if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= room:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        text = "\n".join(lines) if "\n" not in label and width < self.one_line_width() else label
        if text != self.text():
            self._shown = text
            self.setText(text)
            self._apply_touch_minimum()

    def _padding(self) -> int:
        """What the button adds around its label's widest line (borders, padding, icon)."""
        widest = max(self.fontMetrics().horizontalAdvance(line) for line in self.text().split("\n"))
        return super().sizeHint().width() - widest

    def repolish(self) -> None:
        """Re-apply the style sheet after a dynamic property changed, keeping the touch minimum."""
        self.style().unpolish(self)
        self.style().polish(self)
        self._apply_touch_minimum()
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter and Return press the focused button, like Space does."""
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not event.isAutoRepeat():
            if self.isEnabled():
                self.click()
            return
        super().keyPressEvent(event)

    def _apply_touch_minimum(self) -> None:
        """Minimum: the touch target (and the margin around it), the label's own needs, and any style sheet
        min-height."""
        hint = self.minimumSizeHint()
        touch = self.touch_minimum()
        width = max(touch.width(), self._wide_px, hint.width())
        height = max(touch.height(), hint.height(), self.minimumHeight())
        if (width, height) != (self.minimumWidth(), self.minimumHeight()):
            self.setMinimumSize(width, height)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Polish, QEvent.StyleChange):
            self._apply_touch_minimum()
        return handled


def _tick_icon(colour: str, size: int = 64) -> QIcon:
    """A drawn tick mark, so that a chosen chip differs by shape and not by colour alone."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    pen = QPen(QColor(colour), size * 0.13, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)
    painter.setPen(pen)
    path = QPainterPath(QPointF(size * 0.16, size * 0.54))
    path.lineTo(QPointF(size * 0.41, size * 0.78))
    path.lineTo(QPointF(size * 0.86, size * 0.24))
    painter.drawPath(path)
    painter.end()
    return QIcon(pixmap)


def chip_style_sheet(unit_px: int, palette: Palette = DEFAULT) -> str:
    """Style for toggle chips in `palette`: outlined when off, filled with a tick when on."""
    p = palette
    pad = round(unit_px * 0.5)
    return f"""
    QPushButton[chip="true"] {{
        background: {p.surface}; color: {p.text}; border: 2px solid {p.muted};
        border-radius: {pad * 2}px; padding: {pad}px {unit_px}px; font-weight: bold; min-height: 0px;
    }}
    QPushButton[chip="true"]:pressed {{ background: {p.secondary_pressed}; }}
    QPushButton[chip="true"]:checked {{ background: {p.primary}; color: white; border: 2px solid {p.primary}; }}
    QPushButton[chip="true"]:checked:pressed {{ background: {p.primary_pressed}; }}
    QPushButton[chip="true"]:focus {{ border: 4px solid {p.focus}; }}
    """


class ChipButton(TouchButton):
    """A toggle chip ("Sitting long"): checkable, shows a tick when chosen."""

    def __init__(self, text: str, value: str, touch_px: int = TOUCH_TARGET_FLOOR_PX,
                 parent: QWidget | None = None) -> None:
        super().__init__(text, None, touch_px, parent)
        self.value = value
        self.setProperty("chip", True)
        self.setCheckable(True)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.toggled.connect(self._show_tick)

    def set_checked_quietly(self, checked: bool) -> None:
        """Chosen or not, tick and all, without emitting `toggled` (settings shown as they are)."""
        self.blockSignals(True)
        self.setChecked(checked)
        self._show_tick(checked)
        self.blockSignals(False)

    def _show_tick(self, checked: bool) -> None:
        self.setIcon(_tick_icon("white") if checked else QIcon())
