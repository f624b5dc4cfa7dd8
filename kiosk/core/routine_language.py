"""The routine files in another language: the translation files of routines/<language>/ laid over the English ones.

A translation file mirrors its English file inside the routines folder's `<language>/` folder
(`routines/es/floor.toml`, `routines/es/library/exercises.toml`) and holds only the text fields:
exercises keyed by id (`[exercise.bridge]`), activities keyed by id (`[activity.walking]`), lists
(cautions, avoid, setup, steps) in the English order. FORMAT.md ("Translations") has the details.

A text field without its translation is a warning, never an error: the routine still loads (a
routine that works in English never disappears from the kiosk for want of a sentence) and that field
stays in English. A broken translation (a wrong type, an unknown field, a step too many, a stray
placeholder) is an error of the translation file; the English text is used instead.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from kiosk.core.languages import ENGLISH_NAMES, LANGUAGES, SOURCE_LANGUAGE
from kiosk.core.loader import AEROBICS, LIBRARY, LoadResult, RoutineError
from kiosk.core.routine import AerobicsPage, Exercise, Routine, Step

SIDE_PLACEHOLDERS = frozenset({"side", "other", "side_f", "other_f"})
#: The longest each text may be: the English limits (loader.py), which the screens are laid out for.
MAX_LENGTH = {"title": 60, "summary": 200, "reps_note": 40, "stop_if": 160, "say": 160, "again": 80,
              "cautions": 400, "intro": 800, "text": 600, "avoid": 400}
_STEP_FIELDS = ("say", "again")


def _kept(english: str | None) -> str | None:
    """An English text kept where its translation is missing: its sides stay English words too
    ({side_en}, see phrases.side_words), so that no "your derecho hip" is ever said."""
    return english.replace("{side}", "{side_en}").replace("{other}", "{other_en}") if english else english


def translated_languages() -> tuple[str, ...]:
    """Every offered language but the one the routine files are written in."""
    return tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)


def translation_path(folder: Path, source: Path, language: str) -> Path:
    """Where the translation of the routine file `source` is: `folder/<language>/` and its path in `folder`;
    a file outside the folder has its translation in a `<language>/` folder beside it."""
    folder, source = Path(folder), Path(source)
    try:
        return folder / language / source.resolve().relative_to(folder.resolve())
    except ValueError:
        return source.parent / language / source.name


@dataclass
class TranslationCheck:
    """What laying one language over the routine files found: broken translations and missing texts."""

    language: str
    errors: list = field(default_factory=list)       # RoutineError: a translation file is wrong
    missing: list = field(default_factory=list)      # RoutineError: a text field has no translation


class _Overlay:
    """One translation file: reads its fields, checking them against the English texts they translate."""

    def __init__(self, path: Path, language: str, check: TranslationCheck) -> None:
        self.path, self.language, self.check = path, language, check
        self.name = ENGLISH_NAMES.get(language, language)
        self.data: dict | None = self._read()

    def _read(self) -> dict | None:
        try:
            with self.path.open("rb") as handle:
                data = tomllib.load(handle)
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            self.check.errors.append(RoutineError(self.path, f"cannot be read as TOML: {exc}"))
            return {}
        return data

    def error(self, message: str, exercise: str | None = None, key: str | None = None) -> None:
        self.check.errors.append(RoutineError(self.path, message, exercise, key))

    def gap(self, english: str, exercise: str | None, key: str) -> None:
        shown = english if len(english) <= 50 else english[:47] + "..."
        self.check.missing.append(RoutineError(self.path, f"has no {self.name} text (English: {shown!r})",
                                               exercise, key))

    def unknown(self, table: dict, allowed: set[str], exercise: str | None, prefix: str = "") -> None:
        for key in sorted(str(k) for k in set(table) - allowed):
            self.error(f"is not a text field of the English file (allowed: {', '.join(sorted(allowed))})",
                       exercise, prefix + key)

    def text(self, table: dict, key: str, english: str | None, exercise: str | None = None,
             sides: bool = False, limit: str | None = None, name: str | None = None) -> str | None:
        """The translation of `english` under `key`, or `english` itself when it is missing or wrong."""
        name = name or key
        if not english:
            if key in table:
                self.error("translates nothing: the English file has no such text", exercise, name)
            return english
        if key not in table:
            self.gap(english, exercise, name)
            return _kept(english)
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            self.error(f"must be non-empty text, not {value!r}", exercise, name)
            return _kept(english)
        value = value.strip()
        most = MAX_LENGTH.get(limit or key, 400)
        if len(value) > most:
            self.error(f"is {len(value)} characters long; keep it under {most}", exercise, name)
        if not self._placeholders_agree(value, english, sides, exercise, name):
            return _kept(english)
        return value

    def _placeholders_agree(self, value: str, english: str, sides: bool, exercise: str | None, name: str) -> bool:
        try:
            fields = [(f, spec, conversion) for _, f, spec, conversion in string.Formatter().parse(value)
                      if f is not None]
        except ValueError as exc:
            self.error(f"has a broken {{placeholder}}: {exc}", exercise, name)
            return False
        for f, spec, conversion in fields:         # "{side:d}" parses, then fails when the words are filled in
            if spec or conversion:
                self.error(f"has a placeholder with a format ({{{f}{'!' + conversion if conversion else ''}"
                           f"{':' + spec if spec else ''}}}); write it as {{{f}}}", exercise, name)
                return False
        used = {f for f, _, _ in fields}
        allowed = SIDE_PLACEHOLDERS if sides else frozenset()
        stray = sorted(used - allowed)
        if stray:
            self.error(f"uses an unknown placeholder {{{stray[0]}}}", exercise, name)
            return False
        source = {f for _, f, _, _ in string.Formatter().parse(english) if f is not None}
        for side in ("side", "other"):
            if (side in source) != bool({side, f"{side}_f"} & used):
                self.error(f"must name the {side} as the English does: {{{side}}} or {{{side}_f}} "
                           f"{'missing' if side in source else 'not in the English'}", exercise, name)
                return False
        return True

    def texts(self, table: dict, key: str, english: tuple[str, ...], exercise: str | None = None,
              sides: bool = False) -> tuple[str, ...]:
        """A list translated item by item, in the English order."""
        if not english:
            if key in table:
                self.error("translates nothing: the English file has no such list", exercise, key)
            return english
        if key not in table:
            for number, text in enumerate(english, 1):
                self.gap(text, exercise, f"{key}[{number}]")
            return tuple(_kept(text) for text in english)
        value = table[key]
        if not isinstance(value, list) or len(value) != len(english):
            self.error(f"must be a list of {len(english)} texts, as in the English file", exercise, key)
            return tuple(_kept(text) for text in english)
        return tuple(self.text({"x": item}, "x", text, exercise, sides, limit=key, name=f"{key}[{number}]")
                     for number, (item, text) in enumerate(zip(value, english), 1))

    def steps(self, table: dict, key: str, english: tuple[Step, ...], exercise: str, sides: bool) -> tuple[Step, ...]:
        """Setup or steps: the `say` and `again` of each, in the English order (`{}` for a step that says nothing)."""
        if not english:
            return english
        spoken = any(step.say for step in english)
        if key not in table:
            if spoken:
                for number, step in enumerate(english, 1):
                    for part in _STEP_FIELDS:
                        if getattr(step, part):
                            self.gap(getattr(step, part), exercise, f"{key}[{number}].{part}")
            return tuple(replace(step, say=_kept(step.say), again=_kept(step.again)) for step in english)
        value = table[key]
        if not isinstance(value, list) or len(value) != len(english) or not all(isinstance(v, dict) for v in value):
            self.error(f"must be a list of {len(english)} tables like {{ say = \"...\" }}, one per English step "
                       "({} for a step that says nothing)", exercise, key)
            return tuple(replace(step, say=_kept(step.say), again=_kept(step.again)) for step in english)
        steps = []
        for number, (item, step) in enumerate(zip(value, english), 1):
            self.unknown(item, set(_STEP_FIELDS), exercise, f"{key}[{number}].")
            words = {part: self.text(item, part, getattr(step, part), exercise, sides, name=f"{key}[{number}].{part}")
                     for part in _STEP_FIELDS}
            steps.append(replace(step, **words))
        return tuple(steps)


_EXERCISE_FIELDS = {"title", "summary", "reps_note", "cautions", "stop_if", "setup", "steps"}


def _exercise_texts(overlay: _Overlay, exercises: dict[str, Exercise], broken: set[str]) -> dict[str, dict]:
    """The translated text fields of every exercise, by id (fields left English where the translation fails)."""
    tables = overlay.data.get("exercise", {}) if overlay.data is not None else {}
    if overlay.data is not None:
        overlay.unknown(overlay.data, {"exercise"}, None)
        if not isinstance(tables, dict):
            overlay.error("must hold [exercise.ID] tables", None, "exercise")
            tables = {}
    for ex_id in sorted(set(tables) - set(exercises) - broken):
        overlay.error("is not an exercise of the English library", ex_id, None)
    texts: dict[str, dict] = {}
    for ex_id, exercise in exercises.items():
        table = tables.get(ex_id)
        if overlay.data is None:
            continue
        if not isinstance(table, dict):
            if table is not None:
                overlay.error("must be a table of text fields", ex_id, None)
            table = {}
        overlay.unknown(table, _EXERCISE_FIELDS, ex_id)
        sides = exercise.sides in ("each", "alternate")
        texts[ex_id] = {
            "title": overlay.text(table, "title", exercise.title, ex_id),
            "summary": overlay.text(table, "summary", exercise.summary, ex_id),
            "reps_note": overlay.text(table, "reps_note", exercise.reps_note, ex_id),
            "cautions": overlay.texts(table, "cautions", exercise.cautions, ex_id, sides),
            "stop_if": overlay.text(table, "stop_if", exercise.stop_if, ex_id, sides),
            "setup": overlay.steps(table, "setup", exercise.setup, ex_id, sides),
            "steps": overlay.steps(table, "steps", exercise.steps, ex_id, sides),
        }
    return texts


def _routine(overlay: _Overlay | None, routine: Routine, exercise_texts: dict[str, dict]) -> Routine:
    title, summary = routine.title, routine.summary
    if overlay is not None and overlay.data is not None:
        overlay.unknown(overlay.data, {"title", "summary"}, None)
        title = overlay.text(overlay.data, "title", routine.title)
        summary = overlay.text(overlay.data, "summary", routine.summary)
    return replace(
        routine, title=title, summary=summary,
        exercises=tuple(replace(e, **exercise_texts[e.id]) if e.id in exercise_texts else e for e in routine.exercises),
    )


def _aerobics(overlay: _Overlay, page: AerobicsPage) -> AerobicsPage:
    if overlay.data is None:
        return page
    table = overlay.data
    overlay.unknown(table, {"title", "intro", "avoid", "activity"}, None)
    activities = table.get("activity", {})
    if not isinstance(activities, dict):
        overlay.error("must hold [activity.ID] tables", None, "activity")
        activities = {}
    for name in sorted(set(activities) - {a.id for a in page.activities}):
        overlay.error("is not an activity of the English page", None, f"activity.{name}")
    translated = []
    for activity in page.activities:
        sub = activities.get(activity.id, {})
        if not isinstance(sub, dict):
            overlay.error("must be a table of text fields", None, f"activity.{activity.id}")
            sub = {}
        overlay.unknown(sub, {"title", "text"}, None, f"activity.{activity.id}.")
        translated.append(replace(
            activity,
            title=overlay.text(sub, "title", activity.title, name=f"activity.{activity.id}.title"),
            text=overlay.text(sub, "text", activity.text, name=f"activity.{activity.id}.text")))
    return replace(page, title=overlay.text(table, "title", page.title), intro=overlay.text(table, "intro", page.intro),
                   avoid=overlay.texts(table, "avoid", page.avoid), activities=tuple(translated))


def translate(result: LoadResult, folder: Path, language: str) -> tuple[LoadResult, TranslationCheck]:
    """`result` (a LoadResult in English) with every text in `language`, and what was found on the way.

    Returns (LoadResult, TranslationCheck). A missing translation file is one warning for the file.
    """
    folder = Path(folder)
    check = TranslationCheck(language)
    name = ENGLISH_NAMES.get(language, language)

    def overlay(source: Path) -> _Overlay:
        found = _Overlay(translation_path(folder, source, language), language, check)
        if found.data is None:
            check.missing.append(RoutineError(found.path, f"is missing: {source} has no {name} translation"))
        return found

    library = folder / LIBRARY
    broken = {e.exercise for e in result.errors if e.exercise and e.path == library}
    texts = _exercise_texts(overlay(library), result.exercises, broken) if result.exercises else {}
    translated = LoadResult(
        routines={rid: _routine(overlay(r.source) if r.source else None, r, texts)
                  for rid, r in result.routines.items()},
        exercises={eid: replace(e, **texts[eid]) if eid in texts else e for eid, e in result.exercises.items()},
        aerobics=_aerobics(overlay(folder / AEROBICS), result.aerobics) if result.aerobics else None,
        errors=[*result.errors, *check.errors],
        language=language,
    )
    return translated, check
