"""The installed clinic kiosk under real Wayland compositors, run as the guide says, as an unprivileged user.

Cage (Debian's 0.1.4, headless wlroots backend, pixman renderer, one 1280x720 output) runs the guide's
own session line, `cage -d -- /opt/si-kiosk/kiosk-session`, with the bundle copied as the guide's
install step does. kiosk-session finds no user service manager here and runs `kiosk-session app`
itself, the command si-kiosk.service runs. The app must come up on the Wayland platform, full screen
at the output's size, on the attract screen.

Cage 0.1.4 cannot ask a window to close (no key binding, no foreign-toplevel protocol), and its
headless output, when nothing is damaged, hands grim a stale buffer of the swapchain, so a static
window shows partly black there even though it covers the output. What a person would see is
therefore measured from the PNG under sway (same wlroots headless backend), which repaints
correctly: the frame is the app's own (no black band), the attract screen shows, and the window
survives the compositor's close request (`swaymsg kill`: xdg_toplevel.close), losing full screen
(`swaymsg fullscreen disable`), a rotated output and an output smaller than 800 x 480.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from kiosk.paths import PROJECT_DIR
from kiosk_bundle import build_bundle
from prerequisites import missing
from wayland_session import as_user, kiosk_user, private_dir, start_compositor, wait_for, wayland_missing

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

GUIDE = PROJECT_DIR / "packaging" / "KIOSK-SETUP.md"
SESSION = PROJECT_DIR / "packaging" / "kiosk-session"
UNIT = PROJECT_DIR / "packaging" / "si-kiosk.service"
STAFF_PIN = "2468"
OUTPUT = (1280, 720)
BACKGROUND = 0xF6F3EE          # theme background (kiosk/ui/theme.py)
PRIMARY = 0x1F5F8B             # the "Touch to start" button
FULL_SCREEN = re.compile(r"clinic lock: the window is (\d+)x(\d+) \(full screen\)")


def guide_session_command(install: Path) -> list[str]:
    """The guide's `exec cage ... /opt/si-kiosk/kiosk-session` line, pointed at `install`."""
    match = re.search(r"exec (cage [^\n]*/opt/si-kiosk/kiosk-session)", GUIDE.read_text())
    assert match, "KIOSK-SETUP.md no longer starts cage with /opt/si-kiosk/kiosk-session"
    return [part.replace("/opt/si-kiosk", str(install)) for part in shlex.split(match.group(1))]


def test_the_unit_runs_what_the_session_script_runs():
    """si-kiosk.service and kiosk-session's own fallback start the same command: `kiosk-session app`."""
    assert re.search(r"^ExecStart=/opt/si-kiosk/kiosk-session app$", UNIT.read_text(), re.M)
    assert '"$0" app' in SESSION.read_text()
    assert "install -m 755 packaging/kiosk-session /opt/si-kiosk/kiosk-session" in GUIDE.read_text()


@pytest.fixture(scope="module")
def user():
    problem = wayland_missing()
    if problem:
        missing(f"no headless Wayland compositor: {problem}; run `packaging/system-deps.sh test`")
    return kiosk_user()


@pytest.fixture(scope="module")
def install(user, tmp_path_factory):
    """The guide's install step: the bundle as /opt/si-kiosk (here a 0755 temporary folder), with kiosk-session."""
    executable = build_bundle(tmp_path_factory)
    opt = Path(tempfile.mkdtemp(prefix="si-kiosk-opt-"))
    opt.chmod(0o755)
    target = opt / "si-kiosk"
    shutil.copytree(executable.parent, target, symlinks=True)
    shutil.copy2(SESSION, target / "kiosk-session")
    (target / "kiosk-session").chmod(0o755)
    yield target
    shutil.rmtree(opt, ignore_errors=True)


