"""The `kiosk data export|import|delete` commands: a profile's pain diary in and out, or erased."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

from kiosk.cli.data_folder import DataFolderProblem, cannot_open, open_data_folder
from kiosk.cli.exit_codes import ExitCode
from kiosk.core.csv_diary import DiaryError, read_diary, write_diary
from kiosk.core.diary_merge import new_aerobic, new_ratings, new_sessions
from kiosk.core.diary_number import is_diary_number
from kiosk.core.fhir_bundle import build_bundle
from kiosk.core.fhir_reading import BundleError, read_bundle_text
from kiosk.store.atomic_file import write_atomically
from kiosk.store.data_store import DataStore
from kiosk.store.profile_repository import GUEST_PROFILE_ID, ProfileError

FORMATS = ("csv", "fhir")


def _fail(message: str) -> int:
    """Bad input (a bad file, an unknown profile or format, or the user said no): say so; nothing changed."""
    print(f"kiosk data: {message}", file=sys.stderr)
    return ExitCode.BAD_INPUT


def _by_number(store: DataStore, args: argparse.Namespace) -> None:
    """`--profile` may be a diary number (as staff see it on the admin screen): use its profile id."""
    number = "".join(str(args.profile or "").split())
    found = store.profiles.find_by_number(number) if is_diary_number(number) else None
    if found is not None:
        args.profile = found.profile_id


def _open_profile(store: DataStore, profile_id: str, create: bool = False):
    """Open a profile, saying on stderr what opening it repaired or set aside."""
    before = len(store.notices)
    profile = store.open_profile(profile_id, create=create)
    for notice in store.notices[before:]:
        print(f"kiosk data: {notice}", file=sys.stderr)
    return profile


def _guard(command):
    """Turn the store's expected failures into a message and an exit status."""
    def run(args: argparse.Namespace) -> int:
        if getattr(args, "profile", None) == GUEST_PROFILE_ID:
            return _fail("the guest profile records nothing.")
        try:
            return command(args)
        except DataFolderProblem as problem:
            return cannot_open("data", problem)
        except ProfileError as error:
            return _fail(str(error))
    run.__name__, run.__doc__ = command.__name__, command.__doc__
    return run


@_guard
def export_command(args: argparse.Namespace) -> int:
    """`kiosk data export --profile ID [--format csv|fhir] [--out FILE]`: the pain diary as CSV, or the
    whole diary (ratings, sessions, aerobic minutes) as a FHIR R4 Bundle in JSON.

    Writes to stdout, or to FILE atomically and readable only by its owner.
    """
    if (args.format or "csv") not in FORMATS:
        return _fail(f"unknown format {args.format!r}; use {', '.join(FORMATS)}.")
    with open_data_folder(args, "data") as store:
        _by_number(store, args)
        if not store.profiles.exists(args.profile):
            return _fail(f"there is no profile {args.profile!r}.")
        number = store.profiles.get(args.profile).number or ""
        data = _open_profile(store, args.profile)
        ratings = data.ratings.list()
        sessions, aerobic = (data.sessions.list(), data.aerobic.list()) if args.format == "fhir" else ((), ())
    text = io.StringIO(newline="")
    if args.format == "fhir":
        from kiosk.cli.paper_language import paper_language

        json.dump(build_bundle(number, ratings, sessions, aerobic, language=paper_language(args)), text, indent=2,
                  ensure_ascii=False)
        text.write("\n")
        count = len(ratings)
    else:
        count = write_diary(ratings, text)
    if args.out and args.out != "-":
        write_atomically(Path(args.out), [text.getvalue()], keep_backup=False)
        extra = (f", {len(sessions)} session{'s' if len(sessions) != 1 else ''} and {len(aerobic)} aerobic "
                 f"entr{'ies' if len(aerobic) != 1 else 'y'}") if args.format == "fhir" else ""
        print(f"Exported {count} pain rating{'s' if count != 1 else ''}{extra} of {args.profile} to {args.out}.",
              file=sys.stderr)
    else:
        sys.stdout.write(text.getvalue())
        sys.stdout.flush()
    return ExitCode.OK


