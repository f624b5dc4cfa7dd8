"""Composition root: builds the data store, the voice, the QApplication and the main window."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import time
from functools import partial

from kiosk.paths import bundled_dir, data_dir

log = logging.getLogger(__name__)
HOME_PROFILE = "home"             # home mode: one profile, no PIN
STOP_FLUSH_SECONDS = 5.0          # told to stop: wait this long for queued saves (the unit's TimeoutStopSec fits it)


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

    The garbage collector waits until the first paint: start-up makes tens of thousands of objects
    (modules, classes, Qt wrappers) and next to no garbage, and collecting them took ~6 ms of it.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run_app(args, collecting)
    finally:
        if collecting:
            gc.enable()                           # had the first paint not come


def _run_app(args: argparse.Namespace, collecting: bool = True) -> int:
    """Run the app until its window closes; returns the exit code (`collecting`: the garbage collector is
    enabled again at the first paint).

    Start-up paints the home screen first: the folder lock and the look are taken before, the
    store, the full routine files and the voice right after (or when something needs them sooner).
    `KIOSK_QUIT_WHEN_STARTED=1` quits once the after-paint steps are done (for the tests).
    `KIOSK_LOG=debug` (or info) writes the app's log to standard error, with the moment each
    sentence is started and each pause (monotonic seconds), for diagnosis and the end-to-end tests.
    """
    from PySide6.QtWidgets import QApplication     # first: it brings most of the standard library with it

    from kiosk.ui.screen_needs import EXIT_NO_DISPLAY, ScreenWatcher, display_problem

    if (no_display := display_problem()) is not None:
        print(no_display, file=sys.stderr)        # instead of Qt's abort with a core dump
        return EXIT_NO_DISPLAY
    if not getattr(args, "windowed", False):      # full screen: no Wayland title bar of Qt's own to push it down
        os.environ.setdefault("QT_WAYLAND_DISABLE_WINDOWDECORATION", "1")
    level = os.environ.get("KIOSK_LOG", "warning").upper()
    logging.basicConfig(level=getattr(logging, level, logging.WARNING), stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    from kiosk.core.library import RoutineLibrary
    from kiosk.core.translations import compiled_here, keep_compiled
    from kiosk.store.folder_lock import DataFolderInUse
    from kiosk.services.deferred_speaker import DeferredSpeaker
    from kiosk.services.deferred_store import DeferredStore
    from kiosk.services.journal import Journal
    from kiosk.ui.cache_writer import CacheWriter
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.picture_cache import PictureCache
    from kiosk.ui.turns import Turns

    folder = data_dir(getattr(args, "data_dir", None))
    try:
        store = DeferredStore(folder)
    except DataFolderInUse as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 2
    caches = CacheWriter()                        # the routine index and the pose pictures, off the GUI thread
    try:
        app = QApplication.instance() or QApplication(sys.argv[:1])
        app.setApplicationName("SI joint exercises")
        from kiosk.ui.stop_signals import quit_on_stop_signals

        quit_on_stop_signals(app)                 # SIGTERM/SIGINT/SIGHUP: quit the loop, then shut down below
        clinic = getattr(args, "mode", "home") == "clinic"
        language = _start_language(args, store.settings, clinic)     # before the first screen shows its texts

        def library_for(code: str) -> RoutineLibrary:               # one per language, loaded on first use
            index = "routine-index.json" if code == "en" else f"routine-index.{code}.json"
            return RoutineLibrary(bundled_dir("routines"), index_path=folder / index,
                                  write_later=caches.submit, language=code)

        library = library_for(language)
        pictures = PictureCache(folder / "picture-cache", write_later=caches.submit)    # the window's

        def make_speaker():
            from kiosk.speech.speaker import create_speaker   # Qt Multimedia loads after the first paint

            from kiosk.ui.language import current_language

            return create_speaker(store.settings, folder / "speech-cache", parent=app, language=current_language())

        speaker = DeferredSpeaker(make_speaker)
        # Home: one profile, no PIN. Clinic: nobody until someone signs in.
        journal = Journal() if clinic else Journal.for_profile(store.open, HOME_PROFILE)
        window = MainWindow(library, speaker, store.settings, journal,
                            picture_folder=folder / "pictures" if clinic else None,
                            voice_controls=speaker,       # the real speaker's, through DeferredSpeaker
                            pictures=pictures, library_for=library_for)
        if getattr(args, "listen", False):         # voice commands on for this run only
            window.listening.forced = True
        ScreenWatcher(window.home.show_notice, parent=window)     # a screen smaller than 800 x 480 is said
        routine = getattr(args, "routine", None)
        if clinic or routine:              # these need the store before anything is shown
            problem = _open_data(store, journal)
            if problem is not None:
                return _cannot_open(folder, problem)
        if clinic:
            from kiosk.ui.clinic import ClinicMode

            ClinicMode(window, store.open(), idle_timeout=getattr(args, "idle_timeout", None)).start()
        elif getattr(args, "windowed", False):
            window.resize(1280, 800)
            window.show()
        else:
            window.showFullScreen()
        failed: list[BaseException] = []

        def open_data() -> bool:
            problem = _open_data(store, journal)
            if problem is not None:
                failed.append(problem)
                app.exit(2)
            return problem is None

        turns = Turns(_after_paint_steps(window, store, open_data, library, speaker), parent=app)
        if os.environ.get("KIOSK_QUIT_WHEN_STARTED"):      # for the tests: quit once start-up is done
            turns.completed.connect(app.quit)

        def on_first_paint() -> None:
            if collecting:
                gc.enable()
            if compiled_here(language):            # a checkout's catalog, compiled by Babel at this start
                caches.submit(partial(keep_compiled, language))      # kept for the next (~60 ms less)
            if os.environ.get("KIOSK_EXIT_AFTER_PAINT"):
                _report_painted()                 # the start-up benchmark: nothing more to do
                return
            turns.start()

        after_first_paint(window, on_first_paint)    # whichever screen is shown first
        probe = os.environ.get("KIOSK_BENCH_PROBE")     # the time-to-interactive benchmark
        if probe:
            from kiosk.ui import startup_probe

            if probe == "stalls":
                startup_probe.watch_stalls_after_first_paint(window)
            else:
                startup_probe.press_at_first_paint(window, window.home.start_button)
        if routine and not window.start_routine_by_id(routine):
            print(f"kiosk: no valid routine {routine!r}; known: {', '.join(library.routines)}", file=sys.stderr)
        code = app.exec()
        turns.cancel()
        window.controller.stop()
        if "listening" in window.__dict__:
            window.listening.close()              # the microphone closed, the recognizer's thread ended
        return _cannot_open(folder, failed[0]) if failed else code
    finally:
        caches.close(timeout=STOP_FLUSH_SECONDS)  # what is not written by then is only drawn again next start
        store.close(timeout=STOP_FLUSH_SECONDS)


def _start_language(args: argparse.Namespace, settings, clinic: bool) -> str:
    """The language chosen (core.languages.start_language: the flag, KIOSK_LANGUAGE, at home the remembered
    one, the system locale), set on the application. English imports no catalog (nor Babel)."""
    from kiosk.core.languages import start_language
    from kiosk.ui.language import set_language
    from kiosk.ui.main_window import LANGUAGE

    remembered = None if clinic else settings.get(LANGUAGE)
    language = start_language(getattr(args, "language", None), os.environ, remembered)
    set_language(language)
    return language


def _cannot_open(folder, problem: BaseException) -> int:
    print(f"kiosk: could not open the data folder {folder}: {problem}", file=sys.stderr)
    return 2


def _open_data(store, journal) -> Exception | None:
    """Open the store and the journal's profile; the problem, when the folder cannot be opened."""
    try:
        store.open()
        journal.open()                            # the home profile, with its recovery notices
    except Exception as exc:                      # a damaged folder the store cannot repair, a newer format
        log.exception("the data folder could not be opened")
        return exc
    return None


