"""Real-sound test helpers: a private PulseAudio server with a null sink, a recorder, and analysis.

The analysis functions are plain: samples in, numbers out. A recording misses its first ~2 s
(see AUDIO-TESTING.md), so measure times inside a recording, never against the wall clock.
"""

from __future__ import annotations

import array
import atexit
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SINK = "test_sink"
# Qt Multimedia warns once that it found no PipeWire; it then uses PulseAudio. For qt_log_ignore.
QT_AUDIO_NOISE = ("Couldn't load pipewire-0.3 library", "Couldn't resolve pipewire-0.3 symbols")
RECORD_RATE = 22050
WINDOW = 0.05        # seconds per RMS window
LOUD = 0.02          # of full scale
MERGE_GAP = 0.3      # seconds: loud windows closer than this belong to one burst


# ---------------------------------------------------------------- the sound server

@dataclass
class PulseServer:
    """A private PulseAudio daemon with one null sink; `env` holds what a client needs to find it."""

    runtime_dir: Path
    env: dict[str, str] = field(default_factory=dict)
    sink: str = SINK

    def pactl(self, *args: str) -> str:
        done = subprocess.run(["pactl", *args], env={**os.environ, **self.env}, capture_output=True,
                              text=True, timeout=10, check=True)
        return done.stdout

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the daemon, wait until it has gone, and remove its runtime folder."""
        env = {**os.environ, **self.env}
        subprocess.run(["pulseaudio", "-k"], env=env, capture_output=True, timeout=10, check=False)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and subprocess.run(
                ["pulseaudio", "--check"], env=env, capture_output=True, timeout=10, check=False).returncode == 0:
            time.sleep(0.05)
        shutil.rmtree(self.runtime_dir, ignore_errors=True)


def pulseaudio_missing() -> str | None:
    """Why a private sound server cannot be started here, or None when it can."""
    for tool in ("pulseaudio", "pactl", "parec"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian: pulseaudio, pulseaudio-utils)"
    return None


def start_pulse_server(sink: str = SINK, timeout: float = 10.0) -> PulseServer:
    """Start a private PulseAudio daemon with a null sink named `sink` and make it the default."""
    runtime_dir = Path(tempfile.mkdtemp(prefix="kiosk-pulse-"))
    env = {"XDG_RUNTIME_DIR": str(runtime_dir), "PULSE_RUNTIME_PATH": str(runtime_dir / "pulse")}
    server = PulseServer(runtime_dir=runtime_dir, env=env, sink=sink)
    subprocess.run(["pulseaudio", "-D", "--exit-idle-time=-1", "--system=false", "-n", "--disallow-exit",
                    f"--load=module-null-sink sink_name={sink}", "--load=module-native-protocol-unix"],
                   env={**os.environ, **env}, capture_output=True, timeout=timeout, check=True)
    deadline = time.monotonic() + timeout
    while True:
        try:
            server.pactl("set-default-sink", sink)
            return server
        except subprocess.CalledProcessError:
            if time.monotonic() > deadline:
                server.stop()
                raise
            time.sleep(0.1)


_shared: PulseServer | None = None


def shared_pulse_server() -> PulseServer:
    """One private server for the whole process, started on first use, stopped at exit.

    It also sets its environment in os.environ, so Qt Multimedia and child processes find it. Qt looks
    for the sound server once per process (it does not reconnect), so call this before anything in the
    process touches QMediaDevices or QSoundEffect.
    """
    global _shared
    if _shared is None:
        _shared = start_pulse_server()
        os.environ.update(_shared.env)
        atexit.register(_shared.stop)
    return _shared


# ---------------------------------------------------------------- recording

class Recorder:
    """Records the sink's monitor as raw 16-bit mono samples into a file with `parec`."""

    def __init__(self, server: PulseServer, path: Path, rate: int = RECORD_RATE) -> None:
        self.server, self.path, self.rate = server, Path(path), rate
        self._process: subprocess.Popen | None = None

    def start(self, settle: float = 1.5, timeout: float = 10.0) -> Recorder:
        """Start recording and return once audio really arrives (a recording's first ~2 s are lost)."""
        self._handle = open(self.path, "wb")
        self._process = subprocess.Popen(
            ["parec", "-d", f"{self.server.sink}.monitor", "--raw", "--format=s16le", f"--rate={self.rate}",
             "--channels=1", "--latency-msec=20"],
            stdout=self._handle, stderr=subprocess.DEVNULL, env={**os.environ, **self.server.env})
        deadline = time.monotonic() + timeout
        while self.path.stat().st_size == 0:
            if time.monotonic() > deadline or self._process.poll() is not None:
                self.stop()
                raise RuntimeError("parec delivered no audio")
            time.sleep(0.05)
        time.sleep(settle)
        return self

    def stop(self) -> array.array:
        """Stop recording and return the samples."""
        if self._process is not None:
            self._process.send_signal(signal.SIGINT)
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
            self._handle.close()
        return read_raw_samples(self.path)

    def __enter__(self) -> Recorder:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# ---------------------------------------------------------------- analysis

