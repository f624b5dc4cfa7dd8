"""Clinic kiosk mode: locks the window down, signs strangers in and out, and forgets them when idle."""

from __future__ import annotations

import io
import logging
import time
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.core.admin_pin import AdminPinPolicy
from kiosk.core.csv_diary import write_diary
from kiosk.core.session import State
from kiosk.speech.voices import VoiceSettings
from kiosk.store.atomic_file import write_atomically
from kiosk.store.profile_repository import GUEST_PROFILE_ID, ProfileError
from kiosk.ui.corner_gesture import CornerGesture
from kiosk.ui.idle_watcher import IdleWatcher
from kiosk.ui.journal import Journal
from kiosk.ui.kiosk_lock import KioskLock
from kiosk.ui.screen_awake import ScreenAwake
from kiosk.ui.screens.admin import AdminScreen, AdminUnlockScreen
from kiosk.ui.screens.admin_setup import AdminSetupScreen
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.screens.sign_in import SignInScreen
from kiosk.ui.screens.still_there import StillThereScreen
from kiosk.ui.widgets.controls import make_button

log = logging.getLogger(__name__)
IDLE_TIMEOUT = "clinic.idle_timeout"
DEFAULT_ROUTINE = "clinic.default_routine"
DEFAULT_IDLE_SECONDS = 90
SIGN_IN_TRIES = 5                 # wrong personal PINs in a row before the keypad rests
SIGN_IN_REST_MS = 60_000          # how long it rests: guessing someone's PIN takes hours, not minutes
TOO_MANY_TRIES = "Too many PINs that did not match. Please wait a minute, or ask at the desk."


