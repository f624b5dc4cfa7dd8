"""Benchmark: speech latency with a warm cache, cold rendering against the espeak-ng command, GUI stalls.

Plays into a private PulseAudio null sink (tests/e2e/audio.py) and listens to its monitor with parec.
Prints figures and ratios against baselines measured in the same run; it asserts nothing.
Environment: BENCH_TRIALS (latency trials, default 30), BENCH_VERBOSE=1 (each trial's latency), BENCH_VOICE
(a voice id for the latency and stall parts; default: the app's default voice).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import math
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "e2e"))

import audio  # noqa: E402  (start the sound server before Qt Multimedia looks for one)

TARGET_LATENCY_P95_MS = 50
TARGET_STALL_MS = 50
FRAME_MS = 1000 / 60
TRIALS = int(os.environ.get("BENCH_TRIALS", 30))
CHUNK_SECONDS = 0.005     # loudness windows for the latency probe (the tests' 50 ms would be too coarse)
PROBE_LOUD = 0.002        # RMS: far below speech, far above the null sink's silence (exactly 0)
FALLBACK_SENTENCES = [
    "Lie on your back with both knees bent and your feet flat on the mat.",
    "Gently press the small of your back into the mat.", "Hold.", "Release.", "Now the left side.",
    "five", "four", "three", "two", "one", "Three of ten.", "Rest for twenty seconds.",
]


def routine_sentences() -> tuple[str, list[str]]:
    """Every distinct sentence of the longest bundled routine (or a fixed list if it cannot load)."""
    try:
        from kiosk.core.loader import load_routines
        from kiosk.core.timeline import compile_routine
        from kiosk.paths import bundled_dir

        routines = load_routines(bundled_dir("routines")).routines
        timelines = [compile_routine(r) for r in routines.values()]
        longest = max(timelines, key=lambda t: len(t.utterances()))
        return f"routine {longest.routine.id!r}", longest.utterances()
    except Exception as error:  # noqa: BLE001 - a benchmark falls back rather than dies
        return f"fixed list ({type(error).__name__})", FALLBACK_SENTENCES


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


# ---------------------------------------------------------------- cold rendering

def bench_cold_render(texts: list[str]) -> None:
    from kiosk.speech.cache import SpeechCache
    from kiosk.speech.render_process import Renderer, RenderRequest
    from kiosk.speech.voices import SPEED_RATES, choose_voice

    folder = Path(tempfile.mkdtemp(prefix="bench-speech-"))
    try:
        renderer = Renderer(SpeechCache(folder / "cache"))
        started = time.perf_counter()
        renderer.start()
        startup = time.perf_counter() - started
        # espeak-ng's own voice: the baseline is the espeak-ng command (bench_voices.py does every engine)
        voice = next((v for v in renderer.voices if v.id == "gmw/en-us"), None) or choose_voice(renderer.voices, "", "en")
        rate = SPEED_RATES["normal"]
        started = time.perf_counter()
        for text in texts:
            renderer.render(RenderRequest(text, voice.id, rate, 1.0))
        ours = time.perf_counter() - started
        renderer.close()

        espeak = shutil.which("espeak-ng")
        started = time.perf_counter()
        for index, text in enumerate(texts):
            subprocess.run([espeak, "-v", "en-us", "-s", str(rate), "-w", str(folder / f"cmd{index}.wav"), text],
                           check=True, capture_output=True)
        command = time.perf_counter() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"cold render, {len(texts)} sentences: worker {ours * 1000:.0f} ms "
          f"({ours / len(texts) * 1000:.1f} ms each) + worker start {startup * 1000:.0f} ms; "
          f"`espeak-ng -w` per sentence {command * 1000:.0f} ms")
    print(f"  ratio worker / espeak-ng command: {ours / command:.2f} "
          f"(with the worker start: {(ours + startup) / command:.2f})")


# ---------------------------------------------------------------- GUI stalls while rendering ahead

class TickGaps:
    """Records the longest gap between ticks of a 5 ms precise QTimer."""

    def __init__(self, parent) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer(parent)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last = 0.0

    def start(self) -> None:
        self.gaps, self._last = [], time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return max(self.gaps, default=0.0) * 1000

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now


def wait_until(app, condition, timeout: float) -> bool:
    """Run the Qt event loop (a real one, not a processEvents() spin) until `condition()` or the timeout."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return True
    loop = QEventLoop()
    poll = QTimer(app)
    poll.setInterval(2)
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    QTimer.singleShot(round(timeout * 1000), loop, loop.quit)
    poll.start()
    loop.exec()
    poll.stop()
    poll.deleteLater()
    return condition()


def bench_gui_stall(app, speaker, texts: list[str]) -> None:
    ticks = TickGaps(speaker)
    ticks.start()
    wait_until(app, lambda: False, 1.0)
    idle = ticks.stop()
    done = []
    ticks.start()
    started = time.perf_counter()
    speaker.prepare(texts, on_done=lambda: done.append(time.perf_counter()))
    wait_until(app, lambda: bool(done), 120)
    busy = ticks.stop()
    print(f"GUI stall while rendering {len(texts)} sentences ahead ({(done[0] - started) * 1000:.0f} ms): "
          f"longest gap between 5 ms ticks {busy:.1f} ms; idle baseline {idle:.1f} ms")
    print(f"  ratio rendering / idle: {busy / idle:.2f}; against the {TARGET_STALL_MS} ms target: "
          f"{busy / TARGET_STALL_MS:.2f}")


