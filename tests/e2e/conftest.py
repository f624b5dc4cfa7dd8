"""End-to-end fixtures: a recorder of the private sound server (tests/conftest.py starts the server)."""

from __future__ import annotations

import os

import pytest

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import audio  # noqa: E402 (tests/conftest.py puts tests/e2e on the path)


@pytest.fixture
def recorder(pulse_server, tmp_path):
    """A Recorder of the null sink's monitor; call .start() when ready and .stop() for the samples."""
    rec = audio.Recorder(pulse_server, tmp_path / "recording.raw")
    yield rec
    rec.stop()
