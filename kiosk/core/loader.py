"""Load routine files and validate them, with errors that name the file, the exercise and the field."""

from __future__ import annotations

import re
import string
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from kiosk.core.routine import (
    CATEGORIES, LEVELS, LIBRARY_SIDE_MODES, POSITIONS, SETTINGS,
    AerobicActivity, AerobicsPage, Exercise, Routine, Step,
)
from kiosk.core.routine_index import Choices, RoutineChoice

LIBRARY = Path("library") / "exercises.toml"
AEROBICS = Path("library") / "aerobics.toml"
_ID = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
_PLACEHOLDERS = {"side", "other"}


@dataclass(frozen=True)
class RoutineError:
    """One problem in one routine file."""

    path: Path
    message: str
    exercise: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = [str(self.path)]
        if self.exercise:
            where.append(f"exercise '{self.exercise}'")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{': '.join(where)}: {self.message}"


@dataclass
class LoadResult:
    """The routines that loaded, and every error found on the way."""

    routines: dict[str, Routine] = field(default_factory=dict)
    exercises: dict[str, Exercise] = field(default_factory=dict)
    aerobics: AerobicsPage | None = None
    errors: list[RoutineError] = field(default_factory=list)
    language: str = "en"                # the language of the texts (core.routine_language)
    missing_translations: list[RoutineError] = field(default_factory=list)   # warnings: texts left in English

    def choices(self) -> Choices:
        """What the home screen offers: each routine with its length, and the number of problems."""
        from kiosk.core.timeline import compile_routine

        return Choices(tuple(RoutineChoice(r.id, r.title, r.summary, compile_routine(r, self.language).duration,
                                           r.picture)
                             for r in self.routines.values()), len(self.errors))


class _Checker:
    """Reads typed fields out of a TOML table, collecting errors instead of stopping at the first."""

    def __init__(self, path: Path, errors: list[RoutineError], exercise: str | None = None,
                 prefix: str = "") -> None:
        self.path, self.errors, self.exercise, self.prefix = path, errors, exercise, prefix

    def error(self, key: str | None, message: str) -> None:
        name = f"{self.prefix}{key}" if key else (self.prefix.rstrip(".") or None)
        self.errors.append(RoutineError(self.path, message, self.exercise, name))

    def unknown(self, table: dict, allowed: set[str]) -> None:
        for key in sorted(str(key) for key in set(table) - allowed):
            self.error(key, f"unknown field (allowed: {', '.join(sorted(allowed))})")

    def text(self, table: dict, key: str, required: bool = True, default: str = "",
             max_len: int = 400, sides: bool = False) -> str:
        if key not in table:
            if required:
                self.error(key, "is missing")
            return default
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            self.error(key, f"must be non-empty text, not {value!r}")
            return default
        if len(value) > max_len:
            self.error(key, f"is {len(value)} characters long; keep it under {max_len}")
        self.placeholders(key, value, sides)
        return value.strip()

    def placeholders(self, key: str, value: str, sides: bool) -> None:
        try:
            fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(value)
                      if name is not None]
        except ValueError as exc:
            self.error(key, f"has a broken {{placeholder}}: {exc}")
            return
        names = {name for name, _, _ in fields}
        for name, spec, conversion in fields:      # "{side:d}" parses, then fails when the words are filled in
            if spec or conversion:
                self.error(key, f"has a placeholder with a format ({{{name}{'!' + conversion if conversion else ''}"
                                f"{':' + spec if spec else ''}}}); write it as {{{name}}}")
                return
        allowed = _PLACEHOLDERS if sides else set()
        for name in sorted(names - allowed):
            hint = " (this exercise has no sides)" if name in _PLACEHOLDERS else ""
            self.error(key, f"uses an unknown placeholder {{{name}}}{hint}")

    def ident(self, table: dict, key: str) -> str:
        value = self.text(table, key, max_len=40)
        if value and not _ID.match(value):
            self.error(key, f"must be lower-case letters, digits, '_' or '-', starting with a letter, not {value!r}")
        return value

    def choice(self, table: dict, key: str, choices: tuple[str, ...], default: str | None = None) -> str:
        if key not in table and default is not None:
            return default
        value = self.text(table, key)
        if value and value not in choices:
            self.error(key, f"must be one of {', '.join(choices)}, not {value!r}")
        return value

    def number(self, table: dict, key: str, low: float, high: float, whole: bool = False,
               default: float | None = None) -> float:
        if key not in table:
            if default is None:
                self.error(key, "is missing")
                return low
            return default
        value = table[key]
        kind = (int,) if whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kind):
            noun = "a whole number" if whole else "a number"
            self.error(key, f"must be {noun}, not {value!r}")
            return low
        if not low <= value <= high:
            self.error(key, f"must be from {low:g} to {high:g}, not {value!r}")
            return low
        return value

    def text_list(self, table: dict, key: str, required: bool = True, sides: bool = False) -> tuple[str, ...]:
        if key not in table:
            if required:
                self.error(key, "is missing")
            return ()
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.error(key, "must be a list of non-empty texts")
            return ()
        for item in value:
            self.placeholders(key, item, sides)
        return tuple(v.strip() for v in value)


