"""The main window: a view of the visit (kiosk/core/visit.py), one screen at a time, and the session controller."""

from __future__ import annotations

import logging
from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from kiosk.core import visit as v
from kiosk.core.routine_index import Choices
from kiosk.core.translations import N_
from kiosk.core.visit import Step, Visit
from kiosk.services.journal import SAVE_FAILED, Journal
from kiosk.ui.language import FollowsLanguage, current_language, set_language, texts
from kiosk.ui.picture_cache import PictureCache
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.theme import LOOK_PROPERTY, NORMAL, Look
from kiosk.ui.widgets.controls import make_button, set_button_text
from kiosk.ui.widgets.touch_target import screen_touch_target_px

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from kiosk.core.ports import SettingsStore, Speaker
    from kiosk.core.routine import Routine
    from kiosk.core.session import Summary
    from kiosk.services.journal import Saved
    from kiosk.services.voice_controls import VoiceControls
    from kiosk.ui.session_controller import SessionController

log = logging.getLogger(__name__)

# Only the home screen is needed for the first paint: everything a routine needs (timeline,
# session, records) is imported where it is first used.

SAFETY_ACCEPTED = "safety.accepted"
HIGH_CONTRAST = "look.high_contrast"
LARGE_TEXT = "look.large_text"
LANGUAGE = "language"               # at home: the language chosen with the home screen's button
RATING_UNDO_MS = 3000
QUESTIONS = {
    "before": N_("Before you start: how is your pain right now?"),
    "after": N_("How is your pain right now, after the session?"),
    "during": N_("How strong is the pain right now?"),
}
PROBLEMS = N_("Some routine files have problems ({count}); the others work.")
MAKE_PLAN, CHANGE_PLAN = N_("Make my plan"), N_("Change my plan")
WINDOW_TITLE = N_("SI joint exercises")
NOT_ALL_DELETED = N_("Not all of your data could be deleted ({problem}). Please try again.")


def local_now() -> datetime:
    """Now, with the local UTC offset (ratings keep their own offset)."""
    from datetime import datetime

    return datetime.now().astimezone()


