"""The `kiosk data export|import|delete` commands: a profile's pain diary in and out, or erased."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from kiosk.core.csv_diary import DiaryError, read_diary, write_diary
from kiosk.paths import data_dir
from kiosk.store.atomic_file import write_atomically
from kiosk.store.data_store import DataStore
from kiosk.store.folder_lock import DataFolderInUse
from kiosk.store.profile_repository import GUEST_PROFILE_ID, ProfileError
from kiosk.store.schema import SchemaTooNew

EXIT_OK = 0
EXIT_FAILED = 1     # bad file, unknown profile, folder in use, or the user said no
EXIT_USAGE = 2      # an option value this command does not support
FORMATS = ("csv",)


def _fail(message: str, code: int = EXIT_FAILED) -> int:
    print(f"kiosk data: {message}", file=sys.stderr)
    return code


def _open_store(args: argparse.Namespace) -> DataStore:
    store = DataStore(data_dir(getattr(args, "data_dir", None)))
    for notice in store.notices:
        print(f"kiosk data: {notice}", file=sys.stderr)
    return store


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
        except (DataFolderInUse, ProfileError, SchemaTooNew) as error:
            return _fail(str(error))
    run.__name__, run.__doc__ = command.__name__, command.__doc__
    return run


@_guard
def export_command(args: argparse.Namespace) -> int:
    """`kiosk data export --profile ID --format csv [--out FILE]`: the pain diary as CSV.

    Writes to stdout, or to FILE atomically and readable only by its owner.
    """
    if (args.format or "csv") not in FORMATS:
        return _fail(f"unknown format {args.format!r}; use {', '.join(FORMATS)}.", EXIT_USAGE)
    with _open_store(args) as store:
        if not store.profiles.exists(args.profile):
            return _fail(f"there is no profile {args.profile!r}.")
        ratings = _open_profile(store, args.profile).ratings.list()
    text = io.StringIO(newline="")
    count = write_diary(ratings, text)
    if args.out and args.out != "-":
        write_atomically(Path(args.out), [text.getvalue()], keep_backup=False)
        print(f"Exported {count} pain rating{'s' if count != 1 else ''} of {args.profile} to {args.out}.",
              file=sys.stderr)
    else:
        sys.stdout.write(text.getvalue())
        sys.stdout.flush()
    return EXIT_OK


@_guard
def import_command(args: argparse.Namespace) -> int:
    """`kiosk data import --profile ID FILE`: add a CSV pain diary (all rows or none).

    A missing profile is created (no PIN). Rows identical to ratings already saved are skipped,
    so importing the same file twice adds nothing.
    """
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
    with _open_store(args) as store:
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
    return EXIT_OK


@_guard
def delete_command(args: argparse.Namespace) -> int:
    """`kiosk data delete --profile ID [--yes]`: erase a profile and all its files, after confirmation."""
    with _open_store(args) as store:
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
    return EXIT_OK


#: For the argparse wiring: `kiosk data <action>`.
DATA_COMMANDS = {"export": export_command, "import": import_command, "delete": delete_command}
