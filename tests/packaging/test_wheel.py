"""The sdist and the wheel built from it carry the routines and media; installed in a fresh venv, the app has them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from kiosk.core.loader import load_routines
from kiosk.paths import PROJECT_DIR
from prerequisites import missing

pytestmark = pytest.mark.slow

BUNDLED = ("routines", "media")
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                                    ".hypothesis", ".cache", "*.pyc")


def bundled_files(name: str) -> set[str]:
    """The files of the repository's top-level folder `name`, relative to it (what setup.py ships)."""
    folder = PROJECT_DIR / name
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")
            if p.is_file() and not any(part.startswith(".") or part == "__pycache__"
                                       for part in p.relative_to(folder).parts)}


@pytest.fixture(scope="module")
def dists(tmp_path_factory) -> tuple[Path, Path]:
    """`python -m build` on a copy of the source: the sdist, and the wheel it builds from that sdist."""
    try:
        import build  # noqa: F401
    except ImportError:
        missing("the `build` package is not installed (pip install -e '.[test]')")
    work = tmp_path_factory.mktemp("dists")
    source = work / "source"               # a copy: building writes build/ and *.egg-info into the tree
    shutil.copytree(PROJECT_DIR, source, ignore=NOT_SOURCE)
    done = subprocess.run([sys.executable, "-m", "build", "--outdir", str(work / "dist"), str(source)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (sdist,) = (work / "dist").glob("si_kiosk-*.tar.gz")
    (wheel,) = (work / "dist").glob("si_kiosk-*-py3-none-any.whl")
    return sdist, wheel


@pytest.fixture(scope="module")
def venv(dists, tmp_path_factory) -> Path:
    """A fresh virtual environment outside the repository with the wheel (and its dependencies) installed."""
    folder = tmp_path_factory.mktemp("venv")
    assert PROJECT_DIR not in folder.parents
    created = subprocess.run([sys.executable, "-m", "venv", str(folder)], capture_output=True, text=True,
                             timeout=120)
    assert created.returncode == 0, created.stderr
    python = folder / ("Scripts" if os.name == "nt" else "bin") / "python"
    installed = subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(dists[1])],
                               capture_output=True, text=True, timeout=600, env=clean_env())
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    return folder


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that could lead back to the source tree."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "KIOSK_ROUTINES_DIR", "KIOSK_MEDIA_DIR",
                        "KIOSK_DATA_DIR")}
    return {**env, **extra}


def run_installed(venv: Path, program: str, *args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """Run `program` from the venv's scripts folder, in `cwd` (a folder outside the repository)."""
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")
    return subprocess.run([str(scripts / program), *args], cwd=cwd, env=clean_env(**env), capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    assert PROJECT_DIR not in folder.parents
    return folder


@pytest.fixture(scope="module")
def routine_ids() -> set[str]:
    ids = set(load_routines(PROJECT_DIR / "routines").routines)
    assert len(ids) >= 4, ids
    return ids


def test_the_sdist_carries_the_routines_and_media(dists):
    sdist, _ = dists
    with tarfile.open(sdist) as archive:
        names = {member.name.split("/", 1)[1] for member in archive.getmembers() if member.isfile()}
    for name in BUNDLED:
        carried = {n.removeprefix(f"{name}/") for n in names if n.startswith(f"{name}/")}
        assert carried == bundled_files(name), name
    assert "setup.py" in names


def test_the_wheel_built_from_the_sdist_carries_them_as_package_data(dists):
    _, wheel = dists
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for name in BUNDLED:
        prefix = f"kiosk/_bundled/{name}/"
        assert {n.removeprefix(prefix) for n in names if n.startswith(prefix)} == bundled_files(name), name
    assert not any(n.startswith(("routines/", "media/")) for n in names), "top-level folders in site-packages"


def test_the_installed_command_lists_the_bundled_routines(venv, elsewhere, routine_ids):
    done = run_installed(venv, "kiosk", "routines", "list", cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert {line.split("\t")[0] for line in done.stdout.splitlines()} == routine_ids


def test_the_installed_routines_are_read_from_the_installed_package(venv, elsewhere, routine_ids):
    done = run_installed(venv, "kiosk", "routines", "validate", cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"OK: {len(routine_ids)} routines")
    folder = Path(done.stdout.rsplit(" in ", 1)[1].strip())
    assert venv.resolve() in folder.resolve().parents and folder.parts[-2:] == ("_bundled", "routines"), folder


def test_the_installed_media_folder_resolves_to_its_pictures(venv, elsewhere):
    done = run_installed(venv, "python", "-c", "from kiosk.paths import bundled_dir; print(bundled_dir('media'))",
                         cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    folder = Path(done.stdout.strip())
    assert venv.resolve() in folder.resolve().parents, folder
    shipped = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert shipped == bundled_files("media")
    assert any(name.endswith(".svg") for name in shipped)


def test_the_installed_app_paints_a_home_screen_offering_the_routines(venv, elsewhere, routine_ids):
    data = elsewhere / "data"
    done = run_installed(venv, "kiosk", "run", "--windowed", "--data-dir", str(data), cwd=elsewhere,
                         QT_QPA_PLATFORM="offscreen", KIOSK_EXIT_AFTER_PAINT="1")
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("painted "), done.stdout + done.stderr[-3000:]
    # What the home screen offered is kept for the next start; with no routines it is empty and draws no picture.
    offered = json.loads((data / "routine-index.json").read_text(encoding="utf-8"))
    assert {entry["id"] for entry in offered["routines"]} == routine_ids
    assert offered["problems"] == 0
    pictures = {p.name.split(".")[0] for p in (data / "picture-cache").rglob("*.bmp")}
    assert pictures & {entry["picture"] for entry in offered["routines"]}, f"no routine's picture drawn: {pictures}"


def test_the_sdist_carries_the_catalog_sources_and_the_wheel_the_compiled_catalogs(dists):
    import gettext
    import io

    from babel.messages.pofile import read_po

    sdist, wheel = dists
    with tarfile.open(sdist) as archive:
        names = {member.name.split("/", 1)[1] for member in archive.getmembers() if member.isfile()}
    assert "kiosk/locale/es/LC_MESSAGES/kiosk.po" in names
    assert not any(n.endswith(".mo") for n in names), "a compiled catalog in the sdist: it is built"
    with zipfile.ZipFile(wheel) as archive:
        compiled = gettext.GNUTranslations(io.BytesIO(archive.read("kiosk/locale/es/LC_MESSAGES/kiosk.mo")))
    with (PROJECT_DIR / "kiosk" / "locale" / "es" / "LC_MESSAGES" / "kiosk.po").open("rb") as handle:
        source = read_po(handle)
    checked = 0
    for entry in source:
        if entry.id and isinstance(entry.id, str) and not entry.context:
            assert compiled.gettext(entry.id) == entry.string, entry.id
            checked += 1
    assert checked >= 30


def test_the_installed_command_speaks_spanish(venv, elsewhere):
    done = run_installed(venv, "kiosk", "routines", "script", "gentle-start", "--language", "es", cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Comienzo suave (") and "Mantenga la posición." in done.stdout
    where = run_installed(venv, "python", "-c", "import sys; from kiosk.core.translations import translation;"
                          "print(translation('es').gettext('Hold.'), 'babel.messages.pofile' in sys.modules)",
                          cwd=elsewhere)
    assert where.stdout.strip() == "Mantenga la posición. False", where.stderr   # read from the built .mo