def _default_poses() -> frozenset[str] | None:
    try:
        from kiosk.core.poses import pose_names
    except ImportError:  # the illustrations are optional for validation
        return None
    return pose_names()


def _steps(check: _Checker, table: dict, key: str, poses: tuple[str, ...], sides: bool,
           required: bool) -> tuple[Step, ...]:
    raw = table.get(key)
    if raw is None:
        if required:
            check.error(key, "is missing")
        return ()
    if not isinstance(raw, list) or not raw:
        check.error(key, "must be a non-empty list of steps")
        return ()
    steps = []
    for number, item in enumerate(raw, 1):
        sub = _Checker(check.path, check.errors, check.exercise, f"{key}[{number}].")
        if not isinstance(item, dict):
            sub.error(None, "must be a table like { say = \"...\", pose = \"...\" }")
            continue
        sub.unknown(item, {"say", "again", "pose", "hold", "seconds"})
        say = sub.text(item, "say", required=False, max_len=160, sides=sides) or None
        again = sub.text(item, "again", required=False, max_len=80, sides=sides) or None
        if again and not say:
            sub.error("again", "needs a `say` for the first repetition")
        pose = sub.text(item, "pose", required=False) or None
        if pose and poses and pose not in poses:
            sub.error("pose", f"{pose!r} is not in this exercise's poses ({', '.join(poses)})")
        hold = item.get("hold", False)
        if not isinstance(hold, bool):
            sub.error("hold", f"must be true or false, not {hold!r}")
            hold = False
        seconds = sub.number(item, "seconds", 1, 120, default=0) or None
        if seconds and not hold:
            sub.error("seconds", "only makes sense on a step with hold = true")
        if not say and not pose and not hold:
            sub.error(None, "says nothing, shows nothing and holds nothing")
        steps.append(Step(say, pose, hold, seconds, again))
    return tuple(steps)


def parse_exercise(table: dict, path: Path, errors: list[RoutineError],
                   known_poses: frozenset[str] | None) -> Exercise | None:
    """Validate one `[[exercise]]` table; None when it has errors (they are appended to `errors`)."""
    if not isinstance(table, dict):
        errors.append(RoutineError(path, f"must be an [[exercise]] table, not {_kind(table)}", None, "exercise"))
        return None
    before = len(errors)
    ex_id = table.get("id") if isinstance(table.get("id"), str) else None
    check = _Checker(path, errors, ex_id)
    check.unknown(table, {
        "id", "title", "category", "level", "position", "summary", "sides", "reps", "reps_note",
        "hold", "rest", "poses", "cautions", "stop_if", "setup", "steps",
    })
    check.ident(table, "id")
    sides = check.choice(table, "sides", LIBRARY_SIDE_MODES)
    has_sides = sides in ("each", "alternate")
    poses = check.text_list(table, "poses")
    if not poses and isinstance(table.get("poses"), list):      # the timeline starts on the first one
        check.error("poses", "must name at least one key position")
    for pose in poses:
        if known_poses is not None and pose not in known_poses:
            check.error("poses", f"{pose!r} is not a known illustration (see kiosk/core/poses.py)")
    exercise = Exercise(
        id=ex_id or "",
        title=check.text(table, "title", max_len=60),
        category=check.choice(table, "category", CATEGORIES),
        level=check.choice(table, "level", LEVELS),
        position=check.choice(table, "position", POSITIONS),
        summary=check.text(table, "summary", max_len=200),
        sides=sides,
        reps=int(check.number(table, "reps", 1, 30, whole=True)),
        reps_note=check.text(table, "reps_note", required=False, max_len=40),
        hold=check.number(table, "hold", 0, 120, default=0),
        rest=check.number(table, "rest", 0, 120, default=0),
        poses=poses,
        cautions=check.text_list(table, "cautions", required=False, sides=has_sides),
        stop_if=check.text(table, "stop_if", required=False, max_len=160, sides=has_sides),
        setup=_steps(check, table, "setup", poses, has_sides, required=False),
        steps=_steps(check, table, "steps", poses, has_sides, required=True),
    )
    if exercise.steps and not any(s.hold for s in exercise.steps) and exercise.hold:
        check.error("hold", "is set but no step has hold = true")
    if any(s.hold for s in exercise.steps) and not exercise.hold and not all(
            s.seconds for s in exercise.steps if s.hold):
        check.error("hold", "is missing: a step has hold = true")
    return exercise if len(errors) == before else None


