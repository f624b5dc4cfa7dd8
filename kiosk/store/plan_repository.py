"""A diary's plan and the history of its changes, in the diary's own file (tables `plan` and `plan_history`)."""

from __future__ import annotations

from kiosk.core.plan import Plan, PlanChange, change_from_dict, change_to_dict, plan_from_dict, plan_to_dict
from kiosk.store.database import Database

PLAN_TABLE = "plan"
HISTORY_TABLE = "plan_history"
_PLAN_ID = "1"                          # the table holds one document: the plan in force


class PlanRepository:
    """The plan of one diary (one document) and its history (appended, oldest first).

    `save` writes the plan and its history entry in one write: both or, if it fails, neither.
    """

    def __init__(self, database: Database) -> None:
        self._database = database

    def get(self) -> Plan | None:
        with self._database.lock:
            document = self._tables().get(PLAN_TABLE, {}).get(_PLAN_ID)
        return plan_from_dict(document) if document is not None else None

    def history(self) -> list[PlanChange]:
        with self._database.lock:
            table = self._tables().get(HISTORY_TABLE, {})
            documents = [table[key] for key in sorted(table, key=int)]
        return [change_from_dict(document) for document in documents]

    def save(self, change: PlanChange) -> None:
        """Keep `change` in the history and make its plan the one in force (none: the plan is removed)."""
        with self._database.lock:
            tables = self._tables()
            history = dict(tables.get(HISTORY_TABLE, {}))
            next_id = max((int(key) for key in history), default=0) + 1
            history[str(next_id)] = change_to_dict(change)
            tables[HISTORY_TABLE] = history
            tables[PLAN_TABLE] = {_PLAN_ID: plan_to_dict(change.plan)} if change.plan is not None else {}
            self._database.tinydb.storage.write(tables)
            for name in (PLAN_TABLE, HISTORY_TABLE):
                self._database.table(name).clear_cache()

    def _tables(self) -> dict:
        return dict(self._database.tinydb.storage.read() or {})
