"""Opening the data folder for a command; one message and one exit code when it cannot be opened."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from kiosk.cli.exit_codes import ExitCode
from kiosk.paths import data_dir
from kiosk.store.data_store import DataStore
from kiosk.store.folder_lock import DataFolderInUse
from kiosk.store.schema import SchemaTooNew

#: Why a data folder cannot be opened: a running app holds it, or a file in it is of a newer format.
DATA_FOLDER_PROBLEMS = (DataFolderInUse, SchemaTooNew)


@contextmanager
def open_data_folder(args: argparse.Namespace, command: str, stderr: TextIO | None = None) -> Iterator[DataStore]:
    """The store of `--data-dir` (else KIOSK_DATA_DIR, else the user data folder), held for the block.

    Its notices (a damaged file set aside, a backup restored) go to standard error. Raises one of
    DATA_FOLDER_PROBLEMS when it cannot be opened: `cannot_open` turns that into the exit status.
    """
    with DataStore(data_dir(getattr(args, "data_dir", None))) as store:
        for notice in store.notices:
            print(f"kiosk {command}: {notice}", file=stderr or sys.stderr)
        yield store


def cannot_open(args: argparse.Namespace, command: str, problem: BaseException, advice: str = "",
                stderr: TextIO | None = None) -> ExitCode:
    """Say why the data folder could not be opened (one format for every command); ExitCode.DATA_FOLDER."""
    folder = data_dir(getattr(args, "data_dir", None))
    print(f"kiosk {command}: could not open the data folder {folder}: {problem}" + (f" {advice}" if advice else ""),
          file=stderr or sys.stderr)
    return ExitCode.DATA_FOLDER
