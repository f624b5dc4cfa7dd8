"""Where the settings live (`settings.json`, table `settings`), and a quick read that needs no TinyDB."""

from __future__ import annotations

import json
from pathlib import Path

SETTINGS_FILE = "settings.json"
SETTINGS_TABLE = "settings"


def read_settings(folder: Path) -> dict:
    """The settings as they are on disk, without opening the store: {} when the file is missing or
    damaged (the store repairs it when it opens). For the first paint only; never for writing."""
    try:
        data = json.loads((Path(folder) / SETTINGS_FILE).read_text(encoding="utf-8"))
        return {doc["key"]: doc["value"] for doc in data[SETTINGS_TABLE].values()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}
