"""A real window manager (openbox) on a virtual display, and the X tools that look at and poke its windows.

    wm = start_openbox(display.env, tmp_path / "openbox")   # keybindings=False: every key goes to apps
    wid = find_window(display.env, "SI joint exercises", app)
    state = window_state(display.env, wid)          # exists, mapped, geometry, _NET_WM_STATE, managed
    close_request(display.env, wid)                 # _NET_CLOSE_WINDOW, as a title bar's close button
    leave_fullscreen_request(display.env, wid); minimize_request(display.env, wid)
    activate(display.env, wid); press_keys(display.env, "alt+F4")
    stop_process_group(wm)

Every X tool runs as a subprocess (xdotool, wmctrl, xprop, xwininfo); a screenshot is taken by a short
PySide6 script on the xcb platform, so nothing here needs an X library in the test process.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from xvfb import stop_process_group  # noqa: F401 (tests import it from here too)

TOOLS = (("openbox", "openbox"), ("xdotool", "xdotool"), ("wmctrl", "wmctrl"),
         ("xprop", "x11-utils"), ("xwininfo", "x11-utils"))

# Openbox with no key or mouse bindings at all: every key combination goes to the focused application.
_NO_BINDINGS_RC = """<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <keyboard></keyboard>
  <mouse></mouse>
  <menu><file>{menu}</file></menu>
</openbox_config>
"""
_EMPTY_MENU = """<?xml version="1.0" encoding="UTF-8"?>
<openbox_menu xmlns="http://openbox.org/3.4/menu"></openbox_menu>
"""

_SCREENSHOT = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)
"""


class WindowManagerUnavailable(RuntimeError):
    """The window manager or one of the X tools is missing or did not start."""


def window_manager_missing() -> str | None:
    """Why openbox and the X tools cannot be used here, or None when they can."""
    missing = [f"{tool} (Debian: {package})" for tool, package in TOOLS if shutil.which(tool) is None]
    return f"not installed: {', '.join(missing)}" if missing else None


def x_tool(env: dict[str, str], *args: str, check: bool = True, timeout: float = 15.0) -> str:
    """Run an X tool on the display in `env`; its standard output."""
    done = subprocess.run(list(args), env={**os.environ, **env}, capture_output=True, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return done.stdout


def wait_until(condition, what: str, timeout: float = 15.0, interval: float = 0.05):
    """Poll `condition()` until it returns something true; that value. AssertionError after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def start_openbox(env: dict[str, str], config_dir: Path, keybindings: bool = True,
                  timeout: float = 15.0) -> subprocess.Popen:
    """Openbox on the display in `env`, ready (it answers EWMH queries) when this returns.

    keybindings=True uses the system's rc.xml (Alt+F4 is the window manager's Close there);
    False gives it a config with no bindings, so every key combination reaches the focused window.
    The caller stops it with stop_process_group().
    """
    command = ["openbox"]
    if not keybindings:
        config_dir.mkdir(parents=True, exist_ok=True)
        menu = config_dir / "menu.xml"
        menu.write_text(_EMPTY_MENU)
        rc = config_dir / "rc.xml"
        rc.write_text(_NO_BINDINGS_RC.format(menu=menu))
        command += ["--config-file", str(rc)]
    log = (config_dir.parent / f"{config_dir.name}.log")
    config_dir.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        process = subprocess.Popen(command, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while "Openbox" not in x_tool(env, "wmctrl", "-m", check=False):
            if process.poll() is not None or time.monotonic() > deadline:
                raise WindowManagerUnavailable(
                    f"openbox did not start (exit code {process.poll()}): {log.read_text()[-500:]}")
            time.sleep(0.05)
    except BaseException:
        stop_process_group(process)
        raise
    return process


@dataclass
class WindowState:
    """What the X server and the window manager say about one client window."""

    exists: bool
    mapped: bool = False
    x: int = 0
    y: int = 0
    width: int = 0
    height: int = 0
    net_wm_state: frozenset[str] = field(default_factory=frozenset)
    managed: bool = False          # in the window manager's _NET_CLIENT_LIST

    @property
    def fullscreen(self) -> bool:
        return "_NET_WM_STATE_FULLSCREEN" in self.net_wm_state

    def covers(self, size: tuple[int, int]) -> bool:
        return (self.x, self.y) == (0, 0) and (self.width, self.height) == size

    def __str__(self) -> str:
        if not self.exists:
            return "no such window"
        state = ", ".join(sorted(s.removeprefix("_NET_WM_STATE_") for s in self.net_wm_state)) or "none"
        return (f"{'mapped' if self.mapped else 'UNMAPPED'}, {self.width}x{self.height}+{self.x}+{self.y}, "
                f"state [{state}], {'managed' if self.managed else 'NOT MANAGED'}")


def screen_size(env: dict[str, str]) -> tuple[int, int]:
    """The root window's width and height."""
    info = x_tool(env, "xwininfo", "-root")
    return int(_field(info, "Width")), int(_field(info, "Height"))


