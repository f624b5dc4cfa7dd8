"""The `kiosk handout` command: a routine or a diary's plan as a printable PDF handout."""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.cli.exit_codes import ExitCode
from kiosk.cli.paper_language import paper_language
from kiosk.core.loader import load_routines
from kiosk.core.routine import Routine
from kiosk.paths import bundled_dir

PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class HandoutSource:
    """What goes on the paper: a routine and what a plan adds to it."""

    routine: Routine
    notes: dict[str, str] = field(default_factory=dict)
    days_per_week: int | None = None
    clinician_note: str = ""
    diary_number: str | None = None


class HandoutProblem(Exception):
    """Bad input for the handout (an unknown routine or profile): the message says which."""


def _fail(message: str) -> int:
    print(f"kiosk handout: {message}", file=sys.stderr)
    return ExitCode.BAD_INPUT


def _bundled_routine(routine_id: str, language: str = "en") -> HandoutSource:
    result = load_routines(bundled_dir("routines"), language=language)
    routine = result.routines.get(routine_id)
    if routine is None:
        known = ", ".join(result.routines) or "none"
        raise HandoutProblem(f"no valid routine with id {routine_id!r} (valid: {known}).")
    return HandoutSource(routine)


def _plan_routine(args: argparse.Namespace, language: str = "en") -> HandoutSource:
    """`--profile ID` (a profile id or its diary number): the diary's personal plan as a Routine, with its
    notes, days a week, the clinician's note and the diary number (DataFolderProblem when the folder
    cannot be opened)."""
    from kiosk.cli.data_folder import open_data_folder
    from kiosk.core.diary_number import is_diary_number
    from kiosk.core.plan import plan_routine
    from kiosk.services.plans import PlanService
    from kiosk.store.profile_repository import GUEST_PROFILE_ID

    if args.profile == GUEST_PROFILE_ID:
        raise HandoutProblem("the guest has no plan: plans belong to a diary.")
    library = load_routines(bundled_dir("routines"), language=language).exercises
    with open_data_folder(args, "handout") as store:
        number = "".join(str(args.profile).split())
        found = store.profiles.find_by_number(number) if is_diary_number(number) else None
        profile_id = found.profile_id if found is not None else args.profile
        if not store.profiles.exists(profile_id):
            raise HandoutProblem(f"there is no diary {args.profile!r}.")
        plan = PlanService(store, library).plan(profile_id)
        if plan is None:
            raise HandoutProblem(f"the diary {args.profile!r} has no plan (`kiosk plan import` gives it one); "
                                 "or use --routine ID.")
        diary_number = store.profiles.get(profile_id).number
    return HandoutSource(plan_routine(plan, library), notes={item.exercise: item.note for item in plan.items
                                                              if item.note},
                         days_per_week=plan.days_a_week, clinician_note=plan.note, diary_number=diary_number)


def _ensure_gui_application():
    """Qt lays out and paints the pages: a QGuiApplication, offscreen when there is no display."""
    if not os.environ.get("QT_QPA_PLATFORM") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(sys.argv[:1])


def handout_command(args: argparse.Namespace) -> int:
    """`kiosk handout --routine ID | --profile ID --out FILE.pdf [--paper a4|letter] [--language es]`: write the
    PDF (0600), in the language asked for (else KIOSK_LANGUAGE, else the system locale's)."""
    out = Path(args.out)
    if not out.parent.is_dir():
        return _fail(f"there is no folder {str(out.parent)!r} to write {out.name!r} in.")
    if out.is_dir():
        return _fail(f"{str(out)!r} is a folder; give a file name, e.g. {str(out / 'handout.pdf')!r}.")
    from kiosk.cli.data_folder import DataFolderProblem, cannot_open

    language = paper_language(args)
    try:
        source = _plan_routine(args, language) if args.profile else _bundled_routine(args.routine, language)
    except HandoutProblem as problem:
        return _fail(str(problem))
    except DataFolderProblem as problem:
        return cannot_open("handout", problem)
    app = _ensure_gui_application()
    from kiosk.ui.paper.handout import write_handout

    started = time.perf_counter()
    try:
        printed = write_handout(out, source.routine, paper=args.paper, notes=source.notes,
                              days_per_week=source.days_per_week, clinician_note=source.clinician_note,
                              diary_number=source.diary_number, language=language)
    except OSError as error:
        return _fail(f"could not write {str(out)!r}: {error.strerror or error}.")
    seconds = time.perf_counter() - started
    del app
    paper = "A4" if args.paper == "a4" else "Letter"
    print(f"Wrote {out}: {source.routine.title}, {len(source.routine.exercises)} exercises on "
          f"{printed.pages} page{'s' if printed.pages != 1 else ''} ({paper}, {seconds:.2f} s).", file=sys.stderr)
    return ExitCode.OK
