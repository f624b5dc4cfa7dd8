"""Clinic lock-down: no way out by keys, close requests, context menus or tooltips until released."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

# A compositor that keeps refusing full screen is asked again at most this often in this many seconds;
# after that the window stays as the compositor placed it (a kiosk compositor maximizes it) and says so.
SETTLE_MS = 300
RECHECK_MS = 1500
RETRIES_PER_WINDOW = 5
RETRY_WINDOW_S = 10.0
REFUSED = ("clinic lock: the compositor did not make the window full screen after %d requests; "
           "it stays as the compositor placed it (%dx%d)")


def on_wayland() -> bool:
    """True when the app runs as a Wayland client (Qt's wayland platform plugin)."""
    app = QGuiApplication.instance()
    return app is not None and app.platformName().startswith("wayland")

# Keys that would close, quit, leave full screen or dismiss something: (key, modifiers).
_ALT, _CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
BLOCKED_WITH_MODIFIERS = frozenset({
    (Qt.Key.Key_F4, _ALT),
    (Qt.Key.Key_Q, _CTRL),
    (Qt.Key.Key_W, _CTRL),
})
# Escape and F11 are blocked with or without modifiers (Shift+Escape, Ctrl+F11, ...).
ALWAYS_BLOCKED = frozenset({Qt.Key.Key_Escape, Qt.Key.Key_F11})
_MODIFIERS = (Qt.KeyboardModifier.ShiftModifier | _CTRL | _ALT | Qt.KeyboardModifier.MetaModifier)
_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)
_SWALLOWED = (QEvent.Type.ContextMenu, QEvent.Type.ToolTip, QEvent.Type.WhatsThis,
              QEvent.Type.QueryWhatsThis, QEvent.Type.WhatsThisClicked)


def is_blocked_key(event: QKeyEvent) -> bool:
    """True for Alt+F4, Ctrl+Q, Ctrl+W, Escape and F11 (the keypad modifier is ignored)."""
    key = event.key()
    if key in ALWAYS_BLOCKED:
        return True
    return (key, event.modifiers() & _MODIFIERS) in BLOCKED_WITH_MODIFIERS


