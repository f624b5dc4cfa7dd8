"""A private CUPS print spooler for tests: its own cupsd on a socket of its own, one queue, and a backend that
keeps each job's document (the printer's stand-in), so the app prints through the real spooler and its Qt plugin.

Debian: cups-daemon (cupsd, its cups-exec helper) and cups-client (lpadmin, lpstat). The spooler runs as root
and hands jobs to the backend as the `lp` user; nothing of the machine's own CUPS setup is read or changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from prerequisites import missing

CUPS_DAEMON_HELPERS = Path("/usr/lib/cups/daemon")     # cups-exec: cupsd starts every backend through it
QUEUE = "kiosk-test"

CUPSD_CONF = """Listen {root}/cups.sock
LogLevel info
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
        return {**os.environ, "CUPS_SERVER": str(self.root / "cups.sock")}

    def run(self, *command: str) -> str:
        done = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, (command, done.stderr)
        return done.stdout

    def add_default_queue(self, name: str = QUEUE) -> None:
        self.run("lpadmin", "-p", name, "-E", "-v", "keep:/")
        self.run("lpadmin", "-d", name)

    def printed(self, count: int = 1, timeout: float = 60.0) -> list[Path]:
        """The documents of the first `count` jobs, once the spooler has handed them to the printer."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            jobs = sorted(self.out.glob("job-*.prn"))
            if len(jobs) >= count and not self.run("lpstat", "-o").strip():     # none still queued
                return jobs
            time.sleep(0.2)
        log = (self.root / "log" / "error_log").read_text(errors="replace")[-2000:]
        raise AssertionError(f"the spooler printed {len(list(self.out.glob('job-*.prn')))} of {count} jobs: {log}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_spooler(root: Path) -> Spooler:
    """Start cupsd in `root` (a fresh folder straight under the system's temporary folder, which the lp user
    can reach) and wait for its socket; a missing CUPS is `missing`."""
    for tool in ("cupsd", "lpadmin", "lpstat"):
        if shutil.which(tool) is None and not Path("/usr/sbin", tool).exists():
            missing(f"{tool} is not installed (Debian: cups-daemon, cups-client)")
    if not (CUPS_DAEMON_HELPERS / "cups-exec").exists():
        missing(f"{CUPS_DAEMON_HELPERS}/cups-exec is not installed (Debian: cups-daemon)")
    if os.geteuid() != 0:
        missing("the private spooler runs as root (cupsd hands jobs to the lp user)")
    out = root / "out"
    for folder in ("spool", "cache", "state", "log", "bin/backend", "out"):
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
    cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
    process = subprocess.Popen([cupsd, "-f", "-c", str(root / "cupsd.conf"), "-s", str(root / "cups-files.conf")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    spooler = Spooler(root, out, process)
    deadline = time.monotonic() + 20
    while not (root / "cups.sock").exists():
        if process.poll() is not None or time.monotonic() > deadline:
            spooler.stop()
            raise AssertionError("cupsd did not start: " + (root / "log" / "error_log").read_text(errors="replace"))
        time.sleep(0.05)
    return spooler
