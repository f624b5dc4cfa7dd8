"""Integration fixtures: the real pyttsx3 + espeak-ng engine, Qt offscreen, and a private sound server."""

from __future__ import annotations

import ctypes.util
import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "e2e"))  # the shared sound helpers

import audio  # noqa: E402


def espeak_missing() -> str | None:
    """Why the real engine cannot run here, or None."""
    if not (ctypes.util.find_library("espeak-ng") or ctypes.util.find_library("espeak")):
        return "libespeak-ng is not installed (Debian: espeak-ng)"
    try:
        import pyttsx3  # noqa: F401
    except ImportError as error:
        return f"pyttsx3 is not installed: {error}"
    return None


def pytest_collection_finish(session):
    """Start the sound server before any test touches Qt audio (Qt looks for it once per process)."""
    if audio.pulseaudio_missing() is None and any(
            "pulse_server" in getattr(item, "fixturenames", ()) for item in session.items):
        audio.shared_pulse_server()


@pytest.fixture(scope="session")
def real_engine():
    """Skip when the real engine is not installed."""
    missing = espeak_missing()
    if missing:
        pytest.skip(missing)


@pytest.fixture(scope="session")
def pulse_server():
    """A private PulseAudio daemon with a null sink, so Qt sees an audio output."""
    missing = audio.pulseaudio_missing()
    if missing:
        pytest.skip(f"no private sound server: {missing}")
    return audio.shared_pulse_server()
