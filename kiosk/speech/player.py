"""The WAV player: QSoundEffects preloaded per file, so a cue starts at once and stop() is instant."""

from __future__ import annotations

import os
from collections import OrderedDict

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

MAX_LOADED = 400  # decoded sentences kept in memory (a long routine has about 150 distinct ones)
# Qt 6.11 plays every QSoundEffect through one shared output stream, corked while nothing plays. PulseAudio
# gives that stream a ~40-46 ms buffer, and a sentence apparently waits behind whatever silence it held when
# corked: cue-to-audio p50 ~6 ms but p95 ~46 ms. libpulse reads PULSE_LATENCY_MSEC each time it opens a stream;
# 20 ms gives p95 ~26 ms (10 ms: ~16-19 ms, less headroom against underruns), and long sentences still played
# without a gap with four busy processes on two cores. An operator's own value wins. Only Qt's PulseAudio
# backend reads it (also against PipeWire's pulse server); Qt's native PipeWire backend does not.
PULSE_LATENCY_MSEC = "20"


def request_low_latency_output() -> None:
    """Ask PulseAudio for short output buffers in this process (before Qt opens its output stream)."""
    os.environ.setdefault("PULSE_LATENCY_MSEC", PULSE_LATENCY_MSEC)


def outputs_in_use() -> tuple[bytes, frozenset[bytes]]:
    """The default audio output's id and every output's id (the default is b"" when there is none).

    Qt also reports a change of an output's properties as a change of the outputs: PulseAudio switches an
    idle sink between 44.1 and 48 kHz for a stream of the other family (measured: a 22,050 Hz sound after
    a 16 kHz one, seven reports while it started), which must not stop what plays.
    """
    return bytes(QMediaDevices.defaultAudioOutput().id()), frozenset(
        bytes(device.id()) for device in QMediaDevices.audioOutputs())


class WavPlayer(QObject):
    """Plays one WAV file at a time through the default audio output.

    Signals:
        finished(str path)      a file played to its end (never after stop() or a newer play())
        file_failed(str path)   a file could not be played (bad file, or no output)
        outputs_changed(bool)   audio outputs appeared or vanished; the argument is `has_output`
    """

    finished = Signal(str)
    file_failed = Signal(str)
    outputs_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        request_low_latency_output()
        self._effects: OrderedDict[str, QSoundEffect] = OrderedDict()
        self._current: QSoundEffect | None = None
        self._waiting: QSoundEffect | None = None   # asked to play before it finished loading
        self._volume = 1.0
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._on_outputs_changed)
        self._outputs = outputs_in_use()

    @property
    def has_output(self) -> bool:
        """True when the system offers at least one audio output."""
        return bool(self._outputs[1])

    def preload(self, path: str) -> QSoundEffect:
        """Decode `path` now (asynchronously) so a later play() starts at once."""
        effect = self._effects.get(path)
        if effect is not None:
            self._effects.move_to_end(path)
            return effect
        effect = QSoundEffect(self)
        effect.setObjectName(path)
        effect.setVolume(self._volume)
        effect.statusChanged.connect(self._on_status_changed)   # bound methods, not lambdas holding self:
        effect.playingChanged.connect(self._on_playing_changed)  # a lambda would keep this player alive
        effect.setSource(QUrl.fromLocalFile(path))
        self._effects[path] = effect
        self._evict()
        return effect

    def play(self, path: str) -> None:
        """Stop whatever plays and start `path` (at once when preloaded and decoded)."""
        self.stop()
        effect = self.preload(path)
        self._current = effect
        if effect.status() == QSoundEffect.Status.Ready:
            effect.play()
        else:
            self._waiting = effect

    def stop(self) -> None:
        """Silence at once; no `finished` follows."""
        current, self._current, self._waiting = self._current, None, None
        if current is not None:
            current.stop()

    def is_playing(self) -> bool:
        return self._current is not None and self._current.isPlaying()

    def set_volume(self, volume: float) -> None:
        """Playback volume 0..1, applied at once to every loaded file."""
        self._volume = min(1.0, max(0.0, float(volume)))
        for effect in self._effects.values():
            effect.setVolume(self._volume)

    def clear(self) -> None:
        """Stop and forget every loaded file."""
        self.stop()
        for effect in self._effects.values():
            effect.deleteLater()
        self._effects.clear()

    def _evict(self) -> None:
        while len(self._effects) > MAX_LOADED:
            path, effect = next(iter(self._effects.items()))
            if effect is self._current:
                self._effects.move_to_end(path)
                continue
            del self._effects[path]
            effect.deleteLater()

    def _on_status_changed(self) -> None:
        effect = self.sender()
        if not isinstance(effect, QSoundEffect):
            return
        status = effect.status()
        if status == QSoundEffect.Status.Ready and effect is self._waiting:
            self._waiting = None
            effect.play()
        elif status == QSoundEffect.Status.Error:
            path = effect.objectName()
            if self._effects.get(path) is effect:
                del self._effects[path]
                effect.deleteLater()
            if effect is self._current:
                self._current = self._waiting = None
            self.file_failed.emit(path)

    def _on_playing_changed(self) -> None:
        effect = self.sender()
        if effect is self._current and not effect.isPlaying() and self._waiting is None:
            self._current = None
            self.finished.emit(effect.objectName())

    def _on_outputs_changed(self) -> None:
        outputs = outputs_in_use()
        if outputs == self._outputs:
            return  # the same outputs, one of them changed (its rate): the loaded files play on, untouched
        self._outputs = outputs
        paths = list(self._effects)
        self.clear()  # effects bound to a vanished device cannot recover
        for path in paths:
            self.preload(path)
        self.outputs_changed.emit(self.has_output)
