"""Numbers and dates written the way a language writes them (Babel's CLDR data; English as Python writes it)."""

from __future__ import annotations

from datetime import date

from kiosk.core.languages import FORMAT_LOCALES, SOURCE_LANGUAGE


def decimal(value: float, language: str = SOURCE_LANGUAGE, digits: int = 1) -> str:
    """`value` with `digits` decimals: "4.5" in English and in the Spanish of the United States."""
    if language == SOURCE_LANGUAGE:
        return f"{value:.{digits}f}"
    from babel.numbers import format_decimal

    pattern = "0." + "0" * digits if digits else "0"
    return format_decimal(value, pattern, locale=FORMAT_LOCALES[language])


def _date(day: date, language: str, english: str, pattern: str) -> str:
    """`day` as Python writes `english` (a strftime format) in English, else as CLDR's `pattern` in `language`."""
    if language == SOURCE_LANGUAGE:
        return day.strftime(english).replace("{day}", str(day.day))
    from babel.dates import format_date

    return format_date(day, pattern, locale=FORMAT_LOCALES[language])


def long_date(day: date, language: str = SOURCE_LANGUAGE) -> str:
    """A date in words: "2 March 2026", "2 de marzo de 2026"."""
    return _date(day, language, "{day} %B %Y", "long")


def month(day: date, language: str = SOURCE_LANGUAGE) -> str:
    """A month's short name (a chart's axis): "Mar", "mar"."""
    return _date(day, language, "%b", "LLL")


def weekday_day(day: date, language: str = SOURCE_LANGUAGE) -> str:
    """A short weekday with the day of the month (a chart's axis): "Mon 02", "lun 2"."""
    return _date(day, language, "%a %d", "EEE d")


def short_date(day: date, language: str = SOURCE_LANGUAGE) -> str:
    """A date in few letters, for a list: "02 Mar 2026", "2 mar 2026"."""
    return _date(day, language, "%d %b %Y", "medium")
