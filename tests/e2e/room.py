"""A room for voice commands: a private sound server whose microphone hears a "room" sink, and a mouth that speaks into it.

The app plays into the server's default sink `speakers`; its default source `mic` is the room sink's
monitor, remapped (Qt lists no monitor as a microphone). The Mouth writes 20 ms blocks into the room
with one long-lived `pacat` stream, paced by the monotonic clock (room noise between the words), and
tells when the block holding a word's end was written: that sample is heard no sooner, so a reaction
measured from that moment is never shorter than the real one.
"""

from __future__ import annotations

import os
import queue
import subprocess
import threading
import time
from dataclasses import dataclass

import numpy

import audio
from spoken_commands import RATE, Clip, room_noise

BLOCK = 0.02                 # seconds per block written
LEAD = 0.06                  # blocks are written this far ahead of their moment (no underrun on a busy machine)


def start_room() -> audio.PulseServer:
    """A private server: sink `speakers` (the app's), sink `room` and source `mic` (its monitor) as default."""
    server = audio.start_pulse_server(sink="speakers")
    try:
        server.pactl("load-module", "module-null-sink", "sink_name=room")
        server.pactl("load-module", "module-remap-source", "master=room.monitor", "source_name=mic")
        server.pactl("set-default-source", "mic")
    except Exception:
        server.stop()
        raise
    return server


def loop_speakers_into_room(server: audio.PulseServer) -> str:
    """The app's own voice into the microphone too (module-loopback); returns the module to unload."""
    return server.pactl("load-module", "module-loopback", "source=speakers.monitor", "sink=room",
                        "latency_msec=40").strip()


@dataclass
class Said:
    """A clip the mouth said: when the block with the word's end was written (monotonic seconds)."""

    clip: Clip
    word_ended: float


class Mouth:
    """Speaks clips into the room sink in real time, room noise in between."""

    def __init__(self, server: audio.PulseServer, noise_seed: int = 5) -> None:
        self._process = subprocess.Popen(
            ["pacat", "--playback", "-d", "room", "--raw", "--format=s16le", f"--rate={RATE}", "--channels=1",
             "--latency-msec=20"], stdin=subprocess.PIPE, env={**os.environ, **server.env})
        self._clips: queue.Queue[Clip] = queue.Queue()
        self._said: queue.Queue[Said] = queue.Queue()
        self._stop = threading.Event()
        self._noise = room_noise(RATE * 10, seed=noise_seed).astype(numpy.int16)
        self._thread = threading.Thread(target=self._run, name="mouth", daemon=True)
        self._thread.start()

    def say(self, clip: Clip, timeout: float = 10.0) -> Said:
        """Say `clip`; returns once its word's end has been written."""
        self._clips.put(clip)
        return self._said.get(timeout=timeout)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        try:
            self._process.stdin.close()
        except OSError:
            pass
        self._process.terminate()
        self._process.wait(timeout=5)

    def _run(self) -> None:
        size = int(RATE * BLOCK)
        start = time.monotonic()
        index, noise_at = 0, 0
        current: Clip | None = None
        position = 0
        while not self._stop.is_set():
            if current is None and not self._clips.empty():
                current, position = self._clips.get(), 0
            if current is not None:
                block = current.samples[position:position + size]
                ends = int(current.word_end * RATE)
                finished_word = position < ends <= position + size
                position += size
                if len(block) < size:
                    block = numpy.concatenate([block, self._noise[:size - len(block)]])
            else:
                block = self._noise[noise_at:noise_at + size]
                noise_at = (noise_at + size) % (len(self._noise) - size)
                finished_word = False
            delay = start + index * BLOCK - LEAD - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            try:
                self._process.stdin.write(block.astype("<i2").tobytes())
                self._process.stdin.flush()
            except (BrokenPipeError, ValueError):
                return
            written = time.monotonic()
            if finished_word:
                self._said.put(Said(current, written))
            if current is not None and position >= len(current.samples):
                current = None
            index += 1
