"""Clinic mode flows on the real main window and storage: admin PIN, lockout, idle, escape keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from kiosk.core.admin_pin import AdminPinPolicy
from kiosk.core.loader import load_routines
from kiosk.ui.clinic import ClinicMode
from kiosk.ui.idle_watcher import STILL_THERE_QUESTION
from kiosk.services.journal import Journal
from kiosk.ui.main_window import MainWindow


class WallClock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clinic(qtbot, speaker, store, mini_folder):
    """`clinic()` starts the kiosk on the shared data store; calling it again is a restart."""
    made = []
    store.profiles.create("p1", pin="4826")

    def build():
        window = MainWindow(load_routines(mini_folder), speaker, store.settings, Journal(), time_scale=50)
        qtbot.addWidget(window)
        window.resize(1024, 600)
        # Idle after 1 s: long enough that a PIN check (scrypt, on the store thread) on a busy machine
        # finishes before it, short enough for a quick test.
        kiosk = ClinicMode(window, store, idle_timeout=1.0, warning_seconds=0.3, wall_clock=WallClock())
        window.show()
        qtbot.waitExposed(window)
        kiosk.start()
        made.append(kiosk)
        return kiosk

    yield build
    for kiosk in made:
        kiosk.leave()
        kiosk.attract.stop_demo()


def five_corner_taps(qtbot, clinic) -> None:
    for _ in range(5):
        qtbot.mouseClick(clinic.window.stack.currentWidget(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


def type_pin(qtbot, pad, pin: str) -> None:
    qtbot.keyClicks(pad, pin)
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    screen = pad.parentWidget()
    qtbot.waitUntil(screen.isEnabled, timeout=5_000)      # a sign-in PIN is checked off-thread


def test_first_start_asks_for_an_admin_pin_once(qtbot, clinic, store):
    first = clinic()
    assert first.window.stack.currentWidget() is first.setup
    type_pin(qtbot, first.setup.pad, "135790")
    type_pin(qtbot, first.setup.pad, "135790")
    assert first.window.stack.currentWidget() is first.attract
    assert not any("135790" in p.read_text(errors="replace") for p in store.folder.iterdir() if p.is_file())
    first.leave()
    second = clinic()
    assert second.window.stack.currentWidget() is second.attract


def test_gesture_then_pin_opens_the_admin_screen_and_leave_unlocks(qtbot, clinic, store):
    AdminPinPolicy(store.settings).set_pin("2468")
    wiring = clinic()
    five_corner_taps(qtbot, wiring)
    assert wiring.window.stack.currentWidget() is wiring.unlock
    type_pin(qtbot, wiring.unlock.pad, "2468")
    assert wiring.window.stack.currentWidget() is wiring.admin
    assert wiring.window.close() is False                     # still locked on the admin screen
    qtbot.mouseClick(wiring.admin.leave_button, Qt.MouseButton.LeftButton)
    assert not wiring.lock.locked and wiring.window.close() is True


def test_five_wrong_pins_lock_the_gesture_for_five_minutes_across_a_restart(qtbot, clinic, store):
    AdminPinPolicy(store.settings).set_pin("2468")
    wiring = clinic()
    five_corner_taps(qtbot, wiring)
    for attempt in range(5):
        type_pin(qtbot, wiring.unlock.pad, "1111")
    assert "Too many wrong PINs" in wiring.unlock.message.text()
    assert not wiring.unlock.pad.isEnabled()
    qtbot.mouseClick(wiring.unlock.cancel_button, Qt.MouseButton.LeftButton)
    wiring.leave()

    restarted = clinic()                               # a restart: same settings, new objects
    restarted.wall_clock.now = wiring.wall_clock.now + 60
    five_corner_taps(qtbot, restarted)
    assert restarted.window.stack.currentWidget() is restarted.unlock
    qtbot.waitUntil(lambda: not restarted.unlock.pad.isEnabled(), timeout=5_000)   # still locked
    type_pin(qtbot, restarted.unlock.pad, "2468")
    assert restarted.window.stack.currentWidget() is restarted.unlock
    qtbot.mouseClick(restarted.unlock.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.wait(450)
    restarted.wall_clock.now += 300
    five_corner_taps(qtbot, restarted)
    assert restarted.unlock.pad.isEnabled()
    type_pin(qtbot, restarted.unlock.pad, "2468")
    assert restarted.window.stack.currentWidget() is restarted.admin


def test_idle_after_sign_in_warns_then_forgets_the_person(qtbot, clinic, speaker, store):
    AdminPinPolicy(store.settings).set_pin("2468")
    wiring = clinic()
    qtbot.mouseClick(wiring.attract, Qt.MouseButton.LeftButton)
    assert wiring.window.stack.currentWidget() is wiring.sign_in
    number = store.profiles.get("p1").number
    type_pin(qtbot, wiring.sign_in.pad, number)
    type_pin(qtbot, wiring.sign_in.pad, "0000")
    assert wiring.sign_in.error.isVisible()
    type_pin(qtbot, wiring.sign_in.pad, "")                     # the number is still typed: OK
    type_pin(qtbot, wiring.sign_in.pad, "4826")
    assert wiring.profile_id == "p1" and wiring.window.stack.currentWidget() is wiring.window.home
    qtbot.waitUntil(lambda: wiring.window.stack.currentWidget() is wiring.still_there, timeout=3000)
    assert speaker.said[-1] == STILL_THERE_QUESTION
    qtbot.waitUntil(lambda: wiring.window.stack.currentWidget() is wiring.attract, timeout=3000)
    assert wiring.profile_id is None


def test_im_still_here_returns_to_where_the_person_was(qtbot, clinic, store):
    AdminPinPolicy(store.settings).set_pin("2468")
    wiring = clinic()
    qtbot.mouseClick(wiring.attract, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wiring.sign_in.pad, "48")                  # half-typed number
    qtbot.waitUntil(lambda: wiring.window.stack.currentWidget() is wiring.still_there, timeout=3000)
    qtbot.mouseClick(wiring.still_there.button, Qt.MouseButton.LeftButton)
    assert wiring.window.stack.currentWidget() is wiring.sign_in
    assert wiring.idle.state == "watching"
    qtbot.waitUntil(lambda: wiring.window.stack.currentWidget() is wiring.attract, timeout=5000)
    assert wiring.sign_in.pad.digit_count == 0                 # unsaved input dropped


def test_escape_keys_do_nothing_in_the_wired_kiosk(qtbot, clinic, store):
    AdminPinPolicy(store.settings).set_pin("2468")
    wiring = clinic()
    for key, mods in ((Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier), (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                      (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier), (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier)):
        qtbot.keyClick(wiring.attract, key, mods)
    assert wiring.window.isVisible() and wiring.window.isFullScreen()
    assert wiring.window.stack.currentWidget() is wiring.attract
