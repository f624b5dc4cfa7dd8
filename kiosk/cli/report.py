"""The `kiosk report` command: a diary's visit report for the doctor, as a PDF of at most two pages."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from kiosk.cli.data_folder import DataFolderProblem, cannot_open, open_data_folder
from kiosk.cli.exit_codes import ExitCode
from kiosk.cli.paper_language import paper_language
from kiosk.core.diary_number import is_diary_number
from kiosk.services.plans import DiaryPlans
from kiosk.store.profile_repository import GUEST_PROFILE_ID, ProfileError


def _fail(message: str) -> int:
    print(f"kiosk report: {message}", file=sys.stderr)
    return ExitCode.BAD_INPUT


def _bundled_exercises(language: str = "en") -> dict:
    """The bundled exercise library by id, in `language` (a routine file that does not load only loses its
    exercises)."""
    from kiosk.core.loader import load_routines
    from kiosk.paths import bundled_dir

    return dict(load_routines(bundled_dir("routines"), language=language).exercises)


def _gui_application():
    """A QGuiApplication for drawing the pages, on the offscreen platform when there is no display."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(["kiosk-report"])


def report_command(args: argparse.Namespace, now: datetime | None = None) -> int:
    """`kiosk report --profile ID [--weeks N] [--paper a4|letter] [--language es] --out FILE.pdf`.

    ID is the profile id or the diary number. The numbers are the ones `kiosk trends --json
    [--weeks N]` prints for the same diary; the file is readable by its owner only. Its words are in
    the language asked for (else KIOSK_LANGUAGE, else the system locale's).
    """
    language = paper_language(args)
    if args.profile == GUEST_PROFILE_ID:
        return _fail("the guest profile records nothing.")
    out = Path(args.out)
    if out.is_dir() or not out.parent.is_dir():
        return _fail(f"cannot write {out}: give a file name in a folder that exists.")
    try:
        with open_data_folder(args, "report") as store:
            already = len(store.notices)
            number = "".join(str(args.profile).split())
            found = store.profiles.find_by_number(number) if is_diary_number(number) else None
            profile_id = found.profile_id if found is not None else args.profile
            if not store.profiles.exists(profile_id):
                return _fail(f"there is no profile {args.profile!r}.")
            diary_number = store.profiles.get(profile_id).number
            data = store.open_profile(profile_id)
            records = data.ratings.list(), data.sessions.list(), data.aerobic.list()
            exercises = _bundled_exercises(language)
            plan = DiaryPlans(data, exercises).plan()         # its days a week, when the diary has a plan
            notices = store.notices[already:]
    except DataFolderProblem as problem:
        return cannot_open("report", problem)
    except ProfileError as error:
        return _fail(str(error))
    for notice in notices:
        print(f"kiosk report: {notice}", file=sys.stderr)

    _gui_application()                                   # kept by Qt until the process ends
    from kiosk.ui.paper.report import report_content, write_report_pdf

    today = (now or datetime.now().astimezone()).date()
    content = report_content(*records, diary_number=diary_number, today=today, weeks=args.weeks,
                             plan_days_per_week=plan.days_a_week if plan is not None else None,
                             exercise_titles={exercise_id: e.title for exercise_id, e in exercises.items()},
                             language=language)
    try:
        pages = write_report_pdf(out, content, args.paper)
    except OSError as error:
        return _fail(f"could not write {out}: {error}")
    if content.numbers.left_out:
        from kiosk.core.clock import left_out_notice

        print(f"kiosk report: {left_out_notice(content.numbers.left_out)}", file=sys.stderr)
    print(f"Wrote the visit report of diary {diary_number or profile_id} ({pages} page{'s' if pages != 1 else ''}, "
          f"{args.paper.upper() if args.paper == 'a4' else 'Letter'}) to {out}.", file=sys.stderr)
    return ExitCode.OK
