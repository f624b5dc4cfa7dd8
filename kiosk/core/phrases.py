"""Every interface sentence the app speaks or shows, in one table, so a translation can be added.

The English table is the source; other languages come from the gettext catalogs (core.translations),
looked up by the English text.
"""

from __future__ import annotations

from kiosk.core.languages import SOURCE_LANGUAGE
from kiosk.core.spanish_numbers import spanish_number_word
from kiosk.core.translations import N_, translation

PHRASES_EN: dict[str, str] = {
    "welcome": N_("Welcome. Move slowly, and only as far as feels comfortable."),
    "welcome_hurt": N_("If anything hurts, press It hurts, or simply stop and rest."),
    "exercise_start": N_("{title}."),
    "side_first": N_("We begin with the {side} side."),
    "side_only": N_("Only the {side} side."),
    "side_switch": N_("Now the {side} side."),
    "alternate_side": N_("{side} side."),
    "hold": N_("Hold."),
    "release": N_("And release."),
    "rep_count": N_("{count} of {total}."),
    "rest": N_("Relax."),
    "rest_between": N_("Rest for a moment. Next: {title}."),
    "well_done_floor": N_("Well done. That is the end of the session. Take your time getting up."),
    "well_done_chair": N_("Well done. That is the end of the session. Sit for a moment before you go."),
    "hurt": N_("Stop there. Rest in a comfortable position and breathe slowly. Let your muscles go soft."),
    "caption_rest": N_("Rest"),
    "caption_done": N_("Finished"),
    "left": N_("left"),
    "right": N_("right"),
}

_NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)
_TENS = {30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety"}


def phrase(key: str, /, language: str = SOURCE_LANGUAGE, **values: object) -> str:
    """The sentence `key` in `language`, with its {placeholders} filled in and its first letter a capital."""
    text = PHRASES_EN[key]
    if language != SOURCE_LANGUAGE:
        text = translation(language).gettext(text)
    text = text.format(**values)
    return text[:1].upper() + text[1:]


def number_word(n: int, language: str = SOURCE_LANGUAGE, feminine: bool = False) -> str:
    """A whole number from 0 to 99 as a spoken word ("seven", "twenty-five"; "siete", "veinticinco").

    `feminine` agrees with a feminine noun where the language has one ("una de ocho": una repetición).
    """
    if language == "es":
        return spanish_number_word(n, feminine)
    if 0 <= n < len(_NUMBER_WORDS):
        return _NUMBER_WORDS[n]
    if 20 < n < 100:
        tens, ones = divmod(n, 10)
        word = _TENS.get(tens * 10, "twenty")
        return word if ones == 0 else f"{word}-{_NUMBER_WORDS[ones]}"
    return str(n)


def side_word(side: str, language: str = SOURCE_LANGUAGE) -> str:
    """The spoken name of a side, as it goes with "side" ("derecho": el lado derecho)."""
    text = PHRASES_EN[side]
    return text if language == SOURCE_LANGUAGE else translation(language).gettext(text)


def side_words(side: str, language: str = SOURCE_LANGUAGE) -> dict[str, str]:
    """The values of a routine text's side placeholders for the side being worked.

    {side} and {other}: the side and the other one, as they go with "side" (masculine in Spanish:
    "el pie derecho"); {side_f} and {other_f}: with a feminine noun ("la rodilla derecha").
    English has one form for both. {side_en} and {other_en}: the English words, for an English text
    kept where its translation is missing (core.routine_language).
    """
    other = "left" if side == "right" else "right"
    catalog = translation(language)
    feminine = {"right": catalog.pgettext("feminine", "right"), "left": catalog.pgettext("feminine", "left")}
    return {"side": side_word(side, language), "other": side_word(other, language),
            "side_f": feminine[side], "other_f": feminine[other], "side_en": side, "other_en": other}
