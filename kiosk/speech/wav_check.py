"""Checks that a rendered WAV file is real speech: a RIFF header, PCM samples, and not silence."""

from __future__ import annotations

import array
import sys
import wave
from dataclasses import dataclass
from pathlib import Path

SILENCE_PEAK = 512 / 32768  # about 0.016 of full scale; espeak-ng speech peaks near 0.7-0.9


@dataclass(frozen=True)
class WavInfo:
    """What a WAV file holds: its length in seconds and its loudest sample as a fraction of full scale."""

    seconds: float
    peak: float
    sample_rate: int


def read_wav_info(path: Path | str) -> WavInfo:
    """Read a 16-bit PCM WAV file's length and peak; raises ValueError when it is not one."""
    path = Path(path)
    with open(path, "rb") as handle:
        header = handle.read(12)
    if len(header) < 12 or header[:4] != b"RIFF" or header[8:12] != b"WAVE":
        raise ValueError("no RIFF/WAVE header")
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2:
                raise ValueError(f"{wav.getsampwidth() * 8}-bit samples, expected 16-bit")
            rate = wav.getframerate()
            frames = wav.readframes(wav.getnframes())
            channels = wav.getnchannels()
    except wave.Error as error:
        raise ValueError(str(error)) from error
    samples = array.array("h")
    samples.frombytes(frames[: len(frames) - len(frames) % 2])
    if sys.byteorder == "big":
        samples.byteswap()
    peak = max(max(samples, default=0), -min(samples, default=0)) / 32768.0
    return WavInfo(seconds=len(samples) / channels / rate if rate else 0.0, peak=peak, sample_rate=rate)


def _loud_bytes(frames: bytes) -> int:
    """How many 16-bit little-endian samples reach about SILENCE_PEAK (|sample| >= 512): C speed, no loop."""
    return len(frames[1::2].translate(None, _QUIET_HIGH_BYTES))


_QUIET_HIGH_BYTES = bytes([0x00, 0x01, 0xFE, 0xFF])  # high bytes of samples between -512 and 511


def wav_problem(path: Path | str) -> str | None:
    """Why this file is not usable speech (missing, no header, empty, silent), or None when it is fine."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            header = handle.read(12)
        if len(header) < 12 or header[:4] != b"RIFF" or header[8:12] != b"WAVE":
            return "not a WAV file: no RIFF/WAVE header"
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2:
                return f"not a WAV file: {wav.getsampwidth() * 8}-bit samples, expected 16-bit"
            seconds = wav.getnframes() / wav.getframerate()
            frames = wav.readframes(wav.getnframes())
    except FileNotFoundError:
        return "no file was written"
    except (OSError, EOFError, wave.Error) as error:
        return f"not a WAV file: {error}"
    if seconds <= 0.05:
        return "the file is empty"
    if _loud_bytes(frames) == 0:
        return "the file is silent"
    return None


def wav_seconds(path: Path | str) -> float:
    """The length of a WAV file from its header."""
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def trim_leading_silence(path: Path | str, threshold: int = 64, keep_seconds: float = 0.005) -> float:
    """Cut the near-silence (|sample| < threshold, about 0.002 of full scale) before the first sound of a
    16-bit mono WAV, keeping `keep_seconds` of it, so that a word is heard the moment it is played.
    Returns the seconds removed."""
    path = Path(path)
    with wave.open(str(path), "rb") as wav:
        params = wav.getparams()
        frames = wav.readframes(wav.getnframes())
    if params.nchannels != 1 or params.sampwidth != 2:
        return 0.0
    samples = array.array("h")
    samples.frombytes(frames)
    if sys.byteorder == "big":
        samples.byteswap()
    first = next((index for index, value in enumerate(samples) if abs(value) >= threshold), 0)
    cut = max(0, first - int(keep_seconds * params.framerate))
    if cut == 0:
        return 0.0
    with wave.open(str(path), "wb") as wav:
        wav.setparams(params)
        wav.writeframes(frames[cut * 2:])
    return cut / params.framerate