class ClinicMode(QObject):
    """Turns a MainWindow into a waiting-room kiosk. `start()` locks it; staff leave via the admin screen.

    Signals:
        pin_checked(str, object): a typed PIN was checked off the GUI thread (the profile id or None)
    """

    pin_checked = Signal(str, object)

    def __init__(self, window, store, idle_timeout: float | None = None, wall_clock=time.time,
                 export_folder=None, warning_seconds: float = 15) -> None:
        super().__init__(window)
        self.window, self.store, self.wall_clock = window, store, wall_clock
        self.export_folder = export_folder or store.folder
        settings = window.settings
        self.policy = AdminPinPolicy(settings)
        timeout = idle_timeout or settings.get(IDLE_TIMEOUT, DEFAULT_IDLE_SECONDS)
        self.lock = KioskLock(self)
        self.gesture = CornerGesture(window)
        self.idle = IdleWatcher(timeout_s=timeout, warning_s=warning_seconds, speaker=window.speaker, parent=self)
        self.idle.set_activity_source(self._routine_running)
        self.awake = ScreenAwake()
        self.profile_id: str | None = None
        self._before_interrupt: QWidget | None = None
        self._wrong_sign_ins = 0

        self.attract = window._add(AttractScreen())
        self.sign_in = window._add(SignInScreen())
        self.still_there = window._add(StillThereScreen())
        self.unlock = window._add(AdminUnlockScreen())
        self.setup = window._add(AdminSetupScreen())
        routines = [(r.id, r.title) for r in window.library.routines.values()]
        self.admin = window._add(AdminScreen(routines, export_profile=self._export_profile))
        self.sign_out_button = make_button("Sign out")
        self.sign_out_button.clicked.connect(self.forget_everyone)
        window.home.add_button(self.sign_out_button)
        window.clinic = True

        self.setup.pin_chosen.connect(self._admin_pin_chosen)
        self.attract.start_requested.connect(lambda: self._show(self.sign_in))
        self.sign_in.pin_entered.connect(self._sign_in)
        self.pin_checked.connect(self._pin_checked)
        self.sign_in.new_diary_requested.connect(self._new_diary)
        self.sign_in.guest_requested.connect(lambda: self._signed_in(None))
        self.sign_in.back_requested.connect(self.forget_everyone)
        self.idle.warning_started.connect(self._warn)
        self.still_there.still_here.connect(self.idle.still_here)
        self.idle.warning_ended.connect(self._back_from_interrupt)
        self.idle.timed_out.connect(self.forget_everyone)
        self.gesture.triggered.connect(self._gesture)
        self.unlock.pin_entered.connect(self._admin_pin_entered)
        self.unlock.cancelled.connect(self._back_from_interrupt)
        self.admin.done_requested.connect(self.forget_everyone)
        self.admin.leave_requested.connect(self.leave)
        self.admin.idle_timeout_chosen.connect(self._idle_timeout_chosen)
        self.admin.default_routine_chosen.connect(lambda routine: settings.set(DEFAULT_ROUTINE, routine))
        self.admin.voice_toggled.connect(lambda on: self._voice(enabled=on))
        self.admin.volume_changed.connect(lambda percent: self._voice(volume=percent / 100))
        self.admin.delete_confirmed.connect(self._delete_profile)
        window.stack.currentChanged.connect(self._screen_changed)

    # -- the kiosk's life -------------------------------------------------------------------
    def start(self) -> None:
        """Full screen, no way out but the staff gesture, the screen kept awake, the attract screen."""
        self.lock.apply_to(self.window)
        self.gesture.install()
        method = self.awake.inhibit()
        log.info("screen blanking: %s", method or "could not be prevented")
        self._show(self.attract if self.policy.has_pin() else self.setup)

    def forget_everyone(self) -> None:
        """Sign-out or time-out: stop speaking, drop unsaved input and personal data, attract screen."""
        self.window.forget_person()
        if self.profile_id:
            self.store.writer.flush()
            self.store.close_profile(self.profile_id)
        self.profile_id = None
        for screen in (self.sign_in, self.unlock, self.admin, self.setup):
            screen.reset()
        self.still_there.stop_countdown()
        self._show(self.attract)

    def leave(self) -> None:
        """Staff leave kiosk mode: an ordinary window again."""
        self.forget_everyone()
        self.lock.release()
        self.gesture.uninstall()
        self.idle.stop()
        self.awake.release()
        self.window.clinic = False
        self.sign_out_button.hide()
        self.window.go_home()

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

    def _sign_in(self, pin: str) -> None:
        """Each stored PIN is a slow scrypt hash: compare on the store's thread, answer on this one."""
        self.sign_in.setEnabled(False)
        future = self.store.writer.submit(self._profile_with_pin, pin)
        future.add_done_callback(lambda done: self.pin_checked.emit(pin, done.result()))

    def _profile_with_pin(self, pin: str) -> str | None:
        return next((p.profile_id for p in self.store.profiles.list()
                     if p.has_pin and self.store.profiles.verify_pin(p.profile_id, pin)), None)

    def _pin_checked(self, pin: str, profile_id: str | None) -> None:
        self.sign_in.setEnabled(True)
        if self.window.stack.currentWidget() is not self.sign_in:
            return                                   # timed out or left meanwhile
        if profile_id is not None:
            self._wrong_sign_ins = 0
            self._signed_in(profile_id)
            return
        self._wrong_sign_ins += 1
        if self._wrong_sign_ins < SIGN_IN_TRIES:
            self.sign_in.show_error(offer_new_diary=True)
            return
        self.sign_in.show_error(TOO_MANY_TRIES)
        self.sign_in.setEnabled(False)
        QTimer.singleShot(SIGN_IN_REST_MS, self, self._sign_in_rested)

    def _sign_in_rested(self) -> None:
        self._wrong_sign_ins = 0
        self.sign_in.reset()
        self.sign_in.setEnabled(True)

    def _new_diary(self, pin: str) -> None:
        profile = self.store.profiles.create(pin=pin)
        self._signed_in(profile.profile_id)

    def _signed_in(self, profile_id: str | None) -> None:
        self.profile_id = profile_id
        profile = self.store.open_profile(profile_id) if profile_id else None
        self.window.set_journal(Journal(profile, self.store.writer))
        default = self.window.settings.get(DEFAULT_ROUTINE)
        if default:
            self.window.home.select(default)
        self.window.go_home()

    def _interrupt(self, screen: QWidget) -> None:
        if self.window.stack.currentWidget() not in (self.still_there, self.unlock, self.admin, self.setup):
            self._before_interrupt = self.window.stack.currentWidget()
        self._show(screen)

    def _back_from_interrupt(self) -> None:
        self._show(self._before_interrupt or self.attract)

    def _warn(self, seconds: int) -> None:
        self.still_there.start_countdown(seconds)
        self._interrupt(self.still_there)

    def _gesture(self) -> None:
        if self.window.stack.currentWidget() in (self.unlock, self.admin, self.setup):
            return
        self.unlock.reset()
        now = self.wall_clock()
        if self.policy.is_locked(now):
            self.unlock.show_locked(self.policy.remaining_lock_seconds(now))
        self._interrupt(self.unlock)

    def _admin_pin_chosen(self, pin: str) -> None:
        self.policy.set_pin(pin)
        self._show(self.attract)

    def _admin_pin_entered(self, pin: str) -> None:
        now = self.wall_clock()
        result = self.policy.check(pin, now)
        if result == "ok":
            self.unlock.reset()
            voice = VoiceSettings.load(self.window.settings)
            self.admin.set_state(idle_timeout=round(self.idle_timeout), voice_on=voice.enabled,
                                 default_routine=self.window.settings.get(DEFAULT_ROUTINE),
                                 volume=round(voice.volume * 100))
            self.admin.set_profiles(self._profile_labels())
            self._show(self.admin)
        elif result == "wrong":
            self.unlock.show_wrong(self.policy.tries_left())
        else:
            self.unlock.show_locked(self.policy.remaining_lock_seconds(now))

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

    def _profile_labels(self) -> list[tuple[str, str]]:
        """Staff see profile ids and creation dates, never anyone's scores."""
        return [(p.profile_id, f"{p.profile_id}  (since {p.created:%d %b %Y})")
                for p in self.store.profiles.list() if p.profile_id != GUEST_PROFILE_ID]

    def _export_profile(self, profile_id: str) -> str:
        self.store.writer.flush()
        ratings = self.store.open_profile(profile_id).ratings.list()
        path = self.export_folder / f"pain-diary-{profile_id}.csv"
        text = io.StringIO()
        write_diary(ratings, text)
        write_atomically(path, [text.getvalue()], keep_backup=False)
        return str(path)

    def _delete_profile(self, profile_id: str) -> None:
        try:
            self.store.writer.submit(self.store.delete_profile, profile_id).result(timeout=10)
        except ProfileError as error:
            log.warning("delete: %s", error)
        self.admin.set_profiles(self._profile_labels())

