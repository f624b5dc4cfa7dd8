"""What the home screen offers, and a small index file that keeps it between starts (no TOML needed)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

INDEX_VERSION = 1
# Named tuples rather than dataclasses: these load before the first paint, where `dataclasses` costs.


class RoutineChoice(NamedTuple):
    """One routine as the home screen shows it: title, summary, length and picture."""

    id: str
    title: str
    summary: str
    seconds: float
    picture: str


class Choices(NamedTuple):
    """The routines to choose from, and how many problems the routine files have."""

    routines: tuple[RoutineChoice, ...]
    problems: int = 0


def format_minutes(seconds: float, language: str = "en") -> str:
    """A length for people: "1 minute", "20 minutes" (never "0 minutes"); "20 minutos" in Spanish."""
    minutes = max(1, round(seconds / 60))
    if language == "en":                # before the first paint: no gettext import for the source language
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    from kiosk.core.translations import translation

    return translation(language).ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)


def files_stamp(folder: Path, app_version: str) -> list:
    """Name, size and modification time of every routine file: the index is valid while it is unchanged."""
    folder = Path(folder)
    stamp: list = [app_version]
    for path in sorted([*folder.glob("*.toml"), *folder.glob("library/*.toml")]):
        info = path.stat()
        stamp.append([path.relative_to(folder).as_posix(), info.st_size, info.st_mtime_ns])
    return stamp


def read_index(path: Path, stamp: list) -> Choices | None:
    """The choices saved in `path` for exactly these files, or None (missing, stale or unreadable)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):           # missing, unreadable, not UTF-8 or not JSON
        return None
    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION or data.get("stamp") != stamp:
        return None
    entries, problems = data.get("routines"), data.get("problems")
    if not isinstance(entries, list) or not _count(problems) or not all(map(_valid_choice, entries)):
        return None                         # damaged: the routine files are read instead
    return Choices(tuple(RoutineChoice(**entry) for entry in entries), problems)


def _count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _valid_choice(entry) -> bool:
    """One saved choice with exactly the fields of RoutineChoice, each of its type."""
    if not isinstance(entry, dict) or set(entry) != set(RoutineChoice._fields):
        return False
    seconds = entry["seconds"]
    return (all(isinstance(entry[name], str) for name in ("id", "title", "summary", "picture"))
            and isinstance(seconds, (int, float)) and not isinstance(seconds, bool)
            and 0 <= seconds < 86400)


def write_index(path: Path, stamp: list, choices: Choices) -> None:
    """Save the choices for the next start (best effort: a start without the index is only slower)."""
    path = Path(path)
    data = {"version": INDEX_VERSION, "stamp": stamp, "problems": choices.problems,
            "routines": [choice._asdict() for choice in choices.routines]}
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.chmod(temporary, 0o600)              # like everything in the data folder
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
