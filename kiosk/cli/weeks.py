"""The `--weeks N` option of `kiosk trends` and `kiosk report`: a whole number of weeks from 1 to 520."""

from __future__ import annotations

import argparse

MAX_WEEKS = 520          # ten years: more is a typing mistake, not a visit


def whole_weeks(text: str) -> int:
    """`--weeks`: a whole number of weeks from 1 to MAX_WEEKS (argparse turns the error into exit 1)."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of weeks") from None
    if not 1 <= value <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(f"give between 1 and {MAX_WEEKS} weeks, not {value}")
    return value
