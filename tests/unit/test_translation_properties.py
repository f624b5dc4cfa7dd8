"""Property tests: mutated copies of the bundled Spanish translation files give errors naming file and field,
never a crash; what loads has Spanish or English text where the screens and the voice expect text."""

from __future__ import annotations

import atexit
import shutil
import tempfile
import tomllib
from pathlib import Path

from hypothesis import given

from kiosk.core.loader import AEROBICS, LIBRARY, RoutineError, load_routines
from kiosk.core.poses import pose_names
from kiosk.core.timeline import compile_routine
from mutations import FUZZ, mutated, to_toml

ROUTINES = Path(__file__).resolve().parents[2] / "routines"
POSES = pose_names()
SPANISH = {name: tomllib.loads((ROUTINES / "es" / name).read_text(encoding="utf-8"))
           for name in (LIBRARY, AEROBICS, "floor.toml")}
ENGLISH = load_routines(ROUTINES, known_poses=POSES)

SCRATCH = Path(tempfile.mkdtemp(prefix="kiosk-translation-properties-"))   # one copy of the routines
atexit.register(shutil.rmtree, SCRATCH, True)
FOLDER = SCRATCH / "routines"
shutil.copytree(ROUTINES, FOLDER)


def _load_with(name: str, document):
    """The routines in Spanish with the translation file `name` holding `document`."""
    path = FOLDER / "es" / name
    path.write_text(to_toml(document), encoding="utf-8")
    try:
        return path, load_routines(FOLDER, known_poses=POSES, language="es")
    finally:
        shutil.copy(ROUTINES / "es" / name, path)


def _check(path: Path, result) -> None:
    for error in result.errors + result.missing_translations:
        assert isinstance(error, RoutineError) and error.message
        assert error.path == path, str(error)             # only the mutated file is wrong
    assert set(result.routines) == set(ENGLISH.routines)   # a broken translation never hides a routine
    assert set(result.exercises) == set(ENGLISH.exercises)
    for exercise in result.exercises.values():
        texts = (exercise.title, exercise.summary, *exercise.cautions,
                 *(step.say for step in exercise.setup + exercise.steps if step.say))
        assert all(isinstance(text, str) and text for text in texts)
    for routine in result.routines.values():              # every sentence filled in and timed, in Spanish
        assert compile_routine(routine, "es").duration > 0
    result.choices()
    if result.aerobics is not None:
        assert all(isinstance(a.title, str) and isinstance(a.text, str) for a in result.aerobics.activities)


def test_the_bundled_translation_loads_without_errors():
    """The baseline: every error below comes from a mutation."""
    path, result = _load_with(LIBRARY, SPANISH[LIBRARY])
    assert result.errors == [] and result.missing_translations == []
    _check(path, result)


@FUZZ
@given(mutated(SPANISH[LIBRARY]))
def test_a_mutated_spanish_exercise_library_gives_errors_not_a_crash(document):
    _check(*_load_with(LIBRARY, document))


@FUZZ
@given(mutated(SPANISH["floor.toml"]))
def test_a_mutated_spanish_routine_file_gives_errors_not_a_crash(document):
    _check(*_load_with("floor.toml", document))


@FUZZ
@given(mutated(SPANISH[AEROBICS]))
def test_a_mutated_spanish_aerobics_page_gives_errors_not_a_crash(document):
    _check(*_load_with(AEROBICS, document))
