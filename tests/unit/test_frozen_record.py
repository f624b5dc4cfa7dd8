"""FrozenRecord behaves as the frozen dataclasses it replaced where the app uses them (the visit's effects)."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest

from kiosk.core.frozen_record import FrozenRecord
from kiosk.core.visit import ReadPastSessions, RememberSafety, Say, Show, ShowHurt, Step


class Point(FrozenRecord):
    x: int
    y: int = 0


def test_fields_by_position_by_name_and_defaults():
    assert (Point(1, 2).x, Point(1, 2).y) == (1, 2)
    assert Point(y=3, x=1) == Point(1, 3)
    assert Point(1).y == 0
    assert Point._fields == Point.__match_args__ == ("x", "y")


@pytest.mark.parametrize("make", [lambda: Point(), lambda: Point(1, 2, 3), lambda: Point(1, z=2),
                                  lambda: Point(1, x=2)])
def test_wrong_arguments_are_refused(make):
    with pytest.raises(TypeError):
        make()


def test_equal_and_hashed_by_class_and_fields():
    assert Point(1, 2) == Point(1, 2) and hash(Point(1, 2)) == hash(Point(1, 2))
    assert Point(1, 2) != Point(2, 1)
    assert Point(1, 2) != (1, 2)
    assert ReadPastSessions() != RememberSafety()          # no fields, different effects
    assert Say("x") != Show("x")
    assert len({Point(1, 2), Point(1, 2), Point(1, 3)}) == 2


def test_shown_as_a_dataclass_is():
    assert repr(Point(1, "a")) == "Point(x=1, y='a')"
    assert repr(ShowHurt("Bridge", None, "rest")) == (
        "ShowHurt(exercise_title='Bridge', side=None, rest_pose='rest', pain=None)")


def test_fields_cannot_be_changed():
    point = Point(1, 2)
    with pytest.raises(FrozenInstanceError):
        point.x = 5
    with pytest.raises(FrozenInstanceError):
        del point.y
    with pytest.raises(FrozenInstanceError):               # no new field either
        point.z = 1
    assert point == Point(1, 2)


def test_matched_by_position():
    match Show(Step.HOME):
        case Say(text):
            found = ("say", text)
        case Show(step):
            found = ("show", step)
    assert found == ("show", Step.HOME)


def test_a_field_without_default_after_one_with_is_refused():
    with pytest.raises(TypeError):
        class Bad(FrozenRecord):
            a: int = 0
            b: int
