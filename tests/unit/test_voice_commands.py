"""Voice commands' rules: the words, what each does in which state, the self-echo guard and when the app listens."""

from __future__ import annotations

import pytest

from kiosk.core.phrases import PHRASES_EN, phrase
from kiosk.core.voice_commands import (
    NOT_IN_CLINIC, PHRASES, Action, Command, EchoGuard, ListenChoice, action_for, command_for,
    listening_choice, sentence_holds,
)


def test_every_command_has_a_phrase_and_go_on_means_resume():
    assert {p.command for p in PHRASES} == set(Command)
    assert command_for("go on") is Command.RESUME
    assert command_for("  It   HURTS ") is Command.HURT
    assert command_for("stop") is None


@pytest.mark.parametrize(("command", "state", "action"), [
    (Command.PAUSE, "running", Action.PAUSE),
    (Command.PAUSE, "paused", Action.NOTHING),         # never a toggle: a second "pause" does not resume
    (Command.RESUME, "paused", Action.RESUME),
    (Command.RESUME, "running", Action.NOTHING),
    (Command.NEXT, "running", Action.SKIP),
    (Command.BACK, "paused", Action.BACK),
    (Command.REPEAT, "running", Action.REPEAT),
    (Command.HURT, "running", Action.HURT),
    (Command.HURT, "paused", Action.HURT),
    (Command.HURT, "hurt", Action.NOTHING),           # already on the rest screen
    (Command.NEXT, "finished", Action.NOTHING),
    (Command.PAUSE, "", Action.NOTHING),               # nothing playing
])
def test_what_a_command_does_in_each_state(command, state, action):
    assert action_for(command, state) is action


def test_the_apps_sentences_that_hold_a_command_word_are_recognised():
    assert sentence_holds(phrase("welcome_hurt"), "it hurts")          # "If anything hurts, press It hurts"
    assert sentence_holds("Lie on your back.", "back")
    assert sentence_holds("Roll backwards gently.", "back")
    assert sentence_holds("Let the knees go on down.", "go on")
    assert not sentence_holds("Go slowly.", "go on")                    # "go" alone is not "go on"
    assert not sentence_holds(phrase("hurt"), "pause")
    assert not sentence_holds("Hold.", "it hurts")                      # "it" alone is too short to count


def test_a_phrase_heard_while_the_app_speaks_is_its_own_voice_whatever_the_word():
    guard = EchoGuard(tail=0.5, lead=0.1)
    guard.spoken(PHRASES_EN["welcome_hurt"], at=100.0, seconds=4.0)
    assert guard.is_own_voice("it hurts", began=102.0, ended=103.0)
    assert guard.is_own_voice("pause", began=102.0, ended=103.0)        # "Hold." can sound like a command
    assert guard.is_own_voice("next", began=104.2, ended=104.9)         # within the tail
    assert guard.is_own_voice("next", began=99.0, ended=99.95)          # the app began as it ended
    assert not guard.is_own_voice("pause", began=104.6, ended=105.2)    # the sentence and its tail are over
    assert not guard.is_own_voice("pause", began=98.0, ended=99.5)      # before it began


def test_the_sound_finished_ends_the_sentence_before_its_estimate():
    guard = EchoGuard(tail=0.5)
    guard.spoken("Lie on your back and rest.", at=10.0, seconds=6.0)
    guard.finished("Lie on your back and rest.", at=12.0)
    assert guard.speaking(12.4)
    assert not guard.speaking(12.6)
    assert not guard.is_own_voice("back", began=12.6, ended=13.2)


def test_silencing_the_app_ends_its_sentence_early():
    guard = EchoGuard(tail=0.5)
    guard.spoken("Lie on your back and rest.", at=10.0, seconds=6.0)
    guard.silenced(at=11.0)
    assert guard.is_own_voice("back", began=11.0, ended=11.4)
    assert not guard.is_own_voice("back", began=12.0, ended=13.5)


def test_a_new_sentence_cuts_off_the_last_one_and_old_ones_are_forgotten():
    guard = EchoGuard(tail=0.5, keep=10.0)
    guard.spoken("Lie on your back.", at=0.0, seconds=5.0)
    guard.spoken("Breathe in.", at=1.0, seconds=3.0)
    assert not guard.is_own_voice("back", began=4.6, ended=5.0)
    guard.spoken("Hold.", at=100.0, seconds=1.0)
    assert len(guard._said) == 1


def test_listening_is_off_by_default_at_home_and_in_the_clinic():
    assert listening_choice(clinic=False, person_wants=False, staff_allow=False) == ListenChoice(False, "")
    assert listening_choice(clinic=True, person_wants=False, staff_allow=False).reason == NOT_IN_CLINIC


def test_at_home_the_person_turns_it_on_in_the_clinic_only_staff():
    assert listening_choice(clinic=False, person_wants=True, staff_allow=False).on
    assert not listening_choice(clinic=True, person_wants=True, staff_allow=False).on
    assert listening_choice(clinic=True, person_wants=False, staff_allow=True).on


def test_the_listen_flag_turns_it_on_but_not_without_a_microphone():
    assert listening_choice(clinic=True, person_wants=False, staff_allow=False, forced=True).on
    choice = listening_choice(clinic=False, person_wants=True, staff_allow=True, forced=True,
                              unavailable="No microphone was found.")
    assert choice == ListenChoice(False, "No microphone was found.")
