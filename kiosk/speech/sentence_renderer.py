"""Sentences to WAV files with the voice settings in force, without Qt: for commands and take-home audio.

The same fallbacks as the app: the chosen voice when installed, else the best installed one; a voice
whose engine stops working gives way to the next engine's best voice. Each fallback is told through
`on_notice` (a command prints it on standard error).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kiosk.speech.cache import SpeechCache
from kiosk.speech.messages import engine_name, notice_phrase, status_phrase
from kiosk.speech.render_process import EngineError, Renderer, RenderRequest, default_worker_command
from kiosk.speech.voices import VoiceInfo, VoiceSettings, choose_voice


class NoVoice(Exception):
    """No voice can speak: the engines are missing, or none speaks the language. The message says which."""


class SentenceRenderer:
    """Renders sentences one by one with one voice at the settings' rate, through one worker process.

    `volume` is what the engine renders at: the settings' volume for a single sentence, RENDER_VOLUME
    (the app's cache entries) when the caller scales the sound itself.
    """

    def __init__(self, cache_dir: Path | str, settings: VoiceSettings, *, volume: float | None = None,
                 worker_command: list[str] | None = None, on_notice: Callable[[str], None] | None = None,
                 sentence_timeout: float = 20.0) -> None:
        self.settings = settings
        self.volume = settings.volume if volume is None else volume
        self.on_notice = on_notice or (lambda _text: None)
        self.voice: VoiceInfo | None = None
        self._renderer = Renderer(SpeechCache(cache_dir), worker_command or default_worker_command(),
                                  sentence_timeout=sentence_timeout)
        self._voices: list[VoiceInfo] = []

    def start(self, tell_missing: bool = True) -> VoiceInfo:
        """Start the engines and choose the voice (a notice when the chosen one is missing, unless not
        `tell_missing`); raises NoVoice."""
        try:
            self._voices = self._renderer.start()
        except EngineError as error:
            raise NoVoice(f"{status_phrase(error.reason, self.settings.language)} ({error.detail})") from error
        self.voice = choose_voice(self._voices, self.settings.voice_id, self.settings.language)
        if self.voice is None:
            raise NoVoice(status_phrase("no_voice", self.settings.language))
        if tell_missing and self.settings.voice_id and self.voice.id != self.settings.voice_id:
            self.on_notice(notice_phrase("voice_missing", voice=self.voice.name, engine=engine_name(self.voice.engine)))
        return self.voice

    @property
    def voices(self) -> list[VoiceInfo]:
        return list(self._voices)

    def render(self, text: str) -> Path:
        """The WAV of `text` with the voice in use (the next engine's when this one gives up); raises
        NoVoice when no engine is left, SentenceFailed for a sentence no engine can say."""
        while True:
            if self.voice is None:
                self.start()
            request = RenderRequest(text, self.voice.id, self.settings.rate, self.volume)
            try:
                return self._renderer.render(request)
            except EngineError as error:
                if not error.engine:
                    raise NoVoice(status_phrase(error.reason, self.settings.language)) from error
                self._next_voice(error.engine, error.reason)

    def render_many(self, texts: list[str]) -> dict[str, Path]:
        """The WAV of each text that can be said, rendered in one batch per voice (a cold worker renders
        a routine about as fast as the engine's own command); a text no engine can say is left out.
        The same fallbacks as `render`; raises NoVoice when no engine is left."""
        paths: dict[str, Path] = {}
        todo = list(dict.fromkeys(texts))
        while todo:
            if self.voice is None:
                self.start()
            requests = [RenderRequest(text, self.voice.id, self.settings.rate, self.volume) for text in todo]
            left = []
            for text, result in zip(todo, self._renderer.render_many(requests)):
                if isinstance(result, Path):
                    paths[text] = result
                elif isinstance(result, EngineError):
                    if not result.engine:
                        raise NoVoice(status_phrase(result.reason, self.settings.language)) from result
                    left.append(text)
            if left and self.voice.engine in self._renderer.given_up_engines():
                self._next_voice(self.voice.engine, self._renderer.why_given_up(self.voice.engine))
            elif left:
                break
            todo = left
        return paths

    def close(self) -> None:
        self._renderer.close()

    def __enter__(self) -> SentenceRenderer:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def _next_voice(self, failed: str, reason: str) -> None:
        usable = [voice for voice in self._voices if voice.engine not in self._renderer.given_up_engines()]
        self.voice = choose_voice(usable, self.settings.voice_id, self.settings.language)
        if self.voice is None:
            raise NoVoice(status_phrase(reason, self.settings.language))
        self.on_notice(notice_phrase("engine_replaced", failed=engine_name(failed), voice=self.voice.name,
                                     engine=engine_name(self.voice.engine)))

