"""Schema versions of the data files and the migrations from each version to the next."""

from __future__ import annotations

from collections.abc import Callable

SCHEMA_VERSION = 1
META_TABLE = "_meta"
META_DOC_ID = "1"

#: The table holding each kind of file's main records (version 0 kept them in TinyDB's "_default").
MAIN_TABLE = {"profile": "ratings", "settings": "settings", "profiles": "profiles"}


class SchemaTooNew(RuntimeError):
    """The file was written by a newer version of the app; it is left untouched."""


def schema_version(data: dict) -> int:
    """The schema version recorded in a file's data (0 when it has none: the first layout)."""
    meta = data.get(META_TABLE, {}).get(META_DOC_ID, {})
    return int(meta.get("schema_version", 0))


def meta_table(kind: str, version: int = SCHEMA_VERSION) -> dict:
    """The `_meta` table for a file of `kind` at `version`."""
    return {META_DOC_ID: {"schema_version": version, "kind": kind}}


def empty_data(kind: str) -> dict:
    """The content of a new, empty file of `kind`."""
    return {META_TABLE: meta_table(kind)}


def _v0_to_v1(data: dict, kind: str) -> dict:
    """Version 0 was a bare TinyDB file: records in `_default`, no `_meta`."""
    migrated = {name: table for name, table in data.items() if name != "_default"}
    default = data.get("_default", {})
    main = MAIN_TABLE[kind]
    if default:
        merged = dict(migrated.get(main, {}))
        next_id = max((int(i) for i in merged if i.isascii() and i.isdigit()), default=0)
        for doc in default.values():
            next_id += 1
            merged[str(next_id)] = doc
        migrated[main] = merged
    migrated[META_TABLE] = meta_table(kind, 1)
    return migrated


#: MIGRATIONS[n] turns a version-n file's data into version n+1.
MIGRATIONS: dict[int, Callable[[dict, str], dict]] = {
    0: _v0_to_v1,
}


def migrate(data: dict, kind: str) -> tuple[dict, int]:
    """Bring `data` up to SCHEMA_VERSION; returns the new data and the version it started from."""
    start = version = schema_version(data)
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"This file uses data format version {version}, but this app knows only up to "
            f"version {SCHEMA_VERSION}. Update the app; the file was not changed.")
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data, kind)
        version += 1
        assert schema_version(data) == version, f"migration from {version - 1} did not set the version"
    return data, start
