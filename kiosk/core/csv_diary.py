"""The pain diary CSV format (`timestamp,pain,moment,side,exercise,note`): read and write it."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TextIO

from kiosk.core.records import MOMENTS, SIDES, PainRating

HEADER = ("timestamp", "pain", "moment", "side", "exercise", "note")
#: Text cells starting with these are read as formulas by spreadsheets: written with a leading '.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_REPORTED_ERRORS = 20


@dataclass(frozen=True)
class DiaryRowError:
    """What is wrong with one line of the file (line numbers start at 1, the header)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class DiaryError(ValueError):
    """The file cannot be imported; `errors` lists every bad line found (up to MAX_REPORTED_ERRORS)."""

    def __init__(self, errors: list[DiaryRowError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


def _protect(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _unprotect(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_STARTS) else text


def rating_row(rating: PainRating) -> list[str]:
    """The CSV cells of one rating."""
    return [rating.timestamp.isoformat(), str(rating.pain), rating.moment, rating.side or "",
            _protect(rating.exercise or ""), _protect(rating.note)]


def write_diary(ratings: Iterable[PainRating], stream: TextIO) -> int:
    """Write the header and one row per rating to `stream` (open it with newline=""); returns the row count."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(HEADER)
    count = 0
    for rating in ratings:
        writer.writerow(rating_row(rating))
        count += 1
    return count


def _parse_timestamp(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"timestamp {text!r} is not an ISO 8601 date and time, "
                         "e.g. 2026-03-14T09:30:00+01:00") from None
    if moment.tzinfo is None:
        raise ValueError(f"timestamp {text!r} has no UTC offset; add one, e.g. {text}+01:00")
    return moment


def _parse_pain(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 0 <= int(text) <= 10:
        raise ValueError(f"pain must be a whole number from 0 to 10, not {text!r}")
    return int(text)


def parse_row(cells: list[str]) -> PainRating:
    """One rating from the cells of a data row; ValueError naming every problem in it."""
    if len(cells) != len(HEADER):
        raise ValueError(f"expected {len(HEADER)} columns ({','.join(HEADER)}), found {len(cells)}")
    timestamp, pain, moment, side, exercise = (cell.strip() for cell in cells[:5])
    problems = []
    parsed = {}
    for name, parse, text in (("timestamp", _parse_timestamp, timestamp), ("pain", _parse_pain, pain)):
        try:
            parsed[name] = parse(text)
        except ValueError as error:
            problems.append(str(error))
    if moment not in MOMENTS:
        problems.append(f"moment must be one of {', '.join(MOMENTS)}, not {moment!r}")
    if side and side not in SIDES:
        problems.append(f"side must be one of {', '.join(SIDES)} or empty, not {side!r}")
    if problems:
        raise ValueError("; ".join(problems))
    return PainRating(timestamp=parsed["timestamp"], pain=parsed["pain"], moment=moment, side=side or None,
                      exercise=_unprotect(exercise) or None, note=_unprotect(cells[5]))


def read_diary(stream: TextIO) -> list[PainRating]:
    """Every rating in a diary file (open it with newline=""), or DiaryError listing the bad lines.

    Blank lines are skipped. A leading byte-order mark is accepted.
    """
    reader = csv.reader(stream, strict=True)
    errors: list[DiaryRowError] = []
    ratings: list[PainRating] = []
    previous_line = 0
    header_seen = False
    try:
        for cells in reader:
            line, previous_line = previous_line + 1, reader.line_num
            if not header_seen:
                header_seen = True
                if [cell.strip().lstrip("\ufeff") for cell in cells] != list(HEADER):
                    errors.append(DiaryRowError(line, f"the first line must be the header {','.join(HEADER)}"))
                    break
                continue
            if not any(cell.strip() for cell in cells):
                continue
            try:
                ratings.append(parse_row(cells))
            except ValueError as error:
                errors.append(DiaryRowError(line, str(error)))
                if len(errors) >= MAX_REPORTED_ERRORS:
                    break
    except csv.Error as error:
        errors.append(DiaryRowError(reader.line_num, f"this is not valid CSV ({error})"))
    if not header_seen and not errors:
        errors.append(DiaryRowError(1, f"the file is empty; the first line must be {','.join(HEADER)}"))
    if errors:
        raise DiaryError(errors)
    return ratings