def _after_paint_steps(window, store, open_data, library, speaker) -> list:
    """What start-up leaves for after the first paint, in steps short enough that a touch or a key
    waits for one of them at most: the store (opened on a thread of its own, since a recovery or an
    upgrade writes files; the steps go on when it is done), the notices of its recovery, the full
    routine files, the voice. Each module is imported in a step of its own; anything a person asks for
    sooner does what it needs itself (opening the store, loading the routines, the voice)."""
    from kiosk.ui.turns import importing

    def show_notices() -> None:
        for notice in store.open().notices:
            log.warning("data: %s", notice)
            window.home.show_notice(notice)

    def check_routines() -> None:
        for error in library.errors:
            log.warning("routine problem: %s", error)

    def qt_names() -> None:
        from PySide6 import QtCore

        QtCore.Qt.AlignmentFlag           # the Qt enums are built on first use: every next screen needs them

    modules = {
        "store": ("tinydb", "kiosk.store.database", "kiosk.store.profile_repository",
                  "kiosk.store.record_repositories", "kiosk.store.data_store"),
        "routines": ("tomllib", "kiosk.core.routine", "kiosk.core.loader", "kiosk.core.poses"),
        "voice": ("kiosk.core.voice_commands", "kiosk.services.said_speaker",      # the window's echo guard
                  "PySide6.QtMultimedia", "kiosk.speech.cache", "kiosk.speech.voices",
                  "kiosk.speech.render_process", "kiosk.speech.render_thread", "kiosk.speech.player",
                  "kiosk.speech.speaker"),
    }
    return [
        *map(importing, modules["store"]), store.open_in_background, open_data, show_notices,
        window.look_from_settings, qt_names,
        *map(importing, modules["routines"]), lambda: library.result, check_routines,
        importing("kiosk.core.timeline"), window.refresh_choices,
        *map(importing, modules["voice"]), speaker.materialize,
    ]
