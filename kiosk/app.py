"""Composition root: builds the data store, the voice, the QApplication and the main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time

from kiosk.core.loader import load_routines
from kiosk.paths import bundled_dir, data_dir

log = logging.getLogger(__name__)
HOME_PROFILE = "home"             # home mode: one profile, no PIN


def report_first_paint(widget, then_quit: bool = False) -> None:
    """Print `painted <monotonic seconds>` once `widget` has been painted (for start-up benchmarks)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class _Watcher(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and not getattr(self, "seen", False):
                self.seen = True
                QTimer.singleShot(0, self.report)
            return False

        def report(self):
            print(f"painted {time.monotonic():.6f}", flush=True)
            if then_quit:
                QApplication.instance().quit()

    watcher = _Watcher(widget)
    widget.installEventFilter(watcher)


def run_app(args: argparse.Namespace) -> int:
    """Run the app until its window closes; returns the exit code."""
    from PySide6.QtWidgets import QApplication

    from kiosk.speech.speaker import create_speaker
    from kiosk.store.data_store import DataStore
    from kiosk.store.folder_lock import DataFolderInUse
    from kiosk.ui.journal import Journal
    from kiosk.ui.main_window import MainWindow

    folder = data_dir(getattr(args, "data_dir", None))
    try:
        store = DataStore(folder)
    except DataFolderInUse as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 2
    try:
        app = QApplication.instance() or QApplication(sys.argv[:1])
        app.setApplicationName("SI joint exercises")
        library = load_routines(bundled_dir("routines"))
        for error in library.errors:
            log.warning("routine problem: %s", error)
        speaker = create_speaker(store.settings, folder / "speech-cache", parent=app)
        journal = Journal(store.open_profile(HOME_PROFILE, create=True), store.writer)
        for notice in store.notices:
            log.warning("data: %s", notice)
        window = MainWindow(library, speaker, store.settings, journal, notices=store.notices)
        if getattr(args, "windowed", False):
            window.resize(1280, 800)
            window.show()
        else:
            window.showFullScreen()
        if os.environ.get("KIOSK_EXIT_AFTER_PAINT"):
            report_first_paint(window.home, then_quit=True)
        routine = getattr(args, "routine", None)
        if routine and not window.start_routine_by_id(routine):
            print(f"kiosk: no valid routine {routine!r}; known: {', '.join(library.routines)}", file=sys.stderr)
        code = app.exec()
        window.controller.stop()
        return code
    finally:
        store.close()
