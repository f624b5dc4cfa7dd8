"""Clinic kiosk mode: locks the window down, signs strangers in and out, and forgets them when idle."""

from __future__ import annotations

import io
import json
import logging
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk.core.admin_pin import AdminPinPolicy
from kiosk.core.csv_diary import write_diary
from kiosk.core.diary_number import spaced
from kiosk.core.fhir_bundle import build_bundle
from kiosk.core.local_formats import short_date
from kiosk.core.session import State
from kiosk.core.sign_in import SignInPolicy
from kiosk.core.translations import N_, translation
from kiosk.core.visit import Step
from kiosk.speech.voices import VoiceSettings
from kiosk.store.atomic_file import write_atomically
from kiosk.store.data_store import export_file, picture_folder
from kiosk.store.profile_repository import GUEST_PROFILE_ID, ProfileError
from kiosk.ui.corner_gesture import CornerGesture
from kiosk.ui.idle_watcher import IdleWatcher
from kiosk.services.journal import Journal
from kiosk.ui.kiosk_lock import KioskLock
from kiosk.ui.language import LANGUAGE_CHANGE, current_language, set_language, texts
from kiosk.ui.paper.report_printing import PrintOutcome, local_paper, print_on_default_printer
from kiosk.ui.screen_awake import ScreenAwake
from kiosk.ui.screens.admin import AdminScreen, AdminUnlockScreen
from kiosk.ui.screens.admin_setup import AdminSetupScreen
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.screens.new_diary import NewDiaryScreen
from kiosk.ui.screens.sign_in import SignInScreen
from kiosk.ui.screens.still_there import StillThereScreen
from kiosk.ui.widgets.controls import make_button
from kiosk.ui.widgets.drive_choice import removable_volumes

log = logging.getLogger(__name__)
IDLE_TIMEOUT = "clinic.idle_timeout"
DEFAULT_ROUTINE = "clinic.default_routine"
DEFAULT_IDLE_SECONDS = 90
SIGN_OUT = N_("Sign out")


class DiaryLabel(str):
    """How staff see a diary in their list: its number and since when (no scores), in `language`;
    `in_language(code)` makes it again in another (the admin screen, when the language changes)."""

    def __new__(cls, number: str, created: datetime, language: str) -> DiaryLabel:
        text = translation(language).gettext("Diary {number}, since {date}").format(
            number=spaced(number), date=short_date(created.date(), language))
        label = super().__new__(cls, text)
        label.number, label.created = number, created
        return label

    def in_language(self, code: str) -> DiaryLabel:
        return DiaryLabel(self.number, self.created, code)


