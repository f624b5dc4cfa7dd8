"""Shared test set-up: offscreen Qt, the tiny test routine, and no timers or threads left behind."""

from __future__ import annotations

import os
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def mini_folder() -> Path:
    """A routines folder with a two-exercise routine, `mini`."""
    return DATA / "mini"


@pytest.fixture
def mini_routine(mini_folder):
    from kiosk.core.loader import load_routines

    result = load_routines(mini_folder, known_poses=None)
    assert not result.errors, result.errors
    return result.routines["mini"]


@pytest.fixture(autouse=True)
def _no_threads_left_behind():
    """Fail a test that leaves a thread of its own running (napari's idea)."""
    before = set(threading.enumerate())
    yield
    leftover = [t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon]
    for thread in leftover:
        thread.join(timeout=2)
    still = [t.name for t in leftover if t.is_alive()]
    assert not still, f"test left threads running: {still}"
