"""Benchmark of the store: one saved rating vs the bare fsync+replace floor, and the GUI's longest stall.

Run: .venv/bin/python benchmarks/bench_store.py [--sizes 1000,10000,100000] [--repeats N]
Prints ratios against baselines measured in the same run; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.core.records import PainRating  # noqa: E402
from kiosk.store import DataStore  # noqa: E402

FRAME_MS = 1000 / 60
TICK_MS = 5


def _rating(number: int) -> PainRating:
    start = datetime(2026, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=1)))
    return PainRating(start + timedelta(hours=number), number % 11, ("before", "after")[number % 2],
                      side=("left", "right", None)[number % 3], exercise="bridge" if number % 4 == 0 else None,
                      note="stiff after sitting" if number % 7 == 0 else "")


def _floor_write(path: Path, data: dict) -> None:
    """The least a full-rewrite store must do: the same JSON, written, fsynced and renamed over."""
    staging = path.with_name(path.name + ".floor-tmp")
    with open(staging, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(data))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(staging, path)


def _seeded_store(folder: Path, size: int):
    store = DataStore(folder)
    profile = store.open_profile("bench", create=True)
    profile.ratings.add_many(_rating(i) for i in range(size))
    return store, profile


def bench_save(size: int, repeats: int) -> tuple[float, float]:
    """Median ms to save one rating at `size` ratings, and the median floor for the same JSON."""
    with tempfile.TemporaryDirectory(dir=os.environ.get("KIOSK_BENCH_DIR")) as tmp:
        store, profile = _seeded_store(Path(tmp) / "data", size)
        storage = profile.database.tinydb.storage
        floor_path = Path(tmp) / "floor.json"
        saves, floors = [], []
        try:
            for number in range(repeats):
                begin = time.perf_counter()
                profile.ratings.add(_rating(size + number))
                saves.append(time.perf_counter() - begin)
                begin = time.perf_counter()
                _floor_write(floor_path, storage.read())
                floors.append(time.perf_counter() - begin)
            assert floor_path.read_text() == storage.path.read_text(), "the floor wrote different JSON"
        finally:
            store.close()
    return statistics.median(saves) * 1000, statistics.median(floors) * 1000


def bench_open(size: int, repeats: int = 3) -> tuple[float, float, float]:
    """Median ms to open a profile of `size` ratings, its floor (json.loads of the file), and to list them."""
    opens, floors, lists = [], [], []
    with tempfile.TemporaryDirectory(dir=os.environ.get("KIOSK_BENCH_DIR")) as tmp:
        folder = Path(tmp) / "data"
        store, _ = _seeded_store(folder, size)
        store.close()
        for _ in range(repeats):
            begin = time.perf_counter()
            store = DataStore(folder)
            profile = store.open_profile("bench")
            opens.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            ratings = profile.ratings.list()
            lists.append(time.perf_counter() - begin)
            store.close()
            assert len(ratings) == size
            begin = time.perf_counter()
            json.loads((folder / "profile-bench.json").read_text(encoding="utf-8"))
            floors.append(time.perf_counter() - begin)
    return tuple(statistics.median(values) * 1000 for values in (opens, floors, lists))


def bench_gui_stall(size: int, saves: int) -> dict[str, float]:
    """Longest gap between 5 ms QTimer ticks on the GUI thread: idle, saving via the writer, saving inline."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    # A QApplication as in the app. (With a bare QCoreApplication, PySide6 6.12 on Python 3.11
    # drops a reference to None on every processEvents() call until Python aborts.)
    app = QApplication.instance() or QApplication([])
    loop = QEventLoop()
    results = {}
    with tempfile.TemporaryDirectory(dir=os.environ.get("KIOSK_BENCH_DIR")) as tmp:
        store, profile = _seeded_store(Path(tmp) / "data", size)
        try:
            clock = QElapsedTimer()
            clock.start()
            ticks: list[float] = []
            timer = QTimer(app)
            timer.setTimerType(Qt.TimerType.PreciseTimer)
            timer.setInterval(TICK_MS)
            timer.timeout.connect(lambda: ticks.append(clock.nsecsElapsed() / 1e6))

            poll = QTimer(app)
            poll.setInterval(2)
            condition = [lambda: False]
            poll.timeout.connect(lambda: None if condition[0]() else loop.quit())

            def run_while(still_running) -> None:
                """Run the real event loop (GIL released while idle, as in the app) while the condition holds."""
                condition[0] = still_running
                poll.start()
                loop.exec()
                poll.stop()

            def measure(action) -> float:
                ticks.clear()
                timer.start()
                settle = time.monotonic() + 0.1
                run_while(lambda: time.monotonic() < settle)
                started = clock.nsecsElapsed() / 1e6
                run_while(action())
                after = time.monotonic() + 0.05
                run_while(lambda: time.monotonic() < after)
                timer.stop()
                return max(b - a for a, b in zip(ticks, ticks[1:]) if b > started)

            def idle():
                stop = time.monotonic() + 0.5
                return lambda: time.monotonic() < stop

            def through_writer():
                futures = [store.writer.submit(profile.ratings.add, _rating(size + n)) for n in range(saves)]
                return lambda: not all(f.done() for f in futures)

            saver = QTimer(app)
            saver.setSingleShot(True)
            saver.setInterval(0)
            saver.timeout.connect(lambda: [profile.ratings.add(_rating(size + n)) for n in range(saves)])

            def inline():
                saver.start()
                stop = time.monotonic() + 0.5
                return lambda: time.monotonic() < stop

            results["idle"] = measure(idle)
            results["writer"] = measure(through_writer)
            results["inline"] = measure(inline)
            for owned in (timer, saver, poll):
                owned.deleteLater()
        finally:
            store.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeats", type=int, default=0, help="saves per size (default: by size)")
    parser.add_argument("--stall-size", type=int, default=100_000)
    args = parser.parse_args()

    print(f"Saving one pain rating (median), against the floor: json.dumps + write + fsync + os.replace\n"
          f"{'ratings':>8} {'save ms':>9} {'floor ms':>9} {'ratio':>6}  (target <= 1.30)")
    for size in (int(s) for s in args.sizes.split(",")):
        repeats = args.repeats or (30 if size <= 1000 else 15 if size <= 10000 else 7)
        save, floor = bench_save(size, repeats)
        print(f"{size:>8} {save:>9.2f} {floor:>9.2f} {save / floor:>6.2f}")

    print(f"\nOpening a profile (folder lock, recovery check, schema check), against json.loads of its file,"
          f"\nand listing every rating as PainRating objects:\n"
          f"{'ratings':>8} {'open ms':>9} {'floor ms':>9} {'ratio':>6} {'list ms':>9}")
    for size in (int(s) for s in args.sizes.split(",")):
        opened, floor, listed = bench_open(size)
        print(f"{size:>8} {opened:>9.2f} {floor:>9.2f} {opened / floor:>6.2f} {listed:>9.2f}")

    stalls = bench_gui_stall(args.stall_size, saves=5)
    print(f"\nLongest gap between {TICK_MS} ms QTimer ticks on the GUI thread while saving 5 ratings "
          f"at {args.stall_size} ratings\n(frame = {FRAME_MS:.1f} ms):")
    for name, label in (("idle", "idle (baseline)"), ("writer", "saving via store.writer"),
                        ("inline", "saving on the GUI thread")):
        gap = stalls[name]
        print(f"  {label:<26} {gap:>8.1f} ms  = {gap / FRAME_MS:5.2f} frames, "
              f"{gap / stalls['idle']:6.1f} x idle")


if __name__ == "__main__":
    main()
