"""The `kiosk` command: run the app, and inspect routines, voices and data from a terminal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk import __version__

# Each command imports what it needs when it runs, so that `kiosk run` starts without the rest.


def _routines_folder_for(paths: list[Path]) -> Path:
    """The folder whose exercise library the given files use: theirs if they have one, else the bundled one."""
    from kiosk.core.loader import LIBRARY
    from kiosk.paths import bundled_dir

    for path in paths:
        for folder in (path.parent, path.parent.parent):
            if (folder / LIBRARY).exists():
                return folder
    return bundled_dir("routines")


def cmd_routines_list(args: argparse.Namespace) -> int:
    from kiosk.core.loader import load_routines
    from kiosk.core.timeline import compile_routine
    from kiosk.paths import bundled_dir

    result = load_routines(bundled_dir("routines"))
    for routine in result.routines.values():
        minutes = compile_routine(routine).duration / 60
        print(f"{routine.id}\t{routine.title}\t{minutes:.0f} min")
    for error in result.errors:
        print(f"warning: {error}", file=sys.stderr)
    return 0


def cmd_routines_validate(args: argparse.Namespace) -> int:
    from kiosk.core.loader import load_routines
    from kiosk.paths import bundled_dir

    paths = [Path(p) for p in args.paths]
    if len(paths) == 1 and paths[0].is_dir():          # a whole routines folder
        folder, paths = paths[0], []
    else:
        folder = _routines_folder_for(paths) if paths else bundled_dir("routines")
    result = load_routines(folder, paths or None)
    for error in result.errors:
        print(error, file=sys.stderr)
    if result.errors:
        print(f"{len(result.errors)} error{'s' if len(result.errors) != 1 else ''} found.", file=sys.stderr)
        return 1
    print(f"OK: {len(result.routines)} routines, {len(result.exercises)} exercises in {folder}")
    return 0


def cmd_routines_script(args: argparse.Namespace) -> int:
    import json

    from kiosk.core.loader import load_routines
    from kiosk.core.timeline import compile_routine
    from kiosk.paths import bundled_dir

    result = load_routines(bundled_dir("routines"))
    routine = result.routines.get(args.id)
    if routine is None:
        known = ", ".join(result.routines) or "none"
        print(f"No valid routine with id {args.id!r} (valid: {known}).", file=sys.stderr)
        for error in result.errors:
            print(error, file=sys.stderr)
        return 1
    timeline = compile_routine(routine)
    if args.json:
        json.dump([cue.to_dict() for cue in timeline.cues], sys.stdout, indent=1)
        print()
    else:
        print(timeline.script())
    return 0


def cmd_trends(args: argparse.Namespace) -> int:
    from kiosk.trends_command import run_trends

    return run_trends(args)


def cmd_voices(args: argparse.Namespace) -> int:
    from kiosk.speech.voices import voices_command

    return voices_command(args)


def cmd_data(args: argparse.Namespace) -> int:
    from kiosk import data_commands

    command = {"export": data_commands.export_command, "import": data_commands.import_command,
               "delete": data_commands.delete_command}[args.data_command]
    return command(args)


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 5 <= value <= 3600:
        raise argparse.ArgumentTypeError("give between 5 and 3600 seconds")
    return value


def cmd_admin_set_pin(args: argparse.Namespace) -> int:
    from kiosk.admin_command import set_pin_command

    return set_pin_command(args, sys.stdin, sys.stdout)


def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.app import run_app  # Qt is imported only when the app really runs

    return run_app(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Voice-guided exercises for sacroiliac joint pain.")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="run the app (the default)")
    run.add_argument("--windowed", action="store_true", help="a normal window instead of full screen")
    run.add_argument("--routine", metavar="ID", help="start this routine straight away")
    run.add_argument("--data-dir", metavar="DIR", help="where settings and ratings are kept")
    run.add_argument("--mode", choices=("home", "clinic"), default="home",
                     help="clinic: a locked-down, shared touchscreen kiosk")
    run.add_argument("--idle-timeout", type=_positive_seconds, metavar="SECONDS",
                     help="clinic mode: reset to the start screen after this long without a touch")
    run.set_defaults(func=cmd_run)

    admin = sub.add_parser("admin", help="clinic administration")
    asub = admin.add_subparsers(dest="admin_command", metavar="ACTION", required=True)
    set_pin = asub.add_parser("set-pin", help="set the staff PIN (asked twice; read from standard input "
                                              "when it is not a terminal)")
    set_pin.add_argument("--data-dir", metavar="DIR", help="the data folder")
    set_pin.set_defaults(func=cmd_admin_set_pin)

    routines = sub.add_parser("routines", help="list, check and print routines")
    rsub = routines.add_subparsers(dest="routines_command", metavar="ACTION", required=True)
    rsub.add_parser("list", help="one line per routine: id, title, minutes").set_defaults(func=cmd_routines_list)
    validate = rsub.add_parser("validate", help="check routine files, or a routines folder "
                                                "(all bundled ones by default)")
    validate.add_argument("paths", nargs="*", metavar="PATH")
    validate.set_defaults(func=cmd_routines_validate)
    script = rsub.add_parser("script", help="print a routine's timeline")
    script.add_argument("id")
    script.add_argument("--json", action="store_true", help="a JSON list of cues")
    script.set_defaults(func=cmd_routines_script)

    data = sub.add_parser("data", help="export, import or delete a profile's pain diary")
    dsub = data.add_subparsers(dest="data_command", metavar="ACTION", required=True)
    export = dsub.add_parser("export", help="the pain diary as CSV")
    export.add_argument("--profile", required=True, metavar="ID")
    export.add_argument("--format", default="csv", help="csv (the only format for now)")
    export.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    imported = dsub.add_parser("import", help="add a CSV pain diary to a profile (created if new)")
    imported.add_argument("--profile", required=True, metavar="ID")
    imported.add_argument("file", metavar="FILE")
    delete = dsub.add_parser("delete", help="remove a profile and all its data")
    delete.add_argument("--profile", required=True, metavar="ID")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    for command in (export, imported, delete):
        command.add_argument("--data-dir", metavar="DIR", help="the data folder")
        command.set_defaults(func=cmd_data)

    trends = sub.add_parser("trends", help="weekly pain trend of a profile")
    trends.add_argument("--profile", required=True, metavar="ID")
    trends.add_argument("--json", action="store_true", help="a JSON object instead of a table")
    trends.add_argument("--side", choices=("all", "left", "right"), default="all")
    trends.add_argument("--data-dir", metavar="DIR", help="the data folder")
    trends.set_defaults(func=cmd_trends)

    voices = sub.add_parser("voices", help="the voices the speech engine offers")
    voices.add_argument("--language", metavar="CODE", help="only voices for this language, e.g. en")
    voices.set_defaults(func=cmd_voices)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["run", *(argv or [])])
    try:
        return args.func(args)
    except BrokenPipeError:          # `kiosk routines script floor | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
