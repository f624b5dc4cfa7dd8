"""The `kiosk plan import|export|script` commands: a diary's plan from and to a plan file, and its timeline."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

from kiosk.cli.data_folder import DataFolderProblem, cannot_open, open_data_folder
from kiosk.cli.exit_codes import ExitCode
from kiosk.cli.routines import print_timeline
from kiosk.core.diary_number import is_diary_number
from kiosk.core.loader import load_routines
from kiosk.core.plan_file import PlanFileError
from kiosk.core.timeline import compile_routine
from kiosk.paths import bundled_dir
from kiosk.services.plans import PlanService
from kiosk.store.atomic_file import write_atomically
from kiosk.store.profile_repository import GUEST_PROFILE_ID, ProfileError


def _fail(message: str) -> int:
    print(f"kiosk plan: {message}", file=sys.stderr)
    return ExitCode.BAD_INPUT


def _library():
    result = load_routines(bundled_dir("routines"))
    for error in result.errors:
        print(f"kiosk plan: warning: {error}", file=sys.stderr)
    return result.exercises


def _profile(store, args: argparse.Namespace) -> str | None:
    """The profile id `--profile` names (an id, or a diary number as staff see it); None when there is none."""
    number = "".join(str(args.profile or "").split())
    found = store.profiles.find_by_number(number) if is_diary_number(number) else None
    profile_id = found.profile_id if found is not None else args.profile
    return profile_id if store.profiles.exists(profile_id) else None


def _guard(command):
    """The store's expected failures as a message and an exit status."""
    def run(args: argparse.Namespace) -> int:
        if args.profile == GUEST_PROFILE_ID:
            return _fail("the guest has no plan: plans belong to a diary.")
        try:
            return command(args)
        except DataFolderProblem as problem:
            return cannot_open("plan", problem)
        except (ProfileError, _NoPlan) as error:
            return _fail(str(error))
    run.__name__, run.__doc__ = command.__name__, command.__doc__
    return run


@_guard
def import_command(args: argparse.Namespace) -> int:
    """`kiosk plan import --profile ID FILE`: make the plan file the diary's plan (refused whole if bad)."""
    library = _library()
    with open_data_folder(args, "plan") as store:
        profile_id = _profile(store, args)
        if profile_id is None:
            return _fail(f"there is no diary {args.profile!r}; nothing imported.")
        try:
            plan = PlanService(store, library).import_file(profile_id, Path(args.file),
                                                           now=datetime.now(timezone.utc))
        except PlanFileError as error:
            print(error, file=sys.stderr)
            count = len(error.errors)
            return _fail(f"nothing imported: {count} problem{'s' if count != 1 else ''} in {args.file}.")
    count = len(plan.items)
    print(f"Imported a plan of {count} exercise{'s' if count != 1 else ''} into {profile_id}.", file=sys.stderr)
    return ExitCode.OK


class _NoPlan(Exception):
    """The diary named is not there, or has no plan: the message says which."""


def _read_plan(args: argparse.Namespace, read):
    """`read(service, profile_id)` for the diary `--profile` names, the data folder closed again after."""
    with open_data_folder(args, "plan") as store:
        profile_id = _profile(store, args)
        if profile_id is None:
            raise _NoPlan(f"there is no diary {args.profile!r}.")
        value = read(PlanService(store, _library()), profile_id)
    if value is None:
        raise _NoPlan(f"the diary {profile_id} has no plan.")
    return profile_id, value


@_guard
def export_command(args: argparse.Namespace) -> int:
    """`kiosk plan export --profile ID [--out FILE]`: the diary's plan as a plan file."""
    profile_id, text = _read_plan(args, PlanService.export_text)
    if args.out and args.out != "-":
        write_atomically(Path(args.out), [text], keep_backup=False)
        print(f"Exported the plan of {profile_id} to {args.out}.", file=sys.stderr)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return ExitCode.OK


@_guard
def script_command(args: argparse.Namespace) -> int:
    """`kiosk plan script --profile ID [--json]`: the plan's timeline, as `kiosk routines script` prints it."""
    _, routine = _read_plan(args, PlanService.routine)
    return print_timeline(compile_routine(routine), as_json=args.json)


@_guard
def audio_command(args: argparse.Namespace) -> int:
    """`kiosk plan audio --profile ID --out FILE`: the plan's session as one sound file, timed as the app
    plays it, with FILE.cues.txt beside it (as `kiosk routines audio`)."""
    from kiosk.cli.routines import routine_audio

    _, routine = _read_plan(args, PlanService.routine)
    return routine_audio(routine, args)            # opens the data folder again, for its voice settings
