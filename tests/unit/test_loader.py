"""Loading and validating routine files: every kind of error names the file, exercise and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.core.loader import load_routines

POSES = frozenset({"hook_lying", "one_knee_to_chest", "bridge", "lying_rest", "seated"})


@pytest.fixture
def folder(tmp_path, mini_folder) -> Path:
    """A writable copy of the mini routines folder."""
    target = tmp_path / "routines"
    shutil.copytree(mini_folder, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def errors_of(folder: Path, poses=POSES):
    result = load_routines(folder, known_poses=poses)
    return result, [str(e) for e in result.errors]


def library(folder: Path) -> Path:
    return folder / "library" / "exercises.toml"


def test_the_valid_folder_loads(folder):
    result, errors = errors_of(folder)
    assert errors == []
    assert list(result.routines) == ["mini"]
    assert [e.id for e in result.routines["mini"].exercises] == ["knee_hug", "bridge"]


@pytest.mark.parametrize("old, new, exercise, field, words", [
    ('reps = 2\nhold = 2', 'reps = "two"\nhold = 2', "knee_hug", "reps", "whole number"),
    ('reps = 2\nhold = 2', 'reps = 0\nhold = 2', "knee_hug", "reps", "from 1 to 30"),
    ('category = "stretch"', 'category = "yoga"', "knee_hug", "category", "one of stretch, strength, aerobic"),
    ('title = "Knee hug"\n', '', "knee_hug", "title", "is missing"),
    ('title = "Knee hug"', 'title = ""', "knee_hug", "title", "non-empty text"),
    ('level = "beginner"', 'level = "beginner"\ncolour = "red"', "knee_hug", "colour", "unknown field"),
    ('sides = "each"', 'sides = "both"', "knee_hug", "sides", "one of none, each, alternate"),
    ('poses = ["hook_lying", "one_knee_to_chest"]', 'poses = ["hook_lying", "flying"]',
     "knee_hug", "poses", "'flying' is not a known illustration"),
    ('{ say = "Put it down.", pose = "hook_lying" }', '{ say = "Put it down.", pose = "bridge" }',
     "knee_hug", "steps[2].pose", "not in this exercise's poses"),
    ('{ say = "Put it down.", pose = "hook_lying" }', '{ say = "Put it down.", pose = "hook_lying", hold = "yes" }',
     "knee_hug", "steps[2].hold", "true or false"),
    ('{ say = "Put it down.", pose = "hook_lying" }', '{ }', "knee_hug", "steps[2]", "says nothing"),
    ('{ say = "Put it down.", pose = "hook_lying" }', '{ say = "Put it down.", pose = "hook_lying", seconds = 4 }',
     "knee_hug", "steps[2].seconds", "only makes sense"),
    ('{ say = "Lift your hips."', '{ say = "Lift your {side} hip."', "bridge", "steps[1].say",
     "unknown placeholder {side} (this exercise has no sides)"),
    ('{ say = "Put it down."', '{ say = "Put it {where}."', "knee_hug", "steps[2].say", "unknown placeholder {where}"),
    ('hold = 3\n', 'hold = 0\n', "bridge", "hold", "is missing: a step has hold = true"),
    ('id = "bridge"', 'id = "Bridge Pose"', "Bridge Pose", "id", "lower-case letters"),
])
def test_library_errors_name_file_exercise_and_field(folder, old, new, exercise, field, words):
    edit(library(folder), old, new)
    result, errors = errors_of(folder)
    expected = f"{library(folder)}: exercise '{exercise}': field '{field}': "
    assert any(e.startswith(expected) and words in e for e in errors), errors
    # The routine using a broken exercise is not loaded, and says why.
    assert "mini" not in result.routines


def test_duplicate_exercise_id(folder):
    edit(library(folder), 'id = "bridge"', 'id = "knee_hug"')
    result, errors = errors_of(folder)
    assert any("exercise 'knee_hug': field 'id': is defined twice" in e for e in errors)


def test_toml_syntax_error_names_the_file_and_line(folder):
    edit(library(folder), 'reps = 2\nhold = 2', 'reps = = 2\nhold = 2')
    result, errors = errors_of(folder)
    assert any(e.startswith(f"{library(folder)}: is not valid TOML") and "line" in e for e in errors), errors
    assert result.routines == {}


def test_missing_library(folder):
    library(folder).unlink()
    result, errors = errors_of(folder)
    assert f"{library(folder)}: file not found" in errors
    assert any("'knee_hug' is not in the exercise library" in e for e in errors)


def test_not_utf8(folder):
    (folder / "mini.toml").write_bytes(b"id = \"mini\xff\"\n")
    _, errors = errors_of(folder)
    assert any(e.endswith("is not UTF-8 text") or "not valid TOML" in e for e in errors), errors


def test_routine_errors_and_valid_routines_still_load(folder):
    broken = folder / "broken.toml"
    broken.write_text(
        'id = "broken"\ntitle = "Broken"\nsummary = "x"\nsetting = "beach"\npicture = "unicorn"\n'
        '[[item]]\nexercise = "cartwheel"\n[[item]]\nexercise = "bridge"\nreps = 99\n'
    )
    result, errors = errors_of(folder)
    assert list(result.routines) == ["mini"]          # the valid routine still loads
    assert f"{broken}: field 'setting': must be one of floor, chair, not 'beach'" in errors
    assert f"{broken}: field 'picture': 'unicorn' is not a known illustration" in errors
    assert f"{broken}: exercise 'cartwheel': field 'item[1].exercise': 'cartwheel' is not in the exercise library" in errors
    assert f"{broken}: exercise 'bridge': field 'item[2].reps': must be from 1 to 30, not 99" in errors


def test_routine_without_items(folder):
    (folder / "empty.toml").write_text('id = "empty"\ntitle = "E"\nsummary = "s"\nsetting = "floor"\npicture = "seated"\n')
    _, errors = errors_of(folder)
    assert any("empty.toml: field 'item': must hold at least one [[item]]" in e for e in errors)


def test_duplicate_routine_id(folder):
    shutil.copy(folder / "mini.toml", folder / "mini-copy.toml")
    result, errors = errors_of(folder)
    assert any("mini.toml" in e and "routine id 'mini' is already used" in e for e in errors)
    assert len(result.routines) == 1


def test_overrides_apply_per_routine(folder):
    edit(folder / "mini.toml", 'exercise = "bridge"', 'exercise = "bridge"\nreps = 5\nhold = 4')
    result, errors = errors_of(folder)
    assert errors == []
    bridge = result.routines["mini"].exercises[1]
    assert (bridge.reps, bridge.hold) == (5, 4)
    assert result.exercises["bridge"].reps == 2      # the library itself is unchanged


def test_validating_only_named_paths(folder):
    result = load_routines(folder, [folder / "mini.toml"], known_poses=POSES)
    assert list(result.routines) == ["mini"] and result.errors == []


def test_empty_folder(tmp_path):
    result = load_routines(tmp_path, known_poses=POSES)
    assert any("holds no routine files" in str(e) for e in result.errors)
