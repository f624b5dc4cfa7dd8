"""Opening the data folder for a command; one message and one exit code when it cannot be opened."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from kiosk.cli.exit_codes import ExitCode
from kiosk.paths import data_dir
from kiosk.speech.cache import forget_personal_sentences
from kiosk.store.data_store import DataStore
from kiosk.store.folder_lock import DataFolderInUse
from kiosk.store.schema import SchemaTooNew


class DataFolderProblem(Exception):
    """The data folder could not be opened: a running app holds it, a file in it is of a newer format,
    or the system refused (permissions, a full or missing disk)."""

    def __init__(self, folder: Path | str, reason: BaseException) -> None:
        super().__init__(f"could not open the data folder {folder}: {reason}")
        self.folder, self.reason = folder, reason


@contextmanager
def open_data_folder(args: argparse.Namespace, command: str, stderr: TextIO | None = None) -> Iterator[DataStore]:
    """The store of `--data-dir` (else KIOSK_DATA_DIR, else the user data folder), held for the block.

    Its notices (a damaged file set aside, a backup restored) go to standard error. Raises
    DataFolderProblem when the folder cannot be opened; `cannot_open` turns that into the exit status.
    """
    wanted = args.data_dir
    try:
        folder = data_dir(wanted)                  # created (0700) when new
    except OSError as error:
        raise DataFolderProblem(error.filename or wanted, error) from error
    try:
        store = DataStore(folder, forget_personal_audio=forget_personal_sentences)
    except (DataFolderInUse, SchemaTooNew, OSError) as error:
        raise DataFolderProblem(folder, error) from error
    try:
        with store:
            for notice in store.notices:
                print(f"kiosk {command}: {notice}", file=stderr or sys.stderr)
            yield store
    except SchemaTooNew as error:                  # a profile's file, opened inside the block
        raise DataFolderProblem(folder, error) from error


def cannot_open(command: str, problem: DataFolderProblem, advice: str = "",
                stderr: TextIO | None = None) -> ExitCode:
    """Say why the data folder could not be opened (one format for every command); ExitCode.DATA_FOLDER."""
    print(f"kiosk {command}: {problem}" + (f" {advice}" if advice else ""), file=stderr or sys.stderr)
    return ExitCode.DATA_FOLDER
