"""The main window: one screen at a time, the session controller, and the flow between screens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from kiosk.core.loader import LoadResult
from kiosk.core.ports import SettingsStore, Speaker
from kiosk.core.routine import Routine
from kiosk.core.session import Summary
from kiosk.core.timeline import Cue, compile_routine
from kiosk.ui.screens.aerobics import AerobicsScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.hurt import HurtScreen
from kiosk.ui.screens.player import PlayerScreen
from kiosk.ui.screens.safety import SafetyScreen
from kiosk.ui.screens.summary import SummaryScreen
from kiosk.ui.session_controller import SessionController
from kiosk.ui.theme import stylesheet, unit_for_height

SAFETY_ACCEPTED = "safety.accepted"


class MainWindow(QMainWindow):
    """Home -> (safety, once) -> player <-> hurt -> summary -> home."""

    def __init__(self, library: LoadResult, speaker: Speaker, settings: SettingsStore,
                 time_scale: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("SI joint exercises")
        self.setAccessibleName("SI joint exercises")
        self.settings = settings
        self.speaker = speaker
        self.library = library
        self.controller = SessionController(speaker, time_scale, parent=self)
        self._routine: Routine | None = None
        self._pending: Routine | None = None
        self._unit = 0

        routines = list(library.routines.values())
        lengths = {r.id: compile_routine(r).duration for r in routines}
        notices = [f"Some routine files have problems ({len(library.errors)}); the others work."] \
            if library.errors else []
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.home = HomeScreen(routines, lengths, notices)
        self.safety = SafetyScreen()
        self.player = PlayerScreen()
        self.hurt = HurtScreen()
        self.summary = SummaryScreen()
        self.aerobics = AerobicsScreen(library.aerobics)
        for screen in (self.home, self.safety, self.player, self.hurt, self.summary, self.aerobics):
            self.stack.addWidget(screen)

        self.home.start_requested.connect(self.request_start)
        self.home.aerobics_requested.connect(lambda: self.show_screen(self.aerobics))
        self.aerobics.back_requested.connect(self.go_home)
        self.safety.accepted.connect(self._safety_accepted)
        self.safety.back_requested.connect(self.go_home)
        self.player.pause_toggled.connect(self.controller.toggle_pause)
        self.player.back_requested.connect(self.controller.back)
        self.player.skip_requested.connect(self.controller.skip)
        self.player.hurt_requested.connect(self._hurt)
        self.hurt.skip_side_requested.connect(self._resume_after_hurt(self.controller.skip_side))
        self.hurt.skip_exercise_requested.connect(self._resume_after_hurt(self.controller.skip_exercise))
        self.hurt.end_requested.connect(self.controller.end)
        self.summary.home_requested.connect(self.go_home)
        self.controller.cue_reached.connect(self.player.show_cue)
        self.controller.state_changed.connect(self._state_changed)
        self.controller.finished.connect(self._finished)
        self.player.set_voice_notice(speaker.status_message)
        self._apply_style()

    # -- navigation -------------------------------------------------------------------------
    def show_screen(self, screen: QWidget) -> None:
        self.stack.setCurrentWidget(screen)
        screen.setFocus(Qt.FocusReason.OtherFocusReason)

    def go_home(self) -> None:
        self.controller.stop()
        self.player.end()
        self.show_screen(self.home)

    def request_start(self, routine: Routine) -> None:
        """Start a routine, showing the safety screen first if it was never accepted."""
        if not self.settings.get(SAFETY_ACCEPTED, False):
            self._pending = routine
            self.show_screen(self.safety)
            return
        self._start(routine)

    def start_routine_by_id(self, routine_id: str) -> bool:
        routine = self.library.routines.get(routine_id)
        if routine is None:
            return False
        self.home.select(routine_id)
        self.request_start(routine)
        return True

    # -- inside -----------------------------------------------------------------------------
    def _safety_accepted(self) -> None:
        self.settings.set(SAFETY_ACCEPTED, True)
        routine, self._pending = self._pending, None
        if routine is not None:
            self._start(routine)
        else:
            self.go_home()

    def _start(self, routine: Routine) -> None:
        self._routine = routine
        timeline = compile_routine(routine)
        self.player.begin(timeline, self.controller.remaining_seconds)
        self.player.show_cue(timeline.cues[0])
        self.show_screen(self.player)
        self.speaker.prepare(timeline.utterances(), on_progress=self.player.set_progress,
                             on_done=lambda: self._prepared(timeline))

    def _prepared(self, timeline) -> None:
        if self.stack.currentWidget() is self.player and self.controller.session is None:
            self.player.set_progress(1, 1)
            self.player.set_voice_notice(self.speaker.status_message)
            self.controller.start(timeline)

    def _hurt(self) -> None:
        where: Cue | None = self.controller.hurt()
        if where is None or self._routine is None:
            return
        exercise = self.controller.session.timeline.exercises.get(where.exercise) if where.exercise else None
        self.hurt.show_for(exercise.title if exercise else None, where.side, self._routine.rest_pose)
        self.show_screen(self.hurt)

    def _resume_after_hurt(self, action):
        def run() -> None:
            self.show_screen(self.player)
            action()
        return run

    def _state_changed(self, state: str) -> None:
        self.player.set_paused(state == "paused")

    def _finished(self, summary: Summary) -> None:
        self.player.end()
        self.summary.show_summary(summary, summary.elapsed / self.controller.time_scale)
        self.show_screen(self.summary)

    def _apply_style(self) -> None:
        unit = unit_for_height(max(self.height(), 480))
        if unit != self._unit:
            self._unit = unit
            self.setStyleSheet(stylesheet(unit))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_style()

    def closeEvent(self, event) -> None:
        self.controller.stop()
        super().closeEvent(event)
