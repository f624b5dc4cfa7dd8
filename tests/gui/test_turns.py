"""Work in turns: one step per turn of the event loop, so what arrives meanwhile is answered between two steps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer

from kiosk.ui.turns import Turns, importing


def test_a_click_queued_after_the_first_step_is_answered_before_the_second(qtbot):
    done: list[str] = []
    turns = Turns([lambda: done.append("one") or QTimer.singleShot(0, lambda: done.append("click")),
                   lambda: done.append("two"), lambda: done.append("three")])
    turns.start()
    qtbot.waitUntil(lambda: turns.finished, timeout=30_000)     # the order is the point, not the time
    assert done == ["one", "click", "two", "three"]


def test_a_step_that_says_false_ends_the_run(qtbot):
    done: list[str] = []
    turns = Turns([lambda: done.append("one"), lambda: False, lambda: done.append("never")])
    turns.start()
    qtbot.waitUntil(lambda: turns.finished)
    qtbot.wait(20)
    assert done == ["one"]


def test_cancel_leaves_the_rest_undone(qtbot):
    done: list[str] = []
    turns = Turns([lambda: done.append("one"), lambda: done.append("two")])
    turns.start()
    turns.cancel()
    qtbot.wait(20)
    assert done == [] and turns.finished


def test_importing_names_its_module_and_a_failed_step_ends_the_run(qtbot):
    step = importing("kiosk.core.timeline")
    assert "kiosk.core.timeline" in step.__qualname__
    step()
    turns = Turns([importing("kiosk.no_such_module"), lambda: pytest.fail("ran after a failure")])
    with qtbot.captureExceptions() as exceptions:
        turns.start()
        qtbot.waitUntil(lambda: turns.finished)
    assert exceptions and exceptions[0][0] is ModuleNotFoundError


def test_a_step_that_returns_an_event_holds_the_next_until_it_is_set_and_the_loop_stays_free(qtbot):
    import threading

    done: list[str] = []
    event = threading.Event()
    turns = Turns([lambda: done.append("start") or event, lambda: done.append("after")])
    turns.start()
    qtbot.waitUntil(lambda: done == ["start"])
    QTimer.singleShot(0, lambda: done.append("click"))
    qtbot.wait(30)                                           # a few looks at the event: still not set
    assert done == ["start", "click"] and not turns.finished
    with qtbot.waitSignal(turns.completed, timeout=2000):
        event.set()
    assert done == ["start", "click", "after"]


def test_completed_is_not_said_when_a_step_ends_the_run(qtbot):
    turns = Turns([lambda: False, lambda: None])
    with qtbot.assertNotEmitted(turns.completed, wait=50):
        turns.start()
    assert turns.finished
