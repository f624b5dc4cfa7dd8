"""Flite's sound at its own rate, scaled by the volume in libflite (exact) or, when it would pass full scale, clipped."""

from __future__ import annotations

import array

import pytest

from kiosk.speech import engine_flite, pcm
from kiosk.speech.engine_flite import FliteEngine, FliteVoice

pytestmark = pytest.mark.usefixtures("flite_engine")

TEXT = "Breathe in slowly and let your back rest on the mat."


def untrimmed(monkeypatch, voice: str, volume: float) -> tuple[array.array, int]:
    """One sentence's samples as the engine gives them, its lead-in left on (the cut depends on loudness)."""
    monkeypatch.setattr(pcm, "trim_leading_quiet", lambda frames, rate: frames)
    engine = FliteEngine()
    engine.use(voice, 155, volume)
    (frames, rate), = engine.synthesize([TEXT])
    return pcm.samples_of(frames), rate


def test_kal16_is_kept_at_16_khz_and_doubled_exactly(monkeypatch):
    plain, rate = untrimmed(monkeypatch, "flite:kal16", 0.5)          # gain 2.0 x volume 0.5: as made
    louder, louder_rate = untrimmed(monkeypatch, "flite:kal16", 1.0)   # gain 2.0: in libflite
    assert rate == louder_rate == 16000
    assert len(plain) == len(louder) > 16000
    assert max(map(abs, plain)) < 16384                                 # no sample needs clipping
    assert list(louder) == [2 * sample for sample in plain]


# kal16 (a diphone voice) says a text the same way every time; the clustergen voices (rms, slt, awb) do not.

def test_a_gain_past_full_scale_is_clipped_not_wrapped(monkeypatch):
    plain, _ = untrimmed(monkeypatch, "flite:kal16", 0.5)
    loud_kal16 = FliteVoice("kal16", "Kal, American man", "en-us", "male", 16.0)
    monkeypatch.setattr(engine_flite, "FLITE_VOICES", (loud_kal16,))
    louder, _ = untrimmed(monkeypatch, "flite:kal16", 1 / 16)           # gain 16 x 1/16: as made
    assert list(louder) == list(plain)
    louder, _ = untrimmed(monkeypatch, "flite:kal16", 0.5)              # gain 8
    assert max(map(abs, plain)) * 8 > 32767                             # the clipping path is taken
    assert list(louder) == [min(32767, max(-32768, 8 * sample)) for sample in plain]
    assert max(louder) == 32767 and min(louder) == -32768


def test_the_volume_scales_below_one_in_libflite(monkeypatch):
    plain, _ = untrimmed(monkeypatch, "flite:kal16", 0.5)
    quieter, _ = untrimmed(monkeypatch, "flite:kal16", 0.25)
    assert any(sample % 2 for sample in plain)
    assert list(quieter) == [int(sample / 2) for sample in plain]       # C's truncation toward zero
