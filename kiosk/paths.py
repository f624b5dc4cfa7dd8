"""Where things live: the data folder (flag, environment, platform default) and bundled files."""

from __future__ import annotations

import atexit
import os
from contextlib import ExitStack
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
APP_NAME = "si-kiosk"
_INSTALLED = "_bundled"        # a wheel's package data: kiosk/_bundled/routines and /media (see setup.py)
_extracted = ExitStack()       # keeps a folder that importlib.resources had to extract until the app exits
atexit.register(_extracted.close)


def bundled_dir(name: str) -> Path:
    """The bundled `routines` or `media` folder.

    `KIOSK_ROUTINES_DIR` / `KIOSK_MEDIA_DIR` override it. Otherwise: the package data of an installed
    wheel (read through importlib.resources), else the folder beside the package, which is the top
    of a source checkout (an editable install) or the `_internal` folder of a PyInstaller bundle.
    """
    override = os.environ.get(f"KIOSK_{name.upper()}_DIR")
    if override:
        return Path(override)
    installed = _installed_dir(name)
    if installed is not None:
        return installed
    for base in (PROJECT_DIR, PACKAGE_DIR):
        candidate = base / name
        if candidate.is_dir():
            return candidate
    return PROJECT_DIR / name


def _installed_dir(name: str) -> Path | None:
    """The folder `name` from the installed package's data, as a real folder on disk; None when it has none."""
    if PACKAGE_DIR.is_dir() and not (PACKAGE_DIR / _INSTALLED).is_dir():
        return None        # a package folder with no package data (a checkout, a frozen bundle): spare the import
    from importlib.resources import as_file, files

    try:
        resource = files(__package__).joinpath(_INSTALLED, name)
        if not resource.is_dir():
            return None
        return Path(_extracted.enter_context(as_file(resource)))
    except OSError:                      # a loader that cannot give it as a folder
        return None


def data_dir(flag: str | os.PathLike | None = None) -> Path:
    """The data folder: `--data-dir`, else `KIOSK_DATA_DIR`, else the platform's user data folder.

    The folder is created readable only by its owner (0700 on POSIX).
    """
    chosen = flag or os.environ.get("KIOSK_DATA_DIR")
    if not chosen:
        import platformdirs      # only when neither is given: it costs start-up a few milliseconds

        chosen = platformdirs.user_data_dir(APP_NAME, appauthor=False)
    path = Path(chosen).expanduser()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def pictures_dir() -> Path:
    """The user's pictures folder (where the home app saves the progress chart)."""
    import platformdirs

    return Path(platformdirs.user_pictures_dir())
