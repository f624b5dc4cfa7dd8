"""The clinic pieces wired together the way the main window should wire them (see the class below)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core.admin_pin import AdminPinPolicy
from kiosk.ui.corner_gesture import CornerGesture
from kiosk.ui.idle_watcher import STILL_THERE_QUESTION, IdleWatcher
from kiosk.ui.kiosk_lock import KioskLock
from kiosk.ui.screens.admin import AdminScreen, AdminUnlockScreen
from kiosk.ui.screens.admin_setup import AdminSetupScreen
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.screens.sign_in import SignInScreen
from kiosk.ui.screens.still_there import StillThereScreen
from kiosk.ui.theme import stylesheet, unit_for_height


class MemorySettings(dict):
    def set(self, key, value) -> None:
        self[key] = value


class WallClock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


class ClinicWiring:
    """A stand-in for MainWindow in clinic mode: the signal connections the lead should copy."""

    def __init__(self, qtbot, settings, speaker, wall_clock, profiles: dict[str, str]) -> None:
        self.window = QWidget()
        self.window.setStyleSheet(stylesheet(unit_for_height(600)))
        self.stack = QStackedWidget()
        QVBoxLayout(self.window).addWidget(self.stack)
        self.policy = AdminPinPolicy(settings)
        self.settings, self.wall_clock, self.profiles = settings, wall_clock, profiles
        self.signed_in: str | None = None
        self._before_interrupt: QWidget | None = None

        self.attract = AttractScreen()
        self.sign_in = SignInScreen()
        self.home = QLabel("Home")                       # stands for HomeScreen
        self.still_there = StillThereScreen()
        self.unlock = AdminUnlockScreen()
        self.admin = AdminScreen([("floor", "Floor routine")])
        self.setup = AdminSetupScreen()
        for screen in (self.attract, self.sign_in, self.home, self.still_there, self.unlock, self.admin,
                       self.setup):
            self.stack.addWidget(screen)

        self.lock = KioskLock(self.window)
        self.gesture = CornerGesture(self.window)
        self.idle = IdleWatcher(timeout_s=0.3, warning_s=0.3, speaker=speaker, parent=self.window)

        self.setup.pin_chosen.connect(self._admin_pin_chosen)
        self.attract.start_requested.connect(lambda: self.show(self.sign_in))
        self.sign_in.pin_entered.connect(self._sign_in)
        self.sign_in.guest_requested.connect(lambda: self._signed_in(None))
        self.sign_in.back_requested.connect(self.go_attract)
        self.idle.warning_started.connect(self._warn)
        self.still_there.still_here.connect(self.idle.still_here)
        self.idle.warning_ended.connect(self._back_from_interrupt)
        self.idle.timed_out.connect(self.forget_everyone)
        self.gesture.triggered.connect(self._gesture)
        self.unlock.pin_entered.connect(self._admin_pin_entered)
        self.unlock.cancelled.connect(self._back_from_interrupt)
        self.admin.done_requested.connect(self.forget_everyone)
        self.admin.leave_requested.connect(self.leave_clinic_mode)
        self.admin.idle_timeout_chosen.connect(self.idle.set_timeout)

        qtbot.addWidget(self.window)
        self.window.resize(1024, 600)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.lock.apply_to(self.window)
        self.gesture.install()
        self.show(self.attract if self.policy.has_pin() else self.setup)

    # navigation
    def show(self, screen: QWidget) -> None:
        self.stack.setCurrentWidget(screen)
        if screen is self.attract:
            self.idle.stop()
        elif self.idle.state in ("stopped", "timed_out"):
            self.idle.start()

    def go_attract(self) -> None:
        self.show(self.attract)

    def forget_everyone(self) -> None:
        """Time-out or sign-out: drop unsaved input and personal data, back to the attract screen."""
        self.signed_in = None
        for screen in (self.sign_in, self.unlock, self.admin, self.setup):
            screen.reset()
        self.still_there.stop_countdown()
        self.go_attract()

    def leave_clinic_mode(self) -> None:
        self.lock.release()
        self.gesture.uninstall()
        self.idle.stop()
        self.stack.setCurrentWidget(self.home)

    # handlers
    def _admin_pin_chosen(self, pin: str) -> None:
        self.policy.set_pin(pin)
        self.go_attract()

    def _sign_in(self, pin: str) -> None:
        match = next((pid for pid, known in self.profiles.items() if known == pin), None)
        if match is None:
            self.sign_in.show_error()
        else:
            self._signed_in(match)

    def _signed_in(self, profile_id: str | None) -> None:
        self.signed_in = profile_id
        self.show(self.home)

    def _interrupt(self, screen: QWidget) -> None:
        if self.stack.currentWidget() not in (self.still_there, self.unlock, self.admin, self.setup):
            self._before_interrupt = self.stack.currentWidget()
        self.show(screen)

    def _back_from_interrupt(self) -> None:
        self.show(self._before_interrupt or self.attract)

    def _warn(self, seconds: int) -> None:
        self.still_there.start_countdown(seconds)
        self._interrupt(self.still_there)

    def _gesture(self) -> None:
        if self.stack.currentWidget() in (self.unlock, self.admin, self.setup):
            return
        self.unlock.reset()
        now = self.wall_clock()
        if self.policy.is_locked(now):
            self.unlock.show_locked(self.policy.remaining_lock_seconds(now))
        self._interrupt(self.unlock)

    def _admin_pin_entered(self, pin: str) -> None:
        now = self.wall_clock()
        result = self.policy.check(pin, now)
        if result == "ok":
            self.unlock.reset()
            self.show(self.admin)
        elif result == "wrong":
            self.unlock.show_wrong(self.policy.tries_left())
        else:
            self.unlock.show_locked(self.policy.remaining_lock_seconds(now))


@pytest.fixture
def clinic(qtbot, speaker):
    made = []

    def build(settings=None, profiles=None):
        wiring = ClinicWiring(qtbot, settings if settings is not None else MemorySettings(), speaker,
                              WallClock(), profiles or {"p1": "4826"})
        made.append(wiring)
        return wiring

    yield build
    for wiring in made:
        wiring.idle.stop()
        wiring.attract.stop_demo()
        wiring.lock.release()
        wiring.gesture.uninstall()


def five_corner_taps(qtbot, clinic) -> None:
    for _ in range(5):
        qtbot.mouseClick(clinic.stack.currentWidget(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


def type_pin(qtbot, pad, pin: str) -> None:
    qtbot.keyClicks(pad, pin)
    qtbot.keyClick(pad, Qt.Key.Key_Return)


def test_first_start_asks_for_an_admin_pin_once(qtbot, clinic):
    settings = MemorySettings()
    first = clinic(settings)
    assert first.stack.currentWidget() is first.setup
    type_pin(qtbot, first.setup.pad, "135790")
    type_pin(qtbot, first.setup.pad, "135790")
    assert first.stack.currentWidget() is first.attract
    assert "135790" not in str(settings)
    first.leave_clinic_mode()
    second = clinic(settings)
    assert second.stack.currentWidget() is second.attract


def test_gesture_then_pin_opens_the_admin_screen_and_leave_unlocks(qtbot, clinic):
    settings = MemorySettings()
    AdminPinPolicy(settings).set_pin("2468")
    wiring = clinic(settings)
    five_corner_taps(qtbot, wiring)
    assert wiring.stack.currentWidget() is wiring.unlock
    type_pin(qtbot, wiring.unlock.pad, "2468")
    assert wiring.stack.currentWidget() is wiring.admin
    assert wiring.window.close() is False                     # still locked on the admin screen
    qtbot.mouseClick(wiring.admin.leave_button, Qt.MouseButton.LeftButton)
    assert not wiring.lock.locked and wiring.window.close() is True


def test_five_wrong_pins_lock_the_gesture_for_five_minutes_across_a_restart(qtbot, clinic):
    settings = MemorySettings()
    AdminPinPolicy(settings).set_pin("2468")
    wiring = clinic(settings)
    five_corner_taps(qtbot, wiring)
    for attempt in range(5):
        type_pin(qtbot, wiring.unlock.pad, "1111")
    assert "Too many wrong PINs" in wiring.unlock.message.text()
    assert not wiring.unlock.pad.isEnabled()
    qtbot.mouseClick(wiring.unlock.cancel_button, Qt.MouseButton.LeftButton)
    wiring.leave_clinic_mode()

    restarted = clinic(settings)                               # a restart: same settings, new objects
    restarted.wall_clock.now = wiring.wall_clock.now + 60
    five_corner_taps(qtbot, restarted)
    assert restarted.stack.currentWidget() is restarted.unlock
    assert not restarted.unlock.pad.isEnabled()                # still locked
    type_pin(qtbot, restarted.unlock.pad, "2468")
    assert restarted.stack.currentWidget() is restarted.unlock
    qtbot.mouseClick(restarted.unlock.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.wait(450)
    restarted.wall_clock.now += 300
    five_corner_taps(qtbot, restarted)
    assert restarted.unlock.pad.isEnabled()
    type_pin(qtbot, restarted.unlock.pad, "2468")
    assert restarted.stack.currentWidget() is restarted.admin


def test_idle_after_sign_in_warns_then_forgets_the_person(qtbot, clinic, speaker):
    settings = MemorySettings()
    AdminPinPolicy(settings).set_pin("2468")
    wiring = clinic(settings)
    qtbot.mouseClick(wiring.attract, Qt.MouseButton.LeftButton)
    assert wiring.stack.currentWidget() is wiring.sign_in
    type_pin(qtbot, wiring.sign_in.pad, "0000")
    assert wiring.sign_in.error.isVisible()
    type_pin(qtbot, wiring.sign_in.pad, "4826")
    assert wiring.signed_in == "p1" and wiring.stack.currentWidget() is wiring.home
    qtbot.waitUntil(lambda: wiring.stack.currentWidget() is wiring.still_there, timeout=3000)
    assert speaker.said[-1] == STILL_THERE_QUESTION
    qtbot.waitUntil(lambda: wiring.stack.currentWidget() is wiring.attract, timeout=3000)
    assert wiring.signed_in is None


def test_im_still_here_returns_to_where_the_person_was(qtbot, clinic):
    settings = MemorySettings()
    AdminPinPolicy(settings).set_pin("2468")
    wiring = clinic(settings)
    qtbot.mouseClick(wiring.attract, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wiring.sign_in.pad, "48")                  # half-typed PIN
    qtbot.waitUntil(lambda: wiring.stack.currentWidget() is wiring.still_there, timeout=3000)
    qtbot.mouseClick(wiring.still_there.button, Qt.MouseButton.LeftButton)
    assert wiring.stack.currentWidget() is wiring.sign_in
    assert wiring.idle.state == "watching"
    qtbot.waitUntil(lambda: wiring.stack.currentWidget() is wiring.attract, timeout=5000)
    assert wiring.sign_in.pad.digit_count == 0                 # unsaved input dropped


def test_escape_keys_do_nothing_in_the_wired_kiosk(qtbot, clinic):
    settings = MemorySettings()
    AdminPinPolicy(settings).set_pin("2468")
    wiring = clinic(settings)
    for key, mods in ((Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier), (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                      (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier), (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier)):
        qtbot.keyClick(wiring.attract, key, mods)
    assert wiring.window.isVisible() and wiring.window.isFullScreen()
    assert wiring.stack.currentWidget() is wiring.attract
