"""The main window: one screen at a time, the session controller, and the flow between screens."""

from __future__ import annotations

import logging
import os
from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from kiosk.core.routine_index import Choices
from kiosk.ui.journal import Journal
from kiosk.ui.ports import NoVoiceControls, VoiceControls
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.theme import set_look, stylesheet, unit_for_size
from kiosk.ui.widgets.controls import make_button
from kiosk.ui.widgets.touch_target import screen_touch_target_px

if TYPE_CHECKING:
    from datetime import datetime

    from kiosk.core.ports import SettingsStore, Speaker
    from kiosk.core.routine import Routine
    from kiosk.core.session import Summary
    from kiosk.core.timeline import Cue
    from kiosk.ui.session_controller import SessionController

log = logging.getLogger(__name__)

# Only the home screen is needed for the first paint: everything a routine needs (timeline,
# session, records) is imported where it is first used.

SAFETY_ACCEPTED = "safety.accepted"
HIGH_CONTRAST = "look.high_contrast"
LARGE_TEXT = "look.large_text"
RATING_UNDO_MS = 3000
QUESTIONS = {
    "before": "Before you start: how is your pain right now?",
    "after": "How is your pain right now, after the session?",
    "during": "How strong is the pain right now?",
}
PROBLEMS = "Some routine files have problems ({}); the others work."


def local_now() -> datetime:
    """Now, with the local UTC offset (ratings keep their own offset)."""
    from datetime import datetime

    return datetime.now().astimezone()


