"""Start-up paints the home screen first: what it needs before that, and what it finishes right after."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from kiosk.core.library import RoutineLibrary
from kiosk.core.routine_index import Choices, RoutineChoice, files_stamp, write_index

# At the moment of the first paint (KIOSK_EXIT_AFTER_PAINT), report which costly parts were loaded.
PROBE = r"""
import json, sys
import kiosk.app as app
from PySide6 import QtCore
from PySide6.QtWidgets import QApplication

def report():
    window = next(w for w in QApplication.topLevelWidgets() if hasattr(w, "home"))
    print("PROBE " + json.dumps({
        "modules": sorted(m for m in sys.modules if m.startswith(("kiosk", "tinydb", "tomllib", "PySide6"))),
        "qt_namespace_built": "Qt" in vars(QtCore),
        "cards": [card.title.text() for card in window.home.cards],
    }), flush=True)
    QApplication.instance().quit()

app._report_painted = report
from kiosk.cli import main
sys.exit(main(["run", "--windowed", "--data-dir", sys.argv[1]]))
"""
NOT_BEFORE_FIRST_PAINT = (
    "tomllib", "tinydb", "kiosk.core.loader", "kiosk.core.timeline", "kiosk.core.poses", "kiosk.ui.figure",
    "kiosk.store.data_store", "kiosk.speech.speaker", "PySide6.QtMultimedia",
)


def _start(data_dir) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_EXIT_AFTER_PAINT": "1"}
    result = subprocess.run([sys.executable, "-c", PROBE, str(data_dir)], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    line = next(l for l in result.stdout.splitlines() if l.startswith("PROBE "))
    return json.loads(line[len("PROBE "):])


def test_the_first_paint_needs_no_routine_files_store_drawing_or_voice(tmp_path):
    first = _start(tmp_path)                     # an empty data folder: reads the files, draws the pictures
    assert first["cards"] == ["Gentle start", "Full floor routine", "Chair routine",
                              "Floor routine plus thigh stretch"]
    assert (tmp_path / "routine-index.json").exists()
    assert list((tmp_path / "picture-cache").rglob("*.bmp"))
    again = _start(tmp_path)                     # every later start
    assert again["cards"] == first["cards"]
    loaded = set(again["modules"])
    assert not loaded & set(NOT_BEFORE_FIRST_PAINT), sorted(loaded & set(NOT_BEFORE_FIRST_PAINT))
    assert not again["qt_namespace_built"]
    assert "tomllib" in first["modules"]         # the probe can see a module that was loaded


@pytest.mark.parametrize("extra", [[], ["--routine", "gentle-start"], ["--mode", "clinic"]])
def test_a_data_folder_the_store_cannot_open_stops_the_app_with_a_message(tmp_path, extra):
    (tmp_path / "settings.json").write_text(json.dumps(
        {"_meta": {"1": {"schema_version": 999, "kind": "settings"}}, "settings": {}}))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "kiosk", "run", "--windowed", "--data-dir", str(tmp_path),
                             *extra], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 2
    assert f"could not open the data folder {tmp_path}" in result.stderr


def test_the_home_screen_follows_the_files_when_the_index_was_wrong(qtbot, tmp_path, mini_folder, speaker, store):
    from kiosk.services.journal import Journal
    from kiosk.ui.main_window import MainWindow

    index = tmp_path / "index.json"
    stale = Choices((RoutineChoice("mini", "Old title", "Old summary.", 60.0, "bridge"),
                     RoutineChoice("gone", "Gone", "Removed since.", 60.0, "cat")), 0)
    write_index(index, files_stamp(mini_folder, __import__("kiosk").__version__), stale)
    library = RoutineLibrary(mini_folder, index)
    window = MainWindow(library, speaker, store.settings, Journal(), time_scale=50)
    qtbot.addWidget(window)
    window.show()
    assert [card.title.text() for card in window.home.cards] == ["Old title", "Gone"]
    assert not library.is_loaded
    window.home.select("gone")
    library.result                               # what start-up does right after the first paint
    window.refresh_choices()
    assert [card.title.text() for card in window.home.cards] == ["Mini routine"]
    assert window.home.selected() == "mini"      # the chosen one is gone: the first is chosen
    assert window.home.start_button.isEnabled()
    assert not window.start_routine_by_id("gone")


def test_start_pressed_at_the_first_paint_is_answered_before_the_rest_of_start_up(tmp_path):
    """The time-to-interactive probe (benchmarks/bench_interactive.py): a click on Start queued at the
    first paint is answered while most of the after-paint steps are still to come."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_BENCH_PROBE": "press", "KIOSK_LOG": "debug"}
    command = [sys.executable, "-m", "kiosk", "run", "--windowed", "--data-dir", str(tmp_path)]
    subprocess.run(command, capture_output=True, env={**env, "KIOSK_BENCH_PROBE": "", "KIOSK_EXIT_AFTER_PAINT": "1"},
                   timeout=120)                   # the first start in a folder writes what later ones reuse
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    words = [line.split()[0] for line in result.stdout.splitlines()]
    assert words == ["pressed", "reached", "answered"], result.stdout
    steps = [line for line in result.stderr.splitlines() if "kiosk.ui.turns: step" in line]
    assert 1 <= len(steps) <= 2, steps            # the first step (queued before it), and at most one more
    assert not any("materialize" in line for line in steps)
