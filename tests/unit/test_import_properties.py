"""Property tests: mutated CSV diaries and routine index files give the reader's own error or a clean result."""

from __future__ import annotations

import atexit
import csv
import io
import json
import math
import shutil
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.csv_diary import DiaryError, HEADER, read_diary, write_diary
from kiosk.core.loader import load_routines
from kiosk.core.records import PainRating
from kiosk.core.routine_index import Choices, format_minutes, read_index, write_index
from mutations import FUZZ, json_values, mutated

CET = timezone(timedelta(hours=1))
T0 = datetime(2027, 1, 4, 9, 0, tzinfo=CET)
ROUTINES = Path(__file__).resolve().parents[2] / "routines"


def _diary_rows() -> list[list[str]]:
    ratings = [PainRating(T0, 6, "before", side="left", note="stiff, =1+1"),
               PainRating(T0 + timedelta(minutes=30), 4, "after", exercise="bridge"),
               PainRating(T0 + timedelta(days=7), 3, "during", side="both", note='said "ouch"')]
    text = io.StringIO(newline="")
    write_diary(ratings, text)
    return list(csv.reader(io.StringIO(text.getvalue(), newline="")))


ROWS = _diary_rows()
cells = st.one_of(st.text(max_size=12), st.sampled_from(["", " 7", "11", "-1", "4.5", "before", "BEFORE", "left",
                                                         "2026-02-30T09:00:00+01:00", "2026-03-01T09:00:00",
                                                         "2026-03-01", '"', "\ufeff", "\x00", "'=cmd"]))


def _as_text(rows) -> str:
    """Rows written as CSV, any mutated value turned into a cell's text."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows if isinstance(rows, list) else [rows]:
        writer.writerow([str(cell) for cell in row] if isinstance(row, list) else [str(row)])
    return out.getvalue()


def _check_import(text: str) -> None:
    try:
        ratings = read_diary(io.StringIO(text, newline=""))
    except DiaryError as error:
        assert error.errors and all(e.line >= 1 and e.message for e in error.errors)
        return
    for rating in ratings:                        # what imports is valid and writes back out
        assert isinstance(rating, PainRating) and 0 <= rating.pain <= 10
    write_diary(ratings, io.StringIO(newline=""))


@FUZZ
@given(mutated(ROWS, values=cells))
def test_a_mutated_diary_imports_or_says_which_lines_are_wrong(rows):
    _check_import(_as_text(rows))


@FUZZ
@given(st.text(alphabet=st.sampled_from(list(",\"\r\n'=+-:T0123456789abeforfte \ufeff\x00")), max_size=120))
def test_any_text_imports_or_says_which_lines_are_wrong(body):
    _check_import(",".join(HEADER) + "\r\n" + body)


def _index_document() -> tuple[list, dict]:
    choices = load_routines(ROUTINES).choices()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "routine-index.json"
        stamp = ["0.1.0", ["floor.toml", 100, 1]]
        write_index(path, stamp, choices)
        return stamp, json.loads(path.read_text(encoding="utf-8"))


STAMP, INDEX = _index_document()


@FUZZ
@given(mutated(INDEX, values=json_values))
def test_a_mutated_routine_index_is_used_only_when_every_value_fits(document):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "routine-index.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        choices = read_index(path, STAMP)
    if choices is None:
        return                                    # the routine files are read instead
    assert isinstance(choices, Choices) and isinstance(choices.problems, int) and choices.problems >= 0
    for choice in choices.routines:               # what the home screen does with each
        assert all(isinstance(text, str) for text in (choice.id, choice.title, choice.summary, choice.picture))
        assert math.isfinite(choice.seconds) and format_minutes(choice.seconds)


def test_the_index_template_reads_back():
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "routine-index.json"
        path.write_text(json.dumps(INDEX), encoding="utf-8")
        assert read_index(path, STAMP) == load_routines(ROUTINES).choices()


def test_an_index_with_a_seconds_text_is_not_used():
    """Found by the property above: `"seconds": "600"` was handed to the home screen."""
    document = json.loads(json.dumps(INDEX))
    document["routines"][0]["seconds"] = "600"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "routine-index.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        assert read_index(path, STAMP) is None


# --- the Spanish home screen's index, routine-index.es.json, as the app reads it -------------------

from kiosk.core.library import RoutineLibrary  # noqa: E402

INDEX_FOLDER = Path(tempfile.mkdtemp(prefix="kiosk-index-es-"))
atexit.register(shutil.rmtree, INDEX_FOLDER, True)


def _spanish_index() -> tuple[Path, dict, Choices]:
    path = INDEX_FOLDER / "routine-index.es.json"
    loaded = RoutineLibrary(ROUTINES, index_path=path, language="es").choices()     # writes the index
    return path, json.loads(path.read_text(encoding="utf-8")), loaded


SPANISH_INDEX_PATH, SPANISH_INDEX, SPANISH_CHOICES = _spanish_index()


def test_the_spanish_index_is_used_on_the_next_start():
    library = RoutineLibrary(ROUTINES, index_path=SPANISH_INDEX_PATH, language="es")
    assert library.choices() == SPANISH_CHOICES and not library.is_loaded        # from the index alone
    english = load_routines(ROUTINES).choices()
    assert [c.id for c in SPANISH_CHOICES.routines] == [c.id for c in english.routines]
    assert [c.title for c in SPANISH_CHOICES.routines] != [c.title for c in english.routines]     # in Spanish


@FUZZ
@given(mutated(SPANISH_INDEX, values=json_values))
def test_a_mutated_spanish_routine_index_gives_the_home_screen_good_choices(document):
    SPANISH_INDEX_PATH.write_text(json.dumps(document), encoding="utf-8")
    library = RoutineLibrary(ROUTINES, index_path=SPANISH_INDEX_PATH, language="es",
                             write_later=lambda job: None)          # keep the mutated file for the next example
    choices = library.choices()
    if library.is_loaded:                         # the index was not used: the routine files were read
        assert choices == SPANISH_CHOICES
        return
    assert isinstance(choices, Choices) and isinstance(choices.problems, int) and choices.problems >= 0
    for choice in choices.routines:
        assert all(isinstance(text, str) for text in (choice.id, choice.title, choice.summary, choice.picture))
        assert math.isfinite(choice.seconds) and format_minutes(choice.seconds, "es")