def _kind(value) -> str:
    """A value's type in the words of a TOML file, for error messages."""
    if isinstance(value, bool):
        return "true/false"
    names = {dict: "a table", list: "a list", str: "text", int: "a whole number", float: "a number"}
    return next((name for kind, name in names.items() if isinstance(value, kind)), "a date or time")


def _read_toml(path: Path, errors: list[RoutineError]) -> dict | None:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        errors.append(RoutineError(path, "file not found"))
    except OSError as exc:
        errors.append(RoutineError(path, f"cannot be read: {exc.strerror or exc}"))
    except UnicodeDecodeError:
        errors.append(RoutineError(path, "is not UTF-8 text"))
    except tomllib.TOMLDecodeError as exc:
        errors.append(RoutineError(path, f"is not valid TOML: {exc}"))
    return None


def load_library(path: Path, errors: list[RoutineError],
                 known_poses: frozenset[str] | None = None) -> dict[str, Exercise]:
    """Load the exercise library file; invalid exercises are left out and reported."""
    data = _read_toml(path, errors)
    if data is None:
        return {}
    return library_from_data(data, path, errors, known_poses)


def library_from_data(data: dict, path: Path, errors: list[RoutineError],
                      known_poses: frozenset[str] | None = None) -> dict[str, Exercise]:
    """The exercises of an already parsed library file; invalid ones are left out and reported."""
    check = _Checker(path, errors)
    if not isinstance(data, dict):
        check.error(None, f"must be a TOML document of [[exercise]] tables, not {_kind(data)}")
        return {}
    check.unknown(data, {"exercise"})
    tables = data.get("exercise")
    if not isinstance(tables, list) or not tables:
        check.error("exercise", "must hold at least one [[exercise]] table")
        return {}
    exercises: dict[str, Exercise] = {}
    for table in tables:
        exercise = parse_exercise(table, path, errors, known_poses)
        if exercise is None:
            continue
        if exercise.id in exercises:
            errors.append(RoutineError(path, "is defined twice", exercise.id, "id"))
            continue
        exercises[exercise.id] = exercise
    return exercises


def parse_routine(data: dict, path: Path, exercises: dict[str, Exercise], errors: list[RoutineError],
                  known_poses: frozenset[str] | None, broken: set[str] = frozenset()) -> Routine | None:
    """Validate one routine file's table against the exercise library."""
    before = len(errors)
    check = _Checker(path, errors)
    if not isinstance(data, dict):
        check.error(None, f"must be a TOML document, not {_kind(data)}")
        return None
    check.unknown(data, {"id", "title", "summary", "setting", "picture", "rest_between", "order", "item"})
    routine_id = check.ident(data, "id")
    picture = check.text(data, "picture")
    if picture and known_poses is not None and picture not in known_poses:
        check.error("picture", f"{picture!r} is not a known illustration")
    items = data.get("item")
    chosen: list[Exercise] = []
    if not isinstance(items, list) or not items:
        check.error("item", "must hold at least one [[item]] table naming an exercise")
        items = []
    for number, item in enumerate(items, 1):
        name = item.get("exercise") if isinstance(item, dict) else None
        sub = _Checker(path, errors, name if isinstance(name, str) else None, f"item[{number}].")
        if not isinstance(item, dict):
            sub.error(None, "must be a table")
            continue
        sub.unknown(item, {"exercise", "reps", "hold", "rest"})
        ex_id = sub.text(item, "exercise")
        if not ex_id:
            continue
        if ex_id in broken:
            sub.error("exercise", f"{ex_id!r} is invalid in the exercise library (see its errors)")
            continue
        if ex_id not in exercises:
            sub.error("exercise", f"{ex_id!r} is not in the exercise library")
            continue
        base = exercises[ex_id]
        chosen.append(replace(
            base,
            reps=int(sub.number(item, "reps", 1, 30, whole=True, default=base.reps)),
            hold=sub.number(item, "hold", 0, 120, default=base.hold),
            rest=sub.number(item, "rest", 0, 120, default=base.rest),
        ))
    routine = Routine(
        id=routine_id,
        title=check.text(data, "title", max_len=60),
        summary=check.text(data, "summary", max_len=200),
        setting=check.choice(data, "setting", SETTINGS),
        picture=picture,
        rest_between=check.number(data, "rest_between", 0, 120, default=5),
        exercises=tuple(chosen),
        source=path,
        order=int(check.number(data, "order", 0, 1000, whole=True, default=100)),
    )
    return routine if len(errors) == before else None


