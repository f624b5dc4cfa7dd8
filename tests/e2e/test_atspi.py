"""The real app as a screen reader sees it: names, roles, sizes and the Press action over AT-SPI, under Xvfb.

The app runs as `python -m kiosk run --windowed` on the xcb platform with Qt's Linux accessibility
bridge switched on. Debian's pyatspi lives in the system python3, not in the venv, so the AT-SPI side
is a small script (atspi_walker.py) run under /usr/bin/python3 that prints JSON.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from prerequisites import missing as prerequisite_missing

from kiosk.core.loader import load_routines
from kiosk.paths import PROJECT_DIR, bundled_dir

from xvfb import display_missing, start_virtual_display

pytestmark = pytest.mark.e2e

HERE = Path(__file__).resolve().parent
WALKER = HERE / "atspi_walker.py"
SYSTEM_PYTHON = "/usr/bin/python3"
APP_NAME = "SI joint exercises"           # QApplication.applicationName(), set in kiosk.app
BUTTON_ROLES = {"push button", "toggle button", "check box", "radio button"}
MIN_PX = 44
INSTALL_HINT = "run `packaging/system-deps.sh test` (Debian: xvfb dbus-daemon at-spi2-core python3-pyatspi)"


def _pyatspi_missing() -> str | None:
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        return f"{SYSTEM_PYTHON} not found"
    done = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        return f"the system python3 cannot import pyatspi: {done.stderr.strip().splitlines()[-1:]}"
    if not Path("/usr/libexec/at-spi-bus-launcher").exists() and shutil.which("at-spi-bus-launcher") is None:
        return "at-spi2-core's bus launcher is not installed"
    return None


@pytest.fixture(scope="module")
def display():
    missing = display_missing() or _pyatspi_missing()
    if missing:
        prerequisite_missing(f"no accessibility bus to test through: {missing}; {INSTALL_HINT}")
    screen = start_virtual_display((1920, 1080))
    yield screen
    screen.stop()


class ScreenReader:
    """Asks atspi_walker.py (system python3) about the app; every answer is parsed JSON."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def _run(self, *args: str) -> tuple[int, dict]:
        done = subprocess.run([SYSTEM_PYTHON, str(WALKER), *args, ], env=self.env, capture_output=True,
                              text=True, timeout=60)
        try:
            return done.returncode, json.loads(done.stdout)
        except json.JSONDecodeError:
            raise AssertionError(f"walker said: {done.stdout[-500:]} {done.stderr[-1500:]}") from None

    def nodes(self) -> list[dict]:
        code, answer = self._run("dump", APP_NAME)
        return answer.get("nodes", []) if code == 0 else []

    def press(self, name: str) -> dict:
        return self._run("press", APP_NAME, name)[1]

    def wait_for(self, condition, what: str, timeout: float = 60.0) -> list[dict]:
        """Poll the tree until `condition(nodes)` holds; the nodes then."""
        deadline = time.monotonic() + timeout
        nodes: list[dict] = []
        while time.monotonic() < deadline:
            nodes = self.nodes()
            if nodes and condition(nodes):
                return nodes
            time.sleep(0.3)
        shown = [(n["role"], n["name"]) for n in nodes][:40]
        raise AssertionError(f"timed out waiting for {what}; the screen reader saw {shown}")


def _named(nodes: list[dict], name: str, roles=BUTTON_ROLES) -> dict | None:
    return next((n for n in nodes if n["name"] == name and n["role"] in roles), None)


@pytest.fixture
def app(display, tmp_path):
    """The real app in a window on the virtual display, with Qt's AT-SPI bridge on; a ScreenReader for it."""
    env = {**os.environ, **display.env, "QT_QPA_PLATFORM": "xcb", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
    for key in ("KIOSK_DATA_DIR", "KIOSK_ROUTINES_DIR", "KIOSK_TIME_SCALE"):
        env.pop(key, None)
    log = (tmp_path / "app.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run", "--windowed", "--data-dir", str(tmp_path / "data")],
        cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    reader = ScreenReader(env)
    try:
        reader.wait_for(lambda nodes: _named(nodes, "Start") is not None, "the home screen's Start button")
        yield reader
    finally:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        log.close()
    assert process.returncode in (0, -signal.SIGTERM), (tmp_path / "app.log").read_text()[-2000:]


def _size_problems(nodes: list[dict]) -> list[str]:
    return [f"{n['role']} {n['name']!r} is {n['width']}x{n['height']}" for n in nodes
            if n["role"] in BUTTON_ROLES and min(n["width"], n["height"]) < MIN_PX]


def test_home_screen_buttons_and_routine_cards_have_names_roles_sizes_and_press(app):
    nodes = app.nodes()
    for name in ("Start", "Light aerobics"):
        button = _named(nodes, name)
        assert button is not None, f"no button {name!r}: {[(n['role'], n['name']) for n in nodes]}"
        assert button["role"] == "push button"
        assert "Press" in button["actions"]
        assert {"showing", "enabled", "focusable"} <= set(button["states"])
        assert min(button["width"], button["height"]) >= MIN_PX, button

    titles = [r.title for r in load_routines(bundled_dir("routines")).routines.values()]
    assert titles
    for title in titles:
        card = _named(nodes, title)
        assert card is not None, f"no routine card {title!r}"
        assert card["role"] in BUTTON_ROLES and "Press" in card["actions"], card
        assert min(card["width"], card["height"]) >= MIN_PX, card
    chosen = [n["name"] for n in nodes if n["name"] in titles and n["role"] in BUTTON_ROLES
              and "checked" in n["states"]]
    assert len(chosen) == 1, f"one routine is chosen at the start, not {chosen}"

    unnamed = [n["role"] for n in nodes if n["role"] in BUTTON_ROLES and not n["name"].strip()]
    assert not unnamed, f"buttons with no name: {unnamed}"
    assert not _size_problems(nodes), _size_problems(nodes)
    window = next(n for n in nodes if n["role"] == "frame")
    assert window["name"] == APP_NAME


def test_pressing_start_through_the_screen_reader_opens_the_safety_screen(app):
    answer = app.press("Start")
    assert answer.get("pressed") == "Start", answer

    def on_safety_screen(nodes):
        return any(n["name"] == "Before you start" and n["role"] != "label" for n in nodes) \
            and _named(nodes, "Start") is None

    nodes = app.wait_for(on_safety_screen, "the 'Before you start' screen (first run)")
    assert _named(nodes, "I understand, continue") is not None
    assert _named(nodes, "Back") is not None
    assert not _size_problems(nodes), _size_problems(nodes)
