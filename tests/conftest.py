"""Shared test set-up: offscreen Qt, the tiny test routine, and no timers or threads left behind."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from prerequisites import missing as prerequisite_missing

DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(Path(__file__).parent / "e2e"))   # the shared sound helpers: `import audio`


def pytest_collection_finish(session):
    """Start the private sound server before any test touches Qt audio, when a collected test needs it.

    Qt Multimedia looks for the sound server once per process: a server started after some other test
    has touched Qt audio would never be seen.
    """
    import audio

    if audio.pulseaudio_missing() is None and any(
            "pulse_server" in getattr(item, "fixturenames", ()) for item in session.items):
        audio.shared_pulse_server()


@pytest.fixture(scope="session")
def pulse_server():
    """The private PulseAudio daemon with the null sink `test_sink` as default (see e2e/audio.py)."""
    import audio

    missing = audio.pulseaudio_missing()
    if missing:
        prerequisite_missing(f"no private sound server: {missing}")
    return audio.shared_pulse_server()


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
