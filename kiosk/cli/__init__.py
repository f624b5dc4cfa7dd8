"""The `kiosk` command: run the app, and inspect routines, voices and data from a terminal.

One module per command group (run, routines, plans, trends, report, handout, data, admin, voices); this one
holds the parser.
Every command opens the data folder through `data_folder.open_data_folder` and ends with an
`exit_codes.ExitCode` (0 done, 1 bad input, 2 the data folder could not be opened).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from importlib import import_module

from kiosk import __version__
from kiosk.cli.exit_codes import ExitCode
from kiosk.cli.run import positive_seconds
from kiosk.cli.weeks import whole_weeks
from kiosk.core.languages import LANGUAGES

Command = Callable[[argparse.Namespace], int]


def _command(module: str, function: str) -> Command:
    """`kiosk.cli.<module>.<function>`, imported when the command runs, so that `kiosk run` starts without the rest."""
    def run(args: argparse.Namespace) -> int:
        return getattr(import_module(f"kiosk.cli.{module}"), function)(args)
    return run


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit with ExitCode.BAD_INPUT (argparse's own is 2)."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(ExitCode.BAD_INPUT, f"{self.prog}: error: {message}\n")


def build_parser(only_run: bool = False) -> argparse.ArgumentParser:
    """The whole parser; `only_run`: with the `run` command alone (`kiosk run ...`: the app starts sooner)."""
    parser = _Parser(prog="kiosk", description="Voice-guided exercises for sacroiliac joint pain.")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="run the app (the default)")
    run.add_argument("--windowed", action="store_true", help="a normal window instead of full screen")
    run.add_argument("--routine", metavar="ID", help="start this routine straight away")
    run.add_argument("--data-dir", metavar="DIR", help="where settings and ratings are kept")
    run.add_argument("--listen", action="store_true", help="listen for voice commands in this run (pause, next, it hurts...)")
    run.add_argument("--mode", choices=("home", "clinic"), default="home",
                     help="clinic: a locked-down, shared touchscreen kiosk")
    run.add_argument("--idle-timeout", type=positive_seconds, metavar="SECONDS",
                     help="clinic mode: reset to the start screen after this long without a touch")
    run.add_argument("--language", choices=tuple(LANGUAGES),
                     help="the language of the screens and the voice (default: KIOSK_LANGUAGE, the one chosen "
                          "at home, else the system locale's)")
    run.set_defaults(func=_command("run", "run_command"))
    if only_run:                     # the other commands' parsers take ~10 ms before the app's first paint
        return parser

    admin = sub.add_parser("admin", help="clinic administration")
    asub = admin.add_subparsers(dest="admin_command", metavar="ACTION", required=True)
    set_pin = asub.add_parser("set-pin", help="set the staff PIN (asked twice; read from standard input "
                                              "when it is not a terminal)")
    set_pin.add_argument("--data-dir", metavar="DIR", help="the data folder")
    set_pin.set_defaults(func=_command("admin", "set_pin_command"))

    routines = sub.add_parser("routines", help="list, check and print routines")
    rsub = routines.add_subparsers(dest="routines_command", metavar="ACTION", required=True)
    rsub.add_parser("list", help="one line per routine: id, title, minutes").set_defaults(
        func=_command("routines", "list_command"))
    validate = rsub.add_parser("validate", help="check routine files, or a routines folder "
                                                "(all bundled ones by default)")
    validate.add_argument("paths", nargs="*", metavar="PATH")
    validate.set_defaults(func=_command("routines", "validate_command"))
    script = rsub.add_parser("script", help="print a routine's timeline")
    script.add_argument("id")
    script.add_argument("--json", action="store_true", help="a JSON list of cues")
    script.add_argument("--language", choices=tuple(LANGUAGES), default="en", help="the language of the script")
    script.set_defaults(func=_command("routines", "script_command"))
    audio = rsub.add_parser("audio", help="the whole session as a sound file, timed as the app plays it, "
                                          "with a cue list beside it (FILE.cues.txt)")
    audio.add_argument("id")
    audio.add_argument("--out", required=True, metavar="FILE", help="FILE.wav (or .ogg, .mp3)")
    audio.add_argument("--data-dir", metavar="DIR", help="the data folder whose voice settings are used")
    audio.set_defaults(func=_command("routines", "audio_command"))

    data = sub.add_parser("data", help="export, import or delete a profile's diary")
    dsub = data.add_subparsers(dest="data_command", metavar="ACTION", required=True)
    export = dsub.add_parser("export", help="the pain diary as CSV, or the whole diary as a FHIR R4 Bundle")
    export.add_argument("--profile", required=True, metavar="ID", help="the profile id or its diary number")
    export.add_argument("--format", default="csv", help="csv (pain ratings, the default) or fhir (JSON)")
    export.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    export.add_argument("--language", choices=tuple(LANGUAGES),
                        help="the FHIR display texts' language (default: KIOSK_LANGUAGE, else the system locale)")
    export.set_defaults(func=_command("data", "export_command"))
    imported = dsub.add_parser("import", help="add a CSV pain diary or a FHIR Bundle to a profile (created if new)")
    imported.add_argument("--profile", required=True, metavar="ID")
    imported.add_argument("--format", default="csv", help="csv (the default) or fhir")
    imported.add_argument("file", metavar="FILE")
    imported.set_defaults(func=_command("data", "import_command"))
    delete = dsub.add_parser("delete", help="remove a profile and all its data")
    delete.add_argument("--profile", required=True, metavar="ID", help="the profile id or its diary number")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    delete.set_defaults(func=_command("data", "delete_command"))
    for command in (export, imported, delete):
        command.add_argument("--data-dir", metavar="DIR", help="the data folder")

    plan = sub.add_parser("plan", help="a diary's personal plan: from and to a plan file, and its timeline")
    psub = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    plan_import = psub.add_parser("import", help="make a plan file the diary's plan (refused whole if bad)")
    plan_import.add_argument("file", metavar="FILE")
    plan_import.set_defaults(func=_command("plans", "import_command"))
    plan_export = psub.add_parser("export", help="the diary's plan as a plan file")
    plan_export.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    plan_export.set_defaults(func=_command("plans", "export_command"))
    plan_script = psub.add_parser("script", help="print the plan's timeline")
    plan_script.add_argument("--json", action="store_true", help="a JSON list of cues")
    plan_script.set_defaults(func=_command("plans", "script_command"))
    plan_audio = psub.add_parser("audio", help="the plan's session as a sound file, with its cue list")
    plan_audio.add_argument("--out", required=True, metavar="FILE", help="FILE.wav (or .ogg, .mp3)")
    plan_audio.set_defaults(func=_command("plans", "audio_command"))
    for command in (plan_import, plan_export, plan_script, plan_audio):
        command.add_argument("--profile", required=True, metavar="ID", help="the profile id or its diary number")
        command.add_argument("--data-dir", metavar="DIR", help="the data folder")

    trends = sub.add_parser("trends", help="weekly pain trend of a profile")
    trends.add_argument("--profile", required=True, metavar="ID")
    trends.add_argument("--json", action="store_true", help="a JSON object instead of a table")
    trends.add_argument("--side", choices=("all", "left", "right"), default="all")
    trends.add_argument("--weeks", type=whole_weeks, metavar="N",
                        help="only the last N weeks of the diary (ending with its latest record)")
    trends.add_argument("--data-dir", metavar="DIR", help="the data folder")
    trends.set_defaults(func=_command("trends", "run_trends"))

    report = sub.add_parser("report", help="a diary's visit report for the doctor (PDF, at most two pages)")
    report.add_argument("--profile", required=True, metavar="ID", help="the profile id or its diary number")
    report.add_argument("--weeks", type=whole_weeks, metavar="N",
                        help="only the last N weeks of the diary (ending with its latest record)")
    report.add_argument("--paper", choices=("a4", "letter"), default="a4")
    report.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    report.add_argument("--data-dir", metavar="DIR", help="the data folder")
    report.add_argument("--language", choices=tuple(LANGUAGES),
                        help="the report's language (default: KIOSK_LANGUAGE, else the system locale)")
    report.set_defaults(func=_command("report", "report_command"))
    handout = sub.add_parser("handout", help="a printable PDF handout of a routine (or a diary's plan)")
    source = handout.add_mutually_exclusive_group(required=True)
    source.add_argument("--routine", metavar="ID", help="a bundled routine (see `kiosk routines list`)")
    source.add_argument("--profile", metavar="ID", help="a diary's personal plan: its profile id or diary number")
    handout.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    handout.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size (default a4)")
    handout.add_argument("--data-dir", metavar="DIR", help="the data folder (with --profile)")
    handout.add_argument("--language", choices=tuple(LANGUAGES),
                         help="the handout's language (default: KIOSK_LANGUAGE, else the system locale)")
    handout.set_defaults(func=_command("handout", "handout_command"))

    voices = sub.add_parser("voices", help="every speech engine's voices; `say` renders a sentence")
    voices.add_argument("--language", metavar="CODE", help="only voices for this language, e.g. en")
    voices.set_defaults(func=_command("voices", "voices_command"))
    vsub = voices.add_subparsers(dest="voices_command", metavar="ACTION")
    say = vsub.add_parser("say", help="one sentence as a WAV file, with the voice settings in force")
    say.add_argument("text", nargs="+", metavar="TEXT")
    say.add_argument("--voice", metavar="ID", help="this voice (an id from `kiosk voices`)")
    say.add_argument("--out", required=True, metavar="FILE.wav")
    say.add_argument("--data-dir", metavar="DIR", help="the data folder whose voice settings are used")
    say.set_defaults(func=_command("voices", "say_command"))
    return parser


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    parser = build_parser(only_run=not given or given[0] == "run")
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["run", *(argv or [])])
    try:
        return args.func(args)
    except BrokenPipeError:          # `kiosk routines script floor | head`
        sys.stderr.close()
        return ExitCode.OK


if __name__ == "__main__":
    sys.exit(main())
