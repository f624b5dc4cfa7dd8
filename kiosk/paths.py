"""Where things live: the data folder (flag, environment, platform default) and bundled files."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
APP_NAME = "si-kiosk"


def bundled_dir(name: str) -> Path:
    """The bundled `routines` or `media` folder (beside the package, or inside a frozen bundle)."""
    override = os.environ.get(f"KIOSK_{name.upper()}_DIR")
    if override:
        return Path(override)
    for base in (PROJECT_DIR, PACKAGE_DIR):
        candidate = base / name
        if candidate.is_dir():
            return candidate
    return PROJECT_DIR / name


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
