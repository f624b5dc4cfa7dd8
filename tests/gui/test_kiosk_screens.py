"""The clinic screens: keypad by touch and keys, admin signals, attract and sign-in, sizes and pictures."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QListWidget, QScrollArea, QWidget

from kiosk.ui.screens.admin import AdminScreen, AdminUnlockScreen
from kiosk.ui.screens.admin_setup import AdminSetupScreen
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.screens.new_diary import NewDiaryScreen
from kiosk.ui.screens.sign_in import (
    CHOOSE_STEP,
    EASY_PIN,
    NOT_A_NUMBER,
    NUMBER_STEP,
    PIN_MISMATCH,
    PIN_STEP,
    PINS_DIFFER,
    REPEAT_STEP,
    SignInScreen,
)
from kiosk.ui.screens.still_there import StillThereScreen
from kiosk.ui.widgets.drive_choice import Volume
from kiosk.ui.widgets.pin_pad import KEY_BOUNCE_MS
from kiosk.ui.widgets.touch_button import touch_target_px

SHOTS = Path("/tmp/kiosk_shots")
ROUTINES = [("floor", "Floor routine"), ("gentle-start", "Gentle start"),
            ("waiting-room", "Waiting-room chair routine"), ("floor-advanced", "Floor, advanced")]
# Sizes with the physical density of a typical screen of that resolution:
# a 21.5-inch 1920x1080 monitor (102 dpi) and a 10.1-inch 1024x600 panel (118 dpi).
SIZES = [((1920, 1080), 102.0), ((1024, 600), 118.0)]


@pytest.fixture
def hosted(host_screen):
    """`hosted(screen, size=(1280, 800))`: the screen inside a window styled like the main window."""
    return lambda screen, size=(1280, 800): host_screen(screen, size)


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def buttons_named(screen: QWidget) -> dict[str, QAbstractButton]:
    return {b.accessibleName(): b for b in screen.findChildren(QAbstractButton)}


# --- sign in -----------------------------------------------------------------------------------

NUMBER = "15002278"          # a diary number (its check digit is right)


def test_keypad_by_touch_number_as_digits_then_pin_as_dots(qtbot, hosted):
    screen = SignInScreen()
    hosted(screen)
    keys = buttons_named(screen)
    assert not keys["OK"].isEnabled()
    for before, digit in zip(" " + NUMBER, NUMBER):
        if digit == before:
            qtbot.wait(KEY_BOUNCE_MS + 20)             # the same key again: not a bounce
        click(qtbot, keys[digit])
    assert screen.pad.dots.text() == "1 5 0 0  2 2 7 8"              # a number is not a secret
    click(qtbot, keys["OK"])
    assert screen.step == PIN_STEP and "1500 2278" in screen.explain.text()
    qtbot.wait(KEY_BOUNCE_MS + 20)
    for digit in "2580":
        click(qtbot, keys[digit])
    assert screen.pad.dots.text() == "\u25CF \u25CF \u25CF \u25CF"          # dots, never digits
    assert "2580" not in screen.pad.dots.accessibleName()
    assert screen.pad.dots.accessibleName() == "PIN: 4 digits entered"
    click(qtbot, keys["Delete"])
    click(qtbot, keys["7"])
    with qtbot.waitSignal(screen.sign_in_requested) as entered:
        click(qtbot, keys["OK"])
    assert entered.args == [NUMBER, "2587"]
    assert screen.pad.digit_count == 0


def test_a_bounce_on_one_key_is_one_digit_but_a_real_second_press_counts(qtbot, hosted):
    screen = SignInScreen()
    hosted(screen)
    keys = buttons_named(screen)
    click(qtbot, keys["1"])
    click(qtbot, keys["1"])                        # at once: a bounce
    assert screen.pad.digit_count == 1
    qtbot.wait(KEY_BOUNCE_MS + 50)
    click(qtbot, keys["1"])
    assert screen.pad.digit_count == 2


def test_keypad_by_keyboard(qtbot, hosted):
    screen = SignInScreen()
    hosted(screen)
    screen.setFocus()
    qtbot.keyClicks(screen.pad, NUMBER + "9")      # eight digits at most
    assert screen.pad.digit_count == 8
    qtbot.keyClick(screen.pad, Qt.Key.Key_Return)
    qtbot.keyClicks(screen.pad, "12345678")        # a PIN: at most six digits
    assert screen.pad.digit_count == 6
    qtbot.keyClick(screen.pad, Qt.Key.Key_Backspace)
    qtbot.keyClick(screen.pad, Qt.Key.Key_Backspace)
    with qtbot.waitSignal(screen.sign_in_requested) as entered:
        qtbot.keyClick(screen.pad, Qt.Key.Key_Return)
    assert entered.args == [NUMBER, "1234"]


def test_focused_key_pressed_with_enter_or_space(qtbot, hosted):
    screen = SignInScreen()
    hosted(screen)
    keys = buttons_named(screen)
    keys["9"].setFocus()
    qtbot.keyClick(keys["9"], Qt.Key.Key_Return)
    qtbot.wait(KEY_BOUNCE_MS + 50)
    qtbot.keyClick(keys["9"], Qt.Key.Key_Space)
    assert screen.pad.digit_count == 2


def test_short_numbers_and_pins_are_not_sent_and_a_wrong_check_digit_is_caught(qtbot, hosted):
    screen = SignInScreen()
    hosted(screen)
    with qtbot.assertNotEmitted(screen.sign_in_requested):
        qtbot.keyClicks(screen.pad, NUMBER[:7])
        qtbot.keyClick(screen.pad, Qt.Key.Key_Enter)
        assert screen.step == NUMBER_STEP
        qtbot.keyClicks(screen.pad, "9")                       # the wrong check digit
        qtbot.keyClick(screen.pad, Qt.Key.Key_Enter)
        assert screen.step == NUMBER_STEP and screen.error.text() == NOT_A_NUMBER
        assert screen.pad.digit_count == 8                      # kept, to correct
        qtbot.keyClick(screen.pad, Qt.Key.Key_Backspace)
        qtbot.keyClicks(screen.pad, "8")
        qtbot.keyClick(screen.pad, Qt.Key.Key_Enter)
        qtbot.keyClicks(screen.pad, "123")
        qtbot.keyClick(screen.pad, Qt.Key.Key_Enter)
    assert screen.step == PIN_STEP


def test_mismatch_message_keeps_the_number_and_guest_and_back(qtbot, hosted):
    screen = SignInScreen()
    hosted(screen)
    qtbot.keyClicks(screen.pad, NUMBER)
    qtbot.keyClick(screen.pad, Qt.Key.Key_Enter)
    screen.show_mismatch()
    assert screen.error.isVisible() and screen.error.text() == PIN_MISMATCH
    assert "do not match" in screen.error.accessibleName()
    assert screen.step == NUMBER_STEP and screen.pad.digit_count == 8
    qtbot.keyClick(screen.pad, Qt.Key.Key_Backspace)
    assert not screen.error.isVisible()           # typing again clears the message
    keys = buttons_named(screen)
    with qtbot.waitSignal(screen.guest_requested):
        click(qtbot, keys["Continue as guest"])
    assert screen.pad.digit_count == 0            # nothing typed is kept
    with qtbot.waitSignal(screen.back_requested):
        click(qtbot, keys["Back"])


def test_a_new_diary_takes_a_pin_chosen_twice_and_refuses_easy_ones(qtbot, hosted):
    screen = SignInScreen()
    hosted(screen)
    click(qtbot, buttons_named(screen)["New diary"])
    assert screen.step == CHOOSE_STEP and not screen.guest_button.isVisible()
    for pin in ("1234", "7777"):
        qtbot.keyClicks(screen.pad, pin)
        qtbot.keyClick(screen.pad, Qt.Key.Key_Enter)
        assert screen.error.text() == EASY_PIN and screen.step == CHOOSE_STEP
    qtbot.keyClicks(screen.pad, "4826")
    qtbot.keyClick(screen.pad, Qt.Key.Key_Enter)
    assert screen.step == REPEAT_STEP
    qtbot.keyClicks(screen.pad, "4862")
    qtbot.keyClick(screen.pad, Qt.Key.Key_Enter)
    assert screen.step == CHOOSE_STEP and screen.error.text() == PINS_DIFFER
    with qtbot.waitSignal(screen.new_diary_requested) as chosen:
        for _ in range(2):
            qtbot.keyClicks(screen.pad, "4826")
            qtbot.keyClick(screen.pad, Qt.Key.Key_Enter)
    assert chosen.args == ["4826"]


def test_resting_turns_the_keypad_off_and_it_comes_back_by_itself(qtbot, hosted):
    screen = SignInScreen()
    hosted(screen)
    screen.show_resting(1, whole_kiosk=True)
    assert not screen.pad.isEnabled() and "wait 1 minute" in screen.error.text()
    assert buttons_named(screen)["Continue as guest"].isEnabled()
    qtbot.waitUntil(screen.pad.isEnabled, timeout=3_000)
    screen.show_resting(60, whole_kiosk=False)
    screen.reset()                                 # a sign-out ends the rest display (the policy keeps the count)
    assert screen.pad.isEnabled() and not screen.resting


def test_sign_in_shows_no_names(qtbot, hosted):
    screen = SignInScreen()
    hosted(screen)
    texts = {label.text() for label in screen.findChildren(QLabel)}
    assert not screen.findChildren(QListWidget)
    assert all("profile" not in text.lower() for text in texts)


def test_the_new_diary_number_screen_shows_it_large(qtbot, hosted):
    screen = NewDiaryScreen()
    hosted(screen)
    screen.show_number(NUMBER)
    assert screen.number.text() == "1500 2278"
    assert screen.number.height() > 2 * screen.explain.fontMetrics().height()
    with qtbot.waitSignal(screen.continue_requested):
        click(qtbot, screen.continue_button)


# --- admin PIN set-up and unlock ---------------------------------------------------------------

def test_admin_setup_asks_twice(qtbot, hosted):
    screen = AdminSetupScreen()
    hosted(screen)
    qtbot.keyClicks(screen.pad, "24681357")
    qtbot.keyClick(screen.pad, Qt.Key.Key_Return)
    assert screen.confirming
    with qtbot.waitSignal(screen.pin_chosen) as chosen:
        qtbot.keyClicks(screen.pad, "24681357")
        qtbot.keyClick(screen.pad, Qt.Key.Key_Return)
    assert chosen.args == ["24681357"]


def test_admin_setup_mismatch_starts_over(qtbot, hosted):
    screen = AdminSetupScreen()
    hosted(screen)
    with qtbot.assertNotEmitted(screen.pin_chosen):
        for pin in ("1234", "4321"):
            qtbot.keyClicks(screen.pad, pin)
            qtbot.keyClick(screen.pad, Qt.Key.Key_Return)
    assert not screen.confirming
    assert screen.message.isVisible() and "not the same" in screen.message.text()


def test_admin_setup_says_a_problem_until_a_digit_is_typed(qtbot, hosted):
    screen = AdminSetupScreen()
    hosted(screen)
    screen.show_problem("The PIN could not be saved. Please try again.")
    assert screen.message.isVisible() and screen.message.text().startswith("The PIN could not be saved")
    qtbot.keyClicks(screen.pad, "2")
    assert not screen.message.isVisible()


def test_admin_unlock_pin_wrong_and_locked(qtbot, hosted):
    screen = AdminUnlockScreen()
    hosted(screen)
    with qtbot.waitSignal(screen.pin_entered) as entered:
        qtbot.keyClicks(screen.pad, "99887766")
        qtbot.keyClick(screen.pad, Qt.Key.Key_Return)
    assert entered.args == ["99887766"]
    screen.show_wrong()
    assert screen.message.text() == "That PIN is not right."
    screen.show_wrong(tries_left=1)
    assert screen.message.text() == "That PIN is not right. 1 try left."
    screen.show_locked(290)
    assert "5 minutes" in screen.message.text()
    assert not screen.pad.isEnabled()
    with qtbot.assertNotEmitted(screen.pin_entered):
        qtbot.keyClicks(screen, "1234")
        qtbot.keyClick(screen, Qt.Key.Key_Return)
    with qtbot.waitSignal(screen.cancelled):
        click(qtbot, buttons_named(screen)["Cancel"])
    assert screen.pad.isEnabled()


# --- admin screen ------------------------------------------------------------------------------

@pytest.fixture
def admin(qtbot, tmp_path, hosted):
    exported: list[str] = []

    def export(profile_id: str, fmt: str, folder, done) -> None:
        exported.append(profile_id)
        path = folder / f"{profile_id}.{fmt}"
        path.write_text("date,pain\n")
        done(path, None)

    screen = AdminScreen(ROUTINES, export_profile=export, volumes=lambda: [Volume(tmp_path, "USB")])
    screen.set_state(idle_timeout=90, default_routine="floor", voice_on=True, volume=70)
    screen.set_profiles([("p1", "Profile 001"), ("p2", "Profile 002")])
    screen.exported = exported
    hosted(screen, (1920, 1080))
    return screen


def test_admin_shows_the_voice_setting_with_its_tick_without_a_signal(qtbot, admin):
    assert admin.voice_button.isChecked() and not admin.voice_button.icon().isNull()
    with qtbot.assertNotEmitted(admin.voice_toggled):
        admin.set_state(voice_on=False)
    assert not admin.voice_button.isChecked() and admin.voice_button.icon().isNull()
    with qtbot.assertNotEmitted(admin.voice_toggled):
        admin.set_state(voice_on=True)
    assert admin.voice_button.isChecked() and not admin.voice_button.icon().isNull()


def test_admin_idle_routine_voice_and_volume_signals(qtbot, admin):
    names = buttons_named(admin)
    assert admin.idle_buttons[90].isChecked() and admin.routine_buttons["floor"].isChecked()
    with qtbot.waitSignal(admin.idle_timeout_chosen) as chosen:
        click(qtbot, names["120 s"])
    assert chosen.args == [120] and admin.idle_buttons[120].isChecked() and not admin.idle_buttons[90].isChecked()
    with qtbot.waitSignal(admin.default_routine_chosen) as routine:
        click(qtbot, names["Waiting-room chair routine"])
    assert routine.args == ["waiting-room"]
    with qtbot.waitSignal(admin.volume_changed) as louder:
        click(qtbot, names["Louder"])
    assert louder.args == [80] and admin.volume_label.text() == "80%"
    with qtbot.waitSignal(admin.volume_changed) as quieter:
        click(qtbot, names["Quieter"])
    assert quieter.args == [70]
    with qtbot.waitSignal(admin.voice_toggled) as voice:
        click(qtbot, names["Voice on"])
    assert voice.args == [False]
    assert admin.voice_button.text() == "Voice off" and not admin.louder_button.isEnabled()


def test_admin_leave_and_done(qtbot, admin):
    names = buttons_named(admin)
    with qtbot.waitSignal(admin.leave_requested):
        click(qtbot, names["Leave kiosk mode"])
    with qtbot.waitSignal(admin.done_requested):
        click(qtbot, names["Back to the kiosk"])


def test_admin_export_calls_back_and_shows_where(qtbot, admin, tmp_path):
    assert not admin.export_button.isEnabled()        # nothing chosen yet
    admin.profile_list.setCurrentRow(1)
    with qtbot.waitSignal(admin.profile_exported) as exported:
        click(qtbot, admin.export_button)
    assert admin.exported == ["p2"]
    assert exported.args == ["p2", str(tmp_path / "p2.csv")]
    assert admin.status.isVisible() and str(tmp_path / "p2.csv") in admin.status.accessibleName()
    with qtbot.waitSignal(admin.profile_exported) as exported:
        click(qtbot, admin.fhir_button)
    assert exported.args == ["p2", str(tmp_path / "p2.fhir")]


def test_admin_export_failure_is_shown_not_raised(qtbot, tmp_path, hosted):
    def export(_profile_id: str, _fmt, _folder, done) -> None:
        done(None, OSError("disk full"))
    screen = AdminScreen(ROUTINES, export_profile=export, volumes=lambda: [Volume(tmp_path, "USB")])
    screen.set_profiles([("p1", "Profile 001")])
    hosted(screen)
    screen.select_profile("p1")
    with qtbot.assertNotEmitted(screen.profile_exported):
        click(qtbot, screen.export_button)
    assert "Export failed" in screen.status.text() and "disk full" in screen.status.text()


def test_admin_delete_needs_the_on_screen_confirmation(qtbot, admin):
    admin.select_profile("p1")
    with qtbot.assertNotEmitted(admin.delete_confirmed):
        click(qtbot, admin.delete_button)
        assert admin.confirm_panel.isVisible()
        assert "Profile 001" in admin.confirm_question.text()
        click(qtbot, buttons_named(admin)["Keep it"])
    assert not admin.confirm_panel.isVisible()
    click(qtbot, admin.delete_button)
    with qtbot.waitSignal(admin.delete_confirmed) as deleted:
        click(qtbot, buttons_named(admin)["Delete for good"])
    assert deleted.args == ["p1"]
    assert not admin.confirm_panel.isVisible()
    admin.set_profiles([("p2", "Profile 002")])
    assert admin.profile_list.count() == 1 and admin.selected_profile() is None


def test_admin_goes_to_one_column_on_a_narrow_screen(qtbot, hosted):
    screen = AdminScreen(ROUTINES)
    hosted(screen, (1024, 600))
    assert screen.stacked
    content = screen.scroll.widget()
    assert content.width() <= screen.scroll.viewport().width()     # nothing cut off at the side


# --- attract -----------------------------------------------------------------------------------

def test_attract_whole_screen_is_the_start_target(qtbot, hosted):
    screen = AttractScreen()
    hosted(screen)
    assert screen.pose.is_animating()                 # the demonstration loops while shown
    with qtbot.waitSignal(screen.start_requested):
        qtbot.mouseClick(screen.pose, Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
    qtbot.wait(450)
    with qtbot.waitSignal(screen.start_requested):
        qtbot.mouseClick(screen.title, Qt.MouseButton.LeftButton)
    qtbot.wait(450)
    with qtbot.waitSignal(screen.start_requested):
        qtbot.keyClick(screen, Qt.Key.Key_Return)
    qtbot.wait(450)
    with qtbot.waitSignal(screen.start_requested):
        click(qtbot, screen.start_button)
    screen.hide()
    assert not screen.pose.is_animating()            # stops behind other screens


def test_attract_bounce_starts_once(qtbot, hosted):
    screen = AttractScreen()
    hosted(screen)
    starts: list[bool] = []
    screen.start_requested.connect(lambda: starts.append(True))
    qtbot.mouseClick(screen.pose, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.pose, Qt.MouseButton.LeftButton)
    assert starts == [True]
    screen.stop_demo()


# --- every screen: names, sizes, pictures ------------------------------------------------------

def _screens(dpi: float):
    admin = AdminScreen(ROUTINES, export_profile=lambda p, _fmt, _folder, done: done(f"/media/kiosk/USB/{p}.csv", None),
                        physical_dpi=dpi, volumes=lambda: [Volume(Path("/"), "USB", 15_300_000_000)])
    admin.set_state(idle_timeout=90, default_routine="floor", voice_on=True, volume=70)
    admin.set_profiles([(f"p{i}", f"Profile {i:03d}") for i in range(1, 7)])
    sign_in = SignInScreen(physical_dpi=dpi)
    new_diary = NewDiaryScreen(physical_dpi=dpi)
    still = StillThereScreen(physical_dpi=dpi)
    unlock = AdminUnlockScreen(physical_dpi=dpi)
    return {
        "attract": (AttractScreen(physical_dpi=dpi), None),
        "sign_in": (sign_in, lambda: (sign_in.pad.type_digit("1"), sign_in.pad.type_digit("2"),
                                      sign_in.show_mismatch())),
        "new_diary": (new_diary, lambda: new_diary.show_number("15002278")),
        "still_there": (still, lambda: still.start_countdown(15)),
        "admin_setup": (AdminSetupScreen(physical_dpi=dpi), None),
        "admin_unlock": (unlock, lambda: unlock.show_wrong()),
        "admin": (admin, lambda: (admin.select_profile("p2"), admin._export(), admin._ask_delete())),
    }


@pytest.mark.parametrize("size, dpi", SIZES, ids=[f"{w}x{h}" for (w, h), _ in SIZES])
def test_every_button_is_a_big_named_touch_target_and_fits(qtbot, size, dpi, hosted):
    """Every button at least 15 mm (at this density) and 44 px, named as labelled, on screen."""
    target = touch_target_px(dpi)
    assert target >= 44
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, (screen, stage) in _screens(dpi).items():
        window = hosted(screen, size)
        if stage:
            stage()
        qtbot.wait(30)
        window.grab().save(str(SHOTS / f"{name}-{size[0]}x{size[1]}.png"))
        scroll = screen.findChild(QScrollArea)
        buttons = [b for b in screen.findChildren(QAbstractButton) if b.isVisible()]
        assert buttons, name
        for button in buttons:
            label = f"{name}: {button.text()!r}"
            assert button.accessibleName(), label
            assert button.text() in button.accessibleName(), label        # the name says what it shows
            assert button.width() >= target and button.height() >= target, (label, button.size(), target)
            corner = button.mapTo(window, QPoint(0, 0))
            inside_scroll = scroll is not None and scroll.isAncestorOf(button)
            right_edge = corner.x() + button.width()
            assert right_edge <= window.width(), (label, "cut off at the right")
            if not inside_scroll:
                assert corner.y() >= 0 and corner.y() + button.height() <= window.height(), (label, "cut off")
        for items in screen.findChildren(QListWidget):
            for row in range(items.count()):
                assert items.visualItemRect(items.item(row)).height() >= target - 1, (name, "list row")
        if isinstance(screen, AttractScreen):
            screen.stop_demo()
        window.close()


def test_tab_reaches_every_admin_button(qtbot, admin):
    admin.select_profile("p1")
    wanted = {b for b in admin.findChildren(QAbstractButton) if b.isVisible() and b.isEnabled()}
    window = admin.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    admin.done_button.setFocus()
    seen = set()
    for _ in range(3 * len(wanted)):
        widget = window.focusWidget()
        if widget in wanted:
            seen.add(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    missing = sorted(b.text() for b in wanted - seen)
    assert not missing


def test_choosing_a_chip_twice_keeps_it_chosen(qtbot, admin):
    click(qtbot, admin.idle_buttons[60])
    click(qtbot, admin.idle_buttons[60])
    assert [s for s, chip in admin.idle_buttons.items() if chip.isChecked()] == [60]


def test_admin_export_that_raises_at_once_is_shown_not_raised(qtbot, tmp_path, hosted):
    def export(_profile_id: str, _fmt, _folder, done) -> None:
        raise RuntimeError("the data store is closed")
    screen = AdminScreen(ROUTINES, export_profile=export, volumes=lambda: [Volume(tmp_path, "USB")])
    screen.set_profiles([("p1", "Profile 001")])
    hosted(screen)
    screen.select_profile("p1")
    with qtbot.assertNotEmitted(screen.profile_exported):
        click(qtbot, screen.export_button)
    assert "Export failed" in screen.status.text() and "closed" in screen.status.text()
