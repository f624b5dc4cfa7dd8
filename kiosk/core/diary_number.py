"""Diary numbers: who a diary belongs to (the PIN is the secret). Seven random digits and a check digit."""

from __future__ import annotations

import secrets
from collections.abc import Callable

RANDOM_DIGITS = 7
DIGITS = RANDOM_DIGITS + 1
NUMBER_SPACE = 10 ** RANDOM_DIGITS        # how many diary numbers there are (the check digit adds none)

# The Damm algorithm's quasigroup: the check digit catches every single wrong digit and every swap
# of two neighbouring digits, so most mistyped numbers are caught on the keypad, before any lookup.
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2), (7, 0, 9, 2, 1, 5, 4, 8, 6, 3), (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6), (6, 1, 2, 3, 0, 4, 5, 9, 7, 8), (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4), (8, 9, 4, 5, 3, 6, 2, 0, 1, 7), (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)


def check_digit(digits: str) -> str:
    """The Damm check digit of a string of digits."""
    interim = 0
    for digit in digits:
        interim = _DAMM[interim][int(digit)]
    return str(interim)


def is_diary_number(text: str) -> bool:
    """True for eight digits whose last is the check digit of the first seven."""
    return (isinstance(text, str) and len(text) == DIGITS and text.isascii() and text.isdigit()
            and check_digit(text) == "0")


def new_diary_number(random_below: Callable[[int], int] = secrets.randbelow) -> str:
    """A random diary number (never sequential: numbers say nothing about each other)."""
    body = str(random_below(NUMBER_SPACE)).zfill(RANDOM_DIGITS)
    return body + check_digit(body)


def spaced(number: str) -> str:
    """The number in two groups of four, as shown and printed: "1234 5678"."""
    return f"{number[:4]} {number[4:]}" if len(number) == DIGITS else number