class MainWindow(FollowsLanguage, QMainWindow):
    """The view of the visit: shows the screen the visit asks for and passes the person's actions back.

    The flow itself (home -> safety once -> skip offer -> rating -> player <-> hurt -> rating -> summary)
    and everything about the person live in `self.visit`; `do(effects)` carries out what it asks for.
    """

    def __init__(self, library, speaker: Speaker, settings: SettingsStore,
                 journal: Journal | None = None, time_scale: float | None = None,
                 notices: list[str] = (), picture_folder=None, parent: QWidget | None = None,
                 voice_controls: VoiceControls | None = None, pictures: PictureCache | None = None,
                 library_for: Callable[[str], object] | None = None) -> None:
        """`library`: a LoadResult, or a RoutineLibrary that loads the routine files on first use, in the
        language in use. `library_for(code)`: the library of another language, made when that language is
        first chosen (default: a RoutineLibrary's folder in that language; a LoadResult stays as it is).
        `voice_controls`: the speaker's, when it has them (kiosk/services/voice_controls.py).
        `pictures`: the drawn poses, kept on disk by the app (default: in memory only)."""
        super().__init__(parent)
        self.settings = settings
        self.start_language = current_language()     # the clinic's default: each person starts in it
        self._content_language = self.start_language
        self._libraries = {getattr(library, "language", self.start_language): library}
        self._library_for = library_for or self._same_folder_library
        self._given_speaker = speaker            # wrapped on first use (`speaker`): the first paint needs no voice
        if voice_controls is None:               # a speaker without them (the tests' own)
            from kiosk.services.voice_controls import NoVoiceControls

            voice_controls = NoVoiceControls(self)
        self.voice_controls = voice_controls
        self.library = library
        self.pictures = pictures or PictureCache()
        self.journal = journal or Journal(parent=self)
        self.picture_folder = picture_folder      # where "Save picture" puts the chart (None: the user's pictures)
        self._picture_saving = True
        self._time_scale = time_scale
        self.visit = Visit()                     # the screen to show, and everything about the person
        self.close_diary: Callable[[str], None] = lambda profile_id: None   # ClinicMode's: close it in the store
        self._screens: dict[Step, QWidget] = {}  # the clinic's own (attract, sign-in, new diary)
        self._last_rating: Saved | None = None   # the rating last written, for its details to replace
        self._timeline = None                    # of the routine on the player
        self._asked: str | None = None           # the rating question's moment (QUESTIONS), for a new language
        self._styled_for: tuple[int, Look] | None = None     # the unit and look of the window's style sheet
        self.setProperty(LOOK_PROPERTY, NORMAL)   # every screen reads it through theme.window_look

        self._choices: Choices = library.choices()
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.home = self._add(HomeScreen(self._choices.routines, list(notices), pictures=self.pictures))
        if self._choices.problems:
            self.home.show_notice(PROBLEMS, count=self._choices.problems)
        self.home.start_requested.connect(self.start_routine_by_id)
        self.home.aerobics_requested.connect(lambda: self.do(self.visit.opened(Step.AEROBICS)))
        self.home.language_requested.connect(lambda code: self.choose_language(code, remember=not self.clinic))
        home_buttons = [(N_("Log activity"), self.show_aerobic_log), (N_("My progress"), self.show_progress),
                        (N_("Voice"), lambda: self.do(self.visit.opened(Step.VOICE))),
                        (MAKE_PLAN, lambda: self.do(self.visit.opened(Step.MY_PLAN))),
                        (N_("Print handout"), self.print_handout)]
        if self.journal.can_erase:               # at home: one person's own data, theirs to delete
            home_buttons.append((N_("My data"), self.show_my_data))
        self._translated_buttons: list[tuple[QWidget, str]] = []     # (button, its English text)
        for text, handler in home_buttons:
            button = make_button(text)
            button.clicked.connect(handler)
            self.home.add_button(button)
            self._translated_buttons.append((button, text))
            if text == MAKE_PLAN:
                self.my_plan_button = button            # "Change my plan" once the diary has one
        self._follow(self.journal)
        self._read_plan_when_both_ready(self.journal)                  # a journal opened already: its plan now
        self.look_from_settings()
        self.home.contrast_button.toggled.connect(lambda on: self._look_changed(HIGH_CONTRAST, on))
        self.home.large_text_button.toggled.connect(lambda on: self._look_changed(LARGE_TEXT, on))
        self.setProperty(LOOK_PROPERTY, self._chosen_look())
        self._apply_style()
        self.retranslate()

    # -- the language ---------------------------------------------------------------------------
    def choose_language(self, code: str, remember: bool) -> None:
        """Every screen, the routines and the voice in `code` (core.languages.LANGUAGES); `remember`: kept in
        the settings for the next start (at home; the clinic's choice is the person's, for their visit)."""
        set_language(code)                       # the window follows in retranslate(), as every screen does
        if remember:
            self.settings.set(LANGUAGE, code)

    def retranslate(self) -> None:
        """The window's own texts in the language in use, and the content that goes with it."""
        _ = texts().gettext
        self.setWindowTitle(_(WINDOW_TITLE))
        self.setAccessibleName(_(WINDOW_TITLE))
        for button, text in self._translated_buttons:
            set_button_text(button, _(text))
        set_button_text(self.my_plan_button, _(MAKE_PLAN if self.visit.plan is None else CHANGE_PLAN))
        if "rating" in self.__dict__ and self.visit.step is Step.RATING and self._asked is not None:
            self.rating.set_question(_(QUESTIONS[self._asked]))
        if self.isVisible():                     # a window not shown (yet, or any more) follows when shown
            self._follow_language()

    def showEvent(self, event) -> None:
        self._follow_language()
        super().showEvent(event)

    def _follow_language(self) -> None:
        """A new language: its routine library (loaded on first use) on the home screen, the voice's."""
        code = current_language()
        if code == self._content_language:
            return
        self._content_language = code
        self.voice_controls.set_language(code)
        library = self._library_in(code)
        if library is self.library:
            return
        self.library = library
        choices = library.choices()
        self._choices = choices
        self.home.set_choices(self._with_plan(choices.routines))
        if "aerobics" in self.__dict__:          # made with the other language's page: made again when asked for
            screen = self.__dict__.pop("aerobics")
            self.stack.removeWidget(screen)
            screen.deleteLater()
        if self.visit.plan is not None:           # the plan's texts in the new language
            self._read_plan_when_both_ready(self.journal)

    def exercises_in(self, code: str):
        """The library's exercises in the language `code` (its library loaded on first use), to name them in it."""
        return self._library_in(code).exercises

    def _library_in(self, code: str):
        """The routine library of the language `code`, loaded on first use and kept."""
        if code not in self._libraries:
            self._libraries[code] = self._library_for(code)
        return self._libraries[code]

    def _same_folder_library(self, code: str):
        """The routine library of `code` from the same folder as the one given (a LoadResult: itself)."""
        library = self.library
        folder = getattr(library, "folder", None)
        if folder is None:
            return library
        from kiosk.core.library import RoutineLibrary

        return RoutineLibrary(folder, language=code)

    def look_from_settings(self) -> None:
        """Set the look buttons from the settings (again after the store opens: it may have repaired them)."""
        self.home.contrast_button.setChecked(bool(self.settings.get(HIGH_CONTRAST, False)))
        self.home.large_text_button.setChecked(bool(self.settings.get(LARGE_TEXT, False)))

    def refresh_choices(self) -> None:
        """Show the routines as the library has them now (after a full load that found changes)."""
        choices = self.library.choices()
        if choices.routines != self._choices.routines:
            self.home.set_choices(self._with_plan(choices.routines))
        if choices.problems and choices.problems != self._choices.problems:
            self.home.show_notice(PROBLEMS, count=choices.problems)
        self._choices = choices
        if self.visit.plan is None:
            self._read_plan_when_both_ready(self.journal)

    @cached_property
    def echo_guard(self):
        """What the app itself is saying, for the voice commands (made on first use)."""
        from kiosk.core.voice_commands import EchoGuard

        return EchoGuard()

    @cached_property
    def speaker(self):
        """The voice given, telling the echo guard what it says (made on first use)."""
        from kiosk.services.said_speaker import SaidSpeaker

        return SaidSpeaker(self._given_speaker, self.echo_guard)

    @cached_property
    def controller(self) -> SessionController:
        """Plays the routine in real time (built on first use)."""
        from kiosk.ui.session_controller import SessionController

        return SessionController(self.speaker, self._time_scale, parent=self)

    @cached_property
    def listening(self):
        """Voice commands (off unless allowed): listens while the player is shown."""
        from kiosk.ui.voice_listening import VoiceListening

        return VoiceListening(self.settings, self.echo_guard, lambda: self.clinic, parent=self)

    def _listen_to(self, player) -> None:
        from kiosk.core.voice_commands import Action

        controller = self.controller
        actions = {Action.PAUSE: controller.toggle_pause, Action.RESUME: controller.toggle_pause,
                   Action.SKIP: controller.skip, Action.BACK: controller.back, Action.REPEAT: controller.repeat,
                   Action.HURT: self._hurt}
        self.listening.attach_player(player, actions,
                                     lambda: controller.session.state.value if controller.session else "")

    # -- screens, each built the first time it is needed (start-up paints only the home screen) --
    def add_screen(self, screen: QWidget) -> QWidget:
        """A screen of another mode's (the clinic's) in the window's stack, sized and in the look like
        the window's own; show it with `show_screen`, or through the visit with `register_screen`."""
        return self._add(screen)

    def _add(self, screen: QWidget) -> QWidget:
        self.stack.addWidget(screen)
        self._fit_page(screen)                   # arranged for the window's size and shape at once
        return screen

    @cached_property
    def safety(self):
        from kiosk.ui.screens.safety import SafetyScreen

        screen = self._add(SafetyScreen())
        screen.accepted.connect(lambda: self.do(self.visit.safety_accepted()))
        screen.back_requested.connect(self.go_home)
        return screen

    @cached_property
    def skip_offer(self):
        from kiosk.ui.screens.skip_offer import SkipOfferScreen

        screen = self._add(SkipOfferScreen())
        screen.decided.connect(lambda leave_out: self.do(self.visit.skip_offer_answered(leave_out)))
        return screen

    @cached_property
    def rating(self):
        from kiosk.ui.screens.pain_rating import PainRatingScreen

        screen = self._add(PainRatingScreen(undo_ms=RATING_UNDO_MS))
        screen.rating_confirmed.connect(lambda pain: self.do(self.visit.pain_rated(pain, local_now())))
        screen.skipped.connect(lambda: self.do(self.visit.rating_skipped(local_now())))
        return screen

    @cached_property
    def details(self):
        from kiosk.ui.screens.pain_details import PainDetailsScreen

        screen = self._add(PainDetailsScreen())
        screen.details_given.connect(
            lambda side, worse_with, note: self.do(self.visit.details_given(side, worse_with, note)))
        screen.skipped.connect(lambda: self.do(self.visit.details_skipped()))
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
        self._listen_to(screen)
        return screen

    @cached_property
    def hurt(self):
        from kiosk.ui.screens.hurt import HurtScreen

        screen = self._add(HurtScreen())
        screen.rate_requested.connect(lambda: self.do(self.visit.rate_hurt_chosen()))
        screen.skip_side_requested.connect(lambda: self.do(self.visit.skip_side_chosen()))
        screen.skip_exercise_requested.connect(lambda: self.do(self.visit.skip_exercise_chosen()))
        screen.end_requested.connect(lambda: self.do(self.visit.end_chosen()))
        return screen

    @cached_property
    def summary(self):
        from kiosk.ui.screens.summary import SummaryScreen

        screen = self._add(SummaryScreen(exercises_for=self.exercises_in))
        screen.home_requested.connect(self.go_home)
        progress_button = make_button(texts().gettext("My progress"))
        self._translated_buttons.append((progress_button, N_("My progress")))
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
        screen.aerobic_logged.connect(
            lambda activity, minutes: self.do(self.visit.aerobic_logged(activity, minutes, local_now())))
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
        screen.summary_spoken.connect(lambda text: self.do(self.visit.read_aloud_requested(text)))
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

        screen = self._add(VoiceSettingsScreen(self.speaker, self.settings, current_language(),
                                               controls=self.voice_controls))
        screen.done_requested.connect(self.go_home)
        from kiosk.ui.widgets.listen_panel import ListenPanel

        screen.add_listen_panel(ListenPanel(self.listening))
        return screen

    @cached_property
    def plan_screens(self):
        """My plan and the progression offer (kiosk/ui/plan_screens.py)."""
        from kiosk.ui.plan_screens import HomePlanScreens

        return HomePlanScreens(self)

    # -- the view of the visit ------------------------------------------------------------------
    @property
    def clinic(self) -> bool:
        """A waiting-room kiosk (ClinicMode): safety asked of each person, scores never read aloud."""
        return self.visit.clinic

    def show_screen(self, screen: QWidget) -> None:
        self.stack.setCurrentWidget(screen)
        screen.setFocus()                     # Qt's OtherFocusReason

    def register_screen(self, step: Step, screen: QWidget) -> None:
        """A screen the clinic adds (attract, sign-in, new diary): shown when the visit is on `step`."""
        self._screens[step] = screen

    def do(self, effects: v.Effects) -> None:
        """Carry out what the visit asks for, in order."""
        for effect in effects:
            match effect:
                case v.Show(step):
                    self._show_step(step)
                case v.OfferSkip(titles):
                    self.skip_offer.offer(list(titles))
                    self.show_screen(self.skip_offer)
                case v.AskRating(moment):
                    self.rating.reset()
                    self._asked = moment
                    self.rating.set_question(texts().gettext(QUESTIONS[moment]))
                    self.show_screen(self.rating)
                case v.Play(routine):
                    self._play(routine)
                case v.ShowHurt(title, side, rest_pose, pain):
                    self.hurt.show_for(title, side, rest_pose)
                    if pain is not None:
                        self.hurt.set_rated(pain)
                    self.show_screen(self.hurt)
                case v.ShowSummary(summary, before_pain, after_pain):
                    if summary is not None:
                        self.summary.show_summary(summary, summary.elapsed / self.controller.time_scale,
                                                  before_pain, after_pain)
                    self.show_screen(self.summary)
                case v.ReadPastSessions():
                    self._read_past_sessions()
                case v.Write(record, replaces):
                    self._write(record, replaces)
                case v.RememberSafety():
                    self.settings.set(SAFETY_ACCEPTED, True)
                case v.Forget():
                    self._forget_shown_person()
                case v.CloseDiary(profile_id):
                    self.close_diary(profile_id)
                case v.Say(text):
                    self.speaker.say_personal(text)          # the progress summary names pain scores
                case v.ReadPlan():
                    self._read_plan(self.journal)
                case v.ShowPlan(routine):
                    self._show_plan(routine)
                case v.AskProgression():
                    journal = self.journal
                    self.plan_link.ask_progression(journal, self.library.exercises, lambda proposal: self.do(
                        self.visit.progression_proposed(proposal)) if journal is self.journal else None)
                case v.OfferProgression(proposal):
                    self.plan_screens.offer(proposal)
                case v.AnswerProgression(proposal, accept):
                    self.plan_link.answer(self.journal, self.library.exercises, proposal, accept,
                                          "person", lambda routine: None)     # ReadPlan follows
                case v.Control.START:
                    self.player.set_progress(1, 1)
                    self.player.set_voice_notice(self.speaker.status_message)
                    self.controller.start(self._timeline)
                case v.Control.SKIP_SIDE:
                    self.controller.skip_side()
                case v.Control.SKIP_EXERCISE:
                    self.controller.skip_exercise()
                case v.Control.END:
                    self.controller.end()
                case v.Control.SILENCE:
                    self.speaker.stop()
                case _:
                    raise TypeError(f"the visit asked for something the window cannot do: {effect!r}")

    def _show_step(self, step: Step) -> None:
        if step is Step.HOME:
            self.controller.stop()
            if "player" in self.__dict__:
                self.player.end()
            self.show_screen(self.home)
        elif step is Step.PROGRESS:
            self._when_records_ready(step, self._show_progress)
        elif step is Step.MY_DATA:
            self._when_records_ready(step, self._show_my_data)
        elif step is Step.AEROBIC_LOG:
            self.aerobic_log.reset()
            self.show_screen(self.aerobic_log)
        elif step is Step.MY_PLAN:
            self.plan_screens.show()
        elif step is Step.DETAILS:
            self.details.reset()
            self.show_screen(self.details)
        elif step in self._screens:
            self.show_screen(self._screens[step])
        else:                                  # safety, player, aerobics, voice: the screen of that name
            self.show_screen(getattr(self, step.value))

    def _when_records_ready(self, step: Step, show: Callable[[Journal], None]) -> None:
        """Show a screen of records once the journal has them in memory (at once, but for a moment after
        start-up), unless the person has moved on meanwhile (signed out, or gone elsewhere)."""
        journal = self.journal

        def ready() -> None:
            if journal is self.journal and self.visit.step is step:
                show(journal)

        journal.when_ready(ready)

    def _show_progress(self, journal: Journal) -> None:
        self.progress.set_data(journal.ratings(), journal.sessions(), journal.aerobic(), today=local_now().date())
        self.show_screen(self.progress)
        if self.visit.plan is not None:          # the report sets the sessions a week against the plan's days
            self.plan_link.run(journal, self.library.exercises, lambda plans: plans.plan(),
                               lambda plan: self.progress.set_report_details(
                                   None, plan.days_a_week if plan is not None else None))

    def _show_my_data(self, journal: Journal) -> None:
        self.my_data.show_counts(len(journal.ratings()), len(journal.sessions()), len(journal.aerobic()))
        self.show_screen(self.my_data)

    def _read_past_sessions(self) -> None:
        """The skip offer needs the past sessions: once they are in memory (if they could not be read, the
        routine goes on without the offer rather than waiting again)."""
        journal = self.journal

        def ready() -> None:
            if journal is self.journal:          # nobody signed out meanwhile
                self.do(self.visit.past_sessions_read(journal.sessions()))

        journal.when_ready(ready)

    def _write(self, record, replaces) -> None:
        from kiosk.core.records import AerobicEntry, PainRating

        if isinstance(record, PainRating):
            if replaces is None:
                self._last_rating = self.journal.add_rating(record)
                return
            from kiosk.services.journal import Saved

            last = self._last_rating
            saved = last if last is not None and last.record is replaces else Saved(replaces)
            self._last_rating = self.journal.replace_rating(saved, record)   # one record, in one write
        elif isinstance(record, AerobicEntry):
            self.journal.add_aerobic(record)
        else:
            self.journal.add_session(record)

    def _play(self, routine: Routine) -> None:
        from kiosk.core.timeline import compile_routine

        timeline = self._timeline = compile_routine(routine, current_language())
        self.player.begin(timeline, self.controller.remaining_seconds)
        self.player.show_cue(timeline.cues[0])
        self.show_screen(self.player)
        self.speaker.prepare(timeline.utterances(), on_progress=self.player.set_progress,
                             on_done=lambda: self.do(self.visit.voice_ready()))

    def _hurt(self) -> None:
        """"It hurts": the controller stops at once (when the routine is playing) and says where."""
        where = self.controller.hurt() if self.visit.playing else None
        self.do(self.visit.hurt_pressed(where))

    def _finished(self, summary: Summary) -> None:
        self.player.end()
        self.do(self.visit.session_finished(summary, local_now()))

    def _forget_shown_person(self) -> None:
        """Drop everything the view holds of the last person: session, voice, unsaved input, their records."""
        self.controller.stop()
        self.speaker.stop()
        self.set_journal(Journal(parent=self))     # its queued writes go on: the writer keeps them in order
        self._last_rating = self._timeline = None
        built = self.__dict__
        if "player" in built:
            self.player.end()
        for name in ("rating", "details", "aerobic_log"):
            if name in built:
                built[name].reset()
        if "plan_screens" in built:
            self.plan_screens.reset()
        self.home.forget_personal_notices()      # the next person sees none of the last one's lines
        self._clear_shown_records()

    def go_home(self) -> None:
        self.do(self.visit.back_home())

    def set_journal(self, journal: Journal) -> None:
        """Records now go to this person's journal (clinic sign-in)."""
        self.journal = journal
        journal.setParent(self)
        self._follow(journal)

    def _follow(self, journal: Journal) -> None:
        journal.save_failed.connect(lambda problem: self.home.show_personal_notice(SAVE_FAILED, problem=problem))
        journal.notice.connect(self.home.show_personal_notice)
        journal.erase_finished.connect(self._erase_finished)
        journal.ready.connect(lambda: self._read_plan_when_both_ready(journal))   # at home, once it is open

    # -- the person's plan ("My plan", first on the home screen) ---------------------------------
    @cached_property
    def plan_link(self):
        from kiosk.ui.plan_link import PlanLink

        return PlanLink(self)

    def _read_plan_when_both_ready(self, journal: Journal) -> None:
        """At home: the plan once the journal is open and the routine files are loaded (whichever comes
        last: start-up loads them in steps of their own, see app._after_paint_steps)."""
        if journal.is_ready and journal.keeps_records and getattr(self.library, "is_loaded", True):
            self._read_plan(journal)

    def _read_plan(self, journal: Journal) -> None:
        if not journal.keeps_records:
            self.do(self.visit.plan_read(None))
            return
        self.plan_link.read_routine(journal, self.library.exercises, lambda routine: self.do(
            self.visit.plan_read(routine)) if journal is self.journal else None)

    def _with_plan(self, routines: tuple) -> tuple:
        plan = self.visit.plan
        if plan is None:
            return routines
        from kiosk.core.routine_index import RoutineChoice
        from kiosk.core.timeline import compile_routine

        return (RoutineChoice(plan.id, plan.title, plan.summary, compile_routine(plan, current_language()).duration,
                              plan.picture),
                *routines)

    def _show_plan(self, routine) -> None:
        """The plan card first on the home screen (and chosen), or no plan card."""
        self.home.set_choices(self._with_plan(self._choices.routines))
        set_button_text(self.my_plan_button, texts().gettext(MAKE_PLAN if routine is None else CHANGE_PLAN))
        if routine is not None:
            self.home.select(routine.id)

    def set_picture_folder(self, folder, *, allowed: bool = True) -> None:
        """Where the progress chart is saved (the kiosk: one folder per diary, deleted with it)."""
        self.picture_folder = folder
        self._picture_saving = allowed
        if "progress" in self.__dict__:
            self.progress.set_picture_folder(folder, allowed=allowed)

    def show_progress(self) -> None:
        """The chart, once the journal has its records in memory."""
        self.do(self.visit.opened(Step.PROGRESS))

    def show_my_data(self) -> None:
        self.do(self.visit.opened(Step.MY_DATA))

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
            self.my_data.show_problem(texts().gettext(NOT_ALL_DELETED).format(problem=problem))
            return
        self.do(self.visit.plan_read(None))                  # the plan went with the diary
        try:
            self.voice_controls.forget_what_was_said()       # spoken summaries name pain scores
        except Exception as error:
            log.error("forgetting the spoken sentences failed: %s", error)
            self.my_data.show_problem(texts().gettext(NOT_ALL_DELETED).format(problem=error))
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
        self.do(self.visit.opened(Step.AEROBIC_LOG))

    def request_start(self, routine: Routine) -> None:
        """Start a routine: the safety screen first if never accepted, then the skip offer, then a rating."""
        remembered = False if self.clinic else bool(self.settings.get(SAFETY_ACCEPTED, False))   # clinic: per person
        self.do(self.visit.start_requested(routine, safety_remembered=remembered))

    @cached_property
    def handout_printing(self):
        """Print handout: Qt's print dialog at home, the default printer in the clinic (tests replace it)."""
        from kiosk.ui.paper.print_action import HandoutPrinting   # QtPrintSupport: loaded when first asked

        return HandoutPrinting(parent=self)

    def print_handout(self) -> None:
        """The chosen routine's handout on paper (My plan: with its notes and days a week, read on the
        store's thread); what happened is said above the routines."""
        plan = self.visit.plan
        if plan is not None and self.home.selected() == plan.id:
            self.plan_link.run(self.journal, self.library.exercises, lambda plans: plans.plan(),
                               lambda stored: self._print_plan_handout(plan, stored))
            return
        routine = self.library.routines.get(self.home.selected() or "")
        if routine is not None:
            self._print_handout(routine)

    def _print_plan_handout(self, routine, stored) -> None:
        if stored is None:                       # the plan went meanwhile (or could not be read)
            self._print_handout(routine)
            return
        self._print_handout(routine, notes={item.exercise: item.note for item in stored.items if item.note},
                            days_per_week=stored.days_a_week, clinician_note=stored.note)

    def _print_handout(self, routine, **extras) -> None:
        from kiosk.ui.language import current_language            # the handout in the screens' language
        journal = self.journal                                     # the person who asked, not the next one

        def printed(said: str) -> None:                            # on the GUI thread, once it is painted
            self.home.drop_notice(message)                         # "Printing…" gives way to how it went
            if journal is self.journal:
                self.home.show_personal_notice(said)
        message = self.handout_printing.print_routine(routine, clinic=self.clinic, language=current_language(),
                                                      done=printed, **extras)
        if message:
            self.home.show_personal_notice(message)

    def start_routine_by_id(self, routine_id: str) -> bool:
        plan = self.visit.plan
        routine = plan if plan is not None and routine_id == plan.id else self.library.routines.get(routine_id)
        if routine is None:
            return False
        self.home.select(routine_id)
        self.request_start(routine)
        return True

    # -- look -------------------------------------------------------------------------------
    @property
    def look(self) -> Look:
        """The look in use (theme.Look): what the look buttons on the home screen say."""
        return self.property(LOOK_PROPERTY)

    def _chosen_look(self) -> Look:
        return Look(high_contrast=self.home.contrast_button.isChecked(),
                    large_text=self.home.large_text_button.isChecked())

    def _look_changed(self, key: str, on: bool) -> None:
        """High contrast or larger text: saved, and every screen styled again at once."""
        self.settings.set(key, on)
        self._set_look(self._chosen_look())

    def _set_look(self, look: Look) -> None:
        """Publish `look` on the window and style everything in it again: the screens style themselves
        for (unit, look) on a resize, so each gets one at its own size."""
        self.setProperty(LOOK_PROPERTY, look)
        self._apply_style()
        from PySide6.QtGui import QResizeEvent

        for index in range(self.stack.count()):
            page = self.stack.widget(index)
            QApplication.sendEvent(page, QResizeEvent(page.size(), page.size()))

    def _apply_style(self) -> None:
        look = self.look
        key = (look.unit_for_window(self), look)
        if key != self._styled_for:
            self._styled_for = key
            self.setStyleSheet(look.stylesheet(key[0], touch_px=screen_touch_target_px(self)))

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
        if "listening" in self.__dict__:
            self.listening.close()
        super().closeEvent(event)
