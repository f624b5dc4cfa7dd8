"""Voice commands on screen: the Voice screen's switch (off by default, greyed with its reason), the player's
Listening sign, and "Heard: pause" with the pause done, from a real word played into a real sound server."""

from __future__ import annotations

import shutil
import subprocess
import time

from prerequisites import missing as prerequisite_missing

from kiosk.core.voice_commands import NOT_IN_CLINIC, Action, EchoGuard
from kiosk.ui.voice_listening import PERSON_WANTS, VoiceListening
from kiosk.ui.widgets.listen_panel import ListenPanel


class Settings(dict):
    """The settings port over a dict."""

    def set(self, key, value):
        self[key] = value


def _listening(qtbot, *, clinic=False, problem=None, settings=None) -> VoiceListening:
    listening = VoiceListening(settings if settings is not None else Settings(), EchoGuard(), lambda: clinic,
                               find_problem=lambda: problem)
    return listening


def test_the_switch_is_off_by_default_and_turning_it_on_is_saved(qtbot):
    settings = Settings()
    panel = ListenPanel(_listening(qtbot, settings=settings))
    qtbot.addWidget(panel)
    assert not panel.switch.isChecked() and panel.switch.isEnabled()
    assert not panel.test_button.isEnabled()                 # nothing to test while it is off
    assert "Nothing you say is recorded" in panel.status.text()
    panel.switch.click()
    assert settings[PERSON_WANTS] is True
    assert panel.switch.isChecked() and panel.test_button.isEnabled()
    assert "say: pause, resume, next, back, repeat, or it hurts" in panel.status.text()
    assert "Not every command is heard: the buttons always work." in panel.status.text()   # measured: ~9 in 10


def test_the_switch_and_the_test_bring_their_answer_into_view(qtbot):
    """In landscape the panel sits under the fold of the Voice screen's scrolling area: after a touch on the switch
    or the test, the status line that answers it is scrolled into sight."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

    page = QWidget()
    column = QVBoxLayout(page)
    tall = QWidget()
    tall.setFixedHeight(900)                                 # the settings above the panel
    column.addWidget(tall)
    panel = ListenPanel(_listening(qtbot, settings=Settings()))
    column.addWidget(panel)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(page)
    area.resize(600, 400)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)

    def status_in_sight() -> bool:
        shown = QRect(panel.status.mapTo(area.viewport(), QPoint(0, 0)), panel.status.size())
        return area.viewport().rect().contains(shown)

    def switch_at_the_bottom() -> None:                      # in sight, and the status line under it not
        bottom = panel.switch.mapTo(page, QPoint(0, panel.switch.height())).y()
        area.verticalScrollBar().setValue(bottom - area.viewport().height())

    switch_at_the_bottom()
    switch_shown = QRect(panel.switch.mapTo(area.viewport(), QPoint(0, 0)), panel.switch.size())
    assert area.viewport().rect().contains(switch_shown)
    assert not status_in_sight()
    panel.switch.click()
    qtbot.waitUntil(status_in_sight)
    assert "Not every command is heard" in panel.status.text()
    switch_at_the_bottom()
    assert not status_in_sight()
    panel.test_button.click()                                # its answer: "say pause", or why it cannot listen
    qtbot.waitUntil(status_in_sight)
    area.verticalScrollBar().setValue(0)
    panel._listening.changed.emit()                          # a change the app makes does not scroll
    qtbot.wait(50)
    assert area.verticalScrollBar().value() == 0


def test_no_microphone_greys_the_switch_and_says_why(qtbot):
    panel = ListenPanel(_listening(qtbot, problem="No microphone was found.", settings=Settings({PERSON_WANTS: True})))
    qtbot.addWidget(panel)
    assert not panel.switch.isEnabled() and not panel.switch.isChecked()
    assert not panel.test_button.isEnabled()
    assert panel.status.text() == "No microphone was found."


def test_in_the_clinic_the_person_cannot_turn_it_on(qtbot):
    panel = ListenPanel(_listening(qtbot, clinic=True, settings=Settings({PERSON_WANTS: True})))
    qtbot.addWidget(panel)
    assert not panel.switch.isEnabled() and not panel.switch.isChecked()
    assert panel.status.text() == NOT_IN_CLINIC
    panel._listening.set_staff_allow(True)                   # the staff's setting
    assert panel.switch.isChecked()


def _word(tmp_path, words: str):
    path = tmp_path / f"{words}.wav"
    subprocess.run(["flite", "-voice", "slt", "-t", words, "-o", str(path)], check=True, capture_output=True)
    return path


def test_the_player_shows_listening_and_heard_pause_and_pauses(qtbot, pulse_server, tmp_path):
    """A real "pause" (Flite's slt voice) played into the sound server whose monitor is the microphone."""
    if shutil.which("flite") is None:
        prerequisite_missing("flite is not installed (Debian: flite)")
    from kiosk.hearing.listener import listening_missing

    from PySide6.QtMultimedia import QMediaDevices

    # Qt lists no monitor as a microphone: a source remapped from the sink's monitor is one.
    module = pulse_server.pactl("load-module", "module-remap-source", f"master={pulse_server.sink}.monitor",
                                "source_name=test_mic").strip()
    pulse_server.pactl("set-default-source", "test_mic")
    try:
        qtbot.waitUntil(lambda: bool(QMediaDevices.audioInputs()), timeout=5000)
        assert listening_missing() is None
        _player_hears_pause(qtbot, pulse_server, tmp_path)
    finally:
        pulse_server.pactl("unload-module", module)


def _player_hears_pause(qtbot, pulse_server, tmp_path):
    from kiosk.ui.screens.player import PlayerScreen

    done: list[Action] = []
    listening = _listening(qtbot, settings=Settings({PERSON_WANTS: True}))
    player = PlayerScreen()
    qtbot.addWidget(player)
    listening.attach_player(player, {action: (lambda action=action: done.append(action)) for action in Action},
                            lambda: "running")
    word = _word(tmp_path, "pause")
    try:
        player.resize(1280, 800)
        player.show()
        qtbot.waitUntil(lambda: listening.listening, timeout=5000)
        assert player.listening_sign.isVisible() and player.listening_sign.text == "Listening"
        time.sleep(0.5)                                      # the recognizer's model loads on its thread
        levels = []
        listening.level.connect(levels.append)
        playing = subprocess.Popen(["paplay", "-d", pulse_server.sink, str(word)])   # the GUI thread must not wait
        qtbot.waitUntil(lambda: bool(done), timeout=8000)
        assert playing.wait(timeout=10) == 0
        assert done == [Action.PAUSE]
        assert player.listening_sign.text == "Heard: pause"
        assert max(levels) > 0.05, "the level bar never moved"
        player.hide()
        assert not listening.listening and not player.listening_sign.isVisible()
    finally:
        listening.close()
