"""Keeps the screen from blanking while the kiosk runs: best effort, logged, never raises."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys

log = logging.getLogger(__name__)

APP_NAME = "SI joint exercises"
REASON = "Clinic kiosk on display"
_SERVICE = "org.freedesktop.ScreenSaver"
_PATH = "/org/freedesktop/ScreenSaver"
_DBUS_TIMEOUT_MS = 1000
_CONNECTION = "kiosk-screen-awake"
_XSET_TIMEOUT_S = 3
# Windows SetThreadExecutionState flags
_ES_CONTINUOUS = 0x80000000
_ES_DISPLAY_REQUIRED = 0x00000002


class ScreenAwake:
    """`inhibit()` asks the platform not to blank the screen; `release()` gives that back.

    Tries, in order: Windows SetThreadExecutionState; the freedesktop ScreenSaver D-Bus
    interface (through QtDBus, when a session bus has the service); `xset s off -dpms` when
    DISPLAY is set and xset is installed. `method` says what worked ("" for nothing).
    Under the `cage` compositor none of these apply; cage itself never blanks the screen.
    """

    def __init__(self) -> None:
        self.method = ""
        self._cookie: int | None = None
        self.dbus_name = ""           # our unique name on the session bus while inhibiting via D-Bus
        self._xset_restore: list[list[str]] = []

    def inhibit(self) -> str:
        """Try each way in turn; returns the one that worked ("" if none). Never raises."""
        if self.method:
            return self.method
        for name, attempt in (("windows", self._windows), ("dbus", self._dbus), ("xset", self._xset)):
            try:
                if attempt():
                    self.method = name
                    log.info("screen blanking inhibited via %s", name)
                    return name
            except Exception:                      # noqa: BLE001 - best effort by design
                log.warning("screen blanking inhibit via %s failed", name, exc_info=True)
        log.warning("could not keep the screen awake: no screensaver inhibit available here")
        return ""

    def release(self) -> None:
        """Let the screen blank again as before. Never raises."""
        method, self.method = self.method, ""
        try:
            if method == "windows":
                import ctypes
                ctypes.windll.kernel32.SetThreadExecutionState(_ES_CONTINUOUS)  # type: ignore[attr-defined]
            elif method == "dbus":
                self._dbus_release()
            elif method == "xset":
                for command in self._xset_restore:
                    subprocess.run(command, timeout=_XSET_TIMEOUT_S, check=False, capture_output=True)
            if method:
                log.info("screen blanking allowed again (%s)", method)
        except Exception:                          # noqa: BLE001
            log.warning("releasing the screen blanking inhibit (%s) failed", method, exc_info=True)
        self._cookie = None
        self.dbus_name = ""
        self._xset_restore = []

    # -- the ways -------------------------------------------------------------------------
    def _windows(self) -> bool:
        if sys.platform != "win32":
            return False
        import ctypes
        result = ctypes.windll.kernel32.SetThreadExecutionState(  # type: ignore[attr-defined]
            _ES_CONTINUOUS | _ES_DISPLAY_REQUIRED)
        return bool(result)

    def _dbus(self) -> bool:
        """Inhibit on a connection of our own; closing it ends the inhibit.

        ScreenSaver implementations (GNOME, KDE, xfce) drop an inhibit when the connection that
        asked for it goes away. UnInhibit would need a uint32 cookie, which PySide6 cannot
        marshal (a Python int goes out as int32 and is refused), so release() disconnects.
        """
        address = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        if not sys.platform.startswith("linux") or not address:
            return False
        try:
            from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage
        except ImportError:
            return False
        bus = QDBusConnection.connectToBus(address, _CONNECTION)
        if not bus.isConnected():
            log.info("no D-Bus session bus: %s", bus.lastError().message())
            QDBusConnection.disconnectFromBus(_CONNECTION)
            return False
        message = QDBusMessage.createMethodCall(_SERVICE, _PATH, _SERVICE, "Inhibit")
        message.setArguments([APP_NAME, REASON])
        reply = bus.call(message, QDBus.CallMode.Block, _DBUS_TIMEOUT_MS)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage:
            log.info("D-Bus %s.Inhibit: %s", _SERVICE, reply.errorMessage() or reply.errorName())
            QDBusConnection.disconnectFromBus(_CONNECTION)
            return False
        self._cookie = int(reply.arguments()[0]) if reply.arguments() else 0
        self.dbus_name = bus.baseService()
        return True

    @staticmethod
    def _dbus_release() -> None:
        from PySide6.QtDBus import QDBusConnection

        QDBusConnection.disconnectFromBus(_CONNECTION)

    def _xset(self) -> bool:
        xset = shutil.which("xset")
        if not os.environ.get("DISPLAY") or xset is None:
            return False
        before = subprocess.run([xset, "q"], timeout=_XSET_TIMEOUT_S, check=False, capture_output=True,
                                text=True)
        if before.returncode != 0:
            log.info("xset q failed: %s", before.stderr.strip())
            return False
        done = subprocess.run([xset, "s", "off", "-dpms"], timeout=_XSET_TIMEOUT_S, check=False,
                              capture_output=True, text=True)
        if done.returncode != 0:
            log.info("xset s off -dpms failed: %s", done.stderr.strip())
            return False
        self._xset_restore = _xset_restore_commands(xset, before.stdout)
        return True


def _xset_restore_commands(xset: str, query: str) -> list[list[str]]:
    """Commands that put back the screensaver timeout and DPMS state `xset q` reported."""
    commands = []
    timeout = re.search(r"timeout:\s*(\d+)\s+cycle:\s*(\d+)", query)
    if timeout and timeout.group(1) != "0":
        commands.append([xset, "s", timeout.group(1), timeout.group(2)])
    if "DPMS is Enabled" in query:
        commands.append([xset, "+dpms"])
    return commands
