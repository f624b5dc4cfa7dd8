"""Pytest plugin for TinyDB's own test suite: AtomicJSONStorage takes JSONStorage's place."""

import os

import tinydb
import tinydb.database
import tinydb.storages

from kiosk.store.atomic_storage import AtomicJSONStorage

tinydb.storages.JSONStorage = AtomicJSONStorage
tinydb.JSONStorage = AtomicJSONStorage
tinydb.database.TinyDB.default_storage_class = AtomicJSONStorage

if os.environ.get("KIOSK_TINYDB_SUITE_TABLE") == "append":
    from kiosk.store.append_table import AppendTable

    tinydb.database.TinyDB.table_class = AppendTable


def pytest_report_header(config):
    return f"tinydb {tinydb.__version__} from {tinydb.__file__}; JSONStorage is {AtomicJSONStorage!r}"


def pytest_terminal_summary(terminalreporter):
    storage = tinydb.database.TinyDB.default_storage_class
    table = tinydb.database.TinyDB.table_class
    terminalreporter.write_line(f"storage under test: {storage.__module__}.{storage.__qualname__}")
    terminalreporter.write_line(f"table class: {table.__module__}.{table.__qualname__}")
