"""The home screen's choices: computed from the routine files, kept in an index file, and the lazy library."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from kiosk.core.library import RoutineLibrary
from kiosk.core.loader import load_routines
from kiosk.core.routine_index import (
    Choices, RoutineChoice, files_stamp, format_minutes, read_index, write_index,
)


@pytest.fixture
def routines(tmp_path, mini_folder):
    folder = tmp_path / "routines"
    shutil.copytree(mini_folder, folder)
    return folder


def test_format_minutes_rounds_and_never_says_zero():
    assert format_minutes(0) == "1 minute"
    assert format_minutes(89) == "1 minute"
    assert format_minutes(91) == "2 minutes"
    assert format_minutes(20 * 60) == "20 minutes"


def test_choices_of_a_loaded_folder(mini_folder):
    from kiosk.core.timeline import compile_routine

    result = load_routines(mini_folder)
    choices = result.choices()
    mini = result.routines["mini"]
    assert choices == Choices((RoutineChoice("mini", "Mini routine", "Two short exercises for tests.",
                                             compile_routine(mini).duration, "hook_lying"),), 0)


def test_index_round_trip_and_staleness(tmp_path, routines):
    stamp = files_stamp(routines, "1.0")
    choices = load_routines(routines).choices()
    index = tmp_path / "index.json"
    write_index(index, stamp, choices)
    assert read_index(index, stamp) == choices
    assert index.stat().st_mode & 0o777 == 0o600
    assert read_index(index, files_stamp(routines, "1.1")) is None          # another app version
    mini = routines / "mini.toml"
    mini.write_text(mini.read_text().replace("Mini routine", "Small routine"))
    os.utime(mini, ns=(1, 1))                                               # even an older time counts
    assert read_index(index, files_stamp(routines, "1.0")) is None
    library_file = routines / "library" / "exercises.toml"
    assert ["library/exercises.toml", library_file.stat().st_size,
            library_file.stat().st_mtime_ns] in files_stamp(routines, "1.0")


@pytest.mark.parametrize("content", ["", "{", "[]", '{"version": 1}', '{"version": 99, "stamp": []}',
                                     '{"version": 1, "stamp": [], "problems": 0, "routines": [{"id": 1}]}'])
def test_a_damaged_or_foreign_index_is_ignored(tmp_path, content):
    index = tmp_path / "index.json"
    index.write_text(content)
    assert read_index(index, []) is None
    assert read_index(tmp_path / "missing.json", []) is None


def test_library_answers_choices_from_the_index_without_reading_toml(tmp_path, routines):
    index = tmp_path / "index.json"
    first = RoutineLibrary(routines, index)
    expected = first.choices()                   # no index yet: loads, and writes it
    assert first.is_loaded and index.exists()
    second = RoutineLibrary(routines, index)
    assert second.choices() == expected
    assert not second.is_loaded                  # nothing parsed
    written = index.stat().st_mtime_ns
    assert "mini" in second.routines             # first use of the routines loads the folder
    assert second.is_loaded
    assert index.stat().st_mtime_ns == written    # and leaves a current index alone


def test_library_reloads_when_a_file_changed_and_rewrites_the_index(tmp_path, routines):
    index = tmp_path / "index.json"
    RoutineLibrary(routines, index).choices()
    mini = routines / "mini.toml"
    mini.write_text(mini.read_text().replace("Mini routine", "Small routine"))
    library = RoutineLibrary(routines, index)
    assert library.choices().routines[0].title == "Small routine"
    assert library.is_loaded
    assert json.loads(index.read_text())["routines"][0]["title"] == "Small routine"


def test_library_counts_problems_and_keeps_them_in_the_index(tmp_path, routines):
    (routines / "broken.toml").write_text('id = "broken"\n')
    index = tmp_path / "index.json"
    loaded = RoutineLibrary(routines, index)
    assert loaded.choices().problems == len(loaded.errors) > 0
    assert RoutineLibrary(routines, index).choices().problems == len(loaded.errors)


def test_library_without_an_index_folder_it_can_write_still_works(tmp_path, routines):
    library = RoutineLibrary(routines, tmp_path / "no" / "such" / "folder" / "index.json")
    assert [c.id for c in library.choices().routines] == ["mini"]
