"""`kiosk admin set-pin`: set the clinic admin PIN from a terminal or a set-up script."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TextIO

from kiosk.cli.data_folder import DataFolderProblem, cannot_open, open_data_folder
from kiosk.cli.exit_codes import ExitCode
from kiosk.core.admin_pin import AdminPinPolicy, check_admin_pin_format


def _read_twice(stdin: TextIO, stdout: TextIO) -> tuple[str, str] | None:
    """The PIN and its repetition: hidden prompts on a terminal, else the first two lines."""
    if stdin.isatty():
        try:
            first = getpass.getpass("New admin PIN (4 to 8 digits): ", stream=stdout)
            second = getpass.getpass("The same PIN again: ", stream=stdout)
        except (EOFError, KeyboardInterrupt):
            return None
        return first, second
    lines = []
    for _ in range(2):
        line = stdin.readline()
        if not line:
            return None
        lines.append(line.rstrip("\r\n"))
    return lines[0], lines[1]


def set_pin_command(args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None,
                    stderr: TextIO | None = None) -> int:
    """Read the admin PIN twice and store its salted hash in the data folder's settings.

    Exit status (ExitCode) 0 when stored; 1 for a mismatch, an invalid PIN or missing input; 2 when the
    data folder cannot be opened (held by the running app, or of a newer format).
    """
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr

    def fail(message: str) -> int:
        print(f"kiosk admin: {message}", file=stderr)
        return ExitCode.BAD_INPUT

    pins = _read_twice(stdin, stdout)
    if pins is None:
        return fail("no PIN given (expected the PIN twice, one per line).")
    first, second = pins
    try:
        check_admin_pin_format(first)
    except ValueError as error:
        return fail(f"{error} Nothing was changed.")
    if first != second:
        return fail("the two PINs did not match. Nothing was changed.")
    try:
        with open_data_folder(args, "admin", stderr) as store:
            AdminPinPolicy(store.settings).set_pin(first)
    except DataFolderProblem as problem:
        return cannot_open("admin", problem, "Close the app first, or set the PIN from its admin screen.", stderr)
    print("Admin PIN set.", file=stdout)
    return ExitCode.OK
