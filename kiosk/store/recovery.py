"""Recovery at open: a damaged data file is moved aside (never deleted) and its backup restored."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

from kiosk.core.notice import Notice, one_after_another
from kiosk.core.translations import N_
from kiosk.store.atomic_file import backup_path, is_temp_of, write_atomically
from kiosk.store.schema import META_DOC_ID, META_TABLE

CORRUPT_MARKER = ".corrupt-"


class DamagedFile(ValueError):
    """The file cannot be used; the message says why in plain words."""


def load_store_file(path: Path) -> dict:
    """Parse a data file and check it has TinyDB's layout, or raise DamagedFile saying why."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DamagedFile(f"it could not be read ({error.strerror})") from error
    if not raw.strip():
        raise DamagedFile("it is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise DamagedFile("it is not text") from error
    except json.JSONDecodeError as error:
        at_end = error.pos >= len(raw.rstrip()) - 1
        raise DamagedFile("it is cut short (truncated)" if at_end else
                          f"it is not valid JSON (line {error.lineno}, column {error.colno})") from error
    if not isinstance(data, dict) or not all(isinstance(table, dict) for table in data.values()):
        raise DamagedFile("its content is not a database (tables of records)")
    meta = data.get(META_TABLE, {}).get(META_DOC_ID, {})
    version = meta.get("schema_version", 0) if isinstance(meta, dict) else None
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise DamagedFile("its format version is unreadable")
    return data


def aside_path(path: Path, now: datetime) -> Path:
    """A free name beside `path` for a damaged copy, stamped with the UTC time."""
    stamp = now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}{CORRUPT_MARKER}{stamp}")
    number = 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}{CORRUPT_MARKER}{stamp}-{number}")
    return candidate


def remove_stale_temp_files(path: Path) -> None:
    """Delete temp files left by writes that never finished (they were never acknowledged)."""
    for name in (path, backup_path(path)):
        for candidate in name.parent.glob(f".{name.name}.tmp-*"):
            if is_temp_of(candidate, name):
                candidate.unlink(missing_ok=True)


def recover_file(path: Path, now: datetime | None = None) -> list[str]:
    """Make `path` loadable or absent; return one notice saying what was done, or none.

    A damaged file is renamed `<name>.corrupt-<UTC time>`, then a valid `<name>.bak` is copied
    into its place; a damaged backup is moved aside too. Must run while holding the folder lock.
    """
    return load_or_recover(path, now)[1]


def load_or_recover(path: Path, now: datetime | None = None) -> tuple[dict | None, list[str]]:
    """`recover_file`, also returning the file's parsed data (None when there is no file)."""
    path = Path(path)
    now = now or datetime.now(timezone.utc)
    remove_stale_temp_files(path)
    backup = backup_path(path)
    notices: list[Notice] = []
    if path.exists():
        try:
            return load_store_file(path), []
        except DamagedFile as damage:
            moved = aside_path(path, now)
            os.replace(path, moved)
            notices.append(Notice(N_("The data file {file} was damaged: {damage}. It was kept as {kept}."),
                                  file=path.name, damage=str(damage), kept=moved.name))
    elif not backup.exists():
        return None, []
    else:
        notices.append(Notice(N_("The data file {file} was missing."), file=path.name))
    if not backup.exists():
        notices.append(Notice(N_("There was no backup copy, so this data starts empty.")))
        return None, [one_after_another(notices)]
    try:
        data = load_store_file(backup)
    except DamagedFile as damage:
        moved = aside_path(backup, now)
        os.replace(backup, moved)
        notices.append(Notice(N_("The backup copy was damaged too: {damage}. It was kept as {kept}; this data "
                                 "starts empty."), damage=str(damage), kept=moved.name))
        return None, [one_after_another(notices)]
    write_atomically(path, [backup.read_text(encoding="utf-8")], keep_backup=False)
    saved = datetime.fromtimestamp(backup.stat().st_mtime, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    notices.append(Notice(N_("The backup copy from {saved} was restored; the last change before it may be missing."),
                          saved=saved))
    return data, [one_after_another(notices)]
