"""Spoken test material for voice commands: the commands said by Flite's voices (varied with sox, room noise mixed
in), other speech without any command (Flite, from tests/e2e/data/other_speech.txt), and the app's own voice.

Everything is 16-bit mono at 16 kHz, as numpy int16 arrays; the tools are flite, sox and espeak-ng.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import random
import shutil
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy

RATE = 16000
VOICES = ("kal", "kal16", "awb", "rms", "slt")     # Flite's general voices (awb_time only says the time)
# (pitch in cents, tempo): a lower and a higher, slower and faster speaker than each voice's own
VARIATIONS = ((0, 1.0), (-120, 0.92), (300, 1.12), (150, 0.85), (-150, 1.2))
NOISE_DB = -42.0             # room noise (pink), dB of full scale RMS: a quiet room with a fan
WORD_LOUD = 0.01             # RMS of full scale: a 10 ms window above it is part of the word
OTHER_PAUSE_S = (0.3, 1.5)   # seconds between the sentences of other speech, drawn evenly
OTHER_SPEECH = Path(__file__).resolve().parent / "data" / "other_speech.txt"
SEED_VARIABLE = "KIOSK_E2E_SEED"   # replays a run of drawn clips (drawn_clip); "random" draws a new run
DEFAULT_SEED = 63955726            # a run of middling difficulty: 28/31 on both spotters (test_spoken_commands)


def tools_missing() -> str | None:
    """Why the material cannot be made here (None when it can)."""
    for tool, package in (("flite", "flite"), ("sox", "sox"), ("espeak-ng", "espeak-ng")):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian: {package})"
    return None


@dataclass(frozen=True)
class Clip:
    """One command said once: its samples (noise mixed in) and where in them the word ends."""

    words: str
    voice: str
    variation: tuple[int, float]
    samples: numpy.ndarray
    word_end: float              # seconds from the clip's start: the last loud 10 ms of the clean word

    @property
    def seconds(self) -> float:
        return len(self.samples) / RATE


def _read_wav(path: Path) -> numpy.ndarray:
    with wave.open(str(path), "rb") as wav:
        assert wav.getframerate() == RATE and wav.getnchannels() == 1 and wav.getsampwidth() == 2, path
        return numpy.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").copy()


def write_wav(path: Path, samples: numpy.ndarray) -> Path:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(samples.astype("<i2").tobytes())
    return path


def _cached(folder: Path, *key) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder / (hashlib.sha1(repr(key).encode()).hexdigest()[:16] + ".wav")


def flite(text: str, voice: str, folder: Path, pitch: int = 0, tempo: float = 1.0) -> numpy.ndarray:
    """`text` said by a Flite voice, changed in pitch (cents) and tempo, at 16 kHz."""
    out = _cached(folder, "flite", text, voice, pitch, tempo)
    if not out.exists():
        raw = out.with_suffix(".flite.wav")
        subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(raw)], check=True, capture_output=True)
        effects = (["pitch", str(pitch)] if pitch else []) + (["tempo", "-s", str(tempo)] if tempo != 1.0 else [])
        subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out), *effects, "rate", str(RATE)],
                       check=True, capture_output=True)
        raw.unlink()
    return _read_wav(out)


def espeak(text: str, folder: Path) -> numpy.ndarray:
    """`text` said by espeak-ng's default voice (the app's own), at 16 kHz."""
    out = _cached(folder, "espeak", text)
    if not out.exists():
        raw = out.with_suffix(".espeak.wav")
        subprocess.run(["espeak-ng", "-w", str(raw), text], check=True, capture_output=True)
        subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out)], check=True, capture_output=True)
        raw.unlink()
    return _read_wav(out)


def room_noise(count: int, seed: int = 0, db: float = NOISE_DB) -> numpy.ndarray:
    """`count` samples of pink noise (a fan, a fridge) at `db` dB of full scale RMS."""
    generator = numpy.random.default_rng(seed)
    count = max(1, count)
    spectrum = numpy.fft.rfft(generator.standard_normal(count))
    spectrum /= numpy.sqrt(numpy.maximum(numpy.arange(len(spectrum)), 1))
    noise = numpy.fft.irfft(spectrum, count)
    noise *= (10 ** (db / 20) * 32768) / max(1e-9, float(numpy.sqrt(numpy.mean(noise ** 2))))
    return noise


def with_noise(samples: numpy.ndarray, seed: int = 0, db: float = NOISE_DB) -> numpy.ndarray:
    mixed = samples.astype(numpy.float64) + room_noise(len(samples), seed, db)
    return numpy.clip(mixed, -32768, 32767).astype(numpy.int16)


def word_end(samples: numpy.ndarray) -> float:
    """Seconds from the start to the end of the last loud 10 ms window (the end of the word)."""
    size = RATE // 100
    windows = samples[: len(samples) // size * size].astype(numpy.float64).reshape(-1, size)
    loud = numpy.nonzero(numpy.sqrt((windows ** 2).mean(axis=1)) / 32768 > WORD_LOUD)[0]
    return (loud[-1] + 1) * size / RATE if loud.size else 0.0


def command_clips(folder: Path, phrases: list[str], count: int, seed: int = 0) -> list[Clip]:
    """`count` clips going round the phrases, each with the next voice and variation (noise mixed in)."""
    combos = itertools.cycle(itertools.product(VARIATIONS, VOICES))
    clips = []
    for index, (words, (variation, voice)) in enumerate(zip(itertools.cycle(phrases), combos)):
        if index >= count:
            break
        clips.append(said_clip(folder, words, voice, variation, seed + index))
    return clips


def said_clip(folder: Path, words: str, voice: str, variation: tuple[int, float], noise_seed: int) -> Clip:
    """`words` said by a Flite voice with a (pitch, tempo) variation, room noise of `noise_seed` mixed in."""
    clean = flite(words, voice, folder, *variation)
    return Clip(words, voice, variation, with_noise(clean, noise_seed), word_end(clean))


def run_seed() -> int:
    """The seed of this run's drawn clips: SEED_VARIABLE from the environment ("random": a fresh one, to sample),
    else DEFAULT_SEED, so that `make test` hears the same clips every time and fails only when hearing got worse."""
    given = os.environ.get(SEED_VARIABLE, "").strip()
    if given == "random":
        return random.SystemRandom().randrange(2 ** 32)
    return int(given) if given else DEFAULT_SEED


def drawn_clip(folder: Path, words: str, seed: int, trial: int) -> Clip:
    """`words` said once by a voice and variation drawn evenly from VOICES and VARIATIONS (as command_clips goes round
    them), with room noise of a drawn seed; the draw depends only on (seed, trial), so a run can be replayed."""
    generator = numpy.random.default_rng([seed, trial])
    voice = VOICES[generator.integers(len(VOICES))]
    variation = VARIATIONS[generator.integers(len(VARIATIONS))]
    return said_clip(folder, words, voice, variation, int(generator.integers(2 ** 31)))


def other_speech(folder: Path, seconds: float) -> numpy.ndarray:
    """At least `seconds` of speech that holds no command: the text's sentences said in turn by each Flite
    voice and variation, a pause of OTHER_PAUSE_S between them, room noise over it all."""
    lines = [line.strip() for line in OTHER_SPEECH.read_text().splitlines() if line.strip()]
    combos = itertools.cycle(itertools.product(VARIATIONS, VOICES))
    pauses = numpy.random.default_rng(11)
    parts, total = [], 0
    for line, (variation, voice) in zip(itertools.cycle(lines), combos):
        said = flite(line, voice, folder, *variation)
        gap = numpy.zeros(int(pauses.uniform(*OTHER_PAUSE_S) * RATE), dtype=numpy.int16)
        parts += [said, gap]
        total += len(said) + len(gap)
        if total >= seconds * RATE:
            break
    return with_noise(numpy.concatenate(parts), seed=99)


def app_speech(folder: Path, sentences: list[str]) -> numpy.ndarray:
    """The app's sentences in its own voice (espeak-ng), a breath between them."""
    gap = numpy.zeros(int(0.3 * RATE), dtype=numpy.int16)
    return numpy.concatenate([part for text in sentences for part in (espeak(text, folder), gap)])
