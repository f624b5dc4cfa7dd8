"""The ranges each number of a plan may take, from the article's figures (the library's `reps_note`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.core.plan import DAYS_A_WEEK, ONE_SIDE
from kiosk.core.routine import Exercise

HOLD_SECONDS = (1, 60)          # a hold outside 1-60 s is refused
REPS_WITHOUT_TOP = 30           # the routine files' own limit, where the article gives no top number
_WORDS = {"once": 1, "twice": 2, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_NUMBER = r"(\d+|" + "|".join(_WORDS) + r")"
_UP_TO = re.compile(rf"^up to {_NUMBER}( each side)?$")
_FROM_TO = re.compile(rf"^{_NUMBER} to {_NUMBER}( each side)?$")
_EACH_SIDE = re.compile(rf"^{_NUMBER}( times)? each side$")
# The same notes in the Spanish library (routines/es/): "hasta 5 por lado", "de 8 a 10", "una vez por lado".
_WORDS.update({"una vez": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
               "siete": 7, "ocho": 8, "nueve": 9, "diez": 10})
_NUMBER = r"(\d+|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
_FORMS = (
    (_UP_TO, _FROM_TO, _EACH_SIDE),
    (re.compile(rf"^hasta {_NUMBER}( por lado)?$"), re.compile(rf"^de {_NUMBER} a {_NUMBER}( por lado)?$"),
     re.compile(rf"^{_NUMBER}( veces)? por lado$")),
)


@dataclass(frozen=True)
class ArticleReps:
    """What the article says about the reps of one exercise, per side where it names sides."""

    low: int | None                 # its lower number ("8 to 10": 8), None when it gives only a top
    top: int
    per_side: bool                  # "... each side"


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _WORDS[word]


def article_reps(reps_note: str) -> ArticleReps | None:
    """The article's numbers in a library `reps_note`: "up to 5", "8 to 10", "3 each side", "once each side"
    (or the Spanish library's "hasta 5", "de 8 a 10", "3 por lado", "una vez por lado").

    None for an empty note; ValueError for a note in none of these forms (so a new note cannot slip by).
    """
    note = " ".join(reps_note.lower().split())
    if not note:
        return None
    for up_to, from_to, each_side in _FORMS:
        if match := up_to.match(note):
            return ArticleReps(None, _number(match[1]), bool(match[2]))
        if match := from_to.match(note):
            return ArticleReps(_number(match[1]), _number(match[2]), bool(match[3]))
        if match := each_side.match(note):
            count = _number(match[1])
            return ArticleReps(count, count, True)
    raise ValueError(f"the reps note {reps_note!r} is not 'up to N', 'N to M' or 'N each side'")


@dataclass(frozen=True)
class NumberRange:
    """The values a number may take (`low`..`high`), and the words shown beside it on screen."""

    low: int
    high: int
    usual: int                      # the library's own number, where a new item starts
    text: str                       # e.g. "article: 8 to 10", shown beside the number
    from_article: bool              # `high` is the article's top number (not just the app's limit)

    def allows(self, value: int | float) -> bool:
        return self.low <= value <= self.high

    def clamp(self, value: int) -> int:
        return min(self.high, max(self.low, value))


@dataclass(frozen=True)
class DoseRanges:
    """Every range of one plan item: reps, hold, and the sides the exercise has."""

    reps: NumberRange
    hold: NumberRange
    sides: tuple[str, ...]          # the plan sides this exercise allows (see sides_allowed)
    rep_step: int                   # one step of progression, in reps


def sides_allowed(exercise: Exercise) -> tuple[str, ...]:
    """"each" always; "left" and "right" only for an exercise that has sides (each or alternate)."""
    return ("each", *ONE_SIDE) if exercise.sides in ("each", "alternate") else ("each",)


def _reps_per_play(exercise: Exercise, sides: str) -> int:
    """How many of the library's reps make one per side: 2 for an alternating move done on both sides."""
    return 2 if exercise.sides == "alternate" and sides == "each" else 1


def reps_range(exercise: Exercise, sides: str = "each") -> NumberRange:
    """Reps from 1 to the article's top number (per side as the plan counts them); 30 without one."""
    article = article_reps(exercise.reps_note)
    factor = _reps_per_play(exercise, sides)
    usual_single = max(1, exercise.reps // 2) if exercise.sides == "alternate" and sides != "each" else exercise.reps
    if article is None:
        return NumberRange(1, REPS_WITHOUT_TOP, usual_single, "", False)
    top = article.top * (factor if article.per_side else 1)
    if exercise.sides == "alternate" and sides != "each" and not article.per_side:
        top = max(1, top // 2)
    shown = f"article: {exercise.reps_note}"
    return NumberRange(1, top, min(usual_single, top), shown, True)


def hold_range(exercise: Exercise) -> NumberRange:
    """Hold from 1 to 60 seconds; the library's hold is the usual one."""
    usual = max(HOLD_SECONDS[0], min(HOLD_SECONDS[1], round(exercise.hold) or 1))
    return NumberRange(HOLD_SECONDS[0], HOLD_SECONDS[1], usual, f"usual: {usual} s", False)


def dose_ranges(exercise: Exercise, sides: str = "each") -> DoseRanges:
    """The ranges the screens show beside each number of a plan item with these sides."""
    return DoseRanges(reps_range(exercise, sides), hold_range(exercise), sides_allowed(exercise),
                      _reps_per_play(exercise, sides))


def days_range() -> NumberRange:
    """Days a week: 1 to 7."""
    return NumberRange(DAYS_A_WEEK[0], DAYS_A_WEEK[1], 3, "days a week", False)
