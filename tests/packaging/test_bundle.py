"""The PyInstaller one-folder bundle builds from packaging/kiosk.spec and runs on its own."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from kiosk import __version__
from kiosk.paths import PROJECT_DIR

pytestmark = pytest.mark.slow


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


def test_the_bundle_says_so_when_there_is_no_display(bundle, tmp_path):
    """Started outside any graphical session it explains itself and exits (code 3), instead of Qt's abort."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET", "QT_QPA_PLATFORM", "KIOSK_DATA_DIR",
                        "KIOSK_ROUTINES_DIR", "KIOSK_MEDIA_DIR", "PYTHONPATH")}
    done = subprocess.run([str(bundle), "run", "--mode", "clinic", "--data-dir", str(tmp_path / "data")],
                          cwd=bundle.parent.parent, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, (done.returncode, done.stderr[-2000:])
    assert "no display to show the app on" in done.stderr
    assert "KIOSK-SETUP.md" in done.stderr


def test_the_bundle_speaks_spanish_from_its_compiled_catalog(bundle):
    done = run_bundle(bundle, "routines", "script", "waiting-room", "--language", "es")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Rutina en la silla (") and "Mantenga la posición." in done.stdout
    locale = bundle.parent / "_internal" / "kiosk" / "locale" / "es" / "LC_MESSAGES"
    assert sorted(p.name for p in locale.iterdir()) == ["kiosk.mo"]        # compiled at build time, no source
    kept = {p.stem for p in (bundle.parent / "_internal" / "babel" / "locale-data").glob("*.dat")}
    assert kept == {"root", "en", "en_US", "es", "es_419", "es_US"}      # the CLDR data of the app's languages only
