"""The languages the app speaks, and how a language code from a flag, a setting or the system locale is read."""

from __future__ import annotations

from collections.abc import Mapping

SOURCE_LANGUAGE = "en"              # the language the code and the routine files are written in
#: Every language the app offers, by code, each named in its own language (the language button's words).
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español"}
#: Each language's name in English, for messages to the people who write the routine files.
ENGLISH_NAMES: dict[str, str] = {"en": "English", "es": "Spanish"}
#: The CLDR locale that formats a language's dates and numbers: the Spanish of the United States
#: (decimal point, "2 de marzo de 2026"), where the kiosk's clinics are.
FORMAT_LOCALES: dict[str, str] = {"en": "en_US", "es": "es_US"}


def language_code(value: str | None, default: str = SOURCE_LANGUAGE) -> str:
    """The offered language a code such as "es", "es-MX", "es_US.UTF-8" or "C" stands for; else `default`."""
    if not value:
        return default
    code = value.split(".")[0].split("@")[0].replace("_", "-").split("-")[0].strip().lower()
    return code if code in LANGUAGES else default


def check_language(value: str) -> str:
    """`value` when it is an offered language code; ValueError naming the offered ones otherwise."""
    if value not in LANGUAGES:
        raise ValueError(f"unknown language {value!r} (offered: {', '.join(LANGUAGES)})")
    return value


#: The system locale's variables, in the order POSIX reads them for messages (the first one set wins).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def locale_language(environment: Mapping[str, str]) -> str:
    """The offered language of the system locale (LC_ALL, else LC_MESSAGES, else LANG); English for "C" or
    a language not offered."""
    for name in LOCALE_VARIABLES:
        if environment.get(name):
            return language_code(environment[name])
    return SOURCE_LANGUAGE


def start_language(flag: str | None, environment: Mapping[str, str], remembered: object = None) -> str:
    """The language the app starts in: `--language`, else `KIOSK_LANGUAGE`, else the one remembered at home
    (the setting; None in the clinic), else the system locale's. A value that is no offered language is
    passed over."""
    for value in (flag, environment.get("KIOSK_LANGUAGE"), remembered):
        if isinstance(value, str) and (code := language_code(value, default="")):
            return code
    return locale_language(environment)
