"""The timeline compiler: exact cues of a small routine, countdown rules, determinism."""

from __future__ import annotations

import json

import pytest

from kiosk.core.timeline import compile_routine, speech_seconds, spoken_count

EXPECTED_START = [
    (0.0, "intro", "Welcome. Move slowly, and only as far as feels comfortable.", None, "hook_lying", None),
    (4.6, "intro", "If anything hurts, press It hurts, or simply stop and rest.", None, "hook_lying", None),
    (9.6, "exercise", "Knee hug.", "right", "hook_lying", None),
    (11.0, "caution", "Go only as far as is comfortable.", "right", "hook_lying", None),
    (14.4, "side", "We begin with the right side.", "right", "hook_lying", None),
    (17.4, "setup", "Lie on your back.", "right", "hook_lying", None),
    (19.6, "caution", "Stop if your right hip hurts.", "right", "hook_lying", None),
    (22.6, "rep", "One of two.", "right", "hook_lying", None),
    (24.4, "step", "Bring your right knee up.", "right", "one_knee_to_chest", None),
    (28.5, "hold", "Hold.", "right", "one_knee_to_chest", None),
    (29.5, "count", "two", "right", "one_knee_to_chest", 2),
    (30.5, "count", "one", "right", "one_knee_to_chest", 1),
    (31.5, "release", "And release.", "right", "one_knee_to_chest", None),
    (32.9, "step", "Put it down.", "right", "hook_lying", None),
    (36.2, "rest", None, "right", "hook_lying", None),
    (37.2, "rep", "Two of two.", "right", "hook_lying", None),
    (39.0, "step", "Bring your right knee up.", "right", "one_knee_to_chest", None),
    (43.1, "hold", "Hold.", "right", "one_knee_to_chest", None),
    (44.1, "count", "two", "right", "one_knee_to_chest", 2),
    (45.1, "count", "one", "right", "one_knee_to_chest", 1),
    (46.1, "release", "And release.", "right", "one_knee_to_chest", None),
    (47.5, "step", "Put it down.", "right", "hook_lying", None),
    (50.8, "side", "Now the left side.", "left", "hook_lying", None),
    (53.0, "setup", "Lie on your back.", "left", "hook_lying", None),
]


def test_exact_cues_of_the_first_side(mini_routine):
    cues = compile_routine(mini_routine).cues
    got = [(c.at, c.kind, c.text, c.side, c.pose, c.count) for c in cues[: len(EXPECTED_START)]]
    assert got == EXPECTED_START


def test_whole_mini_routine_shape(mini_routine):
    timeline = compile_routine(mini_routine)
    kinds = [c.kind for c in timeline.cues]
    assert kinds[-2:] == ["outro", "end"]
    assert [(s.exercise, s.side) for s in timeline.segments] == [
        (None, None), ("knee_hug", "right"), ("knee_hug", "left"), ("bridge", None), (None, None)]
    # Left side is drawn mirrored, right side is not.
    lefts = [c for c in timeline.cues if c.side == "left"]
    assert lefts and all(c.mirrored for c in lefts)
    assert not any(c.mirrored for c in timeline.cues if c.side == "right")
    assert timeline.duration == pytest.approx(118.9)
    assert timeline.next_exercise_title("knee_hug") == "Bridge"
    assert timeline.next_exercise_title("bridge") is None


def test_cues_are_ordered_and_counts_are_one_second_apart(mini_routine):
    cues = compile_routine(mini_routine).cues
    assert all(a.at <= b.at for a, b in zip(cues, cues[1:]))
    for a, b in zip(cues, cues[1:]):
        if a.kind == "count":
            assert b.at - a.at == pytest.approx(1.0)
    bridge_counts = [c.count for c in cues if c.exercise == "bridge" and c.kind == "count"]
    assert bridge_counts == [3, 2, 1, 3, 2, 1]


def test_every_cue_with_text_sets_the_caption(mini_routine):
    for cue in compile_routine(mini_routine).cues:
        if cue.text and cue.kind != "count":
            assert cue.caption == cue.text
        if cue.kind == "count":
            assert cue.caption == "Hold."


def test_compilation_is_deterministic_and_json_ready(mini_routine):
    a = [c.to_dict() for c in compile_routine(mini_routine).cues]
    b = [c.to_dict() for c in compile_routine(mini_routine).cues]
    assert a == b
    encoded = json.loads(json.dumps(a))
    assert {"at", "kind", "text", "exercise", "side"} <= set(encoded[0])


def test_utterances_are_unique_and_in_order(mini_routine):
    utterances = compile_routine(mini_routine).utterances()
    assert len(utterances) == len(set(utterances))
    assert utterances[0].startswith("Welcome")
    assert "Now the left side." in utterances


@pytest.mark.parametrize("hold, spoken", [
    (5, [5, 4, 3, 2, 1]),
    (10, list(range(10, 0, -1))),
    (20, [20, 15, 10, 5, 4, 3, 2, 1]),
    (12, [10, 5, 4, 3, 2, 1]),
])
def test_countdown_speaking_rule(hold, spoken):
    assert [n for n in range(hold, 0, -1) if spoken_count(n, hold)] == spoken


def test_speech_estimate_grows_with_words():
    assert speech_seconds(None) == 0
    assert speech_seconds("one two three") > speech_seconds("one")
