"""The app's start-up never waits for a disk on the GUI thread from its first paint on: no fsync, replace, write or Future wait."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Runs the real app (`kiosk run --windowed`) with the disk waits of main_thread_io wrapped; from the
# moment the window gets its first paint event, every one made on the main thread is recorded, until
# the after-paint steps are done (KIOSK_QUIT_WHEN_STARTED); then prints both lists.
PROBE = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
import kiosk.app as app
from main_thread_io import MainThreadIO, watch_disk_waits

before, after = MainThreadIO(), MainThreadIO()
before.watching = True

class Both:
    def note(self, what):
        (after if after.watching else before).note(what)

watch_disk_waits(Both())
real_after_first_paint = app.after_first_paint

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not after.watching:
            before.watching, after.watching = False, True
        return False

def after_first_paint(widget, callback):
    widget.installEventFilter(FirstPaint(widget))       # installed first: runs after the app's own
    QApplication.instance().aboutToQuit.connect(stop_watching)
    real_after_first_paint(widget, callback)

def stop_watching():
    after.watching = False                               # the loop has ended: the exit's own flush follows

app.after_first_paint = after_first_paint
from kiosk.cli import main
code = main(["run", "--windowed", "--data-dir", sys.argv[1]])
print("PROBE " + json.dumps({"before": before.calls, "after": after.calls}), flush=True)
sys.exit(code)
"""


def _start(data_dir: Path) -> dict:
    here = str(Path(__file__).parent)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_QUIT_WHEN_STARTED": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [os.environ.get("PYTHONPATH"), here]))}
    env.pop("KIOSK_EXIT_AFTER_PAINT", None)
    env.pop("KIOSK_BENCH_PROBE", None)
    result = subprocess.run([sys.executable, "-c", PROBE, str(data_dir)], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    line = next(l for l in result.stdout.splitlines() if l.startswith("PROBE "))
    seen = json.loads(line[len("PROBE "):])
    for phase in ("before", "after"):
        print(f"--- {phase} the first paint, on the GUI thread: {len(seen[phase])}")
        for call in seen[phase]:
            print(call)
    return seen


def _first_lines(calls: list[str]) -> list[str]:
    return [call.splitlines()[0] for call in calls]


def test_the_first_start_writes_its_caches_and_store_off_the_gui_thread(tmp_path):
    seen = _start(tmp_path)                  # an empty folder: the index, the pictures and the store are made
    assert (tmp_path / "routine-index.json").is_file()
    assert list((tmp_path / "picture-cache").rglob("*.bmp"))
    assert (tmp_path / "settings.json").is_file()
    assert not list(tmp_path.rglob("*.tmp")), "a half-written cache file was left"
    assert seen["before"], "the guard saw nothing at all: the folder lock is taken before the first paint"
    assert not seen["after"], f"{len(seen['after'])} on the GUI thread: {_first_lines(seen['after'])}"


def test_a_second_start_in_the_same_folder_waits_for_no_disk_either(tmp_path):
    _start(tmp_path)
    index = (tmp_path / "routine-index.json").stat().st_mtime_ns
    seen = _start(tmp_path)                  # the index and the pictures are there already
    assert (tmp_path / "routine-index.json").stat().st_mtime_ns == index      # current: not written again
    assert not seen["after"], f"{len(seen['after'])} on the GUI thread: {_first_lines(seen['after'])}"


def test_a_damaged_settings_file_is_recovered_off_the_gui_thread(tmp_path):
    from kiosk.store.data_store import DataStore

    with DataStore(tmp_path) as store:                  # two generations: the file and its backup
        store.settings.set("look.large_text", True)
        store.settings.set("look.high_contrast", True)
    (tmp_path / "settings.json").write_text('{"settings": {"1": {"key":')      # cut off mid-write
    seen = _start(tmp_path)
    assert [p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name], "the damaged file was set aside"
    assert json.loads((tmp_path / "settings.json").read_text())                 # a whole file again
    assert not seen["after"], f"{len(seen['after'])} on the GUI thread: {_first_lines(seen['after'])}"
