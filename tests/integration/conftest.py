"""Integration fixtures: the real pyttsx3 + espeak-ng engine and Qt offscreen (the sound server: tests/conftest.py)."""

from __future__ import annotations

import ctypes.util
import os

import pytest

from prerequisites import missing as prerequisite_missing

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def espeak_missing() -> str | None:
    """Why the real engine cannot run here, or None."""
    if not (ctypes.util.find_library("espeak-ng") or ctypes.util.find_library("espeak")):
        return "libespeak-ng is not installed (Debian: espeak-ng)"
    try:
        import pyttsx3  # noqa: F401
    except ImportError as error:
        return f"pyttsx3 is not installed: {error}"
    return None


@pytest.fixture(scope="session")
def real_engine():
    """Skip when the real engine is not installed."""
    missing = espeak_missing()
    if missing:
        prerequisite_missing(missing)


def flite_missing() -> str | None:
    """Why Flite's voices cannot run here, or None."""
    try:
        from kiosk.speech.engine_flite import FliteEngine

        voices = FliteEngine().voices()
    except Exception as error:  # noqa: BLE001 - whatever the missing library raises
        return f"Flite cannot load (Debian: flite): {error}"
    return None if voices else "no Flite voice is installed (Debian: flite)"


@pytest.fixture(scope="session")
def flite_engine():
    """Skip (fail in CI) when Flite and its voices are not installed."""
    missing = flite_missing()
    if missing:
        prerequisite_missing(missing)
