"""Screen-blanking inhibit: D-Bus on a real private bus, xset through a stand-in program, never a crash."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from prerequisites import missing as prerequisite_missing

from kiosk.ui.screen_awake import ScreenAwake, _xset_restore_commands

FAKE_SCREENSAVER = textwrap.dedent('''
    """A stand-in org.freedesktop.ScreenSaver service that prints the calls it gets."""
    from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
    from PySide6.QtDBus import QDBusConnection

    @ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
    class ScreenSaver(QObject):
        @Slot(str, str, result="uint")
        def Inhibit(self, app, reason):
            print("Inhibit", app, "|", reason, flush=True)
            return 7

    app = QCoreApplication([])
    bus = QDBusConnection.sessionBus()
    saver = ScreenSaver()
    bus.registerObject("/org/freedesktop/ScreenSaver", saver, QDBusConnection.RegisterOption.ExportAllSlots)
    print("ready", bus.registerService("org.freedesktop.ScreenSaver"), flush=True)
    app.exec()
''')


@pytest.fixture
def no_platform(monkeypatch):
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)


def test_nothing_available_is_logged_not_raised(no_platform, caplog):
    awake = ScreenAwake()
    assert awake.inhibit() == ""
    assert "could not keep the screen awake" in caplog.text
    awake.release()
    assert awake.method == ""


def test_xset_turns_blanking_off_and_puts_it_back(no_platform, monkeypatch, tmp_path):
    log = tmp_path / "xset.log"
    fake = tmp_path / "xset"
    fake.write_text(textwrap.dedent(f"""\
        #!/bin/sh
        echo "$@" >> {log}
        if [ "$1" = q ]; then
          printf 'Screen Saver:\\n  prefer blanking:  yes    allow exposures:  yes\\n'
          printf '  timeout:  600    cycle:  600\\nDPMS (Energy Star):\\n  DPMS is Enabled\\n'
        fi
        """))
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DISPLAY", ":99")
    awake = ScreenAwake()
    assert awake.inhibit() == "xset"
    assert log.read_text().splitlines() == ["q", "s off -dpms"]
    awake.release()
    assert log.read_text().splitlines()[2:] == ["s 600 600", "+dpms"]


def test_failing_xset_is_not_a_crash(no_platform, monkeypatch, tmp_path):
    fake = tmp_path / "xset"
    fake.write_text("#!/bin/sh\necho 'unable to open display' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DISPLAY", ":99")
    assert ScreenAwake().inhibit() == ""


def test_xset_restore_commands_follow_what_was_there():
    assert _xset_restore_commands("xset", "  timeout:  0    cycle:  600\n  DPMS is Disabled") == []
    assert _xset_restore_commands("xset", "  timeout:  300    cycle:  60\n  DPMS is Enabled") == [
        ["xset", "s", "300", "60"], ["xset", "+dpms"]]


@pytest.fixture
def private_bus(tmp_path, monkeypatch):
    """A real dbus-daemon of our own with a stand-in ScreenSaver service on it."""
    if not sys.platform.startswith("linux"):
        pytest.skip("a session bus is a Linux thing")
    if shutil.which("dbus-daemon") is None:
        prerequisite_missing("needs dbus-daemon (Debian: dbus-daemon)")
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    service = None
    try:
        address = daemon.stdout.readline().strip()
        assert address.startswith("unix:"), address
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        monkeypatch.delenv("DISPLAY", raising=False)
        script = tmp_path / "fake_screensaver.py"
        script.write_text(FAKE_SCREENSAVER)
        service = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True,
                                   env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert service.stdout.readline().strip() == "ready True"
        yield address, service
    finally:
        for process in (service, daemon):
            if process is not None:
                process.terminate()
                process.wait(timeout=10)


def _names_on(address: str) -> list[str]:
    listing = subprocess.run(["dbus-send", f"--bus={address}", "--print-reply", "--dest=org.freedesktop.DBus",
                              "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames"],
                             capture_output=True, text=True, timeout=10, check=True)
    return [line.split('"')[1] for line in listing.stdout.splitlines() if '"' in line]


def test_dbus_inhibit_and_release_by_closing_our_connection(qtbot, private_bus):
    address, service = private_bus
    awake = ScreenAwake()
    assert awake.inhibit() == "dbus"
    assert service.stdout.readline().strip() == "Inhibit SI joint exercises | Clinic kiosk on display"
    assert awake.dbus_name and awake.dbus_name in _names_on(address)
    name = awake.dbus_name
    awake.release()
    # QtDBus closes the socket on its own thread, so the bus sees us go a moment later
    qtbot.waitUntil(lambda: name not in _names_on(address), timeout=10_000)
    assert name not in _names_on(address)       # the service sees us go and drops the inhibit


def test_dbus_without_the_service_falls_through(qtbot, monkeypatch, tmp_path):
    if shutil.which("dbus-daemon") is None:
        prerequisite_missing("needs dbus-daemon (Debian: dbus-daemon)")
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", daemon.stdout.readline().strip())
        monkeypatch.delenv("DISPLAY", raising=False)
        assert ScreenAwake().inhibit() == ""
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)
