"""How long printing keeps the GUI thread from its event loop: the floor routine's handout and a visit report.

Offscreen, in one process. A QTimer at 0 ms notes each turn of the event loop; the figure is the
longest gap between two turns from the press until the message is back on the GUI thread. The
baseline is the same job painted on the GUI thread, as the app did before (the handout's
`print_handout` on the QPrinter; the report's `paint_on`); the measured path is the app's own
(`HandoutPrinting.print_routine`, `report_printing.paint_later`), painting on a thread of its own.
Both print to a PDF through QPrinter ("Print to file" in the dialog; this machine may have no
spooler). Interleaved pairs after a warm-up print; medians; ratios against the baseline. The 0 ms
timer takes the GIL on every turn, which slows the painting thread; the time from press to message
is also measured with the loop idle, as a kiosk's is while it prints.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

PAIRS = 5


class LoopTurns:
    """Notes the time of each event-loop turn (a 0 ms QTimer) while running."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(0)
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))

    def longest_gap(self, start: float, end: float) -> float:
        marks = [start, *(t for t in self.times if start <= t <= end), end]
        return max(b - a for a, b in zip(marks, marks[1:]))


def _run(turns: LoopTurns, job, watched: bool = True) -> tuple[float, float]:
    """Start `job(done)` from a running event loop; (longest gap, seconds until done) once `done` is called.
    Not `watched`: the loop idles (no 0 ms timer taking the GIL on every turn), the gap is not measured."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    started: list[float] = []
    finished: list[float] = []

    def done(*_) -> None:
        finished.append(time.perf_counter())
        QTimer.singleShot(20, loop.quit)             # a few more turns, then back here

    def begin() -> None:
        started.append(time.perf_counter())
        job(done)
    turns.times.clear()
    if watched:
        turns.timer.start()
    QTimer.singleShot(20, begin)
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()
    turns.timer.stop()
    if not finished:
        raise RuntimeError("the print job never answered")
    if not watched:
        return 0.0, finished[0] - started[0]
    return turns.longest_gap(started[0], finished[0]), finished[0] - started[0]


def _pdf_printer(path: Path):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def main() -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.core.loader import load_routines
    from kiosk.paths import bundled_dir
    from kiosk.ui.paper.handout import print_handout
    from kiosk.ui.paper.print_action import HandoutPrinting
    from kiosk.ui.paper.report import paint_report, report_content
    from kiosk.ui.paper.report_printing import paint_later, paint_on
    from paper_diaries import diary_records

    app = QApplication.instance() or QApplication([])
    screen = QWidget()
    routine = load_routines(bundled_dir("routines")).routines["floor"]
    content = report_content(*diary_records(date(2020, 11, 2), date(2021, 2, 28), seed=9),
                             diary_number="15002278", today=date(2021, 3, 1), language="en")
    turns = LoopTurns()
    folder = Path(tempfile.mkdtemp(prefix="bench-print-"))
    count = [0]

    def path() -> Path:
        count[0] += 1
        return folder / f"{count[0]}.pdf"

    def handout_on_gui(done) -> None:                    # as print_routine did before
        print_handout(_pdf_printer(path()), routine, language="en")
        done()

    def handout_off_gui(done) -> None:
        def to_file(printer, parent) -> bool:
            printer.setOutputFormat(printer.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(path()))
            return True
        HandoutPrinting(screen, ask=to_file).print_routine(routine, clinic=False, language="en", done=done)

    def report_on_gui(done) -> None:                     # as the report steps did before
        done(paint_on(_pdf_printer(path()), lambda device: paint_report(device, content), "en"))

    def report_off_gui(done) -> None:
        paint_later(screen, _pdf_printer(path()), lambda device: paint_report(device, content), done, "en")

    jobs = {"handout (floor routine)": (handout_on_gui, handout_off_gui),
            "visit report (17 weeks)": (report_on_gui, report_off_gui)}
    for before, after in jobs.values():                  # warm-up: fonts, the PDF engine
        _run(turns, before)
        _run(turns, after)
    print(f"Longest gap between event-loop turns from the press to the message (median of {PAIRS} pairs):")
    for name, (before, after) in jobs.items():
        runs = {"before": [], "after": [], "idle": []}
        for _ in range(PAIRS):
            runs["before"].append(_run(turns, before))
            runs["after"].append(_run(turns, after))
            runs["idle"].append(_run(turns, after, watched=False))
        gap = {k: statistics.median(g for g, _ in v) * 1000 for k, v in runs.items()}
        took = {k: statistics.median(t for _, t in v) * 1000 for k, v in runs.items()}
        print(f"  {name}: on the GUI thread (baseline) {gap['before']:.1f} ms, painted on its thread "
              f"{gap['after']:.1f} ms (ratio {gap['after'] / gap['before']:.3f}); "
              f"press to message {took['before']:.0f} ms vs {took['after']:.0f} ms "
              f"(ratio {took['after'] / took['before']:.2f}; {took['idle']:.0f} ms when the loop idles, ratio "
              f"{took['idle'] / took['before']:.2f})")
    app.processEvents()                                  # the last answers' clean-up
    for file in folder.iterdir():
        file.unlink()
    folder.rmdir()


if __name__ == "__main__":
    main()
