"""Composition root: builds the data store, the voice, the QApplication and the main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

import platformdirs

from kiosk.core.loader import load_routines
from kiosk.paths import bundled_dir, data_dir

log = logging.getLogger(__name__)
HOME_PROFILE = "home"             # home mode: one profile, no PIN


def after_first_paint(widget, callback) -> None:
    """Call `callback()` once, just after `widget` has been painted for the first time."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class _Watcher(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                widget.removeEventFilter(self)
                QTimer.singleShot(0, callback)
            return False

    widget.installEventFilter(_Watcher(widget))


def _report_painted() -> None:
    """For the start-up benchmark: say when the home screen was painted, then quit."""
    from PySide6.QtWidgets import QApplication

    print(f"painted {time.monotonic():.6f}", flush=True)
    QApplication.instance().quit()


def run_app(args: argparse.Namespace) -> int:
    """Run the app until its window closes; returns the exit code.

    `KIOSK_LOG=debug` (or info) writes the app's log to standard error, with the moment each
    sentence is started and each pause (monotonic seconds), for diagnosis and the end-to-end tests.
    """
    level = os.environ.get("KIOSK_LOG", "warning").upper()
    logging.basicConfig(level=getattr(logging, level, logging.WARNING), stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    from PySide6.QtWidgets import QApplication

    from kiosk.store.data_store import DataStore
    from kiosk.store.folder_lock import DataFolderInUse
    from kiosk.ui.deferred_speaker import DeferredSpeaker
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

        def make_speaker():
            from kiosk.speech.speaker import create_speaker   # Qt Multimedia loads after the first paint

            return create_speaker(store.settings, folder / "speech-cache", parent=app)

        speaker = DeferredSpeaker(make_speaker)
        clinic = getattr(args, "mode", "home") == "clinic"
        # Home: one profile, no PIN. Clinic: nobody until someone signs in.
        journal = Journal() if clinic else Journal(store.open_profile(HOME_PROFILE, create=True), store.writer)
        for notice in store.notices:
            log.warning("data: %s", notice)
        pictures = folder / "pictures" if clinic else Path(platformdirs.user_pictures_dir())
        window = MainWindow(library, speaker, store.settings, journal, notices=store.notices,
                            picture_folder=pictures)
        if clinic:
            from kiosk.ui.clinic import ClinicMode

            ClinicMode(window, store, idle_timeout=getattr(args, "idle_timeout", None)).start()
        elif getattr(args, "windowed", False):
            window.resize(1280, 800)
            window.show()
        else:
            window.showFullScreen()
        if os.environ.get("KIOSK_EXIT_AFTER_PAINT"):
            after_first_paint(window.home, _report_painted)
        after_first_paint(window.home, speaker.materialize)    # the voice gets ready while home shows
        routine = getattr(args, "routine", None)
        if routine and not window.start_routine_by_id(routine):
            print(f"kiosk: no valid routine {routine!r}; known: {', '.join(library.routines)}", file=sys.stderr)
        code = app.exec()
        window.controller.stop()
        return code
    finally:
        store.close()
