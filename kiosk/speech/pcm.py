"""16-bit mono PCM in memory without numpy (the render worker starts faster without it): checks, trims, WAV bytes."""

from __future__ import annotations

import array
import math
import operator
import os
import struct
import sys

PLAYER_RATE = 22050   # what the players take: Qt's QSoundEffect on PulseAudio refused 16,000 and 24,000 Hz
#                       files here ("format is not supported") and played 22,050 Hz (espeak-ng's rate)
SILENCE_PEAK = 512 / 32768  # about 0.016 of full scale; espeak-ng speech peaks near 0.7-0.9


def samples_of(frames: bytes) -> array.array:
    """Little-endian 16-bit frames as an array of ints."""
    samples = array.array("h")
    samples.frombytes(frames[: len(frames) - len(frames) % 2])
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


_STRIDE = 256   # samples looked at in one go (max and min of an array slice run at C speed)


def first_loud(frames: bytes, threshold: int, samples: array.array | None = None) -> int:
    """The index of the first sample with |sample| >= threshold, or -1."""
    samples = samples_of(frames) if samples is None else samples
    for start in range(0, len(samples), _STRIDE):
        chunk = samples[start:start + _STRIDE]
        if max(chunk) >= threshold or min(chunk) <= -threshold:
            return start + next(i for i, value in enumerate(chunk) if value >= threshold or value <= -threshold)
    return -1


def problem(frames: bytes, rate: int) -> str | None:
    """Why these frames are not usable speech (empty, silent: no sample reaches about SILENCE_PEAK), or None."""
    if rate <= 0 or len(frames) / 2 / rate <= 0.05:
        return "the file is empty"
    if first_loud(frames, 512) < 0:
        return "the file is silent"
    return None


def trim_leading_silence(frames: bytes, rate: int, threshold: int = 64, keep_seconds: float = 0.005) -> bytes:
    """The frames from `keep_seconds` before the first sample with |sample| >= `threshold` (about 0.002 of
    full scale): a word is heard the moment it is played (the same cut as wav_check.trim_leading_silence)."""
    first = first_loud(frames, threshold)
    cut = max(0, first - int(keep_seconds * rate)) if first > 0 else 0
    return frames[cut * 2:]


def trim_leading_quiet(frames: bytes, rate: int, loud_rms: float = 0.002 * 32768, window_seconds: float = 0.005,
                       keep_seconds: float = 0.005) -> bytes:
    """The frames from `keep_seconds` before the first `window_seconds` window whose RMS reaches `loud_rms`
    (the same cut as wav_samples.trim_leading_quiet, which Flite's faint lead-in needs). The windows
    before the one with the first sample that loud are skipped unread (they cannot reach it)."""
    window = max(1, int(rate * window_seconds))
    samples = samples_of(frames)
    first = first_loud(frames, math.ceil(loud_rms), samples)
    if first < 0:
        return frames
    whole = len(samples) // window * window
    wanted = loud_rms * loud_rms * window
    for start in range(first // window * window, whole, window):
        chunk = samples[start:start + window]
        if sum(map(operator.mul, chunk, chunk)) >= wanted:
            return frames[max(0, start - int(keep_seconds * rate)) * 2:]
    return frames


def wav_bytes(frames: bytes, rate: int) -> bytes:
    """A whole 16-bit mono PCM WAV file holding `frames` (header sizes exact, so a cut-short file shows)."""
    header = struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + len(frames), b"WAVE", b"fmt ", 16, 1, 1, rate,
                         rate * 2, 2, 16, b"data", len(frames))
    return header + frames


def write_wav(path: str, frames: bytes, rate: int) -> None:
    """Write `frames` as a WAV file in one write, readable by its owner only (0600)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    with open(fd, "wb") as handle:
        handle.write(wav_bytes(frames, rate))
