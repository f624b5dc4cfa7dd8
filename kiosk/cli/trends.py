"""The `kiosk trends` command: the weekly pain trend as a table for people or as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import date, datetime
from typing import TextIO

from kiosk.cli.data_folder import DataFolderProblem, cannot_open, open_data_folder
from kiosk.cli.exit_codes import ExitCode
from kiosk.core.clock import CLOCK_NOTICE, clock_looks_wrong, left_out_notice
from kiosk.core.records import AerobicEntry, PainRating, SessionRecord
from kiosk.core.trends import TrendReport, diary_numbers, summary_sentence
from kiosk.store.profile_repository import ProfileError

_COLUMNS = (
    ("Week", 8), ("Starts", 10), ("Ratings", 7), ("Mean", 5), ("Min", 3), ("Max", 3),
    ("Before", 6), ("After", 5), ("Sessions", 8), ("Aerobic min", 11),
)


def run_trends(args: argparse.Namespace, now: datetime | None = None) -> int:
    """`kiosk trends --profile ID [--json] [--side left|right|all]`: read the profile, print its trend.

    What opening the profile repaired or set aside, and ratings left out for their dates, are
    said on stderr; the trend of everything else goes to stdout.
    """
    try:
        with open_data_folder(args, "trends") as store:
            already = len(store.notices)              # the folder's own were said on opening it
            profile = store.open_profile(args.profile)
            records = profile.ratings.list(), profile.sessions.list(), profile.aerobic.list()
            notices = store.notices[already:]
    except DataFolderProblem as problem:
        return cannot_open("trends", problem)
    except ProfileError as error:
        print(f"kiosk trends: {error}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    for notice in notices:
        print(f"kiosk trends: {notice}", file=sys.stderr)
    side = None if args.side == "all" else args.side
    today = (now or datetime.now().astimezone()).date()
    return trends_command(*records, as_json=args.json, out=sys.stdout, side=side, today=today, err=sys.stderr,
                          weeks=getattr(args, "weeks", None))


def trends_command(
    ratings: Iterable[PainRating],
    sessions: Iterable[SessionRecord],
    aerobic: Iterable[AerobicEntry],
    as_json: bool,
    out: TextIO,
    side: str | None = None,
    today: date | None = None,
    err: TextIO | None = None,
    weeks: int | None = None,
) -> int:
    """Print the trend of these records to `out`; returns the exit status (ExitCode.OK).

    Ratings whose dates look like a wrong clock's (core.clock) are left out, and said so on `err`.
    `weeks`: only the last this many weeks the diary covers (core.trends.last_weeks). The JSON holds
    the trend and, under "details", the visit report's other numbers (core.trends.diary_numbers).
    """
    numbers = diary_numbers(ratings, sessions, aerobic, weeks=weeks, today=today, side=side)
    left_out = numbers.left_out
    if err is not None:
        if today is not None and clock_looks_wrong(today):
            err.write(f"kiosk trends: {CLOCK_NOTICE}\n")
        if left_out:
            err.write(f"kiosk trends: {left_out_notice(left_out)}\n")
    report = numbers.trend
    if as_json:
        json.dump(numbers.to_json_dict(), out, indent=2)
        out.write("\n")
    else:
        out.write(format_table(report))
    return ExitCode.OK


def format_table(report: TrendReport) -> str:
    """The report as a plain-text table with the summary, the change and any advice below it."""
    lines = ["  ".join(name.rjust(width) if i > 1 else name.ljust(width)
                       for i, (name, width) in enumerate(_COLUMNS)).rstrip()]
    lines.append("  ".join("-" * width for _, width in _COLUMNS))
    for week in report.weeks:
        cells = (
            week.label, week.start.isoformat(), str(week.count) if week.count else "-",
            _number(week.mean), _number(week.min), _number(week.max),
            _number(week.mean_before), _number(week.mean_after),
            str(week.sessions), str(week.aerobic_minutes),
        )
        lines.append("  ".join(cell.rjust(width) if i > 1 else cell.ljust(width)
                               for i, (cell, (_, width)) in enumerate(zip(cells, _COLUMNS))).rstrip())
    if not report.weeks:
        lines.append("(no records yet)")
    lines.append("")
    if report.has_ratings:
        change = report.change
        percent = "n/a" if change.percent is None else f"{change.percent:.2f}%"
        lines.append(f"Baseline {report.baseline:.2f}, latest {report.latest:.2f}, "
                     f"change {change.points:+.2f} points ({percent}), "
                     f"meaningful: {'yes' if change.meaningful else 'no'}")
    lines.append(summary_sentence(report))
    if report.advice:
        lines.append(report.advice)
    return "\n".join(lines) + "\n"


def _number(value: float | int | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return str(value)
    return f"{value:.2f}"
