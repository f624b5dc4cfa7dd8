"""16-bit PCM samples as numbers: volume scaling and sample-rate conversion (numpy, which pyqtgraph needs too)."""

from __future__ import annotations

import math

import numpy

from kiosk.speech.pcm import PLAYER_RATE  # noqa: F401 - where it was before pcm.py


def to_array(frames: bytes) -> numpy.ndarray:
    """16-bit little-endian PCM bytes as float samples (full scale 32768)."""
    return numpy.frombuffer(frames, dtype="<i2").astype(numpy.float64)


def to_bytes(samples: numpy.ndarray) -> bytes:
    """Float samples back to 16-bit little-endian PCM bytes, clipped at full scale."""
    return numpy.clip(numpy.round(samples), -32768, 32767).astype("<i2").tobytes()


def scale(frames: bytes, factor: float) -> bytes:
    """The samples times `factor`."""
    return to_bytes(to_array(frames) * factor)


def _smooth_at_least(number: int) -> int:
    """The smallest 2-3-5-smooth number >= `number` (a length the FFT does fast)."""
    best = 1 << max(0, (number - 1).bit_length())
    five = 1
    while five < best:
        three = five
        while three < best:
            candidate = three * (1 << max(0, (-(-number // three) - 1).bit_length()))
            best = min(best, candidate)
            three *= 3
        five *= 5
    return best


def resample(samples: numpy.ndarray, rate: int, wanted: int) -> numpy.ndarray:
    """Band-limited conversion from `rate` to `wanted` samples per second, through the spectrum.

    The sound is padded with silence to a length whose spectrum maps exactly onto the new rate and
    that the FFT does fast (an arbitrary length costs about ten times as much); a sentence ends in
    near silence, so the padding is inaudible and is cut off again.
    """
    if rate == wanted or len(samples) == 0:
        return samples
    count = max(1, int(round(len(samples) * wanted / rate)))
    common = math.gcd(rate, wanted)
    step_in, step_out = rate // common, wanted // common
    blocks = _smooth_at_least(-(-len(samples) // step_in))
    padded_in, padded_out = step_in * blocks, step_out * blocks
    spectrum = numpy.fft.rfft(samples, padded_in)
    bins = padded_out // 2 + 1
    kept = numpy.zeros(bins, dtype=complex)
    shared = min(bins, len(spectrum))
    kept[:shared] = spectrum[:shared]
    return numpy.fft.irfft(kept, padded_out)[:count] * (padded_out / padded_in)


def trim_leading_quiet(samples: numpy.ndarray, rate: int, loud_rms: float = 0.002 * 32768,
                       window_seconds: float = 0.005, keep_seconds: float = 0.005) -> numpy.ndarray:
    """The samples from `keep_seconds` before the first `window_seconds` window whose RMS reaches
    `loud_rms` (about -54 dBFS): a word is heard the moment it is played. A lone sample above a
    threshold is not enough: Flite's diphone voices open with up to 120 ms of faint noise before it."""
    window = max(1, int(rate * window_seconds))
    whole = len(samples) // window * window
    if whole == 0:
        return samples
    energy = numpy.sqrt(numpy.mean(samples[:whole].reshape(-1, window) ** 2, axis=1))
    loud = numpy.flatnonzero(energy >= loud_rms)
    if len(loud) == 0:
        return samples
    return samples[max(0, int(loud[0]) * window - int(keep_seconds * rate)):]
