"""Benchmark: weekly trend analysis plus drawing, against pyqtgraph drawing precomputed weekly points."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import random
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone

import pyqtgraph as pg
from PySide6.QtWidgets import QApplication

from kiosk.core.records import AerobicEntry, PainRating, SessionRecord
from kiosk.core.trends import analyse
from kiosk.ui.screens.progress import ProgressScreen
from kiosk.ui.theme import stylesheet, unit_for_height
from kiosk.ui.widgets.trend_chart import TrendChart, week_x

SIZE = (1920, 1080)
SPAN_DAYS = 3 * 365
TARGET_THREE_YEARS_MS = 150
TARGET_100K_MS = 1000


def make_history(ratings_count: int, span_days: int = SPAN_DAYS):
    """`ratings_count` ratings spread evenly over `span_days`, a session a day, a walk every third day."""
    rng = random.Random(ratings_count)
    start = datetime(2023, 11, 6, 8, tzinfo=timezone(timedelta(hours=1)))
    step = span_days * 86400 / ratings_count
    ratings = []
    for i in range(ratings_count):
        when = start + timedelta(seconds=i * step)
        level = max(0.0, 7 - (i * step / 86400) / 150 + rng.uniform(-1.5, 1.5))
        ratings.append(PainRating(when, round(min(10.0, level)), moment=("before", "after")[i % 2],
                                  side=("left", "right")[i // 2 % 2]))
    sessions = [SessionRecord(f"s{d}", "gentle", start + timedelta(days=d), start + timedelta(days=d, minutes=20),
                              completed=True) for d in range(span_days)]
    aerobic = [AerobicEntry(start + timedelta(days=d), "walking", 40) for d in range(0, span_days, 3)]
    return ratings, sessions, aerobic


def best_of(repeats: int, run) -> float:
    """Median wall time of `repeats` runs after one warm-up, in milliseconds."""
    run()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)

    chart = TrendChart(locked=True)
    chart.set_unit(unit_for_height(SIZE[1]))
    chart.resize(*SIZE)
    chart.show()
    baseline_plot = pg.PlotWidget()
    baseline_plot.resize(*SIZE)
    baseline_plot.show()
    screen = ProgressScreen(locked=True)
    screen.setStyleSheet(stylesheet(unit_for_height(SIZE[1])))
    screen.resize(*SIZE)
    screen.show()
    app.processEvents()

    print(f"Trend analysis + chart drawing at {SIZE[0]}x{SIZE[1]} (offscreen), median ms; "
          "baseline: a plain pyqtgraph PlotWidget drawing the same precomputed weekly points.")
    print(f"{'case':<28}{'weeks':>7}{'analyse':>10}{'analyse+draw':>14}{'baseline draw':>15}"
          f"{'ratio':>8}{'screen':>9}  target")
    cases = [("3 years daily use (2/day)", 2 * SPAN_DAYS, TARGET_THREE_YEARS_MS),
             ("1k ratings over 3 years", 1_000, None),
             ("10k ratings over 3 years", 10_000, None),
             ("100k ratings over 3 years", 100_000, TARGET_100K_MS)]
    failures = 0
    for name, count, target in cases:
        ratings, sessions, aerobic = make_history(count)
        repeats = 3 if count >= 100_000 else 7
        report = analyse(ratings, sessions, aerobic)
        xs = [week_x(w) for w in report.weeks]
        ys = [float("nan") if w.mean is None else w.mean for w in report.weeks]

        analyse_ms = best_of(repeats, lambda: analyse(ratings, sessions, aerobic))

        def ours():
            chart.set_report(analyse(ratings, sessions, aerobic))
            chart.grab()

        def baseline():
            baseline_plot.clear()
            baseline_plot.plot(xs, ys, connect="finite", pen=pg.mkPen(width=4), symbol="o")
            baseline_plot.grab()

        def whole_screen():
            screen.set_data(ratings, sessions, aerobic)
            screen.grab()

        ours_ms = best_of(repeats, ours)
        baseline_ms = best_of(repeats, baseline)
        screen_ms = best_of(repeats, whole_screen)
        verdict = ""
        if target is not None:
            ok = screen_ms <= target
            failures += not ok
            verdict = f"{'within' if ok else 'OVER'} {target} ms"
        print(f"{name:<28}{len(report.weeks):>7}{analyse_ms:>10.1f}{ours_ms:>14.1f}{baseline_ms:>15.1f}"
              f"{ours_ms / baseline_ms:>7.1f}x{screen_ms:>9.1f}  {verdict}")
    print("ratio = (analyse + our chart) / (pyqtgraph drawing the precomputed weekly points); "
          "screen = ProgressScreen.set_data + full render, checked against the target.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
