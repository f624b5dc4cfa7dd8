"""Clinic mode on the real main window and real storage: set-up, sign-in, guest, idle reset, escape."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCloseEvent

from kiosk.core.diary_number import new_diary_number
from kiosk.core.loader import load_routines
from kiosk.core.lockout import DIARY_RULE
from kiosk.core.sign_in import SignInPolicy
from kiosk.ui.screens import sign_in as sign_in_screen
from kiosk.ui.clinic import ClinicMode
from kiosk.services.journal import Journal
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
    """Touch the attract screen, "New diary", choose a PIN twice, note the number shown, go on."""
    qtbot.mouseClick(clinic.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    assert clinic.window.stack.currentWidget() is clinic.sign_in
    qtbot.mouseClick(clinic.sign_in.new_button, Qt.MouseButton.LeftButton)
    type_pin(qtbot, clinic.sign_in.pad, pin)
    type_pin(qtbot, clinic.sign_in.pad, pin)
    qtbot.waitUntil(lambda: clinic.window.stack.currentWidget() is clinic.new_diary, timeout=5_000)
    clinic.test_number = clinic.new_diary.number.text().replace(" ", "")
    qtbot.mouseClick(clinic.new_diary.continue_button, Qt.MouseButton.LeftButton)
    assert clinic.window.stack.currentWidget() is clinic.window.home
    return clinic.profile_id


def sign_in(qtbot, clinic, number: str, pin: str) -> None:
    """From the attract screen: the diary number, then the PIN."""
    qtbot.mouseClick(clinic.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    assert clinic.window.stack.currentWidget() is clinic.sign_in
    qtbot.waitUntil(clinic.sign_in.isEnabled, timeout=5_000)
    type_pin(qtbot, clinic.sign_in.pad, number)
    type_pin(qtbot, clinic.sign_in.pad, pin)


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
    number = clinic.test_number
    assert number == store.profiles.get(profile_id).number
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
    # The number and PIN sign the same person in again; the safety screen shows again for them.
    sign_in(qtbot, clinic, number, "4826")
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
    clinic = make_clinic(timeout=60, warning=0.4)
    window = clinic.window
    sign_in_new(qtbot, clinic, "1357")
    clinic.idle.set_timeout(0.4)               # short only now: a busy machine may take that to make a diary
    qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.still_there, timeout=5_000)
    assert "Are you still there?" in speaker.said
    qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.attract, timeout=5_000)
    assert clinic.profile_id is None and not window.journal.keeps_records


def test_the_window_shows_the_visits_step_and_an_idle_reset_mid_routine_forgets_the_visit(make_clinic, qtbot, store):
    from kiosk.core.visit import Step

    clinic = make_clinic(timeout=60, warning=0.3)
    window = clinic.window
    assert window.visit.step is Step.ATTRACT and window.clinic
    profile_id = sign_in_new(qtbot, clinic, "2468")
    assert window.visit.step is Step.HOME and window.visit.profile_id == profile_id
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(window, "I understand, continue"), Qt.MouseButton.LeftButton)
    assert window.visit.step is Step.RATING and window.stack.currentWidget() is window.rating
    qtbot.mouseClick(window.rating.rating_button(3), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.visit.step is Step.PLAYER and window.controller.session is not None,
                    timeout=10_000)
    assert window.stack.currentWidget() is window.player and window.visit.session_id
    window.controller.toggle_pause()                  # paused: not activity, so the idle reset comes
    clinic.idle.set_timeout(0.3)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.attract, timeout=5_000)
    visit = window.visit
    assert (visit.step, visit.profile_id, visit.session_id, visit.routine, visit.before_pain, visit.safety_seen) == (
        Step.ATTRACT, None, "", None, None, False)
    assert window.controller.session is None and not window.journal.keeps_records
    qtbot.waitUntil(lambda: profile_id not in store._open, timeout=5_000)      # their diary closed


def test_still_here_keeps_the_person(make_clinic, qtbot):
    clinic = make_clinic(timeout=60, warning=3)
    window = clinic.window
    sign_in_new(qtbot, clinic, "1357")
    clinic.idle.set_timeout(0.4)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.still_there, timeout=5_000)
    qtbot.mouseClick(button(window, "I'm still here"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home and clinic.profile_id is not None


def test_a_running_routine_counts_as_activity(make_clinic, qtbot):
    clinic = make_clinic(timeout=60, warning=0.3)
    window = clinic.window
    window.controller._scale = 1.0                       # play in real time: it stays running
    sign_in_new(qtbot, clinic, "8642")
    clinic.idle.set_timeout(0.3)
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


def test_the_new_diary_number_is_shown_never_spoken_and_staff_see_it(make_clinic, qtbot, store, speaker):
    clinic = make_clinic()
    profile_id = sign_in_new(qtbot, clinic, "4826")
    number = clinic.test_number
    assert all(number not in said.replace(" ", "") and number[:4] not in said for said in speaker.said)
    labels = clinic._profile_labels()
    assert [label for pid, label in labels if pid == profile_id] == [
        next(label for _pid, label in labels if f"{number[:4]} {number[4:]}" in label)]


def test_a_mistyped_pin_or_number_never_starts_a_diary(make_clinic, qtbot, store):
    ann = store.profiles.create("ann", pin="4826")
    clinic = make_clinic()
    sign_in(qtbot, clinic, ann.number, "4827")
    assert clinic.sign_in.error.text() == sign_in_screen.PIN_MISMATCH
    assert clinic.sign_in.pad.digit_count == 8                 # the number stays typed, to check
    other = next(n for n in iter(new_diary_number, None) if n != ann.number)
    clinic.sign_in.reset()
    type_pin(qtbot, clinic.sign_in.pad, other)
    type_pin(qtbot, clinic.sign_in.pad, "4826")
    assert clinic.sign_in.error.text() == sign_in_screen.PIN_MISMATCH
    assert [p.profile_id for p in store.profiles.list()] == ["ann"] and clinic.profile_id is None
    bad = ann.number[:-1] + str((int(ann.number[-1]) + 1) % 10)   # a wrong check digit: caught on the keypad
    clinic.sign_in.reset()
    type_pin(qtbot, clinic.sign_in.pad, bad)
    assert clinic.sign_in.error.text() == sign_in_screen.NOT_A_NUMBER
    assert clinic.sign_in.step == sign_in_screen.NUMBER_STEP


def test_wrong_pins_rest_the_diary_and_the_keypad_comes_back_by_itself(make_clinic, qtbot, store):
    ann = store.profiles.create("ann", pin="4826")
    clinic = make_clinic()
    clinic.sign_in_policy = SignInPolicy(store.profiles, store.settings,
                                         diary_rule=replace(DIARY_RULE, misses_before_rest=2, first_rest=1.0))
    sign_in(qtbot, clinic, ann.number, "1111")
    assert clinic.sign_in.error.text() == sign_in_screen.PIN_MISMATCH
    type_pin(qtbot, clinic.sign_in.pad, "")                   # OK: the number is kept
    type_pin(qtbot, clinic.sign_in.pad, "1111")
    assert "Too many wrong PINs for this diary" in clinic.sign_in.error.text()
    assert clinic.sign_in.resting and not clinic.sign_in.pad.isEnabled()
    qtbot.waitUntil(clinic.sign_in.pad.isEnabled, timeout=5_000)
    type_pin(qtbot, clinic.sign_in.pad, "")
    type_pin(qtbot, clinic.sign_in.pad, "4826")
    assert clinic.profile_id == "ann"


def test_when_the_check_fails_the_keypad_comes_back_with_a_message(make_clinic, qtbot, store, monkeypatch):
    ann = store.profiles.create("ann", pin="4826")
    clinic = make_clinic()

    def broken(*_args):
        raise OSError("disk unplugged")

    monkeypatch.setattr(clinic.sign_in_policy, "check", broken)
    sign_in(qtbot, clinic, ann.number, "4826")
    assert clinic.sign_in.isEnabled() and clinic.sign_in.pad.isEnabled()
    assert clinic.sign_in.error.text() == sign_in_screen.PROBLEM
    monkeypatch.undo()
    type_pin(qtbot, clinic.sign_in.pad, "")
    type_pin(qtbot, clinic.sign_in.pad, "4826")
    assert clinic.profile_id == "ann"


def test_when_the_staff_pin_check_fails_its_keypad_comes_back_with_a_message(make_clinic, qtbot, monkeypatch):
    clinic = make_clinic()
    window = clinic.window

    def broken(*_args):
        raise OSError("disk unplugged")

    monkeypatch.setattr(clinic.policy, "check", broken)
    for _ in range(5):
        qtbot.mouseClick(window.stack.currentWidget(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    type_pin(qtbot, clinic.unlock.pad, ADMIN_PIN)
    assert clinic.unlock.pad.isEnabled() and "could not be checked" in clinic.unlock.message.text()
    monkeypatch.undo()
    type_pin(qtbot, clinic.unlock.pad, ADMIN_PIN)
    assert window.stack.currentWidget() is clinic.admin
