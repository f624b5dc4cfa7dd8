"""Prints when loud sound arrives from the default microphone, read as the app reads it (for the rig's own latency).

Run by tests/e2e/test_spoken_commands.py in the room's sound server: "ready" once listening, then
"loud <monotonic>" for each read that holds a sample above half of full scale; quits after `seconds`.
"""

from __future__ import annotations

import sys
import time

import numpy
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtMultimedia import QAudioFormat, QAudioSource, QMediaDevices

from kiosk.hearing.listener import CHUNK_BYTES, READ_MS
from kiosk.hearing.spotter import RATE


def main(seconds: float) -> None:
    app = QCoreApplication(sys.argv[:1])
    audio_format = QAudioFormat()
    audio_format.setSampleRate(RATE)
    audio_format.setChannelCount(1)
    audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    source = QAudioSource(QMediaDevices.defaultAudioInput(), audio_format)
    source.setBufferSize(CHUNK_BYTES * 2)
    device = source.start()

    def read() -> None:
        data = numpy.frombuffer(bytes(device.readAll()), dtype="<i2")
        if data.size and int(numpy.abs(data).max()) > 16384:
            print(f"loud {time.monotonic():.4f}", flush=True)

    reads = QTimer()
    reads.setInterval(READ_MS)
    reads.timeout.connect(read)
    reads.start()
    QTimer.singleShot(300, lambda: print("ready", flush=True))
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    source.stop()


if __name__ == "__main__":
    main(float(sys.argv[1]))