class MainWindow(QMainWindow):
    """Home -> (safety once) -> (skip offer) -> rating -> player <-> hurt -> rating -> summary."""

    def __init__(self, library, speaker: Speaker, settings: SettingsStore,
                 journal: Journal | None = None, time_scale: float | None = None,
                 notices: list[str] = (), picture_folder=None, parent: QWidget | None = None,
                 voice_controls: VoiceControls | None = None) -> None:
        """`library`: a LoadResult, or a RoutineLibrary that loads the routine files on first use.
        `voice_controls`: the speaker's, when it has them (kiosk/ui/ports.py)."""
        super().__init__(parent)
        self.setWindowTitle("SI joint exercises")
        self.setAccessibleName("SI joint exercises")
        self.settings = settings
        self.speaker = speaker
        self.voice_controls = voice_controls or NoVoiceControls(self)
        self.library = library
        self.journal = journal or Journal(parent=self)
        self.picture_folder = picture_folder      # where "Save picture" puts the chart (None: the user's pictures)
        self._picture_saving = True
        self._time_scale = time_scale
        self._routine: Routine | None = None
        self._pending: Routine | None = None
        self._offered: set[str] = set()          # exercises offered as left out (hurt twice in a row)
        self._moment = "before"
        self._where: Cue | None = None
        self._session_id = ""
        self._started: datetime | None = None
        self._before_pain: int | None = None
        self._after_pain: int | None = None
        self._summary: Summary | None = None
        self._unit = 0
        self.clinic = False           # set by ClinicMode: safety per person, scores never read aloud
        self._safety_seen = False

        self._choices: Choices = library.choices()
        messages = list(notices)
        if self._choices.problems:
            messages.append(PROBLEMS.format(self._choices.problems))
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.home = self._add(HomeScreen(self._choices.routines, messages))
        self.home.start_requested.connect(self.start_routine_by_id)
        self.home.aerobics_requested.connect(lambda: self.show_screen(self.aerobics))
        home_buttons = [("Log activity", self.show_aerobic_log), ("My progress", self.show_progress),
                        ("Voice", lambda: self.show_screen(self.voice))]
        if self.journal.can_erase:               # at home: one person's own data, theirs to delete
            home_buttons.append(("My data", self.show_my_data))
        for text, handler in home_buttons:
            button = make_button(text)
            button.clicked.connect(handler)
            self.home.add_button(button)
        self._after_saved = None                 # the 'after' rating as written, for its details
        self._follow(self.journal)
        self.look_from_settings()
        self.home.contrast_button.toggled.connect(lambda on: self._look_changed(HIGH_CONTRAST, on))
        self.home.large_text_button.toggled.connect(lambda on: self._look_changed(LARGE_TEXT, on))
        set_look(self.home.contrast_button.isChecked(), self.home.large_text_button.isChecked())
        self._apply_style()

    def look_from_settings(self) -> None:
        """Set the look buttons from the settings (again after the store opens: it may have repaired them)."""
        self.home.contrast_button.setChecked(bool(self.settings.get(HIGH_CONTRAST, False)))
        self.home.large_text_button.setChecked(bool(self.settings.get(LARGE_TEXT, False)))

    def refresh_choices(self) -> None:
        """Show the routines as the library has them now (after a full load that found changes)."""
        choices = self.library.choices()
        if choices.routines != self._choices.routines:
            self.home.set_choices(choices.routines)
        if choices.problems and choices.problems != self._choices.problems:
            self.home.show_notice(PROBLEMS.format(choices.problems))
        self._choices = choices

    @cached_property
    def controller(self) -> SessionController:
        """Plays the routine in real time (built on first use)."""
        from kiosk.ui.session_controller import SessionController

        return SessionController(self.speaker, self._time_scale, parent=self)

    # -- screens, each built the first time it is needed (start-up paints only the home screen) --
    def _add(self, screen: QWidget) -> QWidget:
        self.stack.addWidget(screen)
        self._fit_page(screen)                   # arranged for the window's size and shape at once
        return screen

    @cached_property
    def safety(self):
        from kiosk.ui.screens.safety import SafetyScreen

        screen = self._add(SafetyScreen())
        screen.accepted.connect(self._safety_accepted)
        screen.back_requested.connect(self.go_home)
        return screen

    @cached_property
    def skip_offer(self):
        from kiosk.ui.screens.skip_offer import SkipOfferScreen

        screen = self._add(SkipOfferScreen())
        screen.decided.connect(self._skip_offer_decided)
        return screen

    @cached_property
    def rating(self):
        from kiosk.ui.screens.pain_rating import PainRatingScreen

        screen = self._add(PainRatingScreen(undo_ms=RATING_UNDO_MS))
        screen.rating_confirmed.connect(self._rated)
        screen.skipped.connect(lambda: self._rated(None))
        return screen

    @cached_property
    def details(self):
        from kiosk.ui.screens.pain_details import PainDetailsScreen

        screen = self._add(PainDetailsScreen())
        screen.details_given.connect(self._details_given)
        screen.skipped.connect(self._show_summary)
        return screen

    @cached_property
    def player(self):
        from kiosk.ui.screens.player import PlayerScreen

        screen = self._add(PlayerScreen())
        screen.pause_toggled.connect(self.controller.toggle_pause)
        screen.back_requested.connect(self.controller.back)
        screen.skip_requested.connect(self.controller.skip)
        screen.hurt_requested.connect(self._hurt)
        self.controller.cue_reached.connect(screen.show_cue)
        self.controller.state_changed.connect(lambda state: screen.set_paused(state == "paused"))
        self.controller.finished.connect(self._finished)
        screen.set_voice_notice(self.speaker.status_message)
        self.voice_controls.availability_changed.connect(      # the voice may fail later
            lambda available, why: screen.set_voice_notice("" if available else why))
        return screen

    @cached_property
    def hurt(self):
        from kiosk.ui.screens.hurt import HurtScreen

        screen = self._add(HurtScreen())
        screen.rate_requested.connect(lambda: self._ask_rating("during"))
        screen.skip_side_requested.connect(self._after_hurt(self.controller.skip_side))
        screen.skip_exercise_requested.connect(self._after_hurt(self.controller.skip_exercise))
        screen.end_requested.connect(self._end_after_hurt)
        return screen

    @cached_property
    def summary(self):
        from kiosk.ui.screens.summary import SummaryScreen

        screen = self._add(SummaryScreen())
        screen.home_requested.connect(self.go_home)
        progress_button = make_button("My progress")
        progress_button.clicked.connect(self.show_progress)
        screen.buttons.insertWidget(0, progress_button)
        return screen

    @cached_property
    def aerobics(self):
        from kiosk.ui.screens.aerobics import AerobicsScreen

        screen = self._add(AerobicsScreen(self.library.aerobics))
        screen.back_requested.connect(self.go_home)
        return screen

    @cached_property
    def aerobic_log(self):
        from kiosk.ui.screens.aerobic_log import AerobicLogScreen

        screen = self._add(AerobicLogScreen())
        screen.aerobic_logged.connect(self._aerobic_logged)
        screen.back_requested.connect(self.go_home)
        return screen

    @cached_property
    def progress(self):
        from kiosk.ui.screens.progress import ProgressScreen   # pyqtgraph: loaded only when asked for

        # In the clinic the chart must not pan or zoom by accident; at home it scrolls through months.
        if self.picture_folder is None:       # at home: the user's own pictures folder
            from kiosk.paths import pictures_dir

            self.picture_folder = pictures_dir()
        screen = self._add(ProgressScreen(locked=self.clinic, picture_folder=self.picture_folder))
        if not self._picture_saving:
            screen.set_picture_folder(self.picture_folder, allowed=False)
        screen.back_requested.connect(self.go_home)
        screen.summary_spoken.connect(self._speak_summary)
        return screen

    @cached_property
    def my_data(self):
        from kiosk.ui.screens.my_data import MyDataScreen

        screen = self._add(MyDataScreen())
        screen.back_requested.connect(self.go_home)
        screen.erase_confirmed.connect(self._erase_my_data)
        return screen

    @cached_property
    def voice(self):
        from kiosk.ui.screens.voice_settings import VoiceSettingsScreen   # loads the speech settings

        screen = self._add(VoiceSettingsScreen(self.speaker, self.settings, controls=self.voice_controls))
        screen.done_requested.connect(self.go_home)
        return screen

    # -- navigation -------------------------------------------------------------------------
    def show_screen(self, screen: QWidget) -> None:
        self.stack.setCurrentWidget(screen)
        screen.setFocus()                     # Qt's OtherFocusReason

    def go_home(self) -> None:
        self.controller.stop()
        if "player" in self.__dict__:
            self.player.end()
        self.show_screen(self.home)

    def set_journal(self, journal: Journal) -> None:
        """Records now go to this person's journal (clinic sign-in)."""
        self.journal = journal
        journal.setParent(self)
        self._follow(journal)

    def _follow(self, journal: Journal) -> None:
        journal.save_failed.connect(self.home.show_notice)
        journal.notice.connect(self.home.show_notice)
        journal.erase_finished.connect(self._erase_finished)

    def set_picture_folder(self, folder, *, allowed: bool = True) -> None:
        """Where the progress chart is saved (the kiosk: one folder per diary, deleted with it)."""
        self.picture_folder = folder
        self._picture_saving = allowed
        if "progress" in self.__dict__:
            self.progress.set_picture_folder(folder, allowed=allowed)

    def forget_person(self) -> None:
        """Drop everything about the last person: session, unsaved input, screens with their data."""
        self.controller.stop()
        self.speaker.stop()
        self.set_journal(Journal(parent=self))     # its queued writes go on: the writer keeps them in order
        self._safety_seen = False
        self._routine = self._pending = self._where = self._summary = None
        self._before_pain = self._after_pain = self._after_saved = None
        self._session_id = ""
        built = self.__dict__
        if "player" in built:
            self.player.end()
        for name in ("rating", "details", "aerobic_log"):
            if name in built:
                built[name].reset()
        self._clear_shown_records()

    def show_progress(self) -> None:
        """The chart, once the journal has its records in memory (at once, but for a moment after start-up)."""
        journal = self.journal

        def show() -> None:
            if journal is self.journal:          # nobody signed out meanwhile
                self.progress.set_data(journal.ratings(), journal.sessions(), journal.aerobic(),
                                       today=local_now().date())
                self.show_screen(self.progress)

        journal.when_ready(show)

    def show_my_data(self) -> None:
        journal = self.journal

        def show() -> None:
            if journal is self.journal:
                self.my_data.show_counts(len(journal.ratings()), len(journal.sessions()), len(journal.aerobic()))
                self.show_screen(self.my_data)

        journal.when_ready(show)

    def _erase_my_data(self) -> None:
        """Delete on the writer thread; `_erase_finished` says how it went."""
        self._clear_shown_records()
        try:
            self.journal.erase()
        except Exception as error:               # the store could not even be reached: say so
            self._erase_finished(str(error))

    def _erase_finished(self, problem: str) -> None:
        if problem:                              # the disk said no: say so; try again is safe
            log.error("deleting the data failed: %s", problem)
            self.my_data.show_problem(f"Not all of your data could be deleted ({problem}). Please try again.")
            return
        try:
            self.voice_controls.forget_what_was_said()       # spoken summaries name pain scores
        except Exception as error:
            log.error("forgetting the spoken sentences failed: %s", error)
            self.my_data.show_problem(f"Not all of your data could be deleted ({error}). Please try again.")
            return
        self.my_data.show_erased()

    def _clear_shown_records(self) -> None:
        """No screen keeps showing records that are gone (a person signed out, or their data deleted)."""
        built = self.__dict__
        if "progress" in built:
            self.progress.set_data([], [], [])
        if "summary" in built:
            self.summary.clear()

    def show_aerobic_log(self) -> None:
        self.aerobic_log.reset()
        self.show_screen(self.aerobic_log)

    def request_start(self, routine: Routine, *, waited: bool = False) -> None:
        """Start a routine: the safety screen first if never accepted, then the skip offer, then a rating.

        `waited`: the journal was given its chance to read the sessions (if it could not, the routine
        starts without the skip offer rather than waiting again)."""
        accepted = self._safety_seen if self.clinic else self.settings.get(SAFETY_ACCEPTED, False)
        if not accepted:
            self._pending = routine
            self.show_screen(self.safety)
            return
        if not self.journal.is_ready and not waited:   # the sessions are still on their way from the disk
            self.journal.when_ready(lambda: self.request_start(routine, waited=True))
            return
        from kiosk.core.hurt_history import hurt_in_a_row

        offered = hurt_in_a_row(self.journal.sessions(), [e.id for e in routine.exercises])
        if offered:
            self._pending = routine
            titles = [e.title for e in routine.exercises if e.id in offered]
            self.skip_offer.offer(titles)
            self._offered = set(offered)
            self.show_screen(self.skip_offer)
            return
        self._pending = routine
        self._ask_rating("before")

    def start_routine_by_id(self, routine_id: str) -> bool:
        routine = self.library.routines.get(routine_id)
        if routine is None:
            return False
        self.home.select(routine_id)
        self.request_start(routine)
        return True

    # -- the flow ---------------------------------------------------------------------------
    def _safety_accepted(self) -> None:
        self._safety_seen = True
        if not self.clinic:
            self.settings.set(SAFETY_ACCEPTED, True)
        routine, self._pending = self._pending, None
        if routine is not None:
            self.request_start(routine)
        else:
            self.go_home()

    def _skip_offer_decided(self, leave_out: bool) -> None:
        from dataclasses import replace

        routine = self._pending
        if leave_out:
            kept = tuple(e for e in routine.exercises if e.id not in self._offered)
            routine = replace(routine, exercises=kept) if kept else routine
        self._pending = routine
        self._ask_rating("before")

    def _ask_rating(self, moment: str) -> None:
        if moment == "before":
            self._session_id = os.urandom(16).hex()      # the 'before' rating already belongs to the session
        self._moment = moment
        self.rating.reset()
        self.rating.set_question(QUESTIONS[moment])
        self.show_screen(self.rating)

    def _rated(self, pain: int | None) -> None:
        from kiosk.core.clock import clock_looks_wrong
        from kiosk.core.records import PainRating

        moment = self._moment
        if pain is not None:
            where = self._where if moment == "during" else None
            now = local_now()
            saved = self.journal.add_rating(PainRating(
                timestamp=now, pain=pain, moment=moment,
                side=where.side if where else None, exercise=where.exercise if where else None,
                session_id=self._session_id or None, clock_suspect=clock_looks_wrong(now)))
            if moment == "after":
                self._after_saved = saved
        if moment == "before":
            self._before_pain = pain
            routine, self._pending = self._pending, None
            self._start(routine)
        elif moment == "during":
            if pain is not None:
                self.hurt.set_rated(pain)
            self.show_screen(self.hurt)
        else:
            self._after_pain = pain
            if pain is None:
                self._show_summary()
            else:
                self.details.reset()
                self.show_screen(self.details)

    def _details_given(self, side, worse_with, note) -> None:
        """The optional details belong to the rating just given: that record is replaced by a fuller one,
        in one write (its time stays the time the number was given)."""
        from dataclasses import replace

        saved = self._after_saved
        if saved is not None and self._after_pain is not None and (side or worse_with or note):
            self._after_saved = self.journal.replace_rating(
                saved, replace(saved.record, side=side, note=note, worse_with=tuple(worse_with)))
        self._show_summary()

    def _start(self, routine: Routine) -> None:
        from kiosk.core.timeline import compile_routine

        self._routine = routine
        self._started = local_now()
        self._after_pain = self._after_saved = None
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
        if self.controller.session is None and self._routine is not None:
            # Still getting the voice ready: nothing has started, but stopping must work all the same.
            self.speaker.stop()
            self._where = None
            self.hurt.show_for(None, None, self._routine.rest_pose)
            self.show_screen(self.hurt)
            return
        where: Cue | None = self.controller.hurt()
        if where is None or self._routine is None:
            return
        self._where = where
        exercise = self.controller.session.timeline.exercises.get(where.exercise) if where.exercise else None
        self.hurt.show_for(exercise.title if exercise else None, where.side, self._routine.rest_pose)
        self.show_screen(self.hurt)

    def _end_after_hurt(self) -> None:
        if self.controller.session is None:      # it hurt before the routine had begun
            self.go_home()
        else:
            self.controller.end()

    def _after_hurt(self, action):
        def run() -> None:
            self.show_screen(self.player)
            action()
        return run

    def _finished(self, summary: Summary) -> None:
        from kiosk.core.records import SessionRecord

        self.player.end()
        self._summary = summary
        hurt = []
        for outcome in summary.outcomes:
            if outcome.status == "hurt":
                hurt += [f"{outcome.exercise}:{side}" for side in outcome.hurt_sides] or [outcome.exercise]
        self.journal.add_session(SessionRecord(
            session_id=self._session_id, routine=self._routine.id, started=self._started, ended=local_now(),
            done=summary.ids("done"), skipped=summary.ids("skipped"), hurt=tuple(hurt),
            completed=summary.completed))
        self._ask_rating("after")

    def _show_summary(self) -> None:
        if self._summary is not None:
            self.summary.show_summary(self._summary, self._summary.elapsed / self.controller.time_scale,
                                      self._before_pain, self._after_pain)
        self.show_screen(self.summary)

    def _aerobic_logged(self, activity: str, minutes: int) -> None:
        from kiosk.core.records import AerobicEntry

        self.journal.add_aerobic(AerobicEntry(local_now(), activity, minutes))
        self.go_home()

    def _speak_summary(self, text: str) -> None:
        if not self.clinic and self.stack.currentWidget() is self.progress:   # never aloud in a waiting room
            self.speaker.say_personal(text)

    # -- look -------------------------------------------------------------------------------
    def _look_changed(self, key: str, on: bool) -> None:
        """High contrast or larger text: saved, and every screen styled again at once."""
        self.settings.set(key, on)
        set_look(self.home.contrast_button.isChecked(), self.home.large_text_button.isChecked())
        self._unit = 0
        for widget in self.findChildren(QWidget):
            if "_unit" in vars(widget):
                widget._unit = 0
        self._apply_style()
        from PySide6.QtGui import QResizeEvent

        for index in range(self.stack.count()):
            page = self.stack.widget(index)
            QApplication.sendEvent(page, QResizeEvent(page.size(), page.size()))

    def _apply_style(self) -> None:
        unit = unit_for_size(self.width(), self.height())
        if unit != self._unit:
            self._unit = unit
            self.setStyleSheet(stylesheet(unit, touch_px=screen_touch_target_px(self)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_style()
        for index in range(self.stack.count()):
            self._fit_page(self.stack.widget(index))

    def _fit_page(self, page: QWidget) -> None:
        """Size a screen that is not shown to the window as well (the stack only sizes the one shown):
        it arranges itself for the window's size and shape now, so its minimum is the one it will have
        (a stack is as large as the largest minimum of all its screens)."""
        from PySide6.QtGui import QResizeEvent

        size = self.stack.size()
        if page.isVisible() or page.size() == size or size.isEmpty():
            return
        old = page.size()
        page.resize(size)
        QApplication.sendEvent(page, QResizeEvent(size, old))

    def closeEvent(self, event) -> None:
        self.controller.stop()
        super().closeEvent(event)