class ClinicMode(QObject):
    """Turns a MainWindow into a waiting-room kiosk. `start()` locks it; staff leave via the admin screen.

    Every PIN check, and every store call of signing in, runs on the store's thread; the answers
    come back as signals (the value, or the exception the call raised):

    Signals:
        sign_in_checked(object): (SignInResult, the diary's ProfileData when it opened)
        diary_created(object): (Profile, ProfileData) of a new diary
        admin_pin_checked(object): ("ok", "wrong" or "locked", tries left, seconds of rest, [staff's list])
        admin_rest_checked(object): seconds the staff keypad still rests (0: none)
        admin_pin_saved(object): the first admin PIN was stored (None)
        kiosk_rest_checked(object): seconds the sign-in keypad still rests (0: none)
        profile_exported(object): where a diary's export was written, or the error
        profiles_listed(object): the diaries staff see, after a delete, or the error
    """

    sign_in_checked = Signal(object)
    diary_created = Signal(object)
    admin_pin_checked = Signal(object)
    admin_rest_checked = Signal(object)
    admin_pin_saved = Signal(object)
    kiosk_rest_checked = Signal(object)
    profile_exported = Signal(object)
    profile_report_read = Signal(object)
    profile_report_written = Signal(object)
    profiles_listed = Signal(object)

    def __init__(self, window, store, idle_timeout: float | None = None, wall_clock=time.time,
                 volumes=None, warning_seconds: float = 15) -> None:
        super().__init__(window)
        self.window, self.store, self.wall_clock = window, store, wall_clock
        # The drives staff may export to (widgets.drive_choice); never the data folder's own disk.
        self.volumes = volumes or (lambda: removable_volumes(not_holding=[store.folder]))
        settings = window.settings
        self.policy = AdminPinPolicy(settings)
        self.sign_in_policy = SignInPolicy(store.profiles, store.settings)
        timeout = idle_timeout or settings.get(IDLE_TIMEOUT, DEFAULT_IDLE_SECONDS)
        self.lock = KioskLock(self)
        self.gesture = CornerGesture(window)
        self.idle = IdleWatcher(timeout_s=timeout, warning_s=warning_seconds, speaker=window.speaker, parent=self)
        self.idle.set_activity_source(self._routine_running)
        self.awake = ScreenAwake()
        self._before_interrupt: QWidget | None = None
        self._new_diary_data = None                   # the new diary's ProfileData while its number is shown
        # The kiosk's own language (the one in force when clinic mode starts); each person may choose
        # another for their visit, and it is back when they are forgotten (sign-out, idle, Back).
        self.default_language = current_language()

        self.attract = window.add_screen(AttractScreen())
        self.sign_in = window.add_screen(SignInScreen())
        self.new_diary = window.add_screen(NewDiaryScreen())
        self.still_there = window.add_screen(StillThereScreen())
        self.unlock = window.add_screen(AdminUnlockScreen())
        self.setup = window.add_screen(AdminSetupScreen())
        routines = [(r.id, r.title) for r in window.library.routines.values()]
        self.admin = window.add_screen(AdminScreen(routines, export_profile=self._export_profile,
                                                   report_profile=self._report_profile, volumes=self.volumes))
        # The visit report goes to the drive chosen on the admin screen, else to the default printer (no
        # dialog); a folder set in `report_folder` (the tests) takes the place of the drive.
        self.report_folder = None
        self.report_step = print_on_default_printer
        self._report_done = None
        from kiosk.ui.staff_plans import StaffPlans

        self.staff_plans = StaffPlans(window, store, back=lambda: self._show(self.admin))
        self.admin.plan_requested.connect(self.staff_plans.open)
        self.sign_out_button = make_button(texts().gettext(SIGN_OUT))
        self.sign_out_button.installEventFilter(self)             # its label follows the language
        self.sign_out_button.clicked.connect(self.forget_everyone)
        window.home.add_button(self.sign_out_button)
        window.visit.enter_clinic()
        window.register_screen(Step.ATTRACT, self.attract)
        window.register_screen(Step.SIGN_IN, self.sign_in)
        window.register_screen(Step.NEW_DIARY, self.new_diary)
        window.close_diary = self._close_diary

        self.setup.pin_chosen.connect(self._admin_pin_chosen)
        self.attract.start_requested.connect(self._show_sign_in)
        self.attract.language_chosen.connect(self.choose_language)
        self.sign_in.language_chosen.connect(self.choose_language)
        self.sign_in.sign_in_requested.connect(self._sign_in)
        self.sign_in_checked.connect(self._sign_in_checked)
        self.sign_in.new_diary_requested.connect(self._create_diary)
        self.diary_created.connect(self._diary_created)
        self.new_diary.continue_requested.connect(self._new_diary_noted)
        self.kiosk_rest_checked.connect(self._kiosk_rest_checked)
        self.profile_exported.connect(self._profile_exported)
        self.profile_report_read.connect(self._profile_report_read)
        self.profile_report_written.connect(self._profile_report_written)
        self._export_done = None                      # the admin screen's callback for the export on its way
        self.profiles_listed.connect(self._profiles_listed)
        self.admin_pin_checked.connect(self._admin_pin_checked)
        self.admin_rest_checked.connect(self._admin_rest_checked)
        self.admin_pin_saved.connect(self._admin_pin_saved)
        self.sign_in.guest_requested.connect(lambda: self._signed_in(None, None))
        self.sign_in.back_requested.connect(self.forget_everyone)
        self.idle.warning_started.connect(self._warn)
        self.still_there.still_here.connect(self.idle.still_here)
        self.idle.warning_ended.connect(self._back_from_interrupt)
        self.idle.timed_out.connect(lambda: self._forget(self.window.visit.timed_out()))
        self.gesture.triggered.connect(self._gesture)
        self.unlock.pin_entered.connect(self._admin_pin_entered)
        self.unlock.cancelled.connect(self._back_from_interrupt)
        self.admin.done_requested.connect(self.forget_everyone)
        self.admin.leave_requested.connect(self.leave)
        self.admin.idle_timeout_chosen.connect(self._idle_timeout_chosen)
        self.admin.default_routine_chosen.connect(lambda routine: settings.set(DEFAULT_ROUTINE, routine))
        self.admin.voice_toggled.connect(lambda on: self._voice(enabled=on))
        self.admin.volume_changed.connect(lambda percent: self._voice(volume=percent / 100))
        self.admin.listen_toggled.connect(lambda on: window.listening.set_staff_allow(on))
        self.admin.delete_confirmed.connect(self._delete_profile)
        window.stack.currentChanged.connect(self._screen_changed)

    # -- the kiosk's life -------------------------------------------------------------------
    def start(self) -> None:
        """Full screen, no way out but the staff gesture, the screen kept awake, the attract screen."""
        self.default_language = current_language()
        self.lock.apply_to(self.window)
        self.gesture.install()
        method = self.awake.inhibit()
        log.info("screen blanking: %s", method or "could not be prevented")
        self._show(self.attract if self.policy.has_pin() else self.setup)

    @property
    def profile_id(self) -> str | None:
        """The diary signed in to (None: nobody, or a guest): the visit's."""
        return self.window.visit.profile_id

    def forget_everyone(self) -> None:
        """Sign-out (or Back on the sign-in screen, or staff Done): the visit forgets the person as a whole
        (voice stopped, unsaved input and personal data dropped, their diary closed), the attract screen."""
        self._forget(self.window.visit.signed_out())

    def choose_language(self, code: str) -> None:
        """The person's language for their visit (the welcome screen's or sign-in's language button)."""
        set_language(code)

    def _forget(self, effects) -> None:
        self._reset_screens()
        set_language(self.default_language)           # the next person meets the kiosk's own language
        self.window.do(effects)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self.sign_out_button and event.type() == LANGUAGE_CHANGE:
            text = texts().gettext(SIGN_OUT)
            self.sign_out_button.setText(text)
            self.sign_out_button.setAccessibleName(text)
        return False

    def _reset_screens(self) -> None:
        self._new_diary_data = None                   # left before Continue: the diary stays, closed
        for screen in (self.sign_in, self.new_diary, self.unlock, self.admin, self.setup, self.staff_plans):
            screen.reset()
        self.still_there.stop_countdown()

    def _close_diary(self, profile_id: str) -> None:
        """After the writes queued for it (the writer keeps order)."""
        self.store.writer.submit(self.store.close_profile, profile_id)

    def leave(self) -> None:
        """Staff leave kiosk mode: the person forgotten, an ordinary window again."""
        self._reset_screens()
        self.lock.release()
        self.gesture.uninstall()
        self.idle.stop()
        self.awake.release()
        self.sign_out_button.hide()
        set_language(self.default_language)
        self.window.do(self.window.visit.leave_clinic())

    # -- inside -----------------------------------------------------------------------------
    def _show(self, screen: QWidget) -> None:
        self.window.show_screen(screen)

    def _screen_changed(self, _index: int) -> None:
        if not self.lock.locked:
            return
        if self.window.stack.currentWidget() is self.attract:
            self.idle.stop()
        elif self.idle.state in ("stopped", "timed_out"):
            self.idle.start()

    def _routine_running(self) -> bool:
        session = self.window.controller.session
        return session is not None and session.state is State.RUNNING

    def _off_the_gui_thread(self, answer: Signal, call, *args) -> None:
        """Run `call(*args)` on the store's thread; `answer` gets its value, or the exception it raised."""
        def done(future) -> None:
            try:
                value = future.result()
            except BaseException as error:          # noqa: BLE001 - handed to the GUI thread to show
                value = error
            try:
                answer.emit(value)
            except RuntimeError:                    # the kiosk was closed meanwhile
                log.info("a store answer came after the kiosk closed")

        try:
            self.store.writer.submit(call, *args).add_done_callback(done)
        except Exception as error:                  # noqa: BLE001 - a closed store: the answer says so
            answer.emit(error)

    def _show_sign_in(self) -> None:
        self.sign_in.reset()
        self.window.do(self.window.visit.attract_touched())
        self._off_the_gui_thread(self.kiosk_rest_checked, self.sign_in_policy.kiosk.remaining, self.wall_clock())

    def _kiosk_rest_checked(self, rest) -> None:
        if isinstance(rest, int) and rest > 0 and self.window.stack.currentWidget() is self.sign_in:
            self.sign_in.show_resting(rest, whole_kiosk=True)

    def _sign_in(self, number: str, pin: str) -> None:
        """Look the diary up by number and check its PIN (one slow scrypt hash) on the store's thread."""
        self.sign_in.setEnabled(False)
        self._off_the_gui_thread(self.sign_in_checked, self._check_and_open, number, pin, self.wall_clock())

    def _check_and_open(self, number: str, pin: str, now: float):
        result = self.sign_in_policy.check(number, pin, now)
        return result, (self.store.open_profile(result.profile_id) if result.outcome == "ok" else None)

    def _sign_in_checked(self, answer) -> None:
        self.sign_in.setEnabled(True)
        if isinstance(answer, BaseException):
            log.error("sign-in check failed: %r", answer)
            if self.window.stack.currentWidget() is self.sign_in:
                self.sign_in.show_problem()
            return
        result, data = answer
        if self.window.stack.currentWidget() is not self.sign_in:     # timed out or left meanwhile
            if data is not None:
                self.store.writer.submit(self.store.close_profile, result.profile_id)
            return
        if result.outcome == "ok":
            self._signed_in(result.profile_id, data)
        elif result.outcome == "wrong":
            self.sign_in.show_mismatch()
        else:
            self.sign_in.show_resting(result.rest_seconds, whole_kiosk=result.outcome == "kiosk_resting")

    def _create_diary(self, pin: str) -> None:
        self.sign_in.setEnabled(False)
        self._off_the_gui_thread(self.diary_created, self._create_and_open, pin)

    def _create_and_open(self, pin: str):
        profile = self.store.profiles.create(pin=pin)
        return profile, self.store.open_profile(profile.profile_id)

    def _diary_created(self, answer) -> None:
        self.sign_in.setEnabled(True)
        if isinstance(answer, BaseException):
            log.error("a new diary could not be made: %r", answer)
            if self.window.stack.currentWidget() is self.sign_in:
                self.sign_in.show_problem()
            return
        profile, data = answer
        if self.window.stack.currentWidget() is not self.sign_in:
            self.store.writer.submit(self.store.close_profile, profile.profile_id)
            return
        self._new_diary_data = data
        self.sign_in.reset()
        self.new_diary.show_number(profile.number)       # shown, never spoken
        self.window.do(self.window.visit.diary_created(profile.profile_id))

    def _new_diary_noted(self) -> None:
        visit = self.window.visit
        if visit.step is Step.NEW_DIARY and visit.new_diary is not None:
            data, self._new_diary_data = self._new_diary_data, None
            self.new_diary.reset()
            self._signed_in(visit.new_diary, data, visit.new_diary_noted)

    def _signed_in(self, profile_id: str | None, profile, answer=None) -> None:
        """Their journal, their picture folder, the default routine chosen; then the visit is told
        (`answer`: the visit's action, `signed_in` unless given)."""
        self.window.set_journal(Journal(profile, self.store.writer))
        if profile_id:
            self.window.set_picture_folder(picture_folder(self.store.folder, profile_id))
        else:                                        # a guest's chart must not outlive the visit
            self.window.set_picture_folder(None, allowed=False)
        default = self.window.settings.get(DEFAULT_ROUTINE)
        if default:
            self.window.home.select(default)
        self.window.do(answer() if answer is not None else self.window.visit.signed_in(profile_id))

    def _interrupt(self, screen: QWidget) -> None:
        if self.window.stack.currentWidget() not in (self.still_there, self.unlock, self.admin, self.setup,
                                                     self.staff_plans.editor):
            self._before_interrupt = self.window.stack.currentWidget()
        self._show(screen)

    def _back_from_interrupt(self) -> None:
        self._show(self._before_interrupt or self.attract)

    def _warn(self, seconds: int) -> None:
        self.still_there.start_countdown(seconds)
        self._interrupt(self.still_there)

    def _gesture(self) -> None:
        if self.window.stack.currentWidget() in (self.unlock, self.admin, self.setup, self.staff_plans.editor):
            return
        self.unlock.reset()
        self._interrupt(self.unlock)
        self._off_the_gui_thread(self.admin_rest_checked, self.policy.remaining_lock_seconds, self.wall_clock())

    def _admin_rest_checked(self, rest) -> None:
        if isinstance(rest, int) and rest > 0 and self.window.stack.currentWidget() is self.unlock:
            self.unlock.show_locked(rest)

    def _admin_pin_chosen(self, pin: str) -> None:
        self.setup.setEnabled(False)
        self._off_the_gui_thread(self.admin_pin_saved, self.policy.set_pin, pin)

    def _admin_pin_saved(self, answer) -> None:
        self.setup.setEnabled(True)
        if isinstance(answer, BaseException):
            log.error("the admin PIN could not be saved: %r", answer)
            self.setup.reset()
            self.setup.show_problem(N_("The PIN could not be saved. Please try again."))
            return
        self._show(self.attract)

    def _admin_pin_entered(self, pin: str) -> None:
        self.unlock.setEnabled(False)
        self._off_the_gui_thread(self.admin_pin_checked, self._check_admin_pin, pin, self.wall_clock(),
                                 current_language())

    def _check_admin_pin(self, pin: str, now: float, language: str | None = None):
        result = self.policy.check(pin, now)
        labels = self._profile_labels(language) if result == "ok" else []
        return result, self.policy.tries_left(now), self.policy.remaining_lock_seconds(now), labels

    def _admin_pin_checked(self, answer) -> None:
        self.unlock.setEnabled(True)
        if self.window.stack.currentWidget() is not self.unlock:
            return
        if isinstance(answer, BaseException):
            log.error("admin PIN check failed: %r", answer)
            self.unlock.show_problem()
            return
        result, tries_left, rest, *labels = answer
        if result == "ok":
            self.unlock.reset()
            voice = VoiceSettings.load(self.window.settings)
            self.admin.set_state(idle_timeout=round(self.idle_timeout), voice_on=voice.enabled,
                                 default_routine=self.window.settings.get(DEFAULT_ROUTINE),
                                 volume=round(voice.volume * 100))
            self.admin.set_profiles(labels[0])
            self._show_listen_switch()
            self._show(self.admin)
        elif result == "wrong":
            self.unlock.show_wrong(tries_left)
        elif result == "locked":
            self.unlock.show_locked(rest)

    def _show_listen_switch(self) -> None:
        """The staff's voice-command switch as saved (clinic.listen, off by default), greyed with the reason
        when there is no microphone or no recognizer."""
        from kiosk.ui.voice_listening import STAFF_ALLOW

        self.admin.set_listen(bool(self.window.settings.get(STAFF_ALLOW, False)), self.window.listening.unavailable())

    @property
    def idle_timeout(self) -> float:
        return self.window.settings.get(IDLE_TIMEOUT, DEFAULT_IDLE_SECONDS)

    def _idle_timeout_chosen(self, seconds: int) -> None:
        self.window.settings.set(IDLE_TIMEOUT, seconds)
        self.idle.set_timeout(seconds)

    def _voice(self, **changes) -> None:
        voice = replace(VoiceSettings.load(self.window.settings), **changes)
        voice.save(self.window.settings)
        self.window.voice_controls.apply_settings(voice)

    def _profile_labels(self, language: str | None = None) -> list[tuple[str, str]]:
        """Staff see each diary's number and creation date, never anyone's scores (store thread; `language`
        read on the GUI thread, else the one in use)."""
        language = language or current_language()
        return [(p.profile_id, DiaryLabel(p.number or "", p.created, language))
                for p in self.store.profiles.list() if p.profile_id != GUEST_PROFILE_ID]

    def _export_profile(self, profile_id: str, fmt: str, folder: Path, done) -> None:
        """Write the diary as CSV or FHIR (on the store's thread) into `folder`, the drive staff chose,
        then `done(where, error)`; a delete while that drive is chosen removes it again."""
        from kiosk.ui.language import current_language            # the FHIR texts in the screens' language
        language = current_language()

        def export() -> str:
            if _is_within(folder, self.store.folder):
                raise ValueError("exports never go into the kiosk's data folder")
            data = self.store.open_profile(profile_id)
            path = export_file(folder, profile_id, fmt)
            text = io.StringIO()
            if fmt == "fhir":
                number = self.store.profiles.get(profile_id).number or ""
                json.dump(build_bundle(number, data.ratings.list(), data.sessions.list(), data.aerobic.list(),
                                       language=language),
                          text, indent=2, ensure_ascii=False)
                text.write("\n")
            else:
                write_diary(data.ratings.list(), text)
            write_atomically(path, [text.getvalue()], keep_backup=False)
            return str(path)

        self._export_done = done
        self._off_the_gui_thread(self.profile_exported, export)

    def _profile_exported(self, answer) -> None:
        done, self._export_done = self._export_done, None
        if done is None:
            return
        if isinstance(answer, BaseException):
            done(None, answer)
        else:
            done(answer, None)

    def _report_profile(self, profile_id: str, done) -> None:
        """Read the diary (store thread), then draw its visit report: onto the drive on the store's thread,
        or on the printer on a printing thread; `done(outcome)` on the GUI thread. A press while one is
        on its way is ignored."""
        if self._report_done is not None:
            return
        exercises = self.window.library.exercises

        def read():
            from kiosk.services.plans import DiaryPlans

            data = self.store.open_profile(profile_id)
            profile = self.store.profiles.get(profile_id)
            plan = DiaryPlans(data, exercises).plan()      # the sessions a week are set against its days
            return (data.ratings.list(), data.sessions.list(), data.aerobic.list(),
                    profile.number if profile is not None else None, plan.days_a_week if plan else None, profile_id)

        self._report_done = done
        self._off_the_gui_thread(self.profile_report_read, read)

    def _profile_report_read(self, answer) -> None:
        from kiosk.ui.paper.private_file import write_private
        from kiosk.ui.paper.report import paint_report, report_content, report_pdf

        done, self._report_done = self._report_done, None
        if done is None:
            return
        if isinstance(answer, BaseException):
            done(PrintOutcome(False, texts().gettext("The diary could not be read: {error}").format(error=answer)))
            return
        ratings, sessions, aerobic, number, plan_days, profile_id = answer
        titles = {exercise_id: exercise.title for exercise_id, exercise in self.window.library.exercises.items()}
        from kiosk.ui.language import current_language            # the report in the screens' language
        content = report_content(ratings, sessions, aerobic, diary_number=number, plan_days_per_week=plan_days,
                                 today=datetime.now().astimezone().date(), exercise_titles=titles,
                                 language=current_language())
        folder = self.report_folder if self.report_folder is not None else self.admin.drive.folder()
        if folder is not None:                       # the removable drive chosen on the admin screen
            path = export_file(Path(folder), profile_id, "report")    # one per diary; its delete removes it
            catalog, paper = texts(), local_paper()

            def write() -> PrintOutcome:                               # drawn and written on the store's thread
                data, pages = report_pdf(content, paper)
                write_private(path, data)
                saved = catalog.ngettext("The report ({pages} page) was saved to {path}.",
                                         "The report ({pages} pages) was saved to {path}.", pages)
                return PrintOutcome(True, saved.format(pages=pages, path=path), str(path))

            self._report_done = done
            self._off_the_gui_thread(self.profile_report_written, write)
            return
        self._report_done = done
        try:
            self.report_step(self.admin, lambda device: paint_report(device, content), self._report_printed)
        except Exception as error:                  # noqa: BLE001 - said to staff; the button works again
            log.error("the visit report failed: %s", error)
            self._report_printed(PrintOutcome(False, texts().gettext("The report could not be printed: {error}")
                                              .format(error=error)))

    def _report_printed(self, outcome) -> None:
        done, self._report_done = self._report_done, None
        if done is not None:
            done(outcome)

    def _profile_report_written(self, answer) -> None:
        done, self._report_done = self._report_done, None
        if done is not None:
            done(PrintOutcome(False, texts().gettext("The report could not be saved: {error}").format(error=answer))
                 if isinstance(answer, BaseException) else answer)

    def _delete_profile(self, profile_id: str) -> None:
        """Delete the diary and everything the kiosk wrote of it (store thread); then the list again."""
        drive = self.admin.drive.folder()             # its exports on the chosen drive go too
        language = current_language()

        def delete() -> list[tuple[str, str]]:
            try:
                self.store.delete_profile(profile_id, export_folder=drive)
            except ProfileError as error:
                log.warning("delete: %s", error)
            return self._profile_labels(language)

        self.window.voice_controls.forget_what_was_said()   # the voice's own memory of sentences about a person
        self._off_the_gui_thread(self.profiles_listed, delete)

    def _profiles_listed(self, answer) -> None:
        if isinstance(answer, BaseException):
            log.error("listing the diaries failed: %s", answer)
            self.admin.set_profiles([])
            return
        self.admin.set_profiles(answer)


def _is_within(path: Path, folder: Path) -> bool:
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
        return True
    except (ValueError, OSError):
        return False
