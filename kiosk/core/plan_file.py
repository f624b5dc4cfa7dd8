"""The plan file: a routine file with per-item reps, hold, sides and note; read whole or refused whole, and written."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from kiosk.core.loader import RoutineError, _Checker, _kind, _read_toml
from kiosk.core.plan import (
    DAYS_A_WEEK, DEFAULT_DAYS_A_WEEK, DEFAULT_REST_BETWEEN, NOTE_MAX, PLAN_ROUTINE_ID, PLAN_SIDES, PLAN_TITLE,
    Plan, PlanItem, plan_routine, sort_items,
)
from kiosk.core.plan_ranges import HOLD_SECONDS, reps_range, sides_allowed
from kiosk.core.routine import Exercise

PLAN_NOTE_MAX = 400
_ROUTINE_FIELDS = {"id", "summary", "setting", "picture", "order"}     # a routine file's: accepted, not kept
_TOP_FIELDS = {"title", "rest_between", "days_a_week", "start", "note", "locked", "item"} | _ROUTINE_FIELDS
_ITEM_FIELDS = {"exercise", "reps", "hold", "rest", "sides", "note"}


class PlanFileError(ValueError):
    """A plan that was refused whole; `errors` names, for each problem, the file, the item and the field."""

    def __init__(self, errors: list[RoutineError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


def _whole(check: _Checker, table: dict, key: str, low: int, high: int, default: int,
           unit: str = "", why_high: str = "") -> int:
    if key not in table:
        return default
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, int):
        noun = f"a whole number of {unit}" if unit else "a whole number"
        check.error(key, f"must be {noun}, not {value!r}")
        return default
    if not low <= value <= high:
        suffix = f" {unit}" if unit else ""
        check.error(key, f"must be from {low} to {high}{suffix}{why_high}, not {value!r}")
        return default
    return value


def _note(check: _Checker, table: dict, key: str, max_len: int) -> str:
    if key not in table:
        return ""
    value = table[key]
    if not isinstance(value, str):
        check.error(key, f"must be text, not {_kind(value)}")
        return ""
    if len(value) > max_len:
        check.error(key, f"is {len(value)} characters long; keep it under {max_len}")
    return value.strip()


def _start(check: _Checker, table: dict) -> date | None:
    if "start" not in table:
        return None
    value = table["start"]
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            check.error("start", f"must be a date like 2026-12-01, not {value!r}")
            return None
    if not isinstance(value, date) or hasattr(value, "hour"):
        check.error("start", f"must be a date like 2026-12-01 (no time of day), not {value!r}")
        return None
    return value


def _item(check: _Checker, item: dict, library: Mapping[str, Exercise]) -> PlanItem | None:
    check.unknown(item, _ITEM_FIELDS)
    ex_id = check.text(item, "exercise", max_len=40)
    if not ex_id:
        return None
    base = library.get(ex_id)
    if base is None:
        check.error("exercise", f"{ex_id!r} is not in the exercise library")
        return None
    sides = "each"
    if "sides" in item:
        value = item["sides"]
        allowed = sides_allowed(base)
        if value not in PLAN_SIDES:
            check.error("sides", f"must be one of {', '.join(PLAN_SIDES)}, not {value!r}")
        elif value not in allowed:
            check.error("sides", f"{value!r}: {base.title} has no sides (only 'each' fits)")
        else:
            sides = value
    reps = reps_range(base, sides)
    why = (f" (the article's top number: {base.reps_note})" if reps.from_article else "")
    return PlanItem(
        exercise=ex_id,
        reps=_whole(check, item, "reps", reps.low, reps.high, reps.usual, why_high=why),
        hold=_whole(check, item, "hold", HOLD_SECONDS[0], HOLD_SECONDS[1], max(1, round(base.hold)),
                    unit="seconds"),
        sides=sides,
        note=_note(check, item, "note", NOTE_MAX),
        rest=check.number(item, "rest", 0, 120, default=-1) if "rest" in item else None,
    )


def parse_plan(data, path: Path, library: Mapping[str, Exercise]) -> Plan:
    """The plan an already parsed plan file describes, in the library's order.

    PlanFileError, naming every problem, when anything is wrong: a bad plan is refused whole.
    """
    path = Path(path)
    errors: list[RoutineError] = []
    check = _Checker(path, errors)
    if not isinstance(data, dict):
        raise PlanFileError([RoutineError(path, f"must be a TOML document, not {_kind(data)}")])
    check.unknown(data, _TOP_FIELDS)
    items = data.get("item")
    if not isinstance(items, list) or not items:
        check.error("item", "must hold at least one [[item]] table naming an exercise")
        items = []
    chosen: list[PlanItem] = []
    seen: dict[str, int] = {}
    for number, item in enumerate(items, 1):
        name = item.get("exercise") if isinstance(item, dict) else None
        sub = _Checker(path, errors, name if isinstance(name, str) else None, f"item[{number}].")
        if not isinstance(item, dict):
            sub.error(None, "must be a table")
            continue
        parsed = _item(sub, item, library)
        if parsed is None:
            continue
        if parsed.exercise in seen:
            sub.error("exercise", f"is in the plan twice (also item[{seen[parsed.exercise]}])")
            continue
        seen[parsed.exercise] = number
        chosen.append(parsed)
    locked = data.get("locked", False)
    if not isinstance(locked, bool):
        check.error("locked", f"must be true or false, not {locked!r}")
        locked = False
    title = _note(check, data, "title", 60) if "title" in data else PLAN_TITLE
    if not title and "title" in data and isinstance(data["title"], str):
        check.error("title", "must be non-empty text")
    plan = Plan(
        items=sort_items(chosen, library),
        days_a_week=_whole(check, data, "days_a_week", DAYS_A_WEEK[0], DAYS_A_WEEK[1], DEFAULT_DAYS_A_WEEK),
        start=_start(check, data),
        locked=locked,
        note=_note(check, data, "note", PLAN_NOTE_MAX),
        title=title,
        rest_between=check.number(data, "rest_between", 0, 120, default=DEFAULT_REST_BETWEEN),
    )
    if errors:
        raise PlanFileError(errors)
    return plan


def read_plan_file(path: Path, library: Mapping[str, Exercise]) -> Plan:
    """Read and validate a plan file; PlanFileError (also when it cannot be read or is not TOML)."""
    errors: list[RoutineError] = []
    data = _read_toml(Path(path), errors)
    if data is None:
        raise PlanFileError(errors)
    return parse_plan(data, Path(path), library)


def check_plan(plan: Plan, library: Mapping[str, Exercise], path: Path | str = "plan") -> list[RoutineError]:
    """The problems of a plan built elsewhere (a screen, the store): the file's checks on its file form."""
    try:
        parse_plan(tomllib.loads(plan_to_toml(plan)), Path(path), library)
    except PlanFileError as error:
        return error.errors
    return []


