"""Property tests: mutated copies of the bundled routine files give errors naming file and field, never a crash."""

from __future__ import annotations

import copy
import shutil
import tomllib
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import given

from kiosk.core.loader import (
    AEROBICS, LIBRARY, LoadResult, RoutineError, aerobics_from_data, library_from_data, load_routines,
    parse_routine,
)
from kiosk.core.poses import pose_names
from kiosk.core.routine import Exercise
from mutations import FUZZ, mutated

ROUTINES = Path(__file__).resolve().parents[2] / "routines"
POSES = pose_names()
LIBRARY_DATA = tomllib.loads((ROUTINES / LIBRARY).read_text(encoding="utf-8"))
AEROBICS_DATA = tomllib.loads((ROUTINES / AEROBICS).read_text(encoding="utf-8"))
ROUTINE_FILES = sorted(ROUTINES.glob("*.toml"))
ROUTINE_DATA = {path.name: tomllib.loads(path.read_text(encoding="utf-8")) for path in ROUTINE_FILES}
FLOOR = ROUTINE_DATA["floor.toml"]
BUNDLED = library_from_data(copy.deepcopy(LIBRARY_DATA), ROUTINES / LIBRARY, [], POSES)


def _check_errors(errors: list, path: Path) -> None:
    for error in errors:
        assert isinstance(error, RoutineError)
        assert str(error).startswith(str(path)) and error.message


def _check_exercise(exercise: Exercise) -> None:
    """A loaded exercise has the types the timeline relies on."""
    assert isinstance(exercise.reps, int) and not isinstance(exercise.reps, bool) and 1 <= exercise.reps <= 30
    assert isinstance(exercise.hold, (int, float)) and 0 <= exercise.hold <= 120
    assert exercise.steps and all(isinstance(name, str) for name in exercise.poses)
    for step in exercise.setup + exercise.steps:
        assert step.say is None or isinstance(step.say, str)
        assert isinstance(step.hold, bool)


def test_the_bundled_files_load_without_errors():
    """The baseline the mutations start from is clean, so every error below comes from a mutation."""
    result = load_routines(ROUTINES, known_poses=POSES)
    assert result.errors == []
    assert len(result.routines) == len(ROUTINE_FILES) and len(BUNDLED) == len(LIBRARY_DATA["exercise"])


@FUZZ
@given(mutated(LIBRARY_DATA))
def test_a_mutated_exercise_library_gives_errors_not_a_crash(document):
    path = ROUTINES / LIBRARY
    errors: list = []
    exercises = library_from_data(document, path, errors, POSES)
    _check_errors(errors, path)
    for exercise in exercises.values():
        _check_exercise(exercise)
    broken = {error.exercise for error in errors if error.exercise}
    result = LoadResult(exercises=exercises, errors=errors)
    for name, data in ROUTINE_DATA.items():     # every routine against the damaged library
        routine = parse_routine(copy.deepcopy(data), ROUTINES / name, exercises, errors, POSES, broken)
        if routine is not None:
            result.routines[routine.id] = routine
    result.choices()                            # compiles every routine that loaded


@FUZZ
@given(mutated(FLOOR))
def test_a_mutated_routine_file_gives_errors_not_a_crash(document):
    path = ROUTINES / "floor.toml"
    errors: list = []
    routine = parse_routine(document, path, BUNDLED, errors, POSES)
    _check_errors(errors, path)
    assert (routine is None) == bool(errors)
    if routine is not None:
        assert isinstance(routine.order, int) and isinstance(routine.rest_between, (int, float))
        LoadResult(routines={routine.id: routine}).choices()


@FUZZ
@given(mutated(AEROBICS_DATA))
def test_a_mutated_aerobics_page_gives_errors_not_a_crash(document):
    path = ROUTINES / AEROBICS
    errors: list = []
    page = aerobics_from_data(document, path, errors)
    _check_errors(errors, path)
    assert (page is None) == bool(errors)
    if page is not None:
        assert isinstance(page.weekly_goal_minutes, int) and page.activities
        assert all(isinstance(getattr(a, f.name), str) for a in page.activities for f in fields(a))


