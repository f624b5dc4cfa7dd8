"""The `kiosk run` command (also plain `kiosk`): the app itself."""

from __future__ import annotations

import argparse


def positive_seconds(text: str) -> float:
    """`--idle-timeout`: a number of seconds from 5 to 3600."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 5 <= value <= 3600:
        raise argparse.ArgumentTypeError("give between 5 and 3600 seconds")
    return value


def run_command(args: argparse.Namespace) -> int:
    """Run the app until its window closes: ExitCode.OK, or DATA_FOLDER when the data folder cannot be opened."""
    from kiosk.app import run_app  # Qt is imported only when the app really runs

    return run_app(args)
