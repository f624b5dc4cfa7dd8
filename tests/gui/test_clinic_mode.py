"""Clinic mode on the real main window and real storage: set-up, sign-in, guest, idle reset, escape."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCloseEvent

from kiosk.core.loader import load_routines
from kiosk.ui.clinic import ClinicMode
from kiosk.ui.journal import Journal
from kiosk.ui.main_window import MainWindow
from test_player_flow import button

ADMIN_PIN = "97531"


def type_pin(qtbot, pad, pin: str) -> None:
    qtbot.keyClicks(pad, pin)
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    screen = pad.parentWidget()
    qtbot.waitUntil(screen.isEnabled, timeout=5_000)      # a sign-in PIN is checked off-thread


@pytest.fixture
def make_clinic(qtbot, speaker, store, mini_folder):
    built = []

    def build(admin_pin: str | None = ADMIN_PIN, timeout: float = 60, warning: float = 15):
        if admin_pin:
            from kiosk.core.admin_pin import AdminPinPolicy
            AdminPinPolicy(store.settings).set_pin(admin_pin)
        window = MainWindow(load_routines(mini_folder), speaker, store.settings, Journal(), time_scale=50)
        qtbot.addWidget(window)
        window.resize(1024, 600)
        clinic = ClinicMode(window, store, idle_timeout=timeout, warning_seconds=warning)
        window.show()
        qtbot.waitExposed(window)
        clinic.start()
        window.activateWindow()
        built.append(clinic)
        return clinic

    yield build
    for clinic in built:
        clinic.leave()


def sign_in_new(qtbot, clinic, pin: str) -> str:
    """Touch the attract screen, type an unknown PIN, start a new diary with it."""
    qtbot.mouseClick(clinic.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    assert clinic.window.stack.currentWidget() is clinic.sign_in
    type_pin(qtbot, clinic.sign_in.pad, pin)
    assert clinic.sign_in.error.isVisible()
    qtbot.mouseClick(clinic.sign_in.new_button, Qt.MouseButton.LeftButton)
    assert clinic.window.stack.currentWidget() is clinic.window.home
    return clinic.profile_id


def test_first_start_asks_for_the_admin_pin(make_clinic, qtbot, store):
    clinic = make_clinic(admin_pin=None)
    assert clinic.window.stack.currentWidget() is clinic.setup
    type_pin(qtbot, clinic.setup.pad, "2468")
    type_pin(qtbot, clinic.setup.pad, "2468")
    assert clinic.window.stack.currentWidget() is clinic.attract
    assert clinic.policy.has_pin()


def test_sign_in_records_into_that_persons_file_and_sign_out_forgets_them(make_clinic, qtbot, store):
    clinic = make_clinic()
    window = clinic.window
    profile_id = sign_in_new(qtbot, clinic, "4826")
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.safety           # every new person sees it
    qtbot.mouseClick(button(window, "I understand, continue"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.rating.rating_button(5), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.player, timeout=10_000)
    window.go_home()
    qtbot.mouseClick(button(window, "Sign out"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is clinic.attract
    saved = json.loads((store.folder / f"profile-{profile_id}.json").read_text())
    assert [r["pain"] for r in saved["ratings"].values()] == [5]
    assert window.journal.ratings() == [] and not window.journal.keeps_records
    # The same PIN signs the same person in again; the safety screen shows again for them.
    qtbot.mouseClick(clinic.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    type_pin(qtbot, clinic.sign_in.pad, "4826")
    assert clinic.profile_id == profile_id
    assert [r.pain for r in window.journal.ratings()] == [5]
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.safety


def test_guest_leaves_no_trace_on_disk(make_clinic, qtbot, store):
    clinic = make_clinic()
    window = clinic.window
    before = sorted(p.name for p in store.folder.iterdir())
    qtbot.mouseClick(clinic.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    qtbot.mouseClick(button(window, "Continue as guest"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(window, "I understand, continue"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.rating.rating_button(7), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.player, timeout=10_000)
    window.controller.end()
    store.writer.flush()
    assert sorted(p.name for p in store.folder.iterdir()) == before


def test_idle_warns_then_resets_to_the_attract_screen(make_clinic, qtbot, speaker):
    clinic = make_clinic(timeout=0.4, warning=0.4)
    window = clinic.window
    sign_in_new(qtbot, clinic, "1357")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.still_there, timeout=5_000)
    assert "Are you still there?" in speaker.said
    qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.attract, timeout=5_000)
    assert clinic.profile_id is None and not window.journal.keeps_records


def test_still_here_keeps_the_person(make_clinic, qtbot):
    clinic = make_clinic(timeout=0.4, warning=3)
    window = clinic.window
    sign_in_new(qtbot, clinic, "1357")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.still_there, timeout=5_000)
    qtbot.mouseClick(button(window, "I'm still here"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home and clinic.profile_id is not None


def test_a_running_routine_counts_as_activity(make_clinic, qtbot):
    clinic = make_clinic(timeout=0.3, warning=0.3)
    window = clinic.window
    window.controller._scale = 1.0                       # play in real time: it stays running
    sign_in_new(qtbot, clinic, "8642")
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(window, "I understand, continue"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(window, "Skip"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.player
    qtbot.wait(1200)
    assert window.stack.currentWidget() is window.player  # no warning while it plays
    qtbot.keyClick(window.player, Qt.Key.Key_Space)        # paused: no longer activity
    qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.still_there, timeout=5_000)


@pytest.mark.parametrize("key, modifiers", [
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
])
def test_escape_keys_do_nothing(make_clinic, qtbot, key, modifiers):
    clinic = make_clinic()
    qtbot.keyClick(clinic.window, key, modifiers)
    assert clinic.window.isVisible() and clinic.window.isFullScreen()
    assert clinic.window.stack.currentWidget() is clinic.attract


def test_close_requests_are_refused(make_clinic, qtbot):
    clinic = make_clinic()
    assert clinic.window.close() is False
    assert clinic.window.isVisible()


def test_staff_gesture_and_pin_open_the_admin_screen_and_leave(make_clinic, qtbot):
    clinic = make_clinic()
    window = clinic.window
    for _ in range(5):
        qtbot.mouseClick(window.stack.currentWidget(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert window.stack.currentWidget() is clinic.unlock
    type_pin(qtbot, clinic.unlock.pad, ADMIN_PIN)
    assert window.stack.currentWidget() is clinic.admin
    qtbot.mouseClick(button(window, "Leave kiosk mode"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home
    assert window.close() is True


def test_five_wrong_sign_in_pins_rest_the_keypad(make_clinic, qtbot, store, monkeypatch):
    import kiosk.ui.clinic as clinic_module

    monkeypatch.setattr(clinic_module, "SIGN_IN_REST_MS", 400)
    store.profiles.create("ann", pin="4826")
    clinic = make_clinic()
    qtbot.mouseClick(clinic.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    for _ in range(4):
        type_pin(qtbot, clinic.sign_in.pad, "1111")
        assert clinic.sign_in.new_button.isVisible()
    qtbot.keyClicks(clinic.sign_in.pad, "1111")
    qtbot.keyClick(clinic.sign_in.pad, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: clinic.sign_in.error.text() == clinic_module.TOO_MANY_TRIES, timeout=5_000)
    assert not clinic.sign_in.isEnabled() and not clinic.sign_in.new_button.isVisible()
    qtbot.waitUntil(clinic.sign_in.isEnabled, timeout=5_000)
    type_pin(qtbot, clinic.sign_in.pad, "4826")
    assert clinic.profile_id == "ann"