def _broken_ids(path: Path, errors: list[RoutineError]) -> set[str]:
    return {e.exercise for e in errors if e.path == path and e.exercise}


def load_aerobics(path: Path, errors: list[RoutineError]) -> AerobicsPage | None:
    """Load the light-aerobics information page."""
    data = _read_toml(path, errors)
    if data is None:
        return None
    return aerobics_from_data(data, path, errors)


def aerobics_from_data(data: dict, path: Path, errors: list[RoutineError]) -> AerobicsPage | None:
    """The light-aerobics page from an already parsed file; None (errors appended) when it is invalid."""
    before = len(errors)
    check = _Checker(path, errors)
    if not isinstance(data, dict):
        check.error(None, f"must be a TOML document, not {_kind(data)}")
        return None
    check.unknown(data, {"title", "intro", "weekly_goal_minutes", "activity", "avoid"})
    activities = []
    tables = data.get("activity", [])
    if not isinstance(tables, list):
        check.error("activity", f"must be a list of [[activity]] tables, not {_kind(tables)}")
        tables = []
    for number, table in enumerate(tables, 1):
        sub = _Checker(path, errors, None, f"activity[{number}].")
        if not isinstance(table, dict):
            sub.error(None, "must be a table")
            continue
        sub.unknown(table, {"id", "title", "pose", "text"})
        activities.append(AerobicActivity(sub.ident(table, "id"), sub.text(table, "title"),
                                          sub.text(table, "pose"), sub.text(table, "text", max_len=600)))
    page = AerobicsPage(
        title=check.text(data, "title"),
        intro=check.text(data, "intro", max_len=800),
        weekly_goal_minutes=int(check.number(data, "weekly_goal_minutes", 1, 1000, whole=True)),
        activities=tuple(activities),
        avoid=check.text_list(data, "avoid"),
    )
    if not activities and tables is data.get("activity", tables):
        check.error("activity", "must hold at least one [[activity]] table")
    return page if len(errors) == before else None


def load_routines(folder: Path, paths: list[Path] | None = None,
                  known_poses: frozenset[str] | None = None, language: str = "en") -> LoadResult:
    """Load the library and the routines of `folder` (or just `paths`), reporting every error.

    Valid routines load even when others are broken; a routine that uses a broken exercise does not.
    In another `language` than English, the translation files of `folder/<language>/` are laid over
    them (core.routine_language): texts without a translation stay English, listed in `missing_translations`.
    """
    folder = Path(folder)
    known_poses = known_poses if known_poses is not None else _default_poses()
    result = LoadResult()
    library_path = folder / LIBRARY
    result.exercises = load_library(library_path, result.errors, known_poses)
    broken = _broken_ids(library_path, result.errors)
    aerobics_path = folder / AEROBICS
    if paths is None:
        paths = sorted(folder.glob("*.toml"))
        if aerobics_path.exists():
            result.aerobics = load_aerobics(aerobics_path, result.errors)
    seen: dict[str, Path] = {}
    for path in paths:
        path = Path(path)
        if path.resolve() == library_path.resolve():
            continue
        if path.resolve() == aerobics_path.resolve():
            result.aerobics = load_aerobics(path, result.errors)
            continue
        data = _read_toml(path, result.errors)
        if data is None:
            continue
        routine = parse_routine(data, path, result.exercises, result.errors, known_poses, broken)
        if routine is None:
            continue
        if routine.id in seen:
            result.errors.append(RoutineError(path, f"routine id {routine.id!r} is already used by {seen[routine.id]}",
                                              None, "id"))
            continue
        seen[routine.id] = path
        result.routines[routine.id] = routine
    result.routines = dict(sorted(result.routines.items(), key=lambda item: (item[1].order, item[0])))
    if not result.routines and paths == sorted(folder.glob("*.toml")) and not paths:
        result.errors.append(RoutineError(folder, "holds no routine files (*.toml)"))
    if language != "en":
        from kiosk.core.routine_language import translate

        result, check = translate(result, folder, language)
        result.missing_translations = check.missing
    return result
