"""The PyInstaller one-folder bundle builds from packaging/kiosk.spec and runs on its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from prerequisites import missing as prerequisite_missing

from kiosk import __version__
from kiosk.paths import PROJECT_DIR

pytestmark = pytest.mark.slow

SPEC = PROJECT_DIR / "packaging" / "kiosk.spec"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """Build the bundle into a temporary folder; the path of its executable."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        prerequisite_missing("PyInstaller is not installed (pip install -e '.[test]')")
    out = tmp_path_factory.mktemp("bundle")
    done = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(out / "dist"), "--workpath", str(out / "work"), str(SPEC)],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-4000:]
    executable = out / "dist" / "si-kiosk" / ("si-kiosk.exe" if os.name == "nt" else "si-kiosk")
    assert executable.is_file()
    return executable


def run_bundle(executable: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120):
    """Run the bundle from an unrelated folder, with no override that could point back at the source tree."""
    clean = {k: v for k, v in os.environ.items()
             if k not in ("KIOSK_ROUTINES_DIR", "KIOSK_MEDIA_DIR", "KIOSK_DATA_DIR", "PYTHONPATH")}
    return subprocess.run([str(executable), *args], cwd=executable.parent.parent, env={**clean, **(env or {})},
                          capture_output=True, text=True, timeout=timeout)


def test_the_bundle_reports_its_version(bundle):
    done = run_bundle(bundle, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"kiosk {__version__}"


def test_the_bundle_validates_the_routines_it_carries(bundle):
    done = run_bundle(bundle, "routines", "validate")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: ")
    folder = Path(done.stdout.rsplit(" in ", 1)[1].strip())
    assert bundle.parent in folder.parents, f"validated {folder}, not the bundle's own routines"
    source_count = len(list((PROJECT_DIR / "routines").glob("*.toml")))
    assert f"OK: {source_count} routines" in done.stdout


def test_the_bundle_reports_a_broken_routine(bundle, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "broken"\ntitle = "Broken"\n[[nonsense\n')
    done = run_bundle(bundle, "routines", "validate", str(broken))
    assert done.returncode == 1
    assert "error" in done.stderr


def test_the_bundle_starts_its_speech_worker(bundle):
    """The app starts `sys.executable -m kiosk.speech.render_worker`; in a bundle that is the bundle itself."""
    done = run_bundle(bundle, "-m", "kiosk.speech.render_worker", "--list-voices", timeout=60)
    first = done.stdout.splitlines()[0] if done.stdout else done.stderr[-500:]
    assert '"event": ' in first, first


def test_the_bundle_paints_its_window(bundle, tmp_path):
    done = run_bundle(bundle, "run", "--windowed", "--data-dir", str(tmp_path / "data"),
                      env={"QT_QPA_PLATFORM": "offscreen", "KIOSK_EXIT_AFTER_PAINT": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("painted "), done.stdout + done.stderr[-3000:]
