"""The staff's switch for patients' voice commands (issue 16): off by default, saved in the kiosk's real settings
file (clinic.listen), greyed with the reason without a microphone or recognizer; off, nothing listens in the clinic."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, Qt

from kiosk.core.voice_commands import NOT_IN_CLINIC
from kiosk.store.settings_file import SETTINGS_FILE
from kiosk.ui.voice_listening import STAFF_ALLOW, VoiceListening
from test_clinic_mode import ADMIN_PIN, make_clinic, type_pin  # noqa: F401 - make_clinic is a fixture
from test_player_flow import button


def _hearing(window, problem=None) -> VoiceListening:
    """The window's voice commands, on this machine as if it had (or had not) a microphone and a recognizer."""
    listening = VoiceListening(window.settings, window.echo_guard, lambda: window.clinic, parent=window,
                               find_problem=lambda: problem)
    window.__dict__["listening"] = listening         # in place of the cached one, before anything asks for it
    return listening


def _open_admin(qtbot, clinic) -> None:
    window = clinic.window
    for _ in range(5):
        qtbot.mouseClick(window.stack.currentWidget(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    type_pin(qtbot, clinic.unlock.pad, ADMIN_PIN)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.admin, timeout=5_000)


def _saved(store, key: str):
    """The value of `key` in the settings file on disk (after the writes queued for it)."""
    store.writer.flush()
    rows = json.loads((store.folder / SETTINGS_FILE).read_text())["settings"].values()
    return next((row["value"] for row in rows if row["key"] == key), None)


def test_off_by_default_then_staff_turn_it_on_and_it_is_saved(make_clinic, qtbot, store):
    clinic = make_clinic()
    listening = _hearing(clinic.window)
    _open_admin(qtbot, clinic)
    switch = clinic.admin.listen_button
    assert switch.isVisible() and switch.isEnabled() and not switch.isChecked()
    assert switch.text() == "Voice commands for patients"
    assert clinic.admin.listen_note.text().startswith("Off: the kiosk does not listen.")
    assert listening.choice(probe=False).on is False
    assert listening.choice(probe=False).reason == NOT_IN_CLINIC

    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert switch.isChecked() and store.settings.get(STAFF_ALLOW) is True
    assert _saved(store, STAFF_ALLOW) is True
    assert listening.choice(probe=False).on is True              # in the clinic, on because staff allowed it
    assert clinic.admin.listen_note.text().startswith("On: patients may say the commands")

    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)         # and off again
    assert not switch.isChecked() and store.settings.get(STAFF_ALLOW) is False and _saved(store, STAFF_ALLOW) is False
    assert listening.choice(probe=False).on is False
    qtbot.mouseClick(button(clinic.window, "Back to the kiosk"), Qt.MouseButton.LeftButton)
    _open_admin(qtbot, clinic)
    assert not clinic.admin.listen_button.isChecked()            # shown as saved


def test_no_microphone_greys_the_switch_with_the_reason(make_clinic, qtbot, store):
    store.settings.set(STAFF_ALLOW, True)
    clinic = make_clinic()
    _hearing(clinic.window, problem="No microphone was found.")
    _open_admin(qtbot, clinic)
    switch = clinic.admin.listen_button
    assert not switch.isEnabled() and not switch.isChecked()
    assert clinic.admin.listen_note.text() == "No microphone was found."


def test_with_the_switch_off_nothing_listens_while_a_routine_plays_in_the_clinic(make_clinic, qtbot, store):
    clinic = make_clinic()
    window = clinic.window
    listening = _hearing(window)
    qtbot.mouseClick(clinic.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    qtbot.mouseClick(clinic.sign_in.guest_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(window, "I understand, continue"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.rating.rating_button(5), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.player, timeout=10_000)
    assert store.settings.get(STAFF_ALLOW, False) is False
    assert not listening.listening and listening._listener is None    # no microphone was even opened
    assert not window.player.listening_sign.isVisible()
