"""The `kiosk routines list|validate|script` commands: the routine files, checked (translations too) and printed."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk.cli.exit_codes import ExitCode
from kiosk.core.languages import SOURCE_LANGUAGE
from kiosk.core.loader import LIBRARY, load_routines
from kiosk.core.routine_language import translate, translated_languages
from kiosk.core.timeline import compile_routine
from kiosk.paths import bundled_dir


def _routines_folder_for(paths: list[Path]) -> Path:
    """The folder whose exercise library the given files use: theirs if they have one, else the bundled one."""
    for path in paths:
        for folder in (path.parent, path.parent.parent):
            if (folder / LIBRARY).exists():
                return folder
    return bundled_dir("routines")


def list_command(args: argparse.Namespace) -> int:
    """`kiosk routines list`: one line per bundled routine: id, title, minutes."""
    result = load_routines(bundled_dir("routines"))
    for routine in result.routines.values():
        minutes = compile_routine(routine).duration / 60
        print(f"{routine.id}\t{routine.title}\t{minutes:.0f} min")
    for error in result.errors:
        print(f"warning: {error}", file=sys.stderr)
    return ExitCode.OK


def validate_command(args: argparse.Namespace) -> int:
    """`kiosk routines validate [PATH ...]`: every error of these files (or folder), else a one-line OK."""
    paths = [Path(p) for p in args.paths]
    if len(paths) == 1 and paths[0].is_dir():          # a whole routines folder
        folder, paths = paths[0], []
    else:
        folder = _routines_folder_for(paths) if paths else bundled_dir("routines")
    result = load_routines(folder, paths or None)
    errors, missing = list(result.errors), []
    for language in translated_languages():         # a text without its translation: a warning (routine_language)
        check = translate(result, folder, language)[1]
        errors += check.errors
        missing += check.missing
    for error in errors:
        print(error, file=sys.stderr)
    for gap in missing:
        print(f"warning: {gap}", file=sys.stderr)
    if missing:
        print(f"{len(missing)} text{'s' if len(missing) != 1 else ''} without a translation (shown in English).",
              file=sys.stderr)
    if errors:
        print(f"{len(errors)} error{'s' if len(errors) != 1 else ''} found.", file=sys.stderr)
        return ExitCode.BAD_INPUT
    print(f"OK: {len(result.routines)} routines, {len(result.exercises)} exercises in {folder}")
    return ExitCode.OK


def script_command(args: argparse.Namespace) -> int:
    """`kiosk routines script ID [--json] [--language es]`: the routine's whole timeline, as text or a JSON list of cues."""
    language = getattr(args, "language", None) or SOURCE_LANGUAGE
    result = load_routines(bundled_dir("routines"), language=language)
    routine = result.routines.get(args.id)
    if routine is None:
        known = ", ".join(result.routines) or "none"
        print(f"No valid routine with id {args.id!r} (valid: {known}).", file=sys.stderr)
        for error in result.errors:
            print(error, file=sys.stderr)
        return ExitCode.BAD_INPUT
    return print_timeline(compile_routine(routine, language), as_json=args.json)


def print_timeline(timeline, *, as_json: bool) -> int:
    """A timeline on standard output: the printable script, or a JSON list of its cues (`kiosk plan script` too)."""
    if as_json:
        json.dump([cue.to_dict() for cue in timeline.cues], sys.stdout, indent=1)
        print()
    else:
        print(timeline.script())
    return ExitCode.OK


def audio_command(args: argparse.Namespace) -> int:
    """`kiosk routines audio ID --out FILE`: the whole session as one sound file (.wav; .ogg or .mp3 too),
    timed as the app plays it, with the voice settings of the data folder, and FILE.cues.txt beside it.
    Progress goes to standard error, a line per exercise."""
    result = load_routines(bundled_dir("routines"))
    routine = result.routines.get(args.id)
    if routine is None:
        known = ", ".join(result.routines) or "none"
        print(f"No valid routine with id {args.id!r} (valid: {known}).", file=sys.stderr)
        return ExitCode.BAD_INPUT
    return routine_audio(routine, args)


def routine_audio(routine, args: argparse.Namespace) -> int:
    """Write `routine`'s session audio to `args.out` (any Routine: a personal plan's too)."""
    from kiosk.cli.data_folder import DataFolderProblem, cannot_open, open_data_folder
    from kiosk.speech.sentence_renderer import NoVoice
    from kiosk.speech.take_home import FORMATS, cue_list_path, format_time, take_home_audio
    from kiosk.speech.voices import VoiceSettings

    out = Path(args.out)
    if out.suffix.lower() not in FORMATS:
        print(f"kiosk routines audio: --out must end in {', '.join(FORMATS)}, not {out.name!r}.", file=sys.stderr)
        return ExitCode.BAD_INPUT
    if out.suffix.lower() != ".wav":
        try:
            import soundfile  # noqa: F401
        except ImportError as error:          # noqa: F841 (a broken or missing wheel)
            print("kiosk routines audio: no encoder for this format here (soundfile is not installed); "
                  "write a .wav file.", file=sys.stderr)
            return ExitCode.BAD_INPUT

    def say(message: str) -> None:
        print(f"kiosk routines audio: {message}", file=sys.stderr, flush=True)

    try:
        with open_data_folder(args, "routines audio") as store:
            settings = VoiceSettings.load(store.settings)
            cache = store.folder / "speech-cache"       # the app's own: what it has rendered is reused
            audio = take_home_audio(routine, out, settings, cache, progress=say, on_notice=say)
    except DataFolderProblem as problem:
        return cannot_open("routines audio", problem)
    except NoVoice as error:
        say(str(error))
        return ExitCode.BAD_INPUT
    except OSError as error:
        say(f"could not write {out}: {error}")
        return ExitCode.BAD_INPUT
    print(f"Wrote {out} ({format_time(audio.seconds)}, {len(audio.cues)} spoken cues, voice {audio.voice.name}) "
          f"and {cue_list_path(out)}.")
    return ExitCode.OK
