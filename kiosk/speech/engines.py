"""The speech engine interface: an engine lists its voices and renders a sentence to a WAV file.

The render worker (kiosk/speech/render_worker.py) loads every engine it can, in ENGINE_ORDER, lists all
their voices, and renders with the one engine whose voice it was started with; on Linux the same worker
runs in the app's process with IN_PROCESS_ENGINES (libflite, libespeak-ng; kiosk/speech/in_process.py),
and pyttsx3's worker process is the fallback. An engine that cannot
load (its library is not installed) is left out with its reason; its voices are then not offered.

Voice ids are unique across engines: a Flite voice is "flite:kal16"; pyttsx3's voices keep the ids
pyttsx3 gives them ("gmw/en-us" for espeak-ng, a registry path for SAPI5), as before engines existed.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator

from kiosk.speech.voices import VoiceInfo

ENGINE_ORDER = ("flite", "pyttsx3")   # what the worker loads; the voice ranking decides the default
IN_PROCESS_ENGINES = ("flite", "espeak")   # what the app loads in its own process (kiosk/speech/in_process.py)


class EngineUnavailable(Exception):
    """The engine cannot load here (its library or voices are not installed)."""


class RenderError(Exception):
    """This sentence could not be rendered."""


class Engine(ABC):
    """One speech engine inside the render worker.

    `use` settles the voice, rate (espeak words per minute, see voices.SPEED_RATES) and volume (0..1)
    before the first sentence; `render` then writes one sentence as a 16-bit mono PCM WAV file.
    """

    name = ""          # the engine's part of the cache key and of VoiceInfo.engine

    @abstractmethod
    def voices(self) -> list[VoiceInfo]:
        """The voices this engine offers here."""

    @abstractmethod
    def use(self, voice_id: str, rate: int, volume: float) -> None:
        """Render later sentences with these settings; raises RenderError for an unknown voice."""

    @abstractmethod
    def render(self, text: str, path: str) -> None:
        """Write `text` as a WAV file at `path`; raises RenderError."""

    def synthesize(self, texts: list[str]) -> Iterator[tuple[bytes, int] | RenderError]:
        """Each text's sound in order, as 16-bit mono little-endian frames and their sample rate, or the
        RenderError that stopped it. This default renders each through `render` to a scratch file;
        an engine that has the samples in memory yields them directly (and may work ahead)."""
        import os
        import tempfile
        import wave

        with tempfile.TemporaryDirectory(prefix="kiosk-render-") as folder:
            path = os.path.join(folder, "sentence.wav")
            for text in texts:
                try:
                    self.render(text, path)
                    with wave.open(path, "rb") as sound:
                        if sound.getnchannels() != 1 or sound.getsampwidth() != 2:
                            raise RenderError(f"{sound.getnchannels()} channels of {sound.getsampwidth() * 8}-bit "
                                              "samples, expected 16-bit mono")
                        frames, rate = sound.readframes(sound.getnframes()), sound.getframerate()
                except (OSError, EOFError, wave.Error) as error:
                    yield RenderError(f"not a WAV file: {error}")
                except RenderError as error:
                    yield error
                else:
                    yield frames, rate      # a WAV file's frames are little-endian on every machine


def _flite() -> Engine:
    from kiosk.speech.engine_flite import FliteEngine

    return FliteEngine()


def _espeak() -> Engine:
    from kiosk.speech.engine_espeak import EspeakEngine

    return EspeakEngine()


def _pyttsx3(driver: str | None = None) -> Engine:
    from kiosk.speech.engine_pyttsx3 import Pyttsx3Engine

    return Pyttsx3Engine(driver)


FACTORIES: dict[str, Callable[..., Engine]] = {"flite": _flite, "espeak": _espeak, "pyttsx3": _pyttsx3}


def load_engines(names: tuple[str, ...] = ENGINE_ORDER, driver: str | None = None
                 ) -> tuple[list[Engine], dict[str, str]]:
    """Every engine of `names` that loads, in order, and the reasons of those that do not."""
    loaded: list[Engine] = []
    missing: dict[str, str] = {}
    for name in names:
        try:
            engine = FACTORIES[name](driver) if name == "pyttsx3" else FACTORIES[name]()
        except KeyError:
            missing[name] = "no such engine"
        except Exception as error:  # noqa: BLE001 - a missing or broken native library, whatever it raises
            missing[name] = f"{type(error).__name__}: {error}"
        else:
            loaded.append(engine)
    return loaded, missing

