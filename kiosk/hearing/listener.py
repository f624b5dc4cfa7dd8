"""Listens on the default microphone (Qt Multimedia's QAudioSource) and spots key phrases on a thread of its own."""

from __future__ import annotations

import logging
import queue
import threading
import time

from PySide6.QtCore import QObject, Signal

from kiosk.core.translations import N_
from kiosk.hearing.spotter import RATE, CommandSpotter, recognizer_missing

log = logging.getLogger(__name__)

CHUNK_BYTES = 3200           # 0.1 s of 16-bit mono at 16 kHz: the microphone buffer holds two
READ_MS = 50                # the GUI thread hands the microphone's sound over this often
WATCH_MS = 1000              # how often the microphone's error state is looked at
LEVEL_EVERY = 0.1            # seconds between microphone level reports
STOP_JOIN_SECONDS = 5        # at stop: how long the recognizer's thread may take to end
NO_MICROPHONE = N_("No microphone was found.")      # shown translated (ui/widgets/listen_panel.py)


def microphone_missing() -> str | None:
    """Why there is nothing to listen with (None when there is a microphone)."""
    from PySide6.QtMultimedia import QMediaDevices

    return None if QMediaDevices.audioInputs() else NO_MICROPHONE


def listening_missing() -> str | None:
    """Why listening cannot work here: no recognizer or no microphone (None when it can)."""
    return recognizer_missing() or microphone_missing()


def _level(pcm: bytes) -> float:
    """The loudness of a block (RMS as a fraction of full scale, 0 to 1)."""
    import numpy

    samples = numpy.frombuffer(pcm[: len(pcm) - len(pcm) % 2], dtype="<i2").astype(numpy.float32)
    return float(numpy.sqrt(numpy.mean(samples * samples)) / 32768.0) if samples.size else 0.0


class VoiceListener(QObject):
    """The microphone feeds a queue on the GUI thread (one non-blocking read per READ_MS); a worker thread
    runs the keyword spotter on it. The GUI only receives what was heard and the level.

    No audio is recorded, stored or logged: each block is decoded and dropped; only the phrase and its
    time are logged, at debug level.

    Signals:
        heard(str, float, float): a command phrase, and the monotonic moments its utterance began and ended
        level(float): the microphone's loudness, 0 to 1, ten times a second
        failed(str): listening stopped on its own (the microphone went away); why
    """

    heard = Signal(str, float, float)
    level = Signal(float)
    failed = Signal(str)

    def __init__(self, phrases: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._phrases = list(phrases)
        self._source = None
        self._device = None
        self._queue: queue.Queue[tuple[bytes, float] | None] = queue.Queue()
        self._worker: threading.Thread | None = None
        from PySide6.QtCore import QTimer

        self._watch = QTimer(self)               # the microphone unplugged: its source stops with an error
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self._check)
        self._reads = QTimer(self)               # what the microphone has, READ_MS at a time (not 200 small reads a second)
        self._reads.setInterval(READ_MS)
        self._reads.timeout.connect(self._read)

    @property
    def listening(self) -> bool:
        return self._source is not None

    def start(self) -> str | None:
        """Start listening; the reason when it cannot (nothing is started then)."""
        if self._source is not None:
            return None
        problem = listening_missing()
        if problem:
            return problem
        from PySide6.QtMultimedia import QAudioFormat, QAudioSource, QMediaDevices

        audio_format = QAudioFormat()
        audio_format.setSampleRate(RATE)
        audio_format.setChannelCount(1)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        device = QMediaDevices.defaultAudioInput()
        if not device.isFormatSupported(audio_format):
            return f"The microphone cannot give {RATE} Hz mono sound."
        self._queue = queue.Queue()
        self._worker = threading.Thread(target=self._spot, args=(self._queue,), name="kiosk-listener", daemon=True)
        self._worker.start()
        self._source = QAudioSource(device, audio_format, self)
        self._source.setBufferSize(CHUNK_BYTES * 2)
        self._device = self._source.start()
        if self._device is None or self._source.error().name != "NoError":
            self.stop()
            return "The microphone could not be opened."
        self._reads.start()
        self._watch.start()
        log.debug("listening started")
        return None

    def stop(self) -> None:
        """Stop listening: the microphone is closed, the worker ends."""
        if self._source is not None:
            source, self._source, self._device = self._source, None, None
            self._watch.stop()
            self._reads.stop()
            source.stop()
            source.deleteLater()
            log.debug("listening stopped")
        if self._worker is not None:
            self._queue.put(None)
            self._worker.join(timeout=STOP_JOIN_SECONDS)
            self._worker = None

    # -- the GUI thread: read what the microphone has, hand it over --------------------------------
    def _read(self) -> None:
        if self._device is None:
            return
        data = bytes(self._device.readAll())
        if data:
            self._queue.put((data, time.monotonic()))

    def _check(self) -> None:
        """(QAudioSource.stateChanged cannot be connected from PySide6 6.11: its QAudio::State argument.)"""
        if self._source is not None and self._source.error().name not in ("NoError", "UnderrunError"):
            why = f"The microphone stopped ({self._source.error().name})."
            log.warning("listening: %s", why)
            self.stop()
            self.failed.emit(why)

    # -- the worker thread ----------------------------------------------------------------------
    def _spot(self, blocks: queue.Queue) -> None:
        try:
            spotter = CommandSpotter(self._phrases)
        except Exception as error:               # a broken model: say so; the rest of the app goes on
            log.error("the speech recognizer could not start: %s", error)
            self.failed.emit(f"The speech recognizer could not start ({error}).")
            while blocks.get() is not None:
                pass
            return
        last_level = 0.0
        try:
            while (item := blocks.get()) is not None:
                pcm, arrived = item
                for detection in spotter.feed(pcm):
                    # The block ended (about) when it arrived: place the phrase's end before that.
                    began = arrived - (spotter.seconds_fed - detection.began)
                    ended = arrived - (spotter.seconds_fed - detection.ended)
                    log.debug("heard %r at %.3f (%.3f to %.3f, confidence %.1f)", detection.words, time.monotonic(),
                              began, ended, detection.confidence)
                    self.heard.emit(detection.words, began, ended)
                if arrived - last_level >= LEVEL_EVERY:
                    last_level = arrived
                    self.level.emit(min(1.0, _level(pcm) * 4))
        finally:
            spotter.close()