@pytest.fixture
def data_dir(user, install):
    """The kiosk user's data folder, with the staff PIN set (so the app opens on the attract screen)."""
    folder = private_dir(user, "si-kiosk-data-")
    done = subprocess.run(as_user(user, {"KIOSK_DATA_DIR": str(folder)}, str(install / "si-kiosk"), "admin",
                                  "set-pin"), input=f"{STAFF_PIN}\n{STAFF_PIN}\n", capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def measure(png: Path) -> dict[str, float]:
    """Fractions of the frame (every 4th pixel): pure black (no window), the app's background, the button's blue;
    and how wide the widest row of button blue is."""
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    counts = {"black": 0, "background": 0, "primary": 0}
    widest = total = 0
    for y in range(0, image.height(), 4):
        row = 0
        for x in range(0, image.width(), 4):
            pixel = image.pixel(x, y) & 0xFFFFFF
            total += 1
            if pixel == 0:
                counts["black"] += 1
            elif pixel == BACKGROUND:
                counts["background"] += 1
            elif pixel == PRIMARY:
                counts["primary"] += 1
                row += 1
        widest = max(widest, row)
    result = {name: count / total for name, count in counts.items()}
    result.update(width=image.width(), height=image.height(), button_row=widest * 4 / max(image.width(), 1))
    return result


def full_screen_sizes(log_text: str) -> list[tuple[int, int]]:
    return [(int(w), int(h)) for w, h in FULL_SCREEN.findall(log_text)]


def _app_env(data_dir: Path) -> dict[str, str]:
    return {"KIOSK_DATA_DIR": str(data_dir), "KIOSK_LOG": "info"}


def test_the_guide_s_cage_session_starts_the_kiosk_full_screen_on_wayland(user, install, data_dir, tmp_path):
    cage = start_compositor(guide_session_command(install), user, tmp_path / "cage.log", env=_app_env(data_dir))
    try:
        wait_for(lambda: OUTPUT in full_screen_sizes(cage.log.read_text(errors="replace")),
                 lambda: f"the app to report a {OUTPUT[0]}x{OUTPUT[1]} full-screen window; log:\n{cage.log_tail()}",
                 timeout=60)
        time.sleep(1.0)
        shot = cage.screenshot(tmp_path / "cage.png")
        seen = measure(shot)
        log = cage.log.read_text(errors="replace")
        assert (seen["width"], seen["height"]) == OUTPUT, seen
        assert seen["background"] > 0.2 and seen["primary"] > 0.02, f"not the attract screen: {seen}"
        assert "no user service manager" in log            # the session script ran the unit's command itself
        assert "Could not load the Qt platform plugin" not in log and "Traceback" not in log, log[-3000:]
        assert full_screen_sizes(log)[-1] == OUTPUT, log[-3000:]
        assert cage.process.poll() is None, "cage ended: its client (the session) is gone"
    finally:
        cage.stop()


SWAY_CONFIG = """output HEADLESS-1 mode {w}x{h} bg #000000 solid_color
default_border none
exec {session}
"""


def _start_sway(user, command: str, log: Path, env: dict[str, str]):
    """Sway, headless at 1280x720, whose one client is `command`; (compositor, its config folder)."""
    config = Path(tempfile.mkdtemp(prefix="si-kiosk-sway-")) / "config"
    config.parent.chmod(0o755)
    config.write_text(SWAY_CONFIG.format(w=OUTPUT[0], h=OUTPUT[1], session=command))
    config.chmod(0o644)
    return start_compositor(["sway", "--config", str(config)], user, log, env=env), config.parent


@pytest.fixture
def sway(user, install, data_dir, tmp_path):
    """Sway whose one client is the guide's kiosk-session (the clinic kiosk)."""
    compositor, folder = _start_sway(user, str(install / "kiosk-session"), tmp_path / "sway.log", _app_env(data_dir))
    try:
        wait_for(lambda: OUTPUT in full_screen_sizes(compositor.log.read_text(errors="replace")),
                 lambda: f"the app to report a full-screen window under sway; log:\n{compositor.log_tail()}",
                 timeout=60)
        yield compositor
    finally:
        compositor.stop()
        shutil.rmtree(folder, ignore_errors=True)


def test_under_sway_the_same_close_request_does_close_the_home_app(user, install, data_dir, tmp_path):
    """The control: outside clinic mode the compositor's close request ends the app, so the kiosk test can fail."""
    marker = "home app exited with code"
    command = f"sh -c '{install / 'si-kiosk'} run --windowed; echo {marker} $?'"
    compositor, folder = _start_sway(user, command, tmp_path / "sway-home.log", _app_env(data_dir))
    try:
        wait_for(lambda: compositor.run("swaymsg", "-t", "get_tree").stdout.count('"app_id"') >= 1
                 and "SI joint exercises" in compositor.run("swaymsg", "-t", "get_tree").stdout,
                 lambda: f"the home window to show; log:\n{compositor.log_tail()}", timeout=60)
        time.sleep(1)
        done = compositor.run("swaymsg", "kill")
        assert done.returncode == 0, done.stdout + done.stderr
        wait_for(lambda: f"{marker} 0" in compositor.log.read_text(errors="replace"),
                 lambda: f"the close request to end the home app; log:\n{compositor.log_tail()}", timeout=20)
    finally:
        compositor.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _covers(sway, tmp_path: Path, name: str, size: tuple[int, int], output: str | None = None) -> dict[str, float]:
    """Screenshots until the frame is the attract screen on the whole output (a moment after a change)."""
    def covered():
        seen = measure(sway.screenshot(tmp_path / f"{name}.png", output))
        ok = ((seen["width"], seen["height"]) == size and seen["black"] < 0.005 and seen["background"] > 0.4
              and seen["primary"] > 0.02 and seen["button_row"] > 0.8)
        covered.last = seen
        return seen if ok else None

    covered.last = None
    try:
        return wait_for(covered, f"the attract screen to cover the {size[0]}x{size[1]} output", timeout=15,
                        interval=0.5)
    except AssertionError:
        raise AssertionError(f"{name}: {covered.last}; log:\n{sway.log_tail()}") from None


def _app_is_up(sway) -> None:
    tree = sway.run("swaymsg", "-t", "get_tree")
    assert tree.returncode == 0, tree.stderr
    assert '"app_id": "si-kiosk"' in tree.stdout or "SI joint exercises" in tree.stdout, tree.stdout[-2000:]


def test_under_sway_the_kiosk_covers_the_output_and_survives_the_close_request(sway, tmp_path):
    print("start:", _covers(sway, tmp_path, "sway-start", OUTPUT))
    done = sway.run("swaymsg", "kill")                   # the focused window: xdg_toplevel.close
    assert done.returncode == 0, done.stdout + done.stderr
    time.sleep(2)
    print("after close request:", _covers(sway, tmp_path, "sway-after-close", OUTPUT))
    _app_is_up(sway)
    log = sway.log.read_text(errors="replace")
    assert "app exited" not in log, log[-3000:]          # not closed and restarted: never closed


def test_under_sway_the_kiosk_takes_full_screen_back(sway, tmp_path):
    done = sway.run("swaymsg", "fullscreen", "disable")
    assert done.returncode == 0, done.stdout + done.stderr
    wait_for(lambda: "asked the compositor for the full screen again" in sway.log.read_text(errors="replace"),
             "the lock to ask for full screen again")
    print("taken back:", _covers(sway, tmp_path, "sway-taken-back", OUTPUT))


def test_under_sway_a_rotated_output_is_followed(sway, tmp_path):
    done = sway.run("swaymsg", "output", "HEADLESS-1", "transform", "90")
    assert done.returncode == 0, done.stdout + done.stderr
    print("rotated:", _covers(sway, tmp_path, "sway-rotated", (OUTPUT[1], OUTPUT[0])))
    wait_for(lambda: "screen HEADLESS-1: 720 x 1280" in sway.log.read_text(errors="replace"),
             "the app to log the rotated screen")


def test_under_sway_a_too_small_output_is_said_and_the_app_stays(sway, tmp_path):
    done = sway.run("swaymsg", "--", "output", "HEADLESS-1", "mode", "--custom", "640x400")
    assert done.returncode == 0, done.stdout + done.stderr
    wait_for(lambda: "screen too small: This screen is 640 x 400" in sway.log.read_text(errors="replace"),
             "the app to say the screen is too small")
    print("640x400:", _covers(sway, tmp_path, "sway-small", (640, 400)))   # still the app's frame, all of it
    _app_is_up(sway)


def test_under_sway_a_screen_plugged_in_while_running_is_followed(sway, tmp_path):
    done = sway.run("swaymsg", "create_output")          # a second headless output, HEADLESS-2
    assert done.returncode == 0, done.stdout + done.stderr
    wait_for(lambda: "screen added: HEADLESS-2" in sway.log.read_text(errors="replace"),
             lambda: f"the app to log the new screen; log:\n{sway.log_tail()}")
    print("kiosk output after plug-in:", _covers(sway, tmp_path, "sway-plugged", OUTPUT, output="HEADLESS-1"))
    _app_is_up(sway)
