"""Settings that persist in `settings.json`: the SettingsStore port over TinyDB."""

from __future__ import annotations

import copy
import json

from tinydb import Query

from kiosk.store.database import Database
from kiosk.store.settings_file import SETTINGS_TABLE


class SettingsRepository:
    """Key/value settings; values are anything JSON can hold. Implements core.ports.SettingsStore."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._table = database.table(SETTINGS_TABLE)

    def get(self, key: str, default=None):
        with self._database.lock:
            found = self._table.get(Query().key == key)
        return default if found is None else copy.deepcopy(found["value"])

    def set(self, key: str, value) -> None:
        """Save `value` under `key` (on disk when this returns). TypeError if JSON cannot hold it."""
        json.dumps(value)
        with self._database.lock:             # one write either way (TinyDB's upsert writes twice for a new key)
            found = self._table.get(Query().key == key)
            if found is None:
                self._table.insert({"key": key, "value": value})
            else:
                self._table.update({"value": value}, doc_ids=[found.doc_id])

    def remove(self, key: str) -> None:
        with self._database.lock:
            self._table.remove(Query().key == key)

    def as_dict(self) -> dict:
        with self._database.lock:
            return copy.deepcopy({doc["key"]: doc["value"] for doc in self._table.all()})
