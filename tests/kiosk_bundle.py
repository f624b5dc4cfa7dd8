"""The PyInstaller bundle, built once per test session and shared by tests/packaging and tests/e2e."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from prerequisites import missing

from kiosk.paths import PROJECT_DIR

SPEC = PROJECT_DIR / "packaging" / "kiosk.spec"
_built: dict[str, Path] = {}


def build_bundle(tmp_path_factory) -> Path:
    """Build dist/si-kiosk from packaging/kiosk.spec (once per session); the path of its executable."""
    if "executable" in _built:
        return _built["executable"]
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        missing("PyInstaller is not installed (pip install -e '.[test]')")     # fails when CI=true
    out = tmp_path_factory.mktemp("bundle")
    done = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(out / "dist"), "--workpath", str(out / "work"), str(SPEC)],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-4000:]
    executable = out / "dist" / "si-kiosk" / ("si-kiosk.exe" if os.name == "nt" else "si-kiosk")
    assert executable.is_file()
    _built["executable"] = executable
    return executable
