"""The hidden staff gesture: five taps in the window's top-left corner within three seconds."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QPoint, QPointF, Signal
from PySide6.QtGui import QInputDevice, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.widgets.touch_button import screen_touch_target_px

TAPS = 5
WITHIN_MS = 3000


class CornerGesture(QObject):
    """Watches every tap in the application; five in the corner of `window` within 3 s trigger.

    A tap is a mouse-button release or the end of a touch, counted once although Qt hands the
    same release to the window, the widget and its parents, and follows an unaccepted touch
    with a synthesized mouse release. Taps are not swallowed: what is under the corner still
    gets them.

    Signals:
        triggered(): the gesture was completed.
    """

    triggered = Signal()

    def __init__(self, window: QWidget, corner_px: int | None = None,
                 clock_ms: Callable[[], int] | None = None, taps: int = TAPS,
                 within_ms: int = WITHIN_MS, parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else window)
        self._window = window
        self._corner_px = corner_px
        self._taps_needed = taps
        self._within_ms = within_ms
        if clock_ms is None:
            elapsed = QElapsedTimer()
            elapsed.start()
            clock_ms = elapsed.elapsed
            self._elapsed = elapsed        # keep it alive
        self._clock_ms = clock_ms
        self._taps: deque[int] = deque(maxlen=taps)
        self._last_release: tuple | None = None
        self._installed = False

    @property
    def corner_px(self) -> int:
        """Side of the corner square in logical pixels: 15 mm on this screen (at least 44)."""
        return self._corner_px or screen_touch_target_px(self._window)

    def install(self) -> None:
        if not self._installed:
            QApplication.instance().installEventFilter(self)
            self._installed = True

    def uninstall(self) -> None:
        if self._installed:
            QApplication.instance().removeEventFilter(self)
            self._installed = False
        self._taps.clear()

    def tap_at(self, global_pos: QPoint | QPointF) -> None:
        """Count one tap at a global position (what the filter does for each release)."""
        corner = self._window.mapToGlobal(QPoint(0, 0))
        x, y = global_pos.x() - corner.x(), global_pos.y() - corner.y()
        size = self.corner_px
        if not (0 <= x < size and 0 <= y < size):
            self._taps.clear()                 # a tap elsewhere breaks the sequence
            return
        now = self._clock_ms()
        self._taps.append(now)
        if len(self._taps) == self._taps_needed and now - self._taps[0] <= self._within_ms:
            self._taps.clear()
            self.triggered.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind == QEvent.Type.TouchEnd:
            # Every touch reaches its QWindow once before any widget sees it.
            if isinstance(watched, QWindow) and event.points():
                self.tap_at(event.points()[0].globalPosition())
        elif kind == QEvent.Type.MouseButtonRelease:
            if event.device() is not None and event.device().type() == QInputDevice.DeviceType.TouchScreen:
                return False                   # made up from a touch already counted
            position = event.globalPosition()
            key = (event.timestamp(), round(position.x()), round(position.y()))
            if key != self._last_release:      # the same release, passed from window to widget to parents
                self._last_release = key
                self.tap_at(position)
        return False
