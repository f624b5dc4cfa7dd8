"""The Flite engine: CMU Flite's voices through libflite (ctypes), rendered in the app's process (in_process.py).

libflite, not the `flite` command: the library loads a voice once per worker, where the command loads
it again for every sentence (benchmarks/bench_voices.py measures both). Debian: `flite` (libflite1).
Rate: Flite's `duration_stretch` (1.0 is its natural pace, about FLITE_NATURAL_WPM espeak words per
minute); volume: the samples are scaled in C by libflite's own cst_wave_rescale when no sample would pass
full scale, else clipped in Python (pcm.scaled). The sound stays at the voice's own rate (16 kHz for
kal16, slt, rms and awb, 8 kHz for kal): the players take it as it is (pcm.py), so nothing is converted.
A batch of sentences is synthesized on a thread of its own one sentence ahead of the checks and the
file writes (libflite runs without Python's lock).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import queue
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kiosk.speech import pcm
from kiosk.speech.engines import Engine, EngineUnavailable, RenderError
from kiosk.speech.voices import VoiceInfo

ENGINE = "flite"
FLITE_NATURAL_WPM = 165   # espeak-equivalent pace at duration_stretch 1.0: the floor routine's sentences
#                           last 233-278 s with Flite's voices and 274 s with espeak-ng at 155 wpm
PREFIX = ENGINE + ":"


@dataclass(frozen=True)
class FliteVoice:
    """One Flite voice: its short name, the library that holds it, and how people see it."""

    short: str
    name: str
    language: str
    gender: str
    gain: float = 1.0      # brings its loudness near espeak-ng's (median sentence RMS about 0.08 of full scale)

    @property
    def id(self) -> str:
        return PREFIX + self.short

    @property
    def library(self) -> str:
        return f"flite_cmu_us_{self.short}"

    @property
    def register(self) -> str:
        return f"register_cmu_us_{self.short}"


# Debian's flite package (2.2) ships these (the time-only voice "awb_time" is left out).
FLITE_VOICES = (
    FliteVoice("kal16", "Kal, American man", "en-us", "male", 2.0),   # RMS 0.039 -> 0.078, peaks at most 0.84
    FliteVoice("slt", "SLT, American woman", "en-us", "female"),
    FliteVoice("rms", "RMS, American man", "en-us", "male"),
    FliteVoice("awb", "AWB, Scottish man", "en-gb-scotland", "male"),
    FliteVoice("kal", "Kal 8 kHz, American man", "en-us", "male", 2.0),
)


class _Wave(ctypes.Structure):
    """flite's cst_wave."""

    _fields_ = [("type", ctypes.c_char_p), ("sample_rate", ctypes.c_int), ("num_samples", ctypes.c_int),
                ("num_channels", ctypes.c_int), ("samples", ctypes.POINTER(ctypes.c_short))]


def _file_names(name: str) -> list[str]:
    """The file names lib`name` is looked for by first: the versioned one Debian's runtime package has."""
    return ([f"lib{name}.dylib"] if sys.platform == "darwin" else []) + [f"lib{name}.so.1"]


class _DlInfo(ctypes.Structure):
    """dladdr's Dl_info."""

    _fields_ = [("dli_fname", ctypes.c_char_p), ("dli_fbase", ctypes.c_void_p), ("dli_sname", ctypes.c_char_p),
                ("dli_saddr", ctypes.c_void_p)]


def _folder_of(function) -> Path | None:
    """The folder of the shared library that holds `function` (a ctypes function), or None when not known."""
    try:
        dladdr = ctypes.CDLL(None).dladdr
    except (OSError, AttributeError, TypeError):
        return None
    dladdr.argtypes = [ctypes.c_void_p, ctypes.POINTER(_DlInfo)]
    info = _DlInfo()
    if not dladdr(ctypes.cast(function, ctypes.c_void_p), ctypes.byref(info)) or not info.dli_fname:
        return None
    folder = Path(os.fsdecode(info.dli_fname)).parent
    return folder if folder.is_absolute() else None


def _load(name: str, *, shared: bool = False) -> ctypes.CDLL:
    """Load lib`name`: the versioned file Debian's runtime package has, else what the system finds."""
    mode = ctypes.RTLD_GLOBAL if shared else ctypes.DEFAULT_MODE
    errors = []
    for candidate in _file_names(name) + [None]:
        if candidate is None:      # find_library runs `ldconfig -p` (about 10 ms): only when the names fail
            candidate = ctypes.util.find_library(name)
            if not candidate:
                break
        try:
            return ctypes.CDLL(candidate, mode=mode)
        except OSError as error:
            errors.append(str(error))
    raise EngineUnavailable(f"lib{name} not found ({'; '.join(errors) or 'not installed'})")


