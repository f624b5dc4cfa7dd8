"""The plan file: every way a plan is refused (whole, naming the file, the item and the field), and writing it back."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from kiosk.core.loader import load_routines
from kiosk.core.plan import Plan, PlanItem
from kiosk.core.plan_file import PlanFileError, check_plan, parse_plan, plan_to_toml, read_plan_file
from kiosk.paths import bundled_dir

GOOD = """
title = "Plan for Ann"
days_a_week = 4
start = 2026-12-01
note = "Stop if the knee hurts."

[[item]]
exercise = "bridge"
reps = 9
hold = 6
note = "Slowly."

[[item]]
exercise = "knee_to_chest"
sides = "left"
"""


@pytest.fixture(scope="module")
def library():
    result = load_routines(bundled_dir("routines"))
    assert not result.errors
    return result.exercises


def write(tmp_path: Path, text: str, name: str = "plan.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(tmp_path, library, text: str) -> PlanFileError:
    path = write(tmp_path, text)
    with pytest.raises(PlanFileError) as caught:
        read_plan_file(path, library)
    assert str(path) in str(caught.value)
    return caught.value


def test_a_good_plan_is_read_in_the_library_order(tmp_path, library):
    plan = read_plan_file(write(tmp_path, GOOD), library)
    assert plan.exercise_ids() == ("knee_to_chest", "bridge")
    assert plan.item("bridge") == PlanItem("bridge", 9, 6, "each", "Slowly.")
    assert plan.item("knee_to_chest") == PlanItem("knee_to_chest", 2, 2, "left")     # the library's numbers
    assert (plan.days_a_week, plan.start, plan.note, plan.title) == (4, date(2026, 12, 1),
                                                                     "Stop if the knee hurts.", "Plan for Ann")


def test_a_bundled_routine_file_is_a_plan_file(library):
    plan = read_plan_file(bundled_dir("routines") / "gentle-start.toml", library)
    assert plan.exercise_ids() == ("knee_to_chest", "both_knees_to_chest", "ball_squeeze", "outer_hip_stretch")
    assert plan.item("ball_squeeze").reps == 3


ITEM_ERRORS = [
    ('exercise = "moonwalk"', "exercise", "moonwalk", "not in the exercise library"),
    ('exercise = "bridge"\nreps = 0', "reps", "bridge", "from 1 to 10"),
    ('exercise = "bridge"\nreps = 11', "reps", "bridge", "the article's top number: 8 to 10"),
    ('exercise = "outer_hip_stretch"\nreps = 6', "reps", "outer_hip_stretch", "up to 5 each side"),
    ('exercise = "triangle"\nsides = "left"\nreps = 4', "reps", "triangle", "from 1 to 3"),
    ('exercise = "bridge"\nreps = 2.5', "reps", "bridge", "whole number"),
    ('exercise = "bridge"\nhold = 0', "hold", "bridge", "from 1 to 60 seconds"),
    ('exercise = "bridge"\nhold = 61', "hold", "bridge", "from 1 to 60 seconds"),
    ('exercise = "bridge"\nhold = 2.5', "hold", "bridge", "whole number of seconds"),
    ('exercise = "bridge"\nsides = "left"', "sides", "bridge", "Bridge has no sides"),
    ('exercise = "knee_to_chest"\nsides = "both"', "sides", "knee_to_chest", "each, left, right"),
    ('exercise = "bridge"\nnote = 3', "note", "bridge", "must be text"),
    ('exercise = "bridge"\nnote = "' + "x" * 201 + '"', "note", "bridge", "keep it under 200"),
    ('exercise = "bridge"\nrest = -1', "rest", "bridge", "from 0 to 120"),
    ('exercise = "bridge"\ncolour = "red"', "colour", "bridge", "unknown field"),
    ('reps = 3', "exercise", None, "is missing"),
]


@pytest.mark.parametrize(("item", "field", "exercise", "message"), ITEM_ERRORS)
def test_a_bad_item_refuses_the_plan_naming_file_item_and_field(tmp_path, library, item, field, exercise, message):
    text = f'[[item]]\nexercise = "cat_cow"\n\n[[item]]\n{item}\n'
    error = refused(tmp_path, library, text)
    assert len(error.errors) == 1, error
    (problem,) = error.errors
    assert problem.field == f"item[2].{field}" and problem.exercise == exercise
    assert message in problem.message
    assert f"field 'item[2].{field}'" in str(error)
    if exercise:
        assert f"exercise '{exercise}'" in str(error)


TOP_ERRORS = [
    ("days_a_week = 0", "days_a_week", "from 1 to 7"),
    ("days_a_week = 8", "days_a_week", "from 1 to 7"),
    ('start = "next week"', "start", "a date like"),
    ("start = 2026-12-01T09:00:00", "start", "no time of day"),
    ('locked = "yes"', "locked", "true or false"),
    ('title = ""', "title", "non-empty text"),
    ("rest_between = 500", "rest_between", "from 0 to 120"),
    ('colour = "red"', "colour", "unknown field"),
]


@pytest.mark.parametrize(("line", "field", "message"), TOP_ERRORS)
def test_a_bad_top_field_refuses_the_plan(tmp_path, library, line, field, message):
    error = refused(tmp_path, library, f'{line}\n\n[[item]]\nexercise = "bridge"\n')
    (problem,) = error.errors
    assert (problem.field, problem.exercise) == (field, None) and message in problem.message


def test_every_problem_is_named_at_once(tmp_path, library):
    text = ('days_a_week = 9\n[[item]]\nexercise = "bridge"\nreps = 0\n'
            '[[item]]\nexercise = "bridge"\n[[item]]\nexercise = "nope"\n')
    error = refused(tmp_path, library, text)
    assert [e.field for e in error.errors] == ["item[1].reps", "item[2].exercise", "item[3].exercise",
                                              "days_a_week"]
    assert "in the plan twice (also item[1])" in error.errors[1].message


@pytest.mark.parametrize(("text", "message"), [
    ("", "at least one [[item]]"), ("item = 3", "at least one [[item]]"),
    ("[[item]\n", "is not valid TOML"), ("item = [3]", "must be a table"),
])
def test_a_file_without_items_or_not_toml_is_refused(tmp_path, library, text, message):
    assert message in str(refused(tmp_path, library, text))


def test_a_missing_or_undecodable_file_is_refused(tmp_path, library):
    with pytest.raises(PlanFileError, match="file not found"):
        read_plan_file(tmp_path / "absent.toml", library)
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'note = "\xe9"\n')
    with pytest.raises(PlanFileError, match="UTF-8|not valid TOML"):
        read_plan_file(path, library)


def test_written_plan_reads_back_the_same_and_is_deterministic(tmp_path, library):
    plan = read_plan_file(write(tmp_path, GOOD), library)
    text = plan_to_toml(plan, library)
    assert text == plan_to_toml(plan, library)
    assert read_plan_file(write(tmp_path, text, "again.toml"), library) == plan
    assert "# Bridge\n[[item]]" in text and 'sides = "left"' in text and "start = 2026-12-01" in text


def test_check_plan_applies_the_file_checks_to_a_plan_built_elsewhere(library):
    bad = Plan((PlanItem("bridge", 12, 5), PlanItem("both_knees_to_chest", 2, 2, "left")))
    problems = check_plan(bad, library)
    assert [p.field for p in problems] == ["item[1].reps", "item[2].sides"]
    assert check_plan(Plan((PlanItem("bridge", 10, 5),)), library) == []


notes = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


LIBRARY = load_routines(bundled_dir("routines")).exercises


@settings(max_examples=150, deadline=None)
@given(plan_note=notes, item_note=notes, title=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1,
                                                        max_size=30).filter(str.strip))
def test_any_text_survives_the_writer(plan_note, item_note, title):
    library = LIBRARY
    plan = Plan((PlanItem("bridge", 8, 5, note=item_note.strip()),), note=plan_note.strip(), title=title.strip())
    parsed = parse_plan(tomllib.loads(plan_to_toml(plan)), Path("x.toml"), library)
    assert parsed == plan


# --- any malformed value: the plan file's own error, never a crash ---------------------------------

from kiosk.core.plan import plan_routine  # noqa: E402
from kiosk.core.timeline import compile_routine  # noqa: E402
from mutations import FUZZ, mutated  # noqa: E402

WRITTEN = tomllib.loads(plan_to_toml(parse_plan(tomllib.loads(GOOD), Path("plan.toml"), LIBRARY), LIBRARY))


@FUZZ
@given(mutated(WRITTEN))
def test_a_mutated_plan_file_is_refused_whole_or_plays(document):
    """The file `kiosk plan export` writes, with values dropped or of the wrong type: PlanFileError (naming
    the file) or a plan that validates, plays, and writes back to itself."""
    path = Path("plans/ann.toml")
    try:
        plan = parse_plan(document, path, LIBRARY)
    except PlanFileError as error:
        assert error.errors and all(str(e).startswith(str(path)) and e.message for e in error.errors)
        return
    assert check_plan(plan, LIBRARY) == []
    assert compile_routine(plan_routine(plan, LIBRARY)).duration > 0
    assert parse_plan(tomllib.loads(plan_to_toml(plan, LIBRARY)), path, LIBRARY) == plan
