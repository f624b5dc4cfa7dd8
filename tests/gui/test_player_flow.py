"""The whole flow in a real Qt event loop: home, safety, player, hurt, summary; keys and buttons."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.core.session import State
from kiosk.core.timeline import compile_routine


def button(window, name) -> QAbstractButton:
    """Find a visible button by its accessible name, as a screen reader would."""
    found = [b for b in window.findChildren(QAbstractButton) if b.accessibleName() == name and b.isVisible()]
    assert len(found) == 1, f"{name!r}: {[b.accessibleName() for b in window.findChildren(QAbstractButton) if b.isVisible()]}"
    return found[0]


def start(window, qtbot, key=None):
    """Press Start (or a key on the home screen) and skip the optional 'before' rating."""
    if key is None:
        qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    else:
        qtbot.keyClick(window.home, key)
    assert window.stack.currentWidget() is window.rating
    qtbot.mouseClick(button(window, "Skip"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.player


def finish_after_rating(window, qtbot):
    """At the end: skip the 'after' rating to reach the summary."""
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.rating, timeout=20_000)
    qtbot.mouseClick(button(window, "Skip"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.summary


def record_screen(window):
    """Snapshot what the player shows at every cue (connected after the player's own slot)."""
    assert window.player is not None
    shown = []
    window.controller.cue_reached.connect(lambda cue: shown.append(
        (cue.exercise, window.player.title.text(), window.player.countdown.text(), cue.kind)))
    return shown


def test_first_start_shows_safety_once(make_window, qtbot):
    window = make_window(accepted=False)
    assert window.stack.currentWidget() is window.home
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.safety
    qtbot.keyClick(window.safety, Qt.Key.Key_Return)
    assert window.settings.get("safety.accepted") is True
    assert window.stack.currentWidget() is window.rating
    window.go_home()
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.rating    # not shown again


def test_plays_a_whole_routine_by_itself(make_window, qtbot, speaker):
    window = make_window(scale=60)
    shown = record_screen(window)
    start(window, qtbot, Qt.Key.Key_Space)
    finish_after_rating(window, qtbot)
    timeline = window.controller.session.timeline
    assert [k for *_, k in shown] == [c.kind for c in timeline.cues]
    # Every exercise appeared, in order, under its own title, with its countdown.
    order = list(dict.fromkeys(e for e, *_ in shown if e))
    assert order == ["knee_hug", "bridge"]
    for exercise, title, countdown, kind in shown:
        if exercise == "bridge":
            assert title == "Bridge"
        if kind == "count":
            assert countdown.isdigit()
    assert [c for *_, c in shown if c == "count"]
    assert speaker.said[0].startswith("Welcome")
    assert window.summary.heading.text() == "Well done!"
    assert "2 done, 0 skipped, 0 hurt" == window.summary.counts.text()


def test_pause_resume_skip_back_by_keys(make_window, qtbot, speaker):
    window = make_window(scale=20)
    start(window, qtbot)
    player = window.player
    qtbot.keyClick(player, Qt.Key.Key_Space)
    assert window.controller.session.state is State.PAUSED
    assert button(window, "Resume").text() == "Resume"
    assert speaker.events[-1] == ("stop", None)          # silenced at once
    qtbot.keyClick(player, Qt.Key.Key_Space)
    assert window.controller.session.state is State.RUNNING
    assert speaker.said[-1].startswith("Welcome")           # the instruction is repeated
    qtbot.keyClick(player, Qt.Key.Key_Right)
    assert window.controller.session.current.exercise == "knee_hug"
    assert player.title.text() == "Knee hug"
    assert player.side.text() == "Right side"
    qtbot.keyClick(player, Qt.Key.Key_Right)
    assert player.side.text() == "Left side"
    qtbot.keyClick(player, Qt.Key.Key_Left)                  # just began: back to the right side
    assert player.side.text() == "Right side"
    assert window.controller.session.current.kind == "exercise"


def test_it_hurts_stops_at_once_and_offers_choices(make_window, qtbot, speaker):
    window = make_window(scale=20)
    start(window, qtbot)
    qtbot.keyClick(window.player, Qt.Key.Key_Right)          # into the knee hug, right side
    qtbot.mouseClick(button(window, "It hurts"), Qt.MouseButton.LeftButton)
    assert window.controller.session.state is State.HURT
    assert window.stack.currentWidget() is window.hurt
    assert speaker.events[-2] == ("stop", None)
    assert speaker.said[-1].startswith("Stop there")
    assert window.hurt.where.text() == "Knee hug, right side"
    assert button(window, "Skip this side") and button(window, "End the session")
    qtbot.mouseClick(button(window, "Skip this side"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.player
    assert window.player.side.text() == "Left side"
    qtbot.keyClick(window.player, Qt.Key.Key_H)
    qtbot.mouseClick(button(window, "End the session"), Qt.MouseButton.LeftButton)
    finish_after_rating(window, qtbot)
    assert window.summary.heading.text() == "Session ended"
    labels = [l.text() for l in window.summary.findChildren(QLabel)]
    assert "✗ Hurt: stopped (right, left side)" in labels
    assert "– Not reached" in labels


def test_hurt_button_is_on_every_player_state(make_window, qtbot):
    window = make_window(scale=20)
    start(window, qtbot)
    assert button(window, "It hurts").isEnabled()
    qtbot.keyClick(window.player, Qt.Key.Key_Space)           # paused
    assert button(window, "It hurts").isEnabled()
    qtbot.mouseClick(button(window, "It hurts"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.hurt


@pytest.mark.parametrize("routine_id", ["gentle-start", "floor", "waiting-room"])
def test_bundled_routines_play_through_in_order(make_window, qtbot, bundled_routines, routine_id):
    window = make_window(folder=bundled_routines, scale=400)
    shown = record_screen(window)
    assert window.start_routine_by_id(routine_id)
    qtbot.mouseClick(button(window, "Skip"), Qt.MouseButton.LeftButton)
    finish_after_rating(window, qtbot)
    routine = window.library.routines[routine_id]
    appeared = list(dict.fromkeys(e for e, *_ in shown if e))
    assert appeared == [e.id for e in routine.exercises]
    titles = {e.id: e.title for e in routine.exercises}
    for exercise, title, countdown, kind in shown:
        if exercise:
            assert title == titles[exercise]
    held = {e for e, _, countdown, kind in shown if kind == "count" and countdown.isdigit()}
    assert held == {e.id for e in routine.exercises if any(s.hold for s in e.steps)}
    assert len(shown) == len(compile_routine(routine).cues)


def test_it_hurts_works_while_the_voice_is_still_getting_ready(make_window, qtbot, speaker):
    speaker.prepare = lambda texts, on_progress=None, on_done=None: on_progress and on_progress(3, 60)
    window = make_window(scale=20)
    start(window, qtbot)
    assert window.controller.session is None                     # still preparing
    qtbot.keyClick(window.player, Qt.Key.Key_H)
    assert window.stack.currentWidget() is window.hurt
    assert not button(window, "End the session").isHidden()
    assert window.hurt.skip_side_button.isHidden() and window.hurt.skip_exercise_button.isHidden()
    qtbot.mouseClick(button(window, "End the session"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home
