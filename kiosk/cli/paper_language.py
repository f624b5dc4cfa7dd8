"""The language of what a command writes for people (`kiosk handout`, `kiosk report`, a FHIR export's texts)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping

from kiosk.core.languages import language_code

#: Where the language comes from when no --language is given, first found first: the kiosk's own
#: setting, then the system locale as POSIX reads it (LC_ALL over LC_MESSAGES over LANG).
ENVIRONMENT = ("KIOSK_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def paper_language(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> str:
    """`--language` when given; else KIOSK_LANGUAGE, else the system locale ("es_US.UTF-8": "es"); else English."""
    chosen = getattr(args, "language", None)
    if chosen:
        return chosen
    environ = os.environ if environ is None else environ
    for name in ENVIRONMENT:
        if environ.get(name):
            return language_code(environ[name])
    return language_code(None)