class KioskLock(QObject):
    """An application event filter for clinic mode.

    While installed it swallows the escape keys (Alt+F4, Ctrl+Q, Ctrl+W, Escape, F11, both as
    key presses and as shortcuts), context-menu, tooltip and what's-this events, and refuses
    close requests to the locked window. `apply_to(window)` makes that window frameless, full
    screen and always on top; `release()` undoes everything.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window: QWidget | None = None
        self._saved_flags: Qt.WindowType | None = None
        self._saved_state: Qt.WindowState | None = None
        self._installed = False
        self._requests: list[float] = []   # when full screen was asked for again (monotonic seconds)
        self._gave_up = False
        self._last_shape: tuple[int, int, bool] | None = None
        self._asked_at = float("-inf")         # when full screen was last asked of a Wayland compositor
        self.swallowed = 0            # how many events were swallowed (for logs and tests)
        self.clock = time.monotonic

    # -- public API -----------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self._installed

    def install(self) -> None:
        """Start filtering the application's events."""
        if not self._installed:
            QApplication.instance().installEventFilter(self)
            self._installed = True
            log.info("clinic lock on")

    def apply_to(self, window: QWidget) -> None:
        """Lock `window`: frameless, full screen, on top, and deaf to close requests.

        Full screen is asked of the window system (X11: _NET_WM_STATE; Wayland: xdg_toplevel
        set_fullscreen); the window never sets its own position or size. On Wayland there is no
        "on top" to ask for: the compositor stacks windows.
        """
        self.install()
        self._window = window
        self._saved_flags = window.windowFlags()
        self._saved_state = window.windowState()
        self._requests.clear()
        self._gave_up = False
        flags = window.windowFlags() | Qt.WindowType.FramelessWindowHint
        if not on_wayland():
            flags |= Qt.WindowType.WindowStaysOnTopHint
        if flags != window.windowFlags():
            window.setWindowFlags(flags)
        window.showFullScreen()

    def allows_close(self) -> bool:
        """What a window's closeEvent should ask: False while locked."""
        return not self._installed

    def release(self) -> None:
        """Undo everything: remove the filter and give the window its frame and size back."""
        if self._installed:
            QApplication.instance().removeEventFilter(self)
            self._installed = False
            log.info("clinic lock off")
        window, self._window = self._window, None
        if window is not None and self._saved_flags is not None:
            window.setWindowFlags(self._saved_flags)
            window.setWindowState(self._saved_state or Qt.WindowState.WindowNoState)
            window.show()
        self._saved_flags = self._saved_state = None

    # -- the filter -----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind in _KEY_EVENTS and is_blocked_key(event):
            event.accept()        # an accepted ShortcutOverride keeps shortcuts from firing
            self.swallowed += 1
            return True
        if kind in _SWALLOWED:
            event.accept()
            self.swallowed += 1
            return True
        if kind == QEvent.Type.Close and self._window is not None and watched is self._window:
            event.ignore()        # QWidget.close() then returns False and the window stays
            self.swallowed += 1
            return True
        if kind in (QEvent.Type.Resize, QEvent.Type.WindowStateChange) and watched is self._window:
            self._log_shape()
        if kind in (QEvent.Type.WindowStateChange, QEvent.Type.Hide) and watched is self._window \
                and (self._window.isMinimized() or not self._window.isFullScreen()):
            # Another program (or the window manager) shrank or hid the kiosk: take the screen back.
            # On Wayland a state change comes in the middle of a configure sequence (cage maximizes
            # first, then grants full screen): wait for it to settle before asking again.
            QTimer.singleShot(SETTLE_MS if on_wayland() else 0, self._window, self._take_screen_back)
        return False

    def _log_shape(self) -> None:
        """Log the window's size and whether it is full screen, when that changes (for diagnosis and tests)."""
        size, full = self._window.size(), self._window.isFullScreen()
        shape = (size.width(), size.height(), full)
        if shape != self._last_shape:
            self._last_shape = shape
            log.info("clinic lock: the window is %dx%d%s", size.width(), size.height(),
                     " (full screen)" if full else "")

    def _take_screen_back(self) -> None:
        window = self._window
        if window is None or not self._installed or (window.isFullScreen() and not window.isMinimized()):
            return
        wayland = on_wayland()
        if wayland and self.clock() - self._asked_at < RECHECK_MS / 2000:
            return                # a request is on its way: the compositor's answer (or the re-check) follows
        if not self._may_ask_again():
            return
        if wayland:
            self._asked_at = self.clock()
            # The Wayland way: ask the compositor (xdg_toplevel set_fullscreen) and let it size the
            # window. No show()/raise()/activate(): a client cannot place, raise or focus itself there
            # (Qt would only warn).
            handle = window.windowHandle()
            if handle is not None:
                if handle.windowStates() & Qt.WindowState.WindowFullScreen:
                    handle.setWindowStates(Qt.WindowState.WindowNoState)   # else Qt sends no new request
                handle.setWindowStates(Qt.WindowState.WindowFullScreen)
            log.info("clinic lock: asked the compositor for the full screen again")
            # A compositor may ignore the request without a word: look again (within the budget).
            QTimer.singleShot(RECHECK_MS, window, self._take_screen_back)
            return
        window.setWindowState(Qt.WindowState.WindowFullScreen)
        window.show()
        window.raise_()
        window.activateWindow()
        log.info("clinic lock: took the full screen back")

    def _may_ask_again(self) -> bool:
        """A budget of requests: a compositor that keeps refusing is not asked in an endless loop."""
        now = self.clock()
        self._requests = [t for t in self._requests if now - t < RETRY_WINDOW_S]
        if len(self._requests) >= RETRIES_PER_WINDOW:
            if not self._gave_up:
                self._gave_up = True
                size = self._window.size()
                log.warning(REFUSED, len(self._requests), size.width(), size.height())
            return False
        self._gave_up = False
        self._requests.append(now)
        return True
