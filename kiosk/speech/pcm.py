"""16-bit mono PCM in memory without numpy (the render worker starts faster without it): checks, trims, WAV bytes."""

from __future__ import annotations

import array
import math
import operator
import os
import struct
import sys

PLAYER_RATE = 22050   # espeak-ng's rate, and the take-home mix's when no sentence gives one. The players take
#                       a sentence at its own rate: Qt 6.11's QSoundEffect on PulseAudio played 8,000,
#                       16,000, 22,050, 24,000 and 44,100 Hz files at their pitch and length, in any order
#                       (tests/e2e/test_speaker_audio.py), once the player stopped taking a sink's switch of
#                       rate for a new device (player.outputs_in_use)
SILENCE_PEAK = 512 / 32768  # about 0.016 of full scale; espeak-ng speech peaks near 0.7-0.9


def samples_of(frames: bytes) -> array.array:
    """Little-endian 16-bit frames as an array of ints."""
    samples = array.array("h")
    samples.frombytes(frames[: len(frames) - len(frames) % 2])
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


_tables: dict[int, tuple[bytes, bytes]] = {}


def _loudness_tables(threshold: int) -> tuple[bytes, bytes]:
    """Two byte maps for samples whose |sample| >= threshold: one for the high byte (0 surely quiet, 4 surely
    loud, 1 or 2 on the edge), one for the low byte (4 always, 1 loud on the upper edge, 2 on the lower):
    a sample is loud when its two mapped bytes share a bit."""
    tables = _tables.get(threshold)
    if tables is None:
        threshold = max(1, min(32768, threshold))
        top, top_low = divmod(threshold - 1, 256)         # quiet: 1 - threshold <= sample <= threshold - 1
        bottom, bottom_low = divmod(1 - threshold, 256)   # (floor division: bottom is the high byte, signed)
        high = bytearray(256)
        for byte in range(256):
            signed = byte - 256 if byte >= 128 else byte
            if bottom < signed < top:
                high[byte] = 0
            elif signed > top or signed < bottom:
                high[byte] = 4
            else:
                high[byte] = (1 if signed == top else 0) | (2 if signed == bottom else 0)
        low = bytes(4 | (1 if byte > top_low else 0) | (2 if byte < bottom_low else 0) for byte in range(256))
        tables = _tables[threshold] = (bytes(high), low)
    return tables


def first_loud(frames: bytes, threshold: int, samples: array.array | None = None, start: int = 0) -> int:
    """The index of the first little-endian 16-bit sample from `start` with |sample| >= threshold, or -1
    (`samples`: unused, as before).

    Byte maps and one big-integer AND find it in C (the samples before the first loud one, a few thousand,
    are looked at in growing pieces, so a long sentence costs no more than a short one)."""
    high_map, low_map = _loudness_tables(threshold)
    count = len(frames) // 2
    piece = 1024
    while start < count:
        end = min(count, start + piece)
        part = frames[start * 2:end * 2]
        loud = int.from_bytes(part[1::2].translate(high_map), "big") & int.from_bytes(part[0::2].translate(low_map), "big")
        if loud:
            return start + (end - start) - 1 - (loud.bit_length() - 1) // 8
        start, piece = end, piece * 2
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
    without a sample that loud are skipped unread (they cannot reach it)."""
    window = max(1, int(rate * window_seconds))
    threshold = math.ceil(loud_rms)
    whole = len(frames) // 2 // window * window
    wanted = loud_rms * loud_rms * window
    first = first_loud(frames, threshold)
    while 0 <= first:
        start = first // window * window
        if start >= whole:
            break
        chunk = samples_of(frames[start * 2:(start + window) * 2])
        if sum(map(operator.mul, chunk, chunk)) >= wanted:
            return frames[max(0, start - int(keep_seconds * rate)) * 2:]
        first = first_loud(frames, threshold, start=start + window)
    return frames


_safe_high_bytes: dict[int, bytes] = {}


def within(frames: bytes, limit: int) -> bool:
    """True when no little-endian 16-bit sample's magnitude passes `limit` (0 <= limit <= 32767).

    Most sound is judged by its high bytes alone (those whose every sample is within are deleted in C);
    only when one is left is every sample looked at (first_loud)."""
    safe = _safe_high_bytes.get(limit)
    if safe is None:
        signed = [(byte - 256 if byte >= 128 else byte, byte) for byte in range(256)]
        safe = _safe_high_bytes[limit] = bytes(byte for high, byte in signed
                                               if high * 256 >= -limit and high * 256 + 255 <= limit)
    if not frames[1::2].translate(None, safe):
        return True
    return first_loud(frames, limit + 1) < 0


def scaled(frames: bytes, gain: float) -> bytes:
    """Little-endian 16-bit frames times `gain`, truncated toward zero and clipped at full scale."""
    samples = samples_of(frames)
    top, bottom = 32767, -32768
    result = array.array("h", [min(top, max(bottom, int(value * gain))) for value in samples])
    if sys.byteorder == "big":
        result.byteswap()
    return result.tobytes()


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
