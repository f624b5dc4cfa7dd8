"""Every interface sentence the app speaks or shows, in one table, so a translation can be added."""

from __future__ import annotations

PHRASES_EN: dict[str, str] = {
    "welcome": "Welcome. Move slowly, and only as far as feels comfortable.",
    "welcome_hurt": "If anything hurts, press It hurts, or simply stop and rest.",
    "exercise_start": "{title}.",
    "side_first": "We begin with the {side} side.",
    "side_only": "Only the {side} side.",
    "side_switch": "Now the {side} side.",
    "alternate_side": "{side} side.",
    "hold": "Hold.",
    "release": "And release.",
    "rep_count": "{count} of {total}.",
    "rest": "Relax.",
    "rest_between": "Rest for a moment. Next: {title}.",
    "well_done_floor": "Well done. That is the end of the session. Take your time getting up.",
    "well_done_chair": "Well done. That is the end of the session. Sit for a moment before you go.",
    "hurt": "Stop there. Rest in a comfortable position and breathe slowly. Let your muscles go soft.",
    "caption_rest": "Rest",
    "caption_done": "Finished",
    "left": "left",
    "right": "right",
}

_NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)
_TENS = {30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety"}


def phrase(key: str, **values: object) -> str:
    """The sentence `key`, with its {placeholders} filled in."""
    return PHRASES_EN[key].format(**values)


def number_word(n: int) -> str:
    """A whole number from 0 to 99 as a spoken word ("seven", "twenty-five")."""
    if 0 <= n < len(_NUMBER_WORDS):
        return _NUMBER_WORDS[n]
    if 20 < n < 100:
        tens, ones = divmod(n, 10)
        word = _TENS.get(tens * 10, "twenty")
        return word if ones == 0 else f"{word}-{_NUMBER_WORDS[ones]}"
    return str(n)


def side_word(side: str) -> str:
    """The spoken name of a side."""
    return PHRASES_EN[side]
