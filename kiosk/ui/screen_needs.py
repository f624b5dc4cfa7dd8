"""What the app needs of its display (one to show on, a screen of at least 800 x 480), said plainly when missing."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication, QScreen

from kiosk.core.translations import N_

log = logging.getLogger(__name__)

MIN_LONG_SIDE, MIN_SHORT_SIDE = 800, 480          # 800 x 480, either way up
EXIT_NO_DISPLAY = 3
NO_DISPLAY = ("kiosk: there is no display to show the app on (WAYLAND_DISPLAY and DISPLAY are both unset). "
              "Start it inside a Wayland compositor such as cage (see KIOSK-SETUP.md) or an X session.")
TOO_SMALL = N_("This screen is {w} x {h}. The app needs at least 800 x 480, so some parts may not fit: "
               "use a larger screen if you can.")
_NEEDS_A_DISPLAY = ("wayland", "wayland-egl", "xcb")


def display_problem(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> str | None:
    """Why Qt will find no display to open (the message to print), or None when it can try.

    Only the Linux window-system platforms need one: a QT_QPA_PLATFORM that names another
    (offscreen, eglfs, linuxfb, vnc) is left to Qt.
    """
    if not platform.startswith("linux"):
        return None
    names = [name.split(":")[0].strip() for name in environ.get("QT_QPA_PLATFORM", "").split(";")]
    names = [name for name in names if name]
    if any(name not in _NEEDS_A_DISPLAY for name in names):
        return None
    if environ.get("WAYLAND_DISPLAY") or environ.get("WAYLAND_SOCKET") or environ.get("DISPLAY"):
        return None
    return NO_DISPLAY


def size_problem(width: int, height: int) -> str | None:
    """The on-screen message for a screen smaller than 800 x 480 (either way up), or None."""
    if max(width, height) >= MIN_LONG_SIDE and min(width, height) >= MIN_SHORT_SIDE:
        return None
    return TOO_SMALL.format(w=width, h=height)


class ScreenWatcher(QObject):
    """Logs every screen the app gets (plugged in, removed, resized, rotated) and says when one is too small.

    `notify(message, **values)` shows the message where the person can see it (the home screen's notice,
    HomeScreen.show_notice): TOO_SMALL, in the language in use, with its {w} and {h}.
    The window itself follows the screen: full screen is the compositor's (or window manager's) to size.
    """

    def __init__(self, notify: Callable[..., None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notify = notify
        self.last_problem: str | None = None
        app = QGuiApplication.instance()
        # Bound methods, not lambdas: Qt ends these connections with the watcher (a lambda's would outlive
        # its window and show the notice on a deleted screen).
        app.screenAdded.connect(self._added)
        app.screenRemoved.connect(self._removed)
        app.primaryScreenChanged.connect(self._changed)
        for screen in app.screens():
            self._watch(screen)
        self.check()

    def _added(self, screen: QScreen) -> None:
        log.info("screen added: %s", screen.name())
        self._watch(screen)
        self.check()

    def _removed(self, screen: QScreen) -> None:
        log.info("screen removed: %s", screen.name())

    def _changed(self, *_new) -> None:
        self.check()

    def _watch(self, screen: QScreen) -> None:
        screen.geometryChanged.connect(self._changed)

    def check(self) -> str | None:
        """Check the primary screen now; the problem, if any (logged, and shown once per new size)."""
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            log.warning("no screen: the window system reports none right now")
            return None
        size = screen.geometry().size()
        log.info("screen %s: %d x %d", screen.name(), size.width(), size.height())
        problem = size_problem(size.width(), size.height())
        if problem is not None and problem != self.last_problem:
            log.warning("screen too small: %s", problem)
            self._notify(TOO_SMALL, w=size.width(), h=size.height())
        self.last_problem = problem
        return problem
