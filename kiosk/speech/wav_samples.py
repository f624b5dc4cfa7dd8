"""16-bit PCM samples as numbers: volume scaling and sample-rate conversion (numpy, which pyqtgraph needs too)."""

from __future__ import annotations

import numpy

PLAYER_RATE = 22050   # what the players take: Qt's QSoundEffect on PulseAudio refused 16,000 and 24,000 Hz
#                       files here ("format is not supported") and played 22,050 Hz (espeak-ng's rate)


def to_array(frames: bytes) -> numpy.ndarray:
    """16-bit little-endian PCM bytes as float samples (full scale 32768)."""
    return numpy.frombuffer(frames, dtype="<i2").astype(numpy.float64)


def to_bytes(samples: numpy.ndarray) -> bytes:
    """Float samples back to 16-bit little-endian PCM bytes, clipped at full scale."""
    return numpy.clip(numpy.round(samples), -32768, 32767).astype("<i2").tobytes()


def scale(frames: bytes, factor: float) -> bytes:
    """The samples times `factor`."""
    return to_bytes(to_array(frames) * factor)


def resample(samples: numpy.ndarray, rate: int, wanted: int) -> numpy.ndarray:
    """Band-limited conversion from `rate` to `wanted` samples per second (through the spectrum: a
    sentence is short, and it starts and ends in near silence, so wrapping at its ends is inaudible)."""
    if rate == wanted or len(samples) == 0:
        return samples
    count = max(1, int(round(len(samples) * wanted / rate)))
    spectrum = numpy.fft.rfft(samples)
    bins = count // 2 + 1
    kept = numpy.zeros(bins, dtype=complex)
    shared = min(bins, len(spectrum))
    kept[:shared] = spectrum[:shared]
    return numpy.fft.irfft(kept, count) * (count / len(samples))
