"""A private CUPS print spooler for tests: its own cupsd on a socket of its own, one queue, and a backend that
keeps each job's document (the printer's stand-in), so the app prints through the real spooler and its Qt plugin.

Debian: cups-daemon (cupsd, its cups-exec helper) and cups-client (lpadmin, lpstat). The spooler runs as root
and hands jobs to the backend as the `lp` user. Nothing of the machine's own CUPS setup is read or changed: its
files, printcap and socket are in the spooler's folder, and the clients it serves read no lpoptions, PRINTER or
LPDEST of the machine's. It runs a copy of cupsd, so that an AppArmor profile for /usr/sbin/cupsd (Debian's
confines it by that path and lets it run no program from /tmp) does not stop its backend.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from prerequisites import missing

CUPS_DAEMON_HELPERS = Path("/usr/lib/cups/daemon")     # cups-exec: cupsd starts every backend through it
QUEUE = "kiosk-test"

CUPSD_CONF = """Listen {root}/cups.sock
LogLevel info
PreserveJobFiles No
WebInterface No
Browsing No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""
CUPS_FILES_CONF = """ServerRoot {root}
ServerBin {root}/bin
RequestRoot {root}/spool
CacheDir {root}/cache
StateDir {root}/state
ErrorLog {root}/log/error_log
AccessLog {root}/log/access_log
PageLog {root}/log/page_log
Printcap {root}/printcap
User lp
Group lp
"""
# The printer's stand-in: the document as the spooler hands it over (a file argument, else standard input).
KEEP_BACKEND = """#!/bin/sh
if [ $# -eq 0 ]; then echo 'direct keep "Unknown" "Keeps each job"'; exit 0; fi
cat "${{6:--}}" > {out}/job-$1.prn
"""


@dataclass
class Spooler:
    """A running private spooler: `env` points a process's CUPS client at it; `out` holds the printed jobs."""

    root: Path
    out: Path
    process: subprocess.Popen

    @property
    def env(self) -> dict[str, str]:
        kept = {name: value for name, value in os.environ.items() if name not in ("PRINTER", "LPDEST")}
        return {**kept, "CUPS_SERVER": str(self.root / "cups.sock"), "CUPS_SERVERROOT": str(self.root),
                "HOME": str(self.root / "home")}

    def run(self, *command: str) -> str:
        done = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, (command, done.stderr)
        return done.stdout

    def add_queue(self, name: str = QUEUE, *, default: bool = True) -> None:
        self.run("lpadmin", "-p", name, "-E", "-v", "keep:/")
        if default:
            self.run("lpadmin", "-d", name)

    def printed(self, count: int = 1, timeout: float = 60.0) -> list[Path]:
        """The documents of the jobs the printer got, in job order, once at least `count` came and none is queued."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            jobs = self.jobs()
            if len(jobs) >= count and not self.run("lpstat", "-o").strip():
                return jobs
            time.sleep(0.2)
        raise AssertionError(f"the spooler printed {len(self.jobs())} of {count} jobs: {self.log()}")

    def jobs(self) -> list[Path]:
        return sorted(self.out.glob("job-*.prn"), key=lambda path: int(path.stem.split("-")[1]))

    def kept_documents(self, timeout: float = 10.0) -> list[str]:
        """The printed documents the spooler still keeps (`d*` files in its spool), once it has had `timeout`
        to drop them: none, with PreserveJobFiles No."""
        deadline = time.monotonic() + timeout
        while True:
            kept = sorted(path.name for path in (self.root / "spool").glob("d*"))
            if not kept or time.monotonic() > deadline:
                return kept
            time.sleep(0.2)

    def log(self) -> str:
        """The end of what cupsd said (its error log, else its standard error)."""
        for name in ("log/error_log", "cupsd.stderr"):
            path = self.root / name
            if path.exists() and path.stat().st_size:
                return path.read_text(errors="replace")[-2000:]
        return "(cupsd said nothing)"

    def stop(self) -> None:
        """Stop cupsd and remove the spooler's folder, jobs and all."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


def _dies_with_its_parent() -> None:
    """In the child before cupsd runs: end it should the tests be killed (Linux's PR_SET_PDEATHSIG)."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)


def start_spooler() -> Spooler:
    """Start cupsd in a fresh folder under /tmp (which the lp user can reach, whatever TMPDIR says) and wait
    until it answers; a missing CUPS is `missing`."""
    for tool in ("cupsd", "lpadmin", "lpstat"):
        if shutil.which(tool) is None and not Path("/usr/sbin", tool).exists():
            missing(f"{tool} is not installed (Debian: cups-daemon, cups-client)")
    if not (CUPS_DAEMON_HELPERS / "cups-exec").exists():
        missing(f"{CUPS_DAEMON_HELPERS}/cups-exec is not installed (Debian: cups-daemon)")
    if os.geteuid() != 0:
        missing("the private spooler runs as root (cupsd hands jobs to the lp user)")
    root = Path(tempfile.mkdtemp(prefix="kiosk-cups-", dir="/tmp"))
    try:
        return _start_in(root)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise


def _start_in(root: Path) -> Spooler:
    out = root / "out"
    for folder in ("spool", "cache", "state", "log", "bin/backend", "out", "home"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    root.chmod(0o755)                               # the lp user reaches the backend and its output folder
    shutil.chown(out, user="lp", group="lp")
    out.chmod(0o700)
    (root / "bin" / "daemon").symlink_to(CUPS_DAEMON_HELPERS)
    backend = root / "bin" / "backend" / "keep"
    backend.write_text(KEEP_BACKEND.format(out=out))
    backend.chmod(0o755)
    (root / "cupsd.conf").write_text(CUPSD_CONF.format(root=root))
    (root / "cups-files.conf").write_text(CUPS_FILES_CONF.format(root=root))
    cupsd = root / "cupsd"
    shutil.copy2(shutil.which("cupsd") or "/usr/sbin/cupsd", cupsd)
    with open(root / "cupsd.stderr", "wb") as stderr:
        process = subprocess.Popen([str(cupsd), "-f", "-c", str(root / "cupsd.conf"), "-s",
                                    str(root / "cups-files.conf")], stdout=stderr, stderr=stderr,
                                   preexec_fn=_dies_with_its_parent)
    spooler = Spooler(root, out, process)
    deadline = time.monotonic() + 20
    while True:
        if process.poll() is not None or time.monotonic() > deadline:
            log = spooler.log()
            if process.poll() is None:
                process.kill()
                process.wait()
            raise AssertionError(f"cupsd did not start: {log}")
        if (root / "cups.sock").exists():
            answer = subprocess.run(["lpstat", "-r"], env=spooler.env, capture_output=True, text=True, timeout=10)
            if "is running" in answer.stdout:
                return spooler
        time.sleep(0.05)
