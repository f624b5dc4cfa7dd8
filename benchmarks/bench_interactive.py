"""Time to interactive: from launch until a press on Start, made the moment the window is painted, is answered.

Against a bare PySide6 window with one button, measured the same way in the same run (see
kiosk/ui/startup_probe.py): a click on the button is queued just after the first paint, behind
what the app had queued by then. "reached" is when the click came out of the event loop's queue:
the app answers it (the target); "answered" is when the button's clicked handlers have run too
(the app's own: reading what it needs for the first time and building the next screen; printed
for information: that work is the answer, not start-up keeping the loop busy). Separate runs
watch the event loop for a second from the first paint: the longest stall is how long a press
at any moment would wait.
Interleaved pairs, so the shared machine's noise hits both.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 11
ROOT = Path(__file__).resolve().parent.parent
BARE = r"""
import os, sys
from PySide6.QtWidgets import QApplication, QPushButton
from kiosk.ui import startup_probe
app = QApplication(sys.argv[:1])
button = QPushButton("Start")
button.clicked.connect(lambda: button.setText("Started"))
if os.environ["KIOSK_BENCH_PROBE"] == "stalls":
    startup_probe.watch_stalls_after_first_paint(button)
else:
    startup_probe.press_at_first_paint(button, button)
button.resize(1280, 800)
button.show()
app.exec()
"""


def stamps(command: list[str], env: dict) -> dict[str, float]:
    """Seconds from launch to `pressed`, `reached` and `answered`, or the longest `stall`."""
    start = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    found = {}
    for line in result.stdout.splitlines():
        word, _, value = line.partition(" ")
        if word in ("pressed", "reached", "answered"):
            found[word] = float(value) - start
        elif word == "stall":
            found[word] = float(value)
    if not found.keys() & {"answered", "stall"}:
        raise RuntimeError(f"{command} never answered: {result.stdout[-500:]} {result.stderr[-2000:]}")
    return found


def spread(values: list[float]) -> str:
    ordered = sorted(values)
    n = len(ordered)
    return (f"run by run {ordered[0]:.2f}-{ordered[-1]:.2f}, middle half {ordered[n // 4]:.2f}-"
            f"{ordered[3 * n // 4]:.2f}")


def main() -> int:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "KIOSK_BENCH_PROBE": "press",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    watch = {**env, "KIOSK_BENCH_PROBE": "stalls"}
    bare = [sys.executable, "-c", BARE]

    def app(data: str) -> list[str]:
        return [sys.executable, "-m", "kiosk", "run", "--windowed", "--data-dir", data]

    with tempfile.TemporaryDirectory() as data:
        stamps(app(data), env), stamps(bare, env)           # warm the disk cache (and the data folder)
        apps, bares, app_stalls, bare_stalls = [], [], [], []
        for _ in range(RUNS):                               # interleaved, so noise hits both
            bares.append(stamps(bare, env))
            apps.append(stamps(app(data), env))
        for _ in range(5):
            bare_stalls.append(stamps(bare, watch)["stall"])
            app_stalls.append(stamps(app(data), watch)["stall"])

    def median(runs, key):
        return statistics.median(run[key] for run in runs)

    for key, what in (("reached", "Start pressed at the first paint, the press answered by the event loop"),
                      ("answered", "and Start's own work done too (the routine files read, the next screen built)")):
        app_time, bare_time = median(apps, key), median(bares, key)
        ratio = app_time / bare_time
        verdict = f" (target <= 1.5): {'OK' if ratio <= 1.5 else 'OVER TARGET'}" if key == "reached" else ""
        print(f"time to interactive, {what}: app {app_time * 1000:.0f} ms, bare PySide6 button "
              f"{bare_time * 1000:.0f} ms (medians of {RUNS})")
        print(f"  ratio app/bare = {ratio:.2f}{verdict}; "
              f"{spread([a[key] / b[key] for a, b in zip(apps, bares)])} (the machine is shared: noise)")
    for name, runs in (("app", apps), ("bare", bares)):
        waits = [(run["reached"] - run["pressed"]) * 1000 for run in runs]
        handled = [(run["answered"] - run["reached"]) * 1000 for run in runs]
        print(f"  {name}: painted and pressed at {median(runs, 'pressed') * 1000:.0f} ms; the press waited "
              f"{statistics.median(waits):.0f} ms (max {max(waits):.0f}) in the queue, Start's handlers took "
              f"{statistics.median(handled):.0f} ms (medians)")
    print(f"longest event-loop stall in the second after the first paint (a press at any moment waits at most "
          f"this): app {statistics.median(app_stalls):.0f} ms (worst {max(app_stalls):.0f}), bare "
          f"{statistics.median(bare_stalls):.0f} ms (worst {max(bare_stalls):.0f}) (medians of {len(app_stalls)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