@dataclass(frozen=True)
class Burst:
    """A stretch of sound in a recording, in seconds from the recording's start."""

    start: float
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start


def read_raw_samples(path: Path | str) -> array.array:
    """Raw little-endian 16-bit samples from a file."""
    data = Path(path).read_bytes()
    samples = array.array("h")
    samples.frombytes(data[: len(data) - len(data) % 2])
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def read_wav_samples(path: Path | str) -> tuple[array.array, int]:
    """Samples (first channel) and rate of a 16-bit PCM WAV file."""
    import wave

    with wave.open(str(path), "rb") as wav:
        channels, rate = wav.getnchannels(), wav.getframerate()
        frames = wav.readframes(wav.getnframes())
    samples = array.array("h")
    samples.frombytes(frames)
    if sys.byteorder == "big":
        samples.byteswap()
    return (samples[::channels] if channels > 1 else samples), rate


def rms_windows(samples, rate: int, window: float = WINDOW) -> list[float]:
    """The RMS of each `window`-second slice, as a fraction of full scale."""
    size = max(1, int(rate * window))
    values = []
    for begin in range(0, len(samples) - size + 1, size):
        chunk = samples[begin:begin + size]
        values.append(math.sqrt(sum(s * s for s in chunk) / size) / 32768.0)
    return values


def find_bursts(rms: list[float], window: float = WINDOW, loud: float = LOUD,
                merge_gap: float = MERGE_GAP) -> list[Burst]:
    """Loud windows merged into bursts when they are less than `merge_gap` seconds apart."""
    bursts: list[Burst] = []
    for index, value in enumerate(rms):
        if value <= loud:
            continue
        start, end = index * window, (index + 1) * window
        if bursts and start - bursts[-1].end < merge_gap:
            bursts[-1] = Burst(bursts[-1].start, end)
        else:
            bursts.append(Burst(start, end))
    return bursts


def bursts_in(samples, rate: int, **options) -> list[Burst]:
    """Shortcut: the bursts of a recording."""
    window = options.pop("window", WINDOW)
    return find_bursts(rms_windows(samples, rate, window), window=window, **options)


def refine_bursts(samples, rate: int, bursts: list[Burst], window: float = 0.005, loud: float = LOUD) -> list[Burst]:
    """The same bursts with both ends found to `window` seconds (50 ms windows place them only roughly)."""
    size = max(1, int(rate * window))

    def is_loud(first: int) -> bool:
        chunk = samples[first:first + size]
        return len(chunk) == size and math.sqrt(sum(s * s for s in chunk) / size) / 32768.0 > loud

    refined = []
    for burst in bursts:
        near_start = range(max(0, int((burst.start - WINDOW) * rate)), int((burst.start + 2 * WINDOW) * rate), size)
        near_end = range(min(len(samples), int((burst.end + WINDOW) * rate)), max(0, int((burst.end - 2 * WINDOW) * rate)),
                         -size)
        start = next((first / rate for first in near_start if is_loud(first)), burst.start)
        end = next(((last + size) / rate for last in near_end if is_loud(last)), burst.end)
        refined.append(Burst(start, end))
    return refined


def onset_spacings(bursts: list[Burst]) -> list[float]:
    """Seconds between the starts of consecutive bursts."""
    return [later.start - earlier.start for earlier, later in zip(bursts, bursts[1:])]


def loud_seconds(rms: list[float], start: float, end: float, window: float = WINDOW, loud: float = LOUD) -> float:
    """How many seconds between `start` and `end` are loud."""
    first, last = int(start / window), int(end / window)
    return sum(window for value in rms[first:last] if value > loud)


def peak(samples) -> float:
    """The loudest sample as a fraction of full scale."""
    return max((abs(s) for s in samples), default=0) / 32768.0
