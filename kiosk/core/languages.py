"""The languages the app speaks, and how a language code from a flag, a setting or the system locale is read."""

from __future__ import annotations

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
