"""End-to-end fixtures: a private PulseAudio server with a null sink for the whole test session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

sys.path.insert(0, str(Path(__file__).resolve().parent))  # so tests import `audio` as a plain module

import audio  # noqa: E402


def pytest_collection_finish(session):
    """Start the sound server before any test runs when a collected test needs it.

    Qt Multimedia looks for the sound server once per process: a server started after some other test
    has touched Qt audio would never be seen.
    """
    if audio.pulseaudio_missing() is None and any(
            "pulse_server" in getattr(item, "fixturenames", ()) for item in session.items):
        audio.shared_pulse_server()


@pytest.fixture(scope="session")
def pulse_server():
    """The private PulseAudio daemon with the null sink `test_sink` as default (see audio.py)."""
    missing = audio.pulseaudio_missing()
    if missing:
        pytest.skip(f"no private sound server: {missing}")
    return audio.shared_pulse_server()


@pytest.fixture
def recorder(pulse_server, tmp_path):
    """A Recorder of the null sink's monitor; call .start() when ready and .stop() for the samples."""
    rec = audio.Recorder(pulse_server, tmp_path / "recording.raw")
    yield rec
    rec.stop()