# ---------------------------------------------------------------- latency from say() to sound

def probe_env(server: audio.PulseServer) -> dict[str, str]:
    """parec's environment: the sound server's, without the player's PULSE_LATENCY_MSEC (which would override
    --latency-msec and so change the probe between runs)."""
    env = {**os.environ, **server.env}
    env.pop("PULSE_LATENCY_MSEC", None)
    return env


class MonitorProbe(threading.Thread):
    """Reads the null sink's monitor as it arrives and notes when the first loud 5 ms window comes in."""

    def __init__(self, server: audio.PulseServer, rate: int = audio.RECORD_RATE) -> None:
        super().__init__(daemon=True, name="monitor-probe")
        self.rate = rate
        self.process = subprocess.Popen(
            ["parec", "-d", f"{server.sink}.monitor", "--raw", "--format=s16le", f"--rate={rate}", "--channels=1",
             "--latency-msec=5"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=probe_env(server), bufsize=0)
        self.armed_at: float | None = None
        self.heard_at: float | None = None
        self.bytes_in = 0

    def run(self) -> None:
        import array

        window = int(self.rate * CHUNK_SECONDS) * 2
        pending = b""
        while True:
            data = os.read(self.process.stdout.fileno(), 4096)
            now = time.perf_counter()
            if not data:
                return
            self.bytes_in += len(data)
            pending += data
            while len(pending) >= window:
                chunk, pending = pending[:window], pending[window:]
                if self.armed_at is None or self.heard_at is not None:
                    continue
                samples = array.array("h", chunk)
                rms = math.sqrt(sum(s * s for s in samples) / len(samples)) / 32768
                if rms > PROBE_LOUD:
                    self.heard_at = now

    def close(self) -> None:
        self.process.terminate()
        self.process.wait()


def bench_latency(app, speaker, server, texts: list[str]) -> None:
    probe = MonitorProbe(server)
    probe.start()
    wait_until(app, lambda: probe.bytes_in > 0, 10)
    wait_until(app, lambda: False, 0.5)
    raw = []
    for trial in range(TRIALS):
        text = texts[trial % len(texts)]
        probe.heard_at = None
        probe.armed_at = time.perf_counter()
        speaker.say(text)
        wait_until(app, lambda: probe.heard_at is not None, 2.0)
        if probe.heard_at is not None:
            raw.append((probe.heard_at - probe.armed_at) * 1000)
            if os.environ.get("BENCH_VERBOSE"):
                print(f"    {text!r}: {raw[-1]:.1f} ms")
        speaker.stop()
        probe.armed_at = None
        wait_until(app, lambda: False, 0.3)
    probe.close()
    if not raw:
        print("latency: nothing was heard")
        return
    p50, p95 = percentile(raw, 0.5), percentile(raw, 0.95)
    print(f"cue-to-audio latency, warm cache, QSoundEffect, {len(raw)}/{TRIALS} heard: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
          f"max {max(raw):.1f} ms")
    print("  from say() to the moment this process received, from parec on the null sink's monitor "
          f"(--latency-msec=5), the first 5 ms window above {PROBE_LOUD} RMS (the sink's silence is exactly 0)")
    within_frame = sum(1 for value in raw if value <= FRAME_MS) / len(raw)
    print(f"  within one 60 Hz frame ({FRAME_MS:.1f} ms): {within_frame:.0%} of cues. The monitor shows what the "
          "sound server has mixed, so this is Qt + PulseAudio; a real card adds its own buffer")
    print(f"  ratio p95 / {TARGET_LATENCY_P95_MS} ms target: {p95 / TARGET_LATENCY_P95_MS:.2f}; "
          f"p50 / one 60 Hz frame: {p50 / FRAME_MS:.2f}")


def main() -> int:
    missing = audio.pulseaudio_missing()
    if missing:
        print(f"skipped: {missing}")
        return 0
    server = audio.shared_pulse_server()

    from PySide6.QtWidgets import QApplication

    from kiosk.speech.speaker import QtSpeaker

    app = QApplication.instance() or QApplication([])
    source, texts = routine_sentences()
    print(f"sentences: {len(texts)} from {source}")
    from kiosk.speech.render_process import EngineError

    try:
        bench_cold_render(texts)
    except EngineError as error:
        print(f"skipped: the speech engine cannot run here ({error})")
        return 0

    folder = Path(tempfile.mkdtemp(prefix="bench-speaker-"))
    chosen = os.environ.get("BENCH_VOICE", "")        # e.g. gmw/en-us; default: the app's default voice
    speaker = QtSpeaker(folder, {"voice.id": chosen} if chosen else None)
    try:
        if not wait_until(app, lambda: bool(speaker.voices) or not speaker.available, 60) or not speaker.available:
            print(f"skipped: {speaker.status_message}")
            return 0
        bench_gui_stall(app, speaker, texts)
        short = [t for t in texts if len(t.split()) <= 3] or texts
        bench_latency(app, speaker, server, short)
    finally:
        speaker.shutdown()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
