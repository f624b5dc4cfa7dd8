"""Where the bundled routines and media are found: override, installed package data, source checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from kiosk.paths import PACKAGE_DIR, PROJECT_DIR, bundled_dir

WHERE = "from kiosk.paths import bundled_dir; print(bundled_dir('routines')); print(bundled_dir('media'))"


def where_in(site: Path, **env: str) -> list[Path]:
    """bundled_dir('routines') and ('media') as a `kiosk` package copied into `site` finds them."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    done = subprocess.run([sys.executable, "-c", WHERE], cwd=site.parent, capture_output=True, text=True,
                          env={**clean, "PYTHONPATH": str(site), **env}, timeout=30)
    assert done.returncode == 0, done.stderr
    return [Path(line) for line in done.stdout.splitlines()]


def installed_copy(site: Path) -> Path:
    """A copy of the package in `site`, laid out as a wheel installs it (package data in kiosk/_bundled)."""
    package = site / "kiosk"
    package.mkdir(parents=True)
    for name in ("__init__.py", "paths.py"):
        shutil.copy(PACKAGE_DIR / name, package / name)
    for name in ("routines", "media"):
        (package / "_bundled" / name).mkdir(parents=True)
    return package


def test_in_the_source_checkout_the_top_level_folders_are_used(monkeypatch):
    monkeypatch.delenv("KIOSK_ROUTINES_DIR", raising=False)
    monkeypatch.delenv("KIOSK_MEDIA_DIR", raising=False)
    assert bundled_dir("routines") == PROJECT_DIR / "routines"
    assert bundled_dir("media") == PROJECT_DIR / "media"


def test_the_environment_overrides_the_bundled_folders(monkeypatch, tmp_path):
    monkeypatch.setenv("KIOSK_ROUTINES_DIR", str(tmp_path / "mine"))
    assert bundled_dir("routines") == tmp_path / "mine"


def test_an_installed_package_reads_its_own_package_data(tmp_path):
    site = tmp_path / "site-packages"
    package = installed_copy(site)
    (site / "routines").mkdir()              # a stray top-level folder of some other package: not ours
    (site / "media").mkdir()
    found = where_in(site)
    assert [p.resolve() for p in found] == [(package / "_bundled" / n).resolve() for n in ("routines", "media")]


def test_an_installed_package_still_takes_the_overrides(tmp_path):
    site = tmp_path / "site-packages"
    installed_copy(site)
    found = where_in(site, KIOSK_ROUTINES_DIR=str(tmp_path / "mine"), KIOSK_MEDIA_DIR=str(tmp_path / "pics"))
    assert found == [tmp_path / "mine", tmp_path / "pics"]


def test_a_frozen_bundle_layout_uses_the_folders_beside_the_package(tmp_path):
    """PyInstaller puts routines/ and media/ in _internal/, the parent of the frozen package."""
    internal = tmp_path / "_internal"
    package = internal / "kiosk"
    package.mkdir(parents=True)
    for name in ("__init__.py", "paths.py"):
        shutil.copy(PACKAGE_DIR / name, package / name)
    for name in ("routines", "media"):
        (internal / name).mkdir()
    assert [p.resolve() for p in where_in(internal)] == [(internal / n).resolve() for n in ("routines", "media")]
