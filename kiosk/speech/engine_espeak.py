"""The espeak-ng engine: libespeak-ng through ctypes, synchronous, on one thread, with no pyttsx3 in between.

The same voices, ids, rate and volume as pyttsx3's espeak driver (which stays the engine on Windows and
macOS, and the worker process's fallback on Linux), so its cache entries and settings carry over; its
name is "espeak" as pyttsx3's driver. libespeak-ng is not thread-safe and initializes once per process:
one engine per process, used from one thread at a time (kiosk/speech/in_process.py gives it its own
thread). Debian: libespeak-ng1 (and espeak-ng-data).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import threading
from collections.abc import Iterator

from kiosk.speech.engines import Engine, EngineUnavailable, RenderError
from kiosk.speech.voices import VoiceInfo

ENGINE = "espeak"
AUDIO_OUTPUT_SYNCHRONOUS = 2      # espeak_AUDIO_OUTPUT: espeak_Synth returns when the text is synthesized
ESPEAK_RATE, ESPEAK_VOLUME = 1, 2  # espeak_PARAMETER
POS_CHARACTER = 1
CHARS_UTF8, ENDPAUSE = 1, 0x1000  # espeak_Synth flags (pyttsx3 passes the same two)
EE_OK = 0
CHUNK_MS = 1000    # sound handed to the callback in pieces this long (as pyttsx3): 542 calls a routine, not 6,709
GENDERS = (None, "Male", "Female")  # what pyttsx3 calls them


class _Voice(ctypes.Structure):
    """espeak_VOICE."""

    _fields_ = [("name", ctypes.c_char_p), ("languages", ctypes.c_char_p), ("identifier", ctypes.c_char_p),
                ("gender", ctypes.c_ubyte), ("age", ctypes.c_ubyte), ("variant", ctypes.c_ubyte),
                ("xx1", ctypes.c_ubyte), ("score", ctypes.c_int), ("spare", ctypes.c_void_p)]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)
_loaded: tuple[ctypes.CDLL, int] | None = None     # the library and its sample rate, once per process
_loading = threading.Lock()


def _library() -> tuple[ctypes.CDLL, int]:
    """libespeak-ng, initialized for synchronous output (once per process); raises EngineUnavailable."""
    global _loaded
    with _loading:
        if _loaded is None:
            names = ["libespeak-ng.1.dylib"] if sys.platform == "darwin" else []
            names += ["libespeak-ng.so.1", None]
            errors = []
            for name in names:
                if name is None:      # find_library runs `ldconfig -p` (about 10 ms): only when the names fail
                    name = ctypes.util.find_library("espeak-ng")
                    if not name:
                        break
                try:
                    library = ctypes.CDLL(name)
                    break
                except OSError as error:
                    errors.append(str(error))
            else:
                raise EngineUnavailable(f"libespeak-ng not found ({'; '.join(errors) or 'not installed'})")
            library.espeak_Initialize.restype = ctypes.c_int
            library.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
            library.espeak_SetSynthCallback.argtypes = [_CALLBACK]
            library.espeak_SetSynthCallback.restype = None
            library.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
            library.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
            library.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_Voice))
            library.espeak_ListVoices.argtypes = [ctypes.c_void_p]
            library.espeak_Synth.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                                             ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
            rate = library.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, CHUNK_MS, None, 0)
            if rate <= 0:
                raise EngineUnavailable("libespeak-ng could not start (is espeak-ng-data installed?)")
            _loaded = (library, rate)
        return _loaded


class EspeakEngine(Engine):
    """espeak-ng's voices, rendered in memory by libespeak-ng."""

    name = ENGINE

    def __init__(self) -> None:
        self._espeak, self._rate = _library()
        self._chunks: list[bytes] = []
        self._callback = _CALLBACK(self._collect)     # kept: libespeak-ng holds only the pointer
        self._espeak.espeak_SetSynthCallback(self._callback)
        self._voices = self._list_voices()
        self._voice = ""

    def _list_voices(self) -> list[VoiceInfo]:
        found = []
        listed = self._espeak.espeak_ListVoices(None)
        index = 0
        while listed[index]:
            voice = listed[index].contents
            index += 1
            identifier = (voice.identifier or b"").decode("utf-8", "replace").lower()
            if not identifier:
                continue
            # `languages` is a priority byte, then the language: pyttsx3 lists the first one, so do we
            language = (voice.languages or b"\x05")[1:].decode("utf-8", "ignore")
            found.append(VoiceInfo(identifier, (voice.name or b"").decode("utf-8", "replace") or identifier,
                                   (language,) if language else (), GENDERS[voice.gender] if voice.gender < 3 else None,
                                   ENGINE))
        return found

    def voices(self) -> list[VoiceInfo]:
        return list(self._voices)

    def use(self, voice_id: str, rate: int, volume: float) -> None:
        if not any(voice.id == voice_id for voice in self._voices):
            raise RenderError(f"no espeak-ng voice {voice_id!r} here")
        if self._espeak.espeak_SetVoiceByName(voice_id.encode("utf-8")) != EE_OK:
            raise RenderError(f"espeak-ng could not take the voice {voice_id!r}")
        self._espeak.espeak_SetParameter(ESPEAK_RATE, int(rate), 0)
        self._espeak.espeak_SetParameter(ESPEAK_VOLUME, int(round(min(1.0, max(0.0, float(volume))) * 100)), 0)
        self._voice = voice_id

    def _collect(self, samples, count, _events) -> int:
        if count > 0:
            self._chunks.append(ctypes.string_at(samples, count * 2))
        return 0      # go on

    def _speak(self, text: str) -> tuple[bytes, int] | RenderError:
        if not self._voice:
            return RenderError("no voice chosen")
        data = text.encode("utf-8") + b"\0"
        self._chunks = []
        self._espeak.espeak_SetSynthCallback(self._callback)   # another engine in this process may have set its own
        error = self._espeak.espeak_Synth(data, len(data), 0, POS_CHARACTER, 0, CHARS_UTF8 | ENDPAUSE, None, None)
        frames, self._chunks = b"".join(self._chunks), []
        if error != EE_OK:
            return RenderError(f"espeak-ng could not say it (error {error})")
        if sys.byteorder == "big":
            import array

            swapped = array.array("h", frames)
            swapped.byteswap()
            frames = swapped.tobytes()
        return frames, self._rate

    def synthesize(self, texts: list[str]) -> Iterator[tuple[bytes, int] | RenderError]:
        for text in texts:
            yield self._speak(text)

    def render(self, text: str, path: str) -> None:
        from kiosk.speech import pcm

        result = self._speak(text)
        if isinstance(result, RenderError):
            raise result
        pcm.write_wav(path, *result)