# -- writing ------------------------------------------------------------------------------------------
def _value(value) -> str:
    """One TOML value. Strings as basic strings (JSON's escapes are TOML's; DEL escaped as well)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) + ".0" if value.is_integer() else repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    raise TypeError(f"a plan file holds no {type(value).__name__}")


def plan_to_toml(plan: Plan, library: Mapping[str, Exercise] | None = None) -> str:
    """The plan file of `plan`: fixed key order, so the same plan always gives the same text.

    With `library`, the routine fields (id, summary, setting, picture) are written as well and each
    item is headed by its exercise's title in a comment, for the physiotherapist reading the file.
    """
    lines = ["# A personal exercise plan (routines/FORMAT.md, \"Plan files\")."]
    top: list[tuple[str, object]] = [("title", plan.title)]
    if library is not None:
        routine = plan_routine(plan, library)
        top = [("id", PLAN_ROUTINE_ID), *top, ("summary", routine.summary), ("setting", routine.setting),
               ("picture", routine.picture)]
    top += [("rest_between", plan.rest_between), ("days_a_week", plan.days_a_week)]
    if plan.start is not None:
        top.append(("start", plan.start))
    top.append(("locked", plan.locked))
    if plan.note:
        top.append(("note", plan.note))
    lines += [f"{key} = {_value(value)}" for key, value in top]
    for item in plan.items:
        lines.append("")
        if library is not None and item.exercise in library:
            lines.append(f"# {library[item.exercise].title}")
        lines.append("[[item]]")
        fields: list[tuple[str, object]] = [("exercise", item.exercise), ("reps", item.reps),
                                            ("hold", item.hold), ("sides", item.sides)]
        if item.rest is not None:
            fields.append(("rest", item.rest))
        if item.note:
            fields.append(("note", item.note))
        lines += [f"{key} = {_value(value)}" for key, value in fields]
    return "\n".join(lines) + "\n"
