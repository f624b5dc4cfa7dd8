"""Translation files of the routines: laid over the English, every missing text reported with file, exercise, field."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core.library import RoutineLibrary
from kiosk.core.loader import load_routines
from kiosk.core.routine_language import translate, translation_path
from kiosk.core.timeline import compile_routine

ROOT = Path(__file__).resolve().parents[2]

SPANISH_LIBRARY = '''
[exercise.knee_hug]
title = "Abrazo de rodilla"
summary = "Ejercicio de prueba con lados."
cautions = ["Llegue solo hasta donde le resulte cómodo."]
stop_if = "Pare si le duele la cadera {side_f}."
setup = [{ say = "Acuéstese boca arriba." }]
steps = [
  { say = "Suba la rodilla {side_f}." },
  { say = "Bájela." },
]

[exercise.bridge]
title = "Puente"
summary = "Ejercicio de prueba sin lados."
steps = [
  { say = "Levante la cadera." },
  { say = "Bájela." },
]
'''
SPANISH_ROUTINE = 'title = "Rutina mínima"\nsummary = "Dos ejercicios cortos para las pruebas."\n'


@pytest.fixture
def folder(tmp_path) -> Path:
    """The mini test routines with a complete Spanish translation."""
    folder = tmp_path / "routines"
    shutil.copytree(ROOT / "tests" / "data" / "mini", folder)
    (folder / "es" / "library").mkdir(parents=True)
    (folder / "es" / "library" / "exercises.toml").write_text(SPANISH_LIBRARY, encoding="utf-8")
    (folder / "es" / "mini.toml").write_text(SPANISH_ROUTINE, encoding="utf-8")
    return folder


def spanish_library(folder: Path) -> Path:
    return folder / "es" / "library" / "exercises.toml"


def kiosk(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_a_complete_translation_is_laid_over_the_english(folder):
    result = load_routines(folder, language="es")
    assert result.errors == [] and result.missing_translations == []
    routine = result.routines["mini"]
    assert (routine.title, routine.summary) == ("Rutina mínima", "Dos ejercicios cortos para las pruebas.")
    said = [c.text for c in compile_routine(routine, "es").cues if c.text]
    assert "Suba la rodilla derecha." in said and "Suba la rodilla izquierda." in said
    assert "Pare si le duele la cadera derecha." in said
    english = load_routines(folder).routines["mini"]
    assert [(e.reps, e.hold, e.rest, e.poses) for e in routine.exercises] == \
           [(e.reps, e.hold, e.rest, e.poses) for e in english.exercises]


def test_a_missing_field_is_reported_with_file_exercise_and_field(folder):
    path = spanish_library(folder)
    path.write_text(SPANISH_LIBRARY.replace('stop_if = "Pare si le duele la cadera {side_f}."\n', ""), encoding="utf-8")
    result = load_routines(folder, language="es")
    assert result.errors == []
    (gap,) = result.missing_translations
    assert (gap.path, gap.exercise, gap.field) == (path, "knee_hug", "stop_if")
    assert str(gap) == (f"{path}: exercise 'knee_hug': field 'stop_if': has no Spanish text "
                        "(English: 'Stop if your {side} hip hurts.')")
    # The routine still loads, that one sentence in English.
    said = [c.text for c in compile_routine(result.routines["mini"], "es").cues if c.text]
    assert "Stop if your right hip hurts." in said and "Suba la rodilla derecha." in said


def test_validate_warns_of_a_missing_spanish_text_and_still_passes(folder):
    path = spanish_library(folder)
    path.write_text(SPANISH_LIBRARY.replace('  { say = "Bájela." },\n]\n', '  {},\n]\n', 1), encoding="utf-8")
    done = kiosk("routines", "validate", str(folder))
    assert done.returncode == 0, done.stderr
    assert (f"warning: {path}: exercise 'knee_hug': field 'steps[2].say': has no Spanish text "
            "(English: 'Put it down.')") in done.stderr
    assert "1 text without a translation (shown in English)." in done.stderr
    assert done.stdout.startswith("OK: 1 routines")


def test_a_missing_translation_file_is_one_warning(folder):
    (folder / "es" / "mini.toml").unlink()
    result = load_routines(folder, language="es")
    (gap,) = result.missing_translations
    assert gap.path == folder / "es" / "mini.toml" and "has no Spanish translation" in gap.message
    assert result.routines["mini"].title == "Mini routine"


@pytest.mark.parametrize(("change", "field", "message"), [
    (('steps = [\n  { say = "Suba', 'steps = [\n  { say = "Bájela." },\n  { say = "Suba'), "steps",
     "must be a list of 2 tables"),
    (('"Suba la rodilla {side_f}."', '"Suba la rodilla."'), "steps[1].say", "must name the side"),
    (('"Bájela." },\n]\n\n[exercise.bridge]', '"Bájela {side}." },\n]\n\n[exercise.bridge]'), "steps[2].say",
     "must name the side as the English does"),
    (('"Levante la cadera."', '"Levante la cadera {side}."'), "steps[1].say", "unknown placeholder {side}"),
    (('title = "Puente"', 'title = "Puente"\ncolour = "rojo"'), "colour", "is not a text field"),
    (('title = "Puente"', 'title = "Puente"\nreps_note = "dos"'), "reps_note", "translates nothing"),
    (('cautions = ["Llegue', 'cautions = ["Uno", "Llegue'), "cautions", "must be a list of 1 texts"),
    (('title = "Abrazo de rodilla"', 'title = 7'), "title", "must be non-empty text"),
    (('"Suba la rodilla {side_f}."', '"Suba la rodilla {side_f:d}."'), "steps[1].say",   # crashed compiling
     "has a placeholder with a format ({side_f:d})"),
])
def test_a_broken_translation_is_an_error_and_the_english_stays(folder, change, field, message):
    path = spanish_library(folder)
    path.write_text(SPANISH_LIBRARY.replace(*change), encoding="utf-8")
    assert SPANISH_LIBRARY.replace(*change) != SPANISH_LIBRARY
    result = load_routines(folder, language="es")
    (error,) = result.errors
    assert (error.path, error.field) == (path, field) and message in error.message, str(error)
    assert set(result.routines) == {"mini"}                   # the routine itself still loads
    done = kiosk("routines", "validate", str(folder))
    assert done.returncode == 1 and str(error) in done.stderr


def test_an_exercise_the_english_library_lacks_is_an_error(folder):
    path = spanish_library(folder)
    path.write_text(SPANISH_LIBRARY + '\n[exercise.plank]\ntitle = "Plancha"\n', encoding="utf-8")
    (error,) = load_routines(folder, language="es").errors
    assert (error.exercise, error.message) == ("plank", "is not an exercise of the English library")


def test_the_bundled_routines_have_every_spanish_text():
    folder = ROOT / "routines"
    result, check = translate(load_routines(folder), folder, "es")
    assert check.errors == [] and check.missing == []
    done = kiosk("routines", "validate")
    assert done.returncode == 0 and "warning" not in done.stderr, done.stderr


def test_a_file_outside_the_folder_has_its_translation_beside_it(tmp_path):
    assert translation_path(tmp_path / "routines", tmp_path / "mine" / "x.toml", "es") == tmp_path / "mine" / "es" / "x.toml"
    assert translation_path(tmp_path, tmp_path / "library" / "exercises.toml", "es") == \
           tmp_path / "es" / "library" / "exercises.toml"


def test_the_library_in_spanish_and_its_index(folder, tmp_path):
    index = tmp_path / "index.json"
    library = RoutineLibrary(folder, index, language="es")
    assert [c.title for c in library.choices().routines] == ["Rutina mínima"]
    again = RoutineLibrary(folder, index, language="es")
    assert [c.title for c in again.choices().routines] == ["Rutina mínima"] and not again.is_loaded
    (folder / "es" / "mini.toml").write_text(SPANISH_ROUTINE.replace("mínima", "corta"), encoding="utf-8")
    os.utime(folder / "es" / "mini.toml", (1, 1))      # a changed translation makes the index stale
    assert [c.title for c in RoutineLibrary(folder, index, language="es").choices().routines] == ["Rutina corta"]
    assert [c.title for c in RoutineLibrary(folder, index).choices().routines] == ["Mini routine"]
