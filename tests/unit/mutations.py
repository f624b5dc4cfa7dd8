"""Hypothesis strategies that mutate a real document: drop keys and swap values for ones of the wrong type."""

from __future__ import annotations

import copy
import json
import math
import sys
from datetime import date, datetime, time, timezone
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))      # tests/prerequisites.py
from prerequisites import in_ci  # noqa: E402

#: Generated documents per property: at least 1,000 in CI (CI=true, 1 or yes, as tests/prerequisites.py
#: reads it), fewer on a developer machine.
EXAMPLES = 1000 if in_ci() else 150
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Values of every type a TOML or JSON file can hold, small so that shrinking is quick.
scalars = st.one_of(
    st.booleans(), st.integers(-3, 40), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.sampled_from(["", " ", "{side}", "{", "nan", "2026-03-14T09:30:00+01:00",
                                            "2026-03-14T09:30:00", "before", "each", "lying", "bridge"]),
)
toml_only = st.sampled_from([datetime(2026, 3, 14, 9, 30), datetime(2026, 3, 14, tzinfo=timezone.utc),
                             date(2026, 3, 14), time(9, 30)])
json_values = st.recursive(scalars | st.none(), lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=4)
toml_values = st.recursive(scalars | toml_only, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=4)


def paths_of(document, prefix=()) -> list[tuple]:
    """Every place in a nested document: the keys and list indices that lead to it."""
    found = [prefix]
    if isinstance(document, dict):
        for key, value in document.items():
            found += paths_of(value, prefix + (key,))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += paths_of(value, prefix + (index,))
    return found


def _apply(document, path: tuple, operation: str, value):
    if not path:
        return value if operation == "replace" else document
    parent = document
    for step in path[:-1]:
        try:
            parent = parent[step]
        except (KeyError, IndexError, TypeError):
            return document               # an earlier mutation removed this place
    last = path[-1]
    if not isinstance(parent, (dict, list)):
        return document                   # an earlier mutation replaced the container
    try:
        current = parent[last]
    except (KeyError, IndexError, TypeError):
        return document
    if operation == "drop":
        del parent[last]
    elif operation == "wrap":             # a table becomes a list of it, a value a list, ...
        parent[last] = [current]
    elif operation == "unwrap" and isinstance(current, list) and current:
        parent[last] = current[0]
    elif operation == "unwrap" and isinstance(current, dict) and current:
        parent[last] = next(iter(current.values()))
    else:
        parent[last] = value
    return document


def mutated(document, values=toml_values, max_mutations: int = 4):
    """A strategy of copies of `document`, each with 1 to `max_mutations` places dropped or changed."""
    places = paths_of(document)
    mutation = st.tuples(st.sampled_from(places), st.sampled_from(("drop", "replace", "replace", "wrap", "unwrap")),
                         values)

    def build(mutations):
        result = copy.deepcopy(document)
        for path, operation, value in mutations:
            result = _apply(result, path, operation, value)
        return result

    return st.lists(mutation, min_size=1, max_size=max_mutations).map(build)


def _toml_value(value) -> str:
    """One TOML value, inline (tables as `{ ... }`), for any value the strategies above make."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return ("nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")) if not math.isfinite(value) \
            else repr(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_value(str(k))} = {_toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no TOML for {type(value).__name__}")


def to_toml(document) -> str:
    """A TOML file holding `document` (a table; anything else becomes the table's only key `value`), one
    quoted key per line: what tomllib reads back is `document`."""
    table = document if isinstance(document, dict) else {"value": document}
    return "".join(f"{_toml_value(str(key))} = {_toml_value(value)}\n" for key, value in table.items())