@_guard
def import_command(args: argparse.Namespace) -> int:
    """`kiosk data import --profile ID [--format csv|fhir] FILE`: add a CSV pain diary (all rows or none),
    or a FHIR Bundle as `kiosk data export --format fhir` writes it (all entries or none).

    A missing profile is created (no PIN). Rows identical to ratings already saved are skipped,
    so importing the same file twice adds nothing.
    """
    fmt = getattr(args, "format", None) or "csv"
    if fmt not in FORMATS:
        return _fail(f"unknown format {fmt!r}; use {', '.join(FORMATS)}.")
    if fmt == "fhir":
        return _import_fhir(args)
    source = args.file
    try:
        if source in (None, "-"):
            source = "<stdin>"
            ratings = read_diary(io.StringIO(sys.stdin.read().lstrip("\ufeff"), newline=""))
        else:
            with open(source, encoding="utf-8-sig", newline="") as stream:
                ratings = read_diary(stream)
    except DiaryError as error:
        for row_error in error.errors:
            print(f"{source}:{row_error.line}: {row_error.message}", file=sys.stderr)
        return _fail(f"nothing imported: {len(error.errors)} bad line{'s' if len(error.errors) != 1 else ''} "
                     f"in {source}.")
    except (OSError, UnicodeDecodeError) as error:
        return _fail(f"cannot read {source}: {error}")
    with open_data_folder(args, "data") as store:
        _by_number(store, args)
        created = not store.profiles.exists(args.profile)
        repository = _open_profile(store, args.profile, create=True).ratings
        known = {(r.timestamp, r.pain, r.moment, r.side, r.exercise, r.note) for r in repository.list()}
        new = []
        for rating in ratings:
            key = (rating.timestamp, rating.pain, rating.moment, rating.side, rating.exercise, rating.note)
            if key not in known:
                known.add(key)
                new.append(rating)
        repository.add_many(new)
    skipped = len(ratings) - len(new)
    print(f"Imported {len(new)} pain rating{'s' if len(new) != 1 else ''} into "
          f"{'new ' if created else ''}profile {args.profile}"
          + (f"; {skipped} already there, skipped." if skipped else "."), file=sys.stderr)
    return ExitCode.OK


def _read_text(source: str | None) -> tuple[str, str]:
    """(the name to show, the text) of FILE, or of standard input for "-"."""
    if source in (None, "-"):
        return "<stdin>", sys.stdin.read()
    with open(source, encoding="utf-8-sig") as stream:
        return source, stream.read()


def _import_fhir(args: argparse.Namespace) -> int:
    """Every entry is checked before anything is written; records the diary has already are skipped
    (ratings and aerobic entries equal in every field, sessions by their id)."""
    source = args.file or "-"
    try:
        source, text = _read_text(source)
        records = read_bundle_text(text.lstrip("\ufeff"))
    except BundleError as error:
        for entry_error in error.errors:
            print(f"{source}: {entry_error}", file=sys.stderr)
        bad = [e for e in error.errors if e.index is not None]
        what = f"{len(bad)} bad entr{'ies' if len(bad) != 1 else 'y'}" if bad else "not a diary Bundle"
        return _fail(f"nothing imported: {what} in {source}.")
    except (OSError, UnicodeDecodeError) as error:
        return _fail(f"cannot read {source}: {error}")
    with open_data_folder(args, "data") as store:
        _by_number(store, args)
        created = not store.profiles.exists(args.profile)
        data = _open_profile(store, args.profile, create=True)
        sessions = new_sessions(data.sessions.list(), records.sessions)
        ratings = new_ratings(data.ratings.list(), records.ratings)
        aerobic = new_aerobic(data.aerobic.list(), records.aerobic)
        _add_all(data, sessions, ratings, aerobic)
    skipped = (len(records.ratings) - len(ratings) + len(records.sessions) - len(sessions)
               + len(records.aerobic) - len(aerobic))
    print(f"Imported {len(ratings)} pain rating{'s' if len(ratings) != 1 else ''}, {len(sessions)} "
          f"session{'s' if len(sessions) != 1 else ''} and {len(aerobic)} aerobic "
          f"entr{'ies' if len(aerobic) != 1 else 'y'} into {'new ' if created else ''}profile {args.profile}"
          + (f"; {skipped} already there, skipped." if skipped else "."), file=sys.stderr)
    return ExitCode.OK


def _add_all(data, sessions, ratings, aerobic) -> None:
    """Three writes (one per table); when a later one fails the earlier ones are taken back."""
    written = []
    try:
        for repository, records in ((data.sessions, sessions), (data.ratings, ratings), (data.aerobic, aerobic)):
            written.append((repository, repository.add_many(records)))
    except BaseException:
        for repository, ids in written:
            for record_id in ids:
                repository.remove(record_id)
        raise


@_guard
def delete_command(args: argparse.Namespace) -> int:
    """`kiosk data delete --profile ID [--yes]`: erase a profile and all its files, after confirmation.

    ID may be the diary number staff see on the admin screen. Its data file and backups, its clinic
    export and saved charts in the data folder, the audio of sentences about a person, its index entry.
    """
    with open_data_folder(args, "data") as store:
        _by_number(store, args)
        if not store.profiles.exists(args.profile):
            return _fail(f"there is no profile {args.profile!r}.")
        if not args.yes:
            data = store.open_profile(args.profile)
            counts = (f"{data.ratings.count()} pain ratings, {data.sessions.count()} sessions, "
                      f"{data.aerobic.count()} aerobic entries")
            print(f"Delete profile {args.profile} and all its data ({counts})? This cannot be undone.\n"
                  "Type 'yes' to delete: ", end="", file=sys.stderr, flush=True)
            answer = sys.stdin.readline().strip().lower()
            if answer not in ("y", "yes"):
                return _fail("nothing deleted.")
        removed = store.delete_profile(args.profile)
    print(f"Deleted profile {args.profile} ({len(removed)} file{'s' if len(removed) != 1 else ''}).",
          file=sys.stderr)
    return ExitCode.OK


#: The `kiosk data <action>` functions, by action.
DATA_COMMANDS = {"export": export_command, "import": import_command, "delete": delete_command}
