"""The WAV player asks PulseAudio for short output buffers, and leaves an operator's own setting alone."""

from __future__ import annotations

import os

from kiosk.speech.player import PULSE_LATENCY_MSEC, request_low_latency_output


def test_short_output_buffers_are_requested_when_nothing_is_set(monkeypatch):
    monkeypatch.delenv("PULSE_LATENCY_MSEC", raising=False)
    request_low_latency_output()
    assert os.environ["PULSE_LATENCY_MSEC"] == PULSE_LATENCY_MSEC
    assert 0 < int(PULSE_LATENCY_MSEC) < 40  # below PulseAudio's default for Qt's stream, or it is pointless


def test_an_operators_own_latency_wins(monkeypatch):
    monkeypatch.setenv("PULSE_LATENCY_MSEC", "60")
    request_low_latency_output()
    assert os.environ["PULSE_LATENCY_MSEC"] == "60"
