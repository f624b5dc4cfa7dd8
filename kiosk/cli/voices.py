"""The `kiosk voices` command: the voices the speech engine offers, one line each."""

from __future__ import annotations

import argparse
import sys

from kiosk.cli.exit_codes import ExitCode
from kiosk.speech.language_voices import ordered_for
from kiosk.speech.voices import list_voices, voices_for


def voices_command(args: argparse.Namespace) -> int:
    """`kiosk voices`: print one line per voice (id, name, languages); `args.language` filters if given."""
    try:
        voices = list_voices()
    except RuntimeError as error:
        print(f"No voices: {error}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    language = getattr(args, "language", None)
    if language:
        voices = ordered_for(voices_for(voices, language), language)     # the language's default voice first
    for voice in voices:
        print(f"{voice.id}\t{voice.name}\t{','.join(voice.languages)}")
    return ExitCode.OK