class FliteEngine(Engine):
    """Flite's voices that are installed here."""

    name = ENGINE

    def __init__(self) -> None:
        self._flite = _load("flite", shared=True)
        for dependency in ("flite_usenglish", "flite_cmulex"):
            _load(dependency, shared=True)
        self._flite.flite_init.restype = ctypes.c_int
        self._flite.flite_text_to_wave.restype = ctypes.POINTER(_Wave)
        self._flite.flite_text_to_wave.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
        self._flite.delete_wave.argtypes = [ctypes.POINTER(_Wave)]
        self._flite.cst_wave_rescale.argtypes = [ctypes.POINTER(_Wave), ctypes.c_int]
        self._flite.flite_feat_set_float.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_float]
        self._flite.flite_init()
        # A voice's library beside libflite is loaded when the voice is first used (each costs a few ms and
        # megabytes at start); one found elsewhere, or when libflite's folder is not known, is loaded now.
        self._libraries: dict[str, ctypes.CDLL | None] = {}
        beside = _folder_of(self._flite.flite_init)
        for voice in FLITE_VOICES:
            if beside and any((beside / name).is_file() for name in _file_names(voice.library)):
                self._libraries[voice.id] = None
                continue
            try:
                self._libraries[voice.id] = _load(voice.library)
            except EngineUnavailable:
                continue
        if not self._libraries:
            raise EngineUnavailable("no Flite voice is installed")
        self._voice = None
        self._volume = 1.0

    def voices(self) -> list[VoiceInfo]:
        return [VoiceInfo(voice.id, voice.name, (voice.language,), voice.gender, ENGINE)
                for voice in FLITE_VOICES if voice.id in self._libraries]

    def use(self, voice_id: str, rate: int, volume: float) -> None:
        voice = next((v for v in FLITE_VOICES if v.id == voice_id and v.id in self._libraries), None)
        if voice is None:
            raise RenderError(f"no Flite voice {voice_id!r} here")
        library = self._libraries[voice.id]
        if library is None:
            try:
                library = self._libraries[voice.id] = _load(voice.library)
            except EngineUnavailable as error:
                raise RenderError(f"Flite could not load the voice {voice.short}: {error}") from error
        register = getattr(library, voice.register)
        register.restype = ctypes.c_void_p
        register.argtypes = [ctypes.c_char_p]
        handle = register(None)
        if not handle:
            raise RenderError(f"Flite could not load the voice {voice.short}")
        features = ctypes.cast(handle, ctypes.POINTER(ctypes.c_void_p))[1]   # cst_voice.features
        self._flite.flite_feat_set_float(features, b"duration_stretch", duration_stretch(rate))
        self._voice, self._volume = handle, min(1.0, max(0.0, float(volume))) * voice.gain

    def render(self, text: str, path: str) -> None:
        for result in self.synthesize([text]):
            if isinstance(result, RenderError):
                raise result
            pcm.write_wav(path, *result)

    def synthesize(self, texts: list[str]) -> Iterator[tuple[bytes, int] | RenderError]:
        if self._voice is None:
            raise RenderError("no voice chosen")
        if len(texts) < 2:
            for text in texts:
                yield self._finish(self._flite.flite_text_to_wave(text.encode("utf-8"), self._voice))
            return
        waves: queue.Queue = queue.Queue(maxsize=2)
        stop = threading.Event()

        def synthesize_ahead() -> None:
            for text in texts:
                if stop.is_set():
                    break
                waves.put(self._flite.flite_text_to_wave(text.encode("utf-8"), self._voice))
            waves.put(None)

        ahead = threading.Thread(target=synthesize_ahead, name="flite-synthesis", daemon=True)
        ahead.start()
        try:
            for _text in texts:
                result = waves.get()
                if result is None:
                    break
                yield self._finish(result)
        finally:
            stop.set()
            while ahead.is_alive() or not waves.empty():      # let it end; free what it made
                try:
                    left = waves.get(timeout=0.1)
                except queue.Empty:
                    continue
                if left:
                    self._flite.delete_wave(left)
            ahead.join()

    def _finish(self, result) -> tuple[bytes, int] | RenderError:
        """A cst_wave as frames at its own rate, scaled by the volume, its faint lead-in cut; the wave is freed."""
        if not result:
            return RenderError("Flite rendered nothing")
        try:
            sound = result.contents
            rate, channels, count = sound.sample_rate, sound.num_channels, sound.num_samples
            if channels != 1:
                return RenderError(f"Flite rendered {channels} channels")
            frames = self._scaled(result, count)
        finally:
            self._flite.delete_wave(result)
        return pcm.trim_leading_quiet(frames, rate), rate

    def _scaled(self, result, count: int) -> bytes:
        """The wave's samples times the volume, as little-endian bytes. cst_wave_rescale multiplies by
        factor / 65536 in C ints without clipping: only when no sample would pass full scale (then no
        product passes 2**31 either); else pcm.scaled clips them."""
        frames = ctypes.string_at(result.contents.samples, count * 2)
        if sys.byteorder == "big":
            frames = _swap_bytes(frames)
        factor = round(self._volume * 65536)
        if factor == 65536:
            return frames
        if factor <= 0:
            return bytes(len(frames))
        if not pcm.within(frames, 32767 * 65536 // factor):
            return pcm.scaled(frames, self._volume)
        self._flite.cst_wave_rescale(result, factor)
        frames = ctypes.string_at(result.contents.samples, count * 2)
        return _swap_bytes(frames) if sys.byteorder == "big" else frames


def duration_stretch(rate: int) -> float:
    """Flite's duration_stretch for a pace in espeak words per minute (more words, shorter sounds)."""
    return FLITE_NATURAL_WPM / max(40, int(rate))


def _swap_bytes(frames: bytes) -> bytes:
    import array

    samples = array.array("h", frames)
    samples.byteswap()
    return samples.tobytes()
