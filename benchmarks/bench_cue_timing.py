"""Timing error of cues in a real-time run of a short routine, against a bare QTimer in the same run.

Also the longest GUI stall (the largest gap between ticks of a 5 ms timer) while the routine plays.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.core.loader import load_routines
from kiosk.core.ports import SilentSpeaker
from kiosk.core.timeline import compile_routine
from kiosk.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]


class _Settings(dict):
    def set(self, key, value) -> None:
        self[key] = value


def stall_probe(app):
    """A 5 ms timer whose largest gap between ticks is the longest GUI stall."""
    clock, gaps = QElapsedTimer(), []
    timer = QTimer(app)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(5)

    def tick():
        gaps.append(clock.restart())
    clock.start()
    timer.timeout.connect(tick)
    timer.start()
    return timer, gaps


def run_app_routine(app, routine):
    library = load_routines(ROOT / "routines")
    window = MainWindow(library, SilentSpeaker(), _Settings({"safety.accepted": True}), time_scale=1.0)
    window.resize(1920, 1080)
    window.show()
    timer, gaps = stall_probe(app)
    done = []
    window.controller.finished.connect(lambda summary: done.append(summary))
    window.request_start(routine)
    window.rating.skipped.emit()              # no pain rating before this run
    while not done:
        app.processEvents()
        time.sleep(0.0005)
    timer.stop()
    lateness = list(window.controller.lateness)
    window.close()
    return lateness, max(gaps[1:]) if len(gaps) > 1 else 0


def idle_stall(app, seconds: float = 5.0) -> int:
    """The longest gap of the 5 ms timer with nothing else running: this machine's noise floor."""
    timer, gaps = stall_probe(app)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.0005)
    timer.stop()
    return max(gaps[1:]) if len(gaps) > 1 else 0


def run_bare_timer(app, times):
    """The same deadlines served by a bare single-shot PreciseTimer and nothing else."""
    lateness, start = [], time.monotonic()
    timer = QTimer(app)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setSingleShot(True)
    pending = list(times[1:])

    def fire():
        due = pending.pop(0)
        lateness.append(time.monotonic() - start - due)
        if pending:
            timer.start(max(0, round((pending[0] - (time.monotonic() - start)) * 1000)))
    timer.timeout.connect(fire)
    timer.start(round(pending[0] * 1000))
    while pending:
        app.processEvents()
        time.sleep(0.0005)
    return lateness


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    library = load_routines(ROOT / "routines")
    gentle = library.routines["gentle-start"]
    first = replace(gentle.exercises[0], reps=1)
    short = replace(gentle, exercises=(first,), rest_between=0)       # one rep each side: about a minute
    times = [c.at for c in compile_routine(short).cues]
    print(f"short routine: {len(times)} cues over {times[-1]:.1f} s, played in real time")
    floor = idle_stall(app)
    bare = run_bare_timer(app, times)
    app_late, stall = run_app_routine(app, short)
    abs_app = [abs(x) for x in app_late]
    abs_bare = [abs(x) for x in bare]
    p95 = lambda xs: statistics.quantiles(xs, n=20)[18] if len(xs) >= 20 else max(xs)
    print(f"cue timing error, app:  max {max(abs_app) * 1000:.1f} ms, p95 {p95(abs_app) * 1000:.1f} ms, "
          f"median {statistics.median(abs_app) * 1000:.1f} ms")
    print(f"cue timing error, bare: max {max(abs_bare) * 1000:.1f} ms, p95 {p95(abs_bare) * 1000:.1f} ms")
    ratio = max(p95(abs_app), 1e-4) / max(p95(abs_bare), 1e-4)
    print(f"ratio app/bare (p95) = {ratio:.2f}")
    print(f"every cue within 20 ms: {'OK' if max(abs_app) <= 0.020 else 'NO'}; "
          f"longest GUI stall {stall} ms (target < 50): {'OK' if stall < 50 else 'NO'}; "
          f"idle noise floor {floor} ms (ratio {stall / max(floor, 1):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
