"""A private X display (Xvfb on a free display number) and a private D-Bus session bus, for end-to-end tests.

    with virtual_display() as display:          # or: display = start_virtual_display(); display.stop()
        subprocess.run([...], env={**os.environ, **display.env})

`display.env` holds DISPLAY, DBUS_SESSION_BUS_ADDRESS and a private XDG_RUNTIME_DIR. Services the bus
starts on demand (the AT-SPI bus launcher and registry) run in the bus's process group and are
stopped with it.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path


class DisplayUnavailable(RuntimeError):
    """Xvfb or dbus-daemon is missing or did not start; the message says which and why."""


def display_missing() -> str | None:
    """Why a virtual display with a session bus cannot be started here, or None when it can."""
    for tool, package in (("Xvfb", "xvfb"), ("dbus-daemon", "dbus-daemon")):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian: {package})"
    return None


@dataclass
class VirtualDisplay:
    """A running Xvfb and session bus; `env` is what a client needs to use them."""

    number: int
    runtime_dir: Path
    processes: list[subprocess.Popen] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)

    def stop(self) -> None:
        """Stop the bus (with everything it started) and the X server; remove the runtime folder."""
        for process in reversed(self.processes):
            stop_process_group(process)
        self.processes.clear()
        shutil.rmtree(self.runtime_dir, ignore_errors=True)

    def __enter__(self) -> VirtualDisplay:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def stop_process_group(process: subprocess.Popen, timeout: float = 5.0) -> None:
    """SIGTERM the process group `process` leads (start_new_session=True), then SIGKILL what is left."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=timeout)
    with contextlib.suppress(ProcessLookupError):      # children still in the group (services the bus started)
        os.killpg(process.pid, signal.SIGKILL)


def _read_line(process: subprocess.Popen, stream, timeout: float, what: str) -> str:
    """One line from `stream` (a pipe of `process`) within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    data = b""
    fd = stream.fileno() if hasattr(stream, "fileno") else stream
    while not data.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0 or process.poll() is not None:
            raise DisplayUnavailable(f"{what} did not start (exit code {process.poll()})")
        ready, _, _ = select.select([fd], [], [], min(left, 0.2))
        if ready:
            chunk = os.read(fd, 256)
            if not chunk:
                raise DisplayUnavailable(f"{what} closed its output before saying it was ready")
            data += chunk
    return data.decode().strip()


def start_virtual_display(size: tuple[int, int] = (1920, 1080), timeout: float = 15.0) -> VirtualDisplay:
    """Start Xvfb on a free display number and a session bus; raises DisplayUnavailable when it cannot."""
    missing = display_missing()
    if missing:
        raise DisplayUnavailable(missing)
    runtime_dir = Path(tempfile.mkdtemp(prefix="kiosk-xvfb-"))
    os.chmod(runtime_dir, 0o700)
    display = VirtualDisplay(number=-1, runtime_dir=runtime_dir)
    try:
        read_fd, write_fd = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{size[0]}x{size[1]}x24",
             "-nolisten", "tcp", "-noreset"],
            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        os.close(write_fd)
        display.processes.append(xvfb)
        try:
            display.number = int(_read_line(xvfb, read_fd, timeout, "Xvfb"))
        finally:
            os.close(read_fd)
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True,
            env={**os.environ, "DISPLAY": f":{display.number}", "XDG_RUNTIME_DIR": str(runtime_dir)})
        display.processes.append(bus)
        address = _read_line(bus, bus.stdout, timeout, "dbus-daemon")
        display.env = {
            "DISPLAY": f":{display.number}",
            "DBUS_SESSION_BUS_ADDRESS": address,
            "XDG_RUNTIME_DIR": str(runtime_dir),
        }
        return display
    except BaseException:
        display.stop()
        raise


@contextlib.contextmanager
def virtual_display(size: tuple[int, int] = (1920, 1080)):
    """Context manager form of start_virtual_display()."""
    display = start_virtual_display(size)
    try:
        yield display
    finally:
        display.stop()