def _field(xwininfo: str, name: str) -> str:
    match = re.search(rf"^\s*{re.escape(name)}:\s*(.+)$", xwininfo, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"xwininfo said no {name!r}: {xwininfo[-300:]}")
    return match.group(1).strip()


def window_state(env: dict[str, str], wid: int) -> WindowState:
    """Map state, position on the root, size, _NET_WM_STATE and whether the window manager lists it."""
    info = subprocess.run(["xwininfo", "-id", str(wid)], env={**os.environ, **env}, capture_output=True,
                          text=True, timeout=15)
    if info.returncode != 0:                           # "X Error of failed request: BadWindow"
        return WindowState(exists=False)
    text = info.stdout
    states = x_tool(env, "xprop", "-id", str(wid), "_NET_WM_STATE", check=False)
    clients = x_tool(env, "xprop", "-root", "_NET_CLIENT_LIST", check=False)
    listed = {int(h, 16) for h in re.findall(r"0x[0-9a-fA-F]+", clients)}
    return WindowState(
        exists=True,
        mapped=_field(text, "Map State") == "IsViewable",
        x=int(_field(text, "Absolute upper-left X")),
        y=int(_field(text, "Absolute upper-left Y")),
        width=int(_field(text, "Width")),
        height=int(_field(text, "Height")),
        net_wm_state=frozenset(re.findall(r"_NET_WM_STATE_\w+", states)),
        managed=wid in listed,
    )


def find_window(env: dict[str, str], name: str, process: subprocess.Popen, timeout: float = 30.0) -> int:
    """The id of the visible top-level window called `name` that `process` shows.

    AssertionError when the process exits first or no such window shows within `timeout`.
    """
    def found() -> int | None:
        if process.poll() is not None:
            raise AssertionError(f"process {process.pid} exited with code {process.returncode} "
                                 f"before showing a window {name!r}")
        out = x_tool(env, "xdotool", "search", "--onlyvisible", "--pid", str(process.pid), "--name", f"^{name}$",
                     check=False)
        ids = [int(line) for line in out.split()]
        return ids[0] if ids else None

    return wait_until(found, f"a visible window {name!r} of process {process.pid}", timeout)


def focused_window(env: dict[str, str]) -> int | None:
    out = x_tool(env, "xdotool", "getwindowfocus", check=False).strip()
    return int(out) if out else None


def activate(env: dict[str, str], wid: int) -> None:
    """Raise and focus the window through the window manager (_NET_ACTIVE_WINDOW); waits until it has focus."""
    x_tool(env, "xdotool", "windowactivate", "--sync", str(wid), check=False)
    if focused_window(env) != wid:
        x_tool(env, "xdotool", "windowfocus", "--sync", str(wid), check=False)
    wait_until(lambda: focused_window(env) == wid, f"window {wid} to have the keyboard focus", timeout=5)


def press_keys(env: dict[str, str], combination: str) -> None:
    """Type one key combination (xdotool syntax, e.g. "alt+F4") through XTEST, as a real keyboard would:
    it goes to the window manager's key grabs first, then to the focused window."""
    x_tool(env, "xdotool", "key", "--clearmodifiers", combination)


def close_request(env: dict[str, str], wid: int) -> None:
    """Ask the window manager to close the window (_NET_CLOSE_WINDOW, what a title bar's close button does)."""
    x_tool(env, "wmctrl", "-i", "-c", hex(wid))


def leave_fullscreen_request(env: dict[str, str], wid: int) -> None:
    """Ask the window manager to take the window out of full screen (_NET_WM_STATE remove FULLSCREEN)."""
    x_tool(env, "wmctrl", "-i", "-r", hex(wid), "-b", "remove,fullscreen")


def minimize_request(env: dict[str, str], wid: int) -> None:
    """Ask the window manager to minimize (iconify) the window (WM_CHANGE_STATE IconicState)."""
    x_tool(env, "xdotool", "windowminimize", str(wid))


def screenshot(env: dict[str, str], path: Path) -> Path:
    """Save the whole screen as a PNG (a short PySide6 script on the xcb platform)."""
    done = subprocess.run([sys.executable, "-c", _SCREENSHOT, str(path)],
                          env={**os.environ, **env, "QT_QPA_PLATFORM": "xcb"}, capture_output=True, text=True,
                          timeout=30)
    if done.returncode != 0:
        raise RuntimeError(f"screenshot failed: {done.stderr[-500:]}")
    return path


def changed_fraction(before: Path, after: Path) -> float:
    """How much of the screen differs between two screenshots of the same size (0.0 to 1.0)."""
    import numpy as np
    from PySide6.QtGui import QImage

    def pixels(path: Path):
        image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
        if image.isNull():
            raise RuntimeError(f"cannot read {path}")
        return np.frombuffer(image.constBits(), dtype=np.uint32,
                             count=image.width() * image.height()).copy(), image.size()

    a, size_a = pixels(before)
    b, size_b = pixels(after)
    if size_a != size_b:
        return 1.0
    return float(np.count_nonzero(a != b)) / a.size
