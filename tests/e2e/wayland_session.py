"""A headless Wayland compositor (cage or sway) run as an unprivileged user, its screenshots (grim), and the app in it.

    user = kiosk_user()                             # useradd once; cage refuses to run as root
    session = start_compositor(["cage", "-d", "--", script], user, tmp)   # WLR headless + pixman
    session.screenshot(path)                        # grim, as the same user, on the compositor's socket
    session.stop()

Nothing here needs a Wayland library in the test process: each tool runs as a subprocess.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from xvfb import stop_process_group

USER = "si-kiosk-test"
TOOLS = (("cage", "cage"), ("sway", "sway"), ("swaymsg", "sway"), ("grim", "grim"), ("runuser", "util-linux"),
         ("useradd", "passwd"))
HEADLESS = {"WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1"}


def wayland_missing() -> str | None:
    """Why a headless compositor cannot be run here as another user, or None when it can."""
    missing = [f"{tool} (Debian: {package})" for tool, package in TOOLS if shutil.which(tool) is None]
    if missing:
        return f"not installed: {', '.join(missing)}"
    if os.geteuid() != 0:
        return "the test must run as root to create the unprivileged compositor user"
    return None


def kiosk_user() -> pwd.struct_passwd:
    """The unprivileged user the compositor runs as (created once, with a home folder)."""
    try:
        return pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/sh", USER], check=True, timeout=60)
        return pwd.getpwnam(USER)


def private_dir(user: pwd.struct_passwd, prefix: str) -> Path:
    """A fresh 0700 folder owned by `user` (its XDG_RUNTIME_DIR, its data folder)."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    os.chown(path, user.pw_uid, user.pw_gid)
    path.chmod(0o700)
    return path


def as_user(user: pwd.struct_passwd, env: dict[str, str], *command: str) -> list[str]:
    """`command` as `user`, with exactly `env` (nothing of the test process's own environment)."""
    base = {"PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "HOME": user.pw_dir, "USER": user.pw_name,
            "LANG": "C.UTF-8"}
    return ["runuser", "-u", user.pw_name, "--", "env", "-i", *(f"{k}={v}" for k, v in {**base, **env}.items()),
            *command]


@dataclass
class Compositor:
    process: subprocess.Popen
    user: pwd.struct_passwd
    runtime_dir: Path
    log: Path

    @property
    def socket(self) -> str | None:
        sockets = sorted(p.name for p in self.runtime_dir.glob("wayland-*") if not p.name.endswith(".lock"))
        return sockets[0] if sockets else None

    def client_env(self) -> dict[str, str]:
        env = {"XDG_RUNTIME_DIR": str(self.runtime_dir), "WAYLAND_DISPLAY": self.socket or "wayland-0"}
        ipc = sorted(self.runtime_dir.glob("sway-ipc.*.sock"))       # sway's command socket, for swaymsg
        if ipc:
            env["SWAYSOCK"] = str(ipc[0])
        return env

    def run(self, *command: str, timeout: float = 30, extra: dict[str, str] | None = None):
        """Run a client of the compositor (grim, swaymsg) as its user."""
        env = {**self.client_env(), **(extra or {})}
        return subprocess.run(as_user(self.user, env, *command), capture_output=True, text=True, timeout=timeout)

    def screenshot(self, path: Path, output: str | None = None) -> Path:
        """A grim screenshot (of every output, or of `output`), copied to `path` (grim writes where the user may)."""
        shot = self.runtime_dir / "grim.png"
        done = self.run("grim", *(["-o", output] if output else []), str(shot))
        assert done.returncode == 0, f"grim failed: {done.stderr}"
        shutil.copyfile(shot, path)
        return path

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:]

    def stop(self) -> None:
        """Stop the compositor, then every process group its user still has (sway starts its
        clients in sessions of their own); remove the runtime folder."""
        stop_process_group(self.process)
        for _ in range(2):
            groups = set()
            for pid in _pids_of(self.user.pw_uid):
                with contextlib.suppress(ProcessLookupError):
                    if _alive(pid):
                        groups.add(os.getpgid(pid))
            for group in groups:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(group, signal.SIGKILL)
            time.sleep(0.2)
        shutil.rmtree(self.runtime_dir, ignore_errors=True)


def _pids_of(uid: int) -> list[int]:
    """The processes that belong to `uid` (the test's own compositor user)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if entry.stat().st_uid == uid:
                    pids.append(int(entry.name))
    return pids


def _alive(pid: int) -> bool:
    with contextlib.suppress(OSError):
        return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    return False


def start_compositor(command: list[str], user: pwd.struct_passwd, log: Path,
                     env: dict[str, str] | None = None) -> Compositor:
    """Start `command` (cage or sway) headless as `user` with a fresh XDG_RUNTIME_DIR; waits for its socket."""
    runtime = private_dir(user, "si-kiosk-runtime-")
    full_env = {**HEADLESS, "XDG_RUNTIME_DIR": str(runtime), **(env or {})}
    with log.open("w") as out:
        process = subprocess.Popen(as_user(user, full_env, *command), cwd="/", stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    compositor = Compositor(process, user, runtime, log)
    deadline = time.monotonic() + 20
    while compositor.socket is None:
        if process.poll() is not None or time.monotonic() > deadline:
            tail = compositor.log_tail()
            compositor.stop()
            raise AssertionError(f"{command[0]} did not start (exit {process.poll()}): {tail}")
        time.sleep(0.1)
    return compositor


def wait_for(predicate, what, timeout: float = 30, interval: float = 0.25):
    """Wait until predicate() is truthy; its value. AssertionError naming `what` (a text, or a function
    that makes one then) on time-out."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what() if callable(what) else what}")
        time.sleep(interval)