def _write_library(folder: Path, text: str) -> Path:
    (folder / "library").mkdir(parents=True)
    path = folder / LIBRARY
    path.write_text(text, encoding="utf-8")
    return path


def test_an_exercise_table_that_is_a_list_is_an_error(tmp_path):
    """Found by the properties above: `exercise = [[...]]` crashed with an AttributeError."""
    path = _write_library(tmp_path, 'exercise = [["bridge", 3]]\n')
    result = load_routines(tmp_path, known_poses=POSES)
    assert [str(e) for e in result.errors if e.path == path] == [
        f"{path}: field 'exercise': must be an [[exercise]] table, not a list"]


def test_a_non_list_activity_is_an_error(tmp_path):
    """Found by the properties above: `activity = 3` crashed with a TypeError."""
    _write_library(tmp_path, "")
    path = tmp_path / AEROBICS
    path.write_text((ROUTINES / AEROBICS).read_text(encoding="utf-8").split("[[activity]]")[0]
                    + "activity = 3\n", encoding="utf-8")
    result = load_routines(tmp_path, known_poses=POSES)
    assert f"{path}: field 'activity': must be a list of [[activity]] tables, not a whole number" in [
        str(e) for e in result.errors]
    assert result.aerobics is None


def test_an_exercise_with_no_poses_is_an_error(tmp_path):
    """Found by the properties above: `poses = []` loaded, then compiling the routine raised an IndexError."""
    text = (ROUTINES / LIBRARY).read_text(encoding="utf-8")
    first = LIBRARY_DATA["exercise"][0]
    old = "poses = [" + ", ".join(f'"{pose}"' for pose in first["poses"]) + "]"
    assert old in text
    path = _write_library(tmp_path, text.replace(old, "poses = []", 1))
    result = load_routines(tmp_path, known_poses=POSES)
    assert f"{path}: exercise '{first['id']}': field 'poses': must name at least one key position" in [
        str(e) for e in result.errors]
    assert first["id"] not in result.exercises


@pytest.mark.parametrize("placeholder", ["{side:d}", "{side!r}", "{other:>9}"])
def test_a_placeholder_with_a_format_is_an_error(tmp_path, placeholder):
    """Found by reading the loader: `{side:d}` passed the check, then compiling the routine raised a ValueError
    (`kiosk routines validate` said OK; the home screen's choices crashed)."""
    text = (ROUTINES / LIBRARY).read_text(encoding="utf-8")
    old = "Wrap your hands around your {side} knee."
    assert old in text
    path = _write_library(tmp_path, text.replace(old, old.replace("{side}", placeholder), 1))
    shutil.copy(ROUTINES / "floor.toml", tmp_path / "floor.toml")
    result = load_routines(tmp_path, known_poses=POSES)
    assert [str(e) for e in result.errors if e.path == path] == [
        f"{path}: exercise 'knee_to_chest': field 'steps[1].say': has a placeholder with a format ({placeholder}); "
        f"write it as {{{placeholder[1:].split(':')[0].split('!')[0]}}}"]
    result.choices()                            # compiles what loaded


def test_kiosk_routines_validate_reports_a_broken_library_without_a_traceback(tmp_path):
    import subprocess
    import sys

    _write_library(tmp_path, 'exercise = [["bridge", 3]]\n')
    (tmp_path / "floor.toml").write_text((ROUTINES / "floor.toml").read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kiosk", "routines", "validate", str(tmp_path)],
                            cwd=ROUTINES.parent, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "field 'exercise': must be an [[exercise]] table, not a list" in result.stderr
    assert "is not in the exercise library" in result.stderr          # the routine names what it misses
