"""Voice commands in the app: listens while the player is shown (when allowed) and does what a heard command asks."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from kiosk.core.ports import SettingsStore
from kiosk.core.voice_commands import (
    PHRASES, Action, EchoGuard, ListenChoice, command_for, listening_choice,
)

log = logging.getLogger(__name__)

PERSON_WANTS = "listen.enabled"       # at home: "Listen for my voice" on the Voice screen
STAFF_ALLOW = "clinic.listen"         # in the clinic: only staff turn it on (the staff screen)
SAME_COMMAND_S = 1.2                  # the same command heard again this soon is one command
TEST_SECONDS = 10                     # the Voice screen's "say pause" test listens this long


class VoiceListening(QObject):
    """Decides whether to listen, runs the listener while the player is shown, and acts on what it hears.

    `actions`: what each Action does (the window's controller and its It hurts); `state()`: the
    session's state value (running, paused, ...) or "" when nothing plays.

    Signals:
        changed(): whether it listens, or why it cannot, may have changed (the Voice screen's switch)
        heard(str): a command was heard and obeyed (its words), also in the Voice screen's test
        level(float): the microphone's level while listening, 0 to 1
    """

    changed = Signal()
    heard = Signal(str)
    level = Signal(float)

    def __init__(self, settings: SettingsStore, guard: EchoGuard, clinic: Callable[[], bool],
                 parent: QObject | None = None, find_problem: Callable[[], str | None] | None = None) -> None:
        """`find_problem`: why listening cannot work here (default: no recognizer, or no microphone)."""
        super().__init__(parent)
        self._find_problem = find_problem
        self._settings = settings
        self.guard = guard
        self._clinic = clinic
        self.forced = False                      # `kiosk run --listen`: on for this run
        self._listener = None
        self._unavailable: str | None = None
        self._player = None
        self._actions: dict[Action, Callable[[], None]] = {}
        self._state: Callable[[], str] = lambda: ""
        self._last: tuple[str, float] = ("", 0.0)
        self._testing = False
        self._test_timer = QTimer(self)
        self._test_timer.setSingleShot(True)
        self._test_timer.setInterval(TEST_SECONDS * 1000)
        self._test_timer.timeout.connect(self.stop_test)

    # -- the choice -------------------------------------------------------------------------
    def unavailable(self) -> str:
        """Why listening cannot work on this machine ("" when it can); asked once."""
        if self._unavailable is None:
            if self._find_problem is None:
                from kiosk.hearing.listener import listening_missing

                self._find_problem = listening_missing
            self._unavailable = self._find_problem() or ""
        return self._unavailable

    def choice(self, probe: bool = True) -> ListenChoice:
        """Whether to listen; `probe`: look for a microphone and the recognizer even when it is off (the
        Voice screen says why the switch is greyed); otherwise only when it would be on."""
        def choose(unavailable: str) -> ListenChoice:
            return listening_choice(clinic=self._clinic(), person_wants=bool(self._settings.get(PERSON_WANTS, False)),
                                    staff_allow=bool(self._settings.get(STAFF_ALLOW, False)), forced=self.forced,
                                    unavailable=unavailable)

        wanted = choose("")
        return choose(self.unavailable()) if probe or wanted.on else wanted

    def set_person_wants(self, on: bool) -> None:
        self._settings.set(PERSON_WANTS, on)
        self.changed.emit()

    def set_staff_allow(self, on: bool) -> None:
        self._settings.set(STAFF_ALLOW, on)
        self.changed.emit()

    # -- the player -------------------------------------------------------------------------
    def attach_player(self, player, actions: dict[Action, Callable[[], None]], state: Callable[[], str]) -> None:
        """Listen while `player` is shown (when allowed); its sign shows the level and what was heard."""
        self._player, self._actions, self._state = player, actions, state
        player.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self._player:
            if event.type() == QEvent.Type.Show:
                self._player_shown()
            elif event.type() == QEvent.Type.Hide:
                self._stop_listening()
        return False

    def _player_shown(self) -> None:
        if self.choice(probe=False).on:
            self._start_listening()

    # -- the Voice screen's test: "say pause" ---------------------------------------------
    def start_test(self) -> str | None:
        """Listen for up to TEST_SECONDS; `heard` says what was heard. The reason when it cannot."""
        problem = self._start_listening()
        if problem is None:
            self._testing = True
            self._test_timer.start()
        return problem

    def stop_test(self) -> None:
        if self._testing:
            self._testing = False
            self._test_timer.stop()
            self._stop_listening()
            self.changed.emit()

    @property
    def testing(self) -> bool:
        return self._testing

    # -- listening ----------------------------------------------------------------------------
    @property
    def listening(self) -> bool:
        return self._listener is not None and self._listener.listening

    def _start_listening(self) -> str | None:
        if self.listening:
            return None
        if self._listener is None:
            from kiosk.hearing.listener import VoiceListener

            self._listener = VoiceListener([p.words for p in PHRASES], parent=self)
            self._listener.heard.connect(self._heard)
            self._listener.level.connect(self._level)
            self._listener.failed.connect(self._failed)
        problem = self._listener.start()
        if problem:
            log.warning("listening: %s", problem)
            self._unavailable = problem
            self.changed.emit()
            return problem
        if self._player is not None and self._player.isVisible():
            self._player.listening_sign.set_listening(True)
        return None

    def _stop_listening(self) -> None:
        if self._listener is not None:
            self._listener.stop()
        if self._player is not None:
            self._player.listening_sign.set_listening(False)

    def close(self) -> None:
        self._testing = False
        self._test_timer.stop()
        self._stop_listening()

    def _failed(self, why: str) -> None:
        self._unavailable = why
        self._stop_listening()
        self.changed.emit()

    def _level(self, value: float) -> None:
        self.level.emit(value)
        if self._player is not None and self._player.isVisible():
            self._player.listening_sign.set_level(value)

    def _heard(self, words: str, began: float, ended: float) -> None:
        command = command_for(words)
        if command is None:
            return
        if self.guard.is_own_voice(words, began, ended):
            log.debug("ignored %r at %.3f: the app was saying it", words, time.monotonic())
            return
        last_words, last_at = self._last
        if last_words == words and ended - last_at < SAME_COMMAND_S:
            return
        self._last = (words, ended)
        if self._testing:
            self.heard.emit(command.value)
            return
        if self._player is None or not self._player.isVisible():
            return
        from kiosk.core.voice_commands import action_for

        action = action_for(command, self._state())
        self._player.listening_sign.show_heard(command.value)
        do = self._actions.get(action)
        if do is not None:
            do()
        log.debug("voice command %s: %s at %.3f (ended %.3f)", command.value, action.value, time.monotonic(), ended)
        if action is Action.HURT and self._player is not None and not self._player.isVisible():
            log.debug("rest screen shown")
        self.heard.emit(command.value)
