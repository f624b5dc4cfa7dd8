"""Every shared library in the bundle (Qt's Wayland plugin included) resolves on a Debian with exactly the guide's packages.

A fresh Debian 12 kiosk has its base system (the packages of priority "required") and what the
guide's `apt-get install --no-install-recommends ...` line brings. apt computes that set here without
installing anything: a simulated install against an empty package database. Each library the bundle
takes from the system (ldd, with the bundle's own folder first, as its boot loader sets it) must come
from a package in that set. The control: the same check with `libwayland-cursor0` left out of the
guide's list finds the library the Wayland plugin lacked (issue 11).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from kiosk.paths import PROJECT_DIR
from prerequisites import missing

pytestmark = pytest.mark.slow

GUIDE = PROJECT_DIR / "packaging" / "KIOSK-SETUP.md"
LOADED_BY_NAME = ("libespeak-ng.so.1",        # opened at run time (pyttsx3's espeak driver), not linked
                  "libflite.so.1", "libflite_cmu_us_kal16.so.1")   # and by kiosk/speech/engine_flite.py
WAYLAND_PLUGINS = ("PySide6/Qt/plugins/platforms/libqwayland.so",
                   "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so")


def guide_packages() -> list[str]:
    """The packages of the guide's Debian `apt-get install` line (with its continuation lines)."""
    text = GUIDE.read_text()
    match = re.search(r"apt-get install --no-install-recommends ((?:[^\n]*\\\n)*[^\n]*)", text)
    assert match, "KIOSK-SETUP.md has no `apt-get install --no-install-recommends` line"
    return match.group(1).replace("\\\n", " ").split()


@cache
def installed_with(packages: tuple[str, ...]) -> frozenset[str]:
    """What `apt-get install --no-install-recommends PACKAGES` installs on an empty system (simulated)."""
    empty = Path(os.environ.get("TMPDIR", "/tmp")) / "si-kiosk-empty-dpkg-status"
    empty.write_text("")
    done = subprocess.run(["apt-get", "install", "-s", "-qq", "--no-install-recommends",
                           "-o", f"Dir::State::status={empty}", *packages],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return frozenset(line.split()[1] for line in done.stdout.splitlines() if line.startswith("Inst "))


def owner(library: str) -> str | None:
    """The Debian package that holds `library` (a resolved path), without its architecture."""
    for path in {library, os.path.realpath(library), "/usr" + library if library.startswith("/lib") else library}:
        done = subprocess.run(["dpkg-query", "-S", path], capture_output=True, text=True)
        if done.returncode == 0:
            return done.stdout.split(":")[0].strip()
    return None


@cache
def priority(package: str) -> str:
    done = subprocess.run(["apt-cache", "show", "--no-all-versions", package], capture_output=True, text=True)
    match = re.search(r"^Priority: (\S+)", done.stdout, re.M)
    return match.group(1) if match else ""


def system_libraries(bundle_dir: Path) -> tuple[dict[str, str], list[str]]:
    """{library path outside the bundle: first bundle file that needs it}, and the libraries not found."""
    internal = bundle_dir / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    outside: dict[str, str] = {}
    not_found: list[str] = []
    files = [bundle_dir / "si-kiosk", *(p for p in internal.rglob("*.so*") if p.is_file())]
    for path in files:
        done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
        for line in done.stdout.splitlines():
            if "=> not found" in line:
                not_found.append(f"{path.relative_to(bundle_dir)}: {line.split()[0]}")
            elif "=>" in line and (target := line.split("=>")[1].split("(")[0].strip()):
                if not target.startswith(str(bundle_dir)):
                    outside.setdefault(target, str(path.relative_to(bundle_dir)))
    return outside, not_found


def unmet(bundle_dir: Path, packages: list[str]) -> list[str]:
    """Each system library the bundle needs that the packages (with the base system) do not bring."""
    have = installed_with(tuple(packages))
    outside, not_found = system_libraries(bundle_dir)
    problems = [f"not found on this machine: {item}" for item in not_found]
    for name in LOADED_BY_NAME:
        found = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout
        match = re.search(rf"\s{re.escape(name)} .*=> (\S+)", found)
        if match is None:
            problems.append(f"{name} (loaded at run time) is not installed here")
        else:
            outside.setdefault(match.group(1), "(loaded at run time)")
    for library, needed_by in sorted(outside.items()):
        package = owner(library)
        if package is None:
            problems.append(f"{library} (for {needed_by}) belongs to no Debian package")
        elif package not in have and priority(package) != "required":
            problems.append(f"{library} (for {needed_by}) comes from {package}, which the guide does not bring")
    return problems


@pytest.fixture(scope="module")
def bundle_dir(bundle) -> Path:
    for tool in ("apt-get", "dpkg-query", "apt-cache", "ldd"):
        if shutil.which(tool) is None and not Path("/sbin", tool).exists():
            missing(f"{tool} is not installed (a Debian system is needed)")
    return bundle.parent


def test_the_bundle_carries_the_wayland_plugin(bundle_dir):
    for plugin in WAYLAND_PLUGINS:
        assert (bundle_dir / "_internal" / plugin).is_file(), plugin


def test_every_library_resolves_with_exactly_the_guide_s_packages(bundle_dir):
    packages = guide_packages()
    assert "cage" in packages and "libwayland-cursor0" in packages
    problems = unmet(bundle_dir, packages)
    assert not problems, "\n".join(problems)


def test_the_check_finds_the_library_the_wayland_plugin_lacked(bundle_dir):
    """The control: the guide's list before issue 11 (no libwayland-cursor0) leaves the plugin unloadable."""
    without = [p for p in guide_packages() if p != "libwayland-cursor0"]
    problems = unmet(bundle_dir, without)
    assert any("libwayland-cursor.so.0" in problem for problem in problems), problems
