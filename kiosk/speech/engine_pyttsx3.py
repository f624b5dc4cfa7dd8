"""The pyttsx3 engine: espeak-ng on Linux, SAPI5 on Windows, NSSpeechSynthesizer/AVSpeech on macOS.

One worker renders with one voice, rate and volume, set before its first sentence: with pyttsx3 2.99
and espeak-ng, a rate changed between sentences sometimes reaches only the sentence after the next.
"""

from __future__ import annotations

import os
import tempfile

from kiosk.speech.engines import Engine, RenderError
from kiosk.speech.voices import VoiceInfo

WARM_UP_TEXT = "Ready."
POLL_SECONDS = 0.0001   # how often the loop looks for the sentence's end: espeak-ng takes 2-5 ms a sentence


def _shorten_espeak_poll() -> None:
    """pyttsx3 2.99's espeak driver polls every 10 ms for the end of a sentence, which espeak-ng's thread
    signals by ending the loop: poll every POLL_SECONDS instead. Over a routine's 130 sentences on a busy
    machine the waits summed to 0.81 s with 1 ms polls, 0.65 s with 0.2 ms, 0.53 s with 0.05 ms: most of
    it is espeak-ng's own synthesis on its thread; the finer poll saves about 1-2 ms a sentence. In this
    process only."""
    import time
    import types

    from pyttsx3.drivers import espeak

    if getattr(espeak, "time", None) is time:
        espeak.time = types.SimpleNamespace(sleep=lambda seconds: time.sleep(min(seconds, POLL_SECONDS)),
                                            time=time.time, monotonic=time.monotonic)


class Pyttsx3Engine(Engine):
    """The platform's own speech through pyttsx3; its `name` is pyttsx3's driver ("espeak", "sapi5", ...)."""

    def __init__(self, driver: str | None = None) -> None:
        import pyttsx3

        self._engine = pyttsx3.init(driver)
        self.name = str(self._engine.driver_name)
        if self.name == "espeak":
            _shorten_espeak_poll()

    def voices(self) -> list[VoiceInfo]:
        voices = []
        for voice in self._engine.getProperty("voices") or []:
            languages = [code.decode("utf-8", "ignore") if isinstance(code, bytes) else str(code)
                         for code in (voice.languages or [])]
            voices.append(VoiceInfo(str(voice.id), str(voice.name or voice.id),
                                    tuple(code.lstrip("\x05") for code in languages if code),
                                    voice.gender, self.name))
        return voices

    def use(self, voice_id: str, rate: int, volume: float) -> None:
        self._engine.setProperty("voice", voice_id)
        self._engine.setProperty("rate", rate)
        self._engine.setProperty("volume", volume)
        with tempfile.TemporaryDirectory(prefix="kiosk-warm-up-") as folder:
            try:
                self.render(WARM_UP_TEXT, os.path.join(folder, "warm-up.wav"))   # settles the settings
            except RenderError:
                pass

    def render(self, text: str, path: str) -> None:
        """pyttsx3 sometimes writes a junk or no file (its first one especially): one retry."""
        from kiosk.speech.wav_check import wav_problem

        problem = "not rendered"
        for _attempt in range(2):
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
            self._engine.save_to_file(text, path)
            self._engine.runAndWait()
            problem = wav_problem(path)
            if problem is None:
                return
        raise RenderError(problem)
