"""The `kiosk voices [say]` commands: every engine's voices, one line each; one sentence to a WAV file."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from kiosk.cli.data_folder import DataFolderProblem, cannot_open, open_data_folder
from kiosk.cli.exit_codes import ExitCode
from kiosk.speech.language_voices import ordered_for
from kiosk.speech.messages import engine_name
from kiosk.speech.voices import VoiceSettings, choose_voice, list_voices, voices_for


def voices_command(args: argparse.Namespace) -> int:
    """`kiosk voices [--language CODE]`: one line per voice of every engine: id, engine, languages, name,
    and "default" on the voice used when none is chosen (the best measured one installed)."""
    try:
        voices = list_voices()
    except RuntimeError as error:
        print(f"No voices: {error}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    language = getattr(args, "language", None)
    default = choose_voice(voices, "", language or "en")
    if language:
        voices = ordered_for(voices_for(voices, language), language)     # the language's default voice first
    for voice in voices:
        marker = "default" if default is not None and voice.id == default.id else ""
        print("\t".join([voice.id, engine_name(voice.engine), ",".join(voice.languages), voice.name, marker]))
    return ExitCode.OK


def say_command(args: argparse.Namespace) -> int:
    """`kiosk voices say TEXT [--voice ID] --out FILE.wav`: one sentence with the data folder's voice
    settings (speed, volume, voice; `--voice` instead of the chosen one; the default voice when none is)."""
    from kiosk.speech.render_process import SentenceFailed
    from kiosk.speech.sentence_renderer import NoVoice, SentenceRenderer

    text = " ".join(args.text).strip()
    if not text:
        print("kiosk voices say: nothing to say.", file=sys.stderr)
        return ExitCode.BAD_INPUT
    out = Path(args.out)
    if out.suffix.lower() != ".wav":
        print(f"kiosk voices say: --out must name a .wav file, not {out.name!r}.", file=sys.stderr)
        return ExitCode.BAD_INPUT
    try:
        with open_data_folder(args, "voices say") as store:
            settings = VoiceSettings.load(store.settings)
    except DataFolderProblem as problem:
        return cannot_open("voices say", problem)
    if args.voice:
        settings = VoiceSettings(voice_id=args.voice, speed=settings.speed, volume=settings.volume,
                                 enabled=True, language=settings.language)

    def notice(message: str) -> None:
        print(f"kiosk voices say: {message}", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="kiosk-say-") as scratch:
        try:
            with SentenceRenderer(Path(scratch), settings, on_notice=notice) as renderer:
                voice = renderer.start(tell_missing=not args.voice)
                if args.voice and voice.id != args.voice:
                    print(f"kiosk voices say: no voice {args.voice!r} here (see `kiosk voices`).", file=sys.stderr)
                    return ExitCode.BAD_INPUT
                rendered = renderer.render(text)
                voice = renderer.voice
        except (NoVoice, SentenceFailed) as error:
            print(f"kiosk voices say: {error}", file=sys.stderr)
            return ExitCode.BAD_INPUT
        try:
            shutil.copyfile(rendered, out)
            out.chmod(0o600)
        except OSError as error:
            print(f"kiosk voices say: could not write {out}: {error}", file=sys.stderr)
            return ExitCode.BAD_INPUT
    print(f"Wrote {out} ({voice.name}, {engine_name(voice.engine)}, {settings.speed} speed, "
          f"volume {round(settings.volume * 100)}%).")
    return ExitCode.OK
