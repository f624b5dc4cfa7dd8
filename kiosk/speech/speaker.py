"""QtSpeaker: the Speaker port built from the WAV cache, the render thread and the WAV player."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kiosk.core.ports import SettingsStore
from kiosk.core.translations import translation
from kiosk.speech.cache import SpeechCache, default_cache_dir, forget_personal_sentences
from kiosk.speech.messages import LISTEN_SENTENCE, engine_name, notice_phrase, status_phrase
from kiosk.speech.player import WavPlayer
from kiosk.speech.render_process import Renderer, RenderRequest, default_worker_command
from kiosk.speech.render_thread import AHEAD, URGENT, RenderJob, RenderThread
from kiosk.speech.voices import RENDER_VOLUME, VoiceInfo, VoiceSettings, choose_voice


@dataclass
class _Batch:
    """One prepare() call still waiting for sentences."""

    total: int
    remaining: set[str]
    on_progress: Callable[[int, int], None] | None
    on_done: Callable[[], None] | None

    def settle(self, text: str) -> bool:
        """Count `text` as finished; True when the batch is complete."""
        if text in self.remaining:
            self.remaining.discard(text)
            if self.on_progress:
                self.on_progress(self.total - len(self.remaining), self.total)
        return not self.remaining


class QtSpeaker(QObject):
    """Speaks pre-rendered sentences through Qt Multimedia; silent with a reason when it cannot.

    Until the engine has started it counts as available (it is optimistic); when something turns out
    to be missing, `availability_changed` tells the screen to show the notice.

    Signals:
        availability_changed(bool available, str status_message)
        voices_changed(list voices)       the engine's voices (VoiceInfo) are known
        speech_started(str text)          a sentence started playing
        speech_finished(str text)         a sentence played to its end (never after stop())
    """

    availability_changed = Signal(bool, str)
    voices_changed = Signal(object)
    speech_started = Signal(str)
    speech_finished = Signal(str)

    def __init__(self, cache_dir: Path | str, settings: SettingsStore | None = None, *, language: str = "en",
                 worker_command: list[str] | None = None, sentence_timeout: float = 3.0,
                 start_timeout: float = 20.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = settings
        self._language = language
        self._settings = VoiceSettings.load(settings, language)
        self._voices: list[VoiceInfo] = []
        self._voice: VoiceInfo | None = None
        self._engine_problem = ""
        self._given_up_engines: set[str] = set()   # engines that stopped working: their voices are left out
        self._notice = ""                          # why another voice than the chosen one speaks
        self._preview_wanted = ""                  # the voice whose "Listen" sample plays once rendered
        self._failed: set[str] = set()             # texts that could not be rendered in this generation
        self._engine_started = False
        self._generation = 0
        self._paths: dict[str, str] = {}          # text -> WAV path, for the current generation
        self._personal: set[str] = set()          # texts said with say_personal (rendered to the personal cache)
        self._path_texts: dict[str, str] = {}     # WAV path -> text
        self._batches: list[_Batch] = []
        self._pending_say: str | None = None
        self._waiting_for_engine: dict[str, int] = {}  # text -> priority, asked before the engine started
        self._last_state = (True, "")

        self.player = WavPlayer(self)
        self.player.set_volume(self._settings.volume)
        self.player.finished.connect(self._on_played)
        self.player.file_failed.connect(self._on_file_failed)
        self.player.outputs_changed.connect(self._on_outputs_changed)

        self._cache = SpeechCache(cache_dir)
        renderer = Renderer(self._cache, worker_command or default_worker_command(),
                            sentence_timeout=sentence_timeout, start_timeout=start_timeout)
        self._thread = RenderThread(renderer, self)
        self._thread.engine_ready.connect(self._on_engine_ready)
        self._thread.engine_failed.connect(self._on_engine_failed)
        self._thread.rendered.connect(self._on_rendered)
        self._thread.render_failed.connect(self._on_render_failed)
        self._thread.engine_given_up.connect(self._on_engine_given_up)
        self._thread.previewed.connect(self._on_previewed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._thread.start()
        self._last_state = (self.available, self.status_message)

    # ------------------------------------------------------------------ the Speaker port

    @property
    def available(self) -> bool:
        return not self._problem()

    @property
    def status_message(self) -> str:
        """Why the voice is off; else why another voice than the chosen one speaks; else empty."""
        problem = self._problem()
        return status_phrase(problem, self._language) if problem else self._notice

    def prepare(self, texts: Iterable[str], on_progress: Callable[[int, int], None] | None = None,
                on_done: Callable[[], None] | None = None) -> None:
        unique = list(dict.fromkeys(t for t in texts if t and t.strip()))
        todo = [t for t in unique if t not in self._paths]
        if not self.available or not todo:
            if on_progress:
                on_progress(len(unique), len(unique))
            if on_done:
                on_done()
            return
        batch = _Batch(total=len(unique), remaining=set(todo), on_progress=on_progress, on_done=on_done)
        self._batches.append(batch)
        if on_progress:
            on_progress(len(unique) - len(todo), len(unique))
        for text in todo:
            self._submit(text, AHEAD)

    def say(self, text: str) -> None:
        self._say(text, personal=False)

    def say_personal(self, text: str) -> None:
        """Say a sentence about the person (a pain summary): its audio is kept apart and deleted with their data."""
        self._say(text, personal=True)

    def _say(self, text: str, personal: bool) -> None:
        self.stop()
        if not self.available or not text.strip():
            return
        if personal:
            self._personal.add(text)
        path = self._paths.get(text)
        if path:
            self._play(text, path)
        else:
            self._pending_say = text
            self._submit(text, URGENT)

    def stop(self) -> None:
        self._pending_say = None
        self._preview_wanted = ""
        self.player.stop()

    def preview(self, voice: VoiceInfo, text: str | None = None) -> None:
        """Play a short sample of `voice` at the current speed (the "Listen" button): the voice in use is kept.
        The sample is said in the language in use unless `text` is given."""
        if text is None:
            text = translation(self._language).gettext(LISTEN_SENTENCE)
        self.stop()
        if not self.available:
            return
        self._preview_wanted = voice.id
        request = RenderRequest(text=text, voice_id=voice.id, rate=self._settings.rate, volume=RENDER_VOLUME)
        self._thread.submit(RenderJob(self._generation, request, preview=True), URGENT)

    # ------------------------------------------------------------------ beyond the port

    @property
    def voices(self) -> list[VoiceInfo]:
        """Every engine's voices (empty until the engines have started), less those of engines given up."""
        return [voice for voice in self._voices if voice.engine not in self._given_up_engines]

    @property
    def voice(self) -> VoiceInfo | None:
        """The voice in use."""
        return self._voice

    @property
    def settings(self) -> VoiceSettings:
        return self._settings

    def is_ready(self, text: str) -> bool:
        """True when `text` is rendered and will start at once."""
        return text in self._paths

    def wav_path(self, text: str) -> str | None:
        """The rendered WAV file for `text` with the current settings, or None."""
        return self._paths.get(text)

    def apply_settings(self, settings: VoiceSettings | None = None) -> None:
        """Use new voice settings (re-read from the store when None); rendering starts over if needed."""
        new = settings or VoiceSettings.load(self._store, self._language)
        old, self._settings = self._settings, new
        self.player.set_volume(new.volume)
        if (old.voice_id, old.rate, old.enabled) != (new.voice_id, new.rate, new.enabled):
            self.stop()
            if self._engine_started:
                self._choose_voice()
            self._restart_generation()
        self._announce()

    @property
    def language(self) -> str:
        """The language spoken: its voice is the one chosen for it (VoiceSettings.load), else its best."""
        return self._language

    def set_language(self, language: str) -> None:
        """Speak `language` from now on: the voice chosen for it (or its best one), every sentence rendered
        again in it as it is asked for."""
        if language == self._language:
            return
        self.stop()
        self._language = language
        self._settings = VoiceSettings.load(self._store, language)
        if self._engine_started:
            self._choose_voice()
        self._restart_generation()
        self._announce()

    def forget_what_was_said(self) -> int:
        """Delete the audio of every sentence about a person (a summary names pain scores); returns how many."""
        self.stop()
        for text in self._personal:
            path = self._paths.pop(text, None)
            self._path_texts.pop(path, None)
        self._personal.clear()
        self.player.clear()
        return forget_personal_sentences(self._cache.folder)

    def shutdown(self) -> None:
        """Stop the render thread and its worker process, and release the audio (called on quit)."""
        self.stop()
        if self._thread.isRunning():
            self._thread.shutdown()
        self.player.clear()

    # ------------------------------------------------------------------ internals

    def _problem(self) -> str:
        if not self._settings.enabled:
            return "disabled"
        if not self.player.has_output:
            return "no_audio_device"
        if self._engine_problem:
            return self._engine_problem
        if self._engine_started and self._voice is None:
            return "no_voice"
        return ""

    def _announce(self) -> None:
        state = (self.available, self.status_message)
        if state != self._last_state:
            self._last_state = state
            if not state[0]:
                self.stop()
                self._finish_all_batches()
            self.availability_changed.emit(*state)

    def _request(self, text: str) -> RenderRequest | None:
        if self._voice is None:
            return None
        return RenderRequest(text=text, voice_id=self._voice.id, rate=self._settings.rate, volume=RENDER_VOLUME,
                             personal=text in self._personal)

    def _submit(self, text: str, priority: int) -> None:
        if not self._engine_started:
            self._waiting_for_engine.setdefault(text, priority)
            self._waiting_for_engine[text] = min(priority, self._waiting_for_engine[text])
            return
        request = self._request(text)
        if request is None:
            self._on_render_failed(self._generation, text)
            return
        self._thread.submit(RenderJob(self._generation, request), priority)

    def _restart_generation(self) -> None:
        self._failed.clear()
        self._generation += 1
        self._thread.current_generation = self._generation
        self._paths.clear()
        self._path_texts.clear()
        self.player.clear()
        if self.available:
            for batch in self._batches:
                for text in batch.remaining:
                    self._submit(text, AHEAD)

    def _play(self, text: str, path: str) -> None:
        self.player.play(path)
        self.speech_started.emit(text)

    def _finish_all_batches(self) -> None:
        batches, self._batches = self._batches, []
        for batch in batches:
            for text in list(batch.remaining):
                batch.settle(text)
            if batch.on_done:
                batch.on_done()

    def _settle(self, text: str) -> None:
        finished = [batch for batch in self._batches if batch.settle(text)]
        for batch in finished:
            self._batches.remove(batch)
            if batch.on_done:
                batch.on_done()

    def _choose_voice(self, failed_engine: str = "") -> None:
        """The chosen voice if it can speak, else the best that can, with the notice that says so."""
        usable = self.voices
        self._voice = choose_voice(usable, self._settings.voice_id, self._language)
        self._notice = ""
        if self._voice is None:
            return
        if failed_engine:
            self._notice = notice_phrase("engine_replaced", self._language, failed=engine_name(failed_engine),
                                         voice=self._voice.name, engine=engine_name(self._voice.engine))
        elif self._settings.voice_id and self._voice.id != self._settings.voice_id:
            self._notice = notice_phrase("voice_missing", self._language, voice=self._voice.name,
                                         engine=engine_name(self._voice.engine))

    def _on_engine_ready(self, engine: str, voices: list) -> None:
        self._engine_started = True
        self._voices = list(voices)
        self._choose_voice()
        self.voices_changed.emit(self.voices)
        waiting, self._waiting_for_engine = self._waiting_for_engine, {}
        self._announce()
        if self.available:
            for text, priority in sorted(waiting.items(), key=lambda item: item[1]):
                self._submit(text, priority)
        else:
            self._finish_all_batches()

    def _on_engine_failed(self, reason: str, _detail: str) -> None:
        self._engine_started = True
        self._engine_problem = reason
        self._waiting_for_engine = {}
        self._announce()
        self._finish_all_batches()

    def _on_engine_given_up(self, engine: str, reason: str) -> None:
        """One engine stopped working: the next engine's best voice takes over, or the voice goes off."""
        if engine in self._given_up_engines:
            return
        self._given_up_engines.add(engine)
        self.voices_changed.emit(self.voices)
        if self._voice is None or self._voice.engine != engine:
            return
        self.stop()
        self._choose_voice(failed_engine=engine)
        if self._voice is None:
            self._engine_problem = reason
            self._announce()
            return
        failed = set(self._failed)          # what the given-up engine could not say: the next one tries
        self._restart_generation()
        for text in failed:
            self._submit(text, AHEAD)
        self._announce()

    def _on_previewed(self, voice_id: str, path: str) -> None:
        if path and voice_id == self._preview_wanted:
            self._preview_wanted = ""
            self.player.play(path)

    def _on_rendered(self, generation: int, text: str, path: str) -> None:
        if generation != self._generation:
            return
        self._paths[text] = path
        self._path_texts[path] = text
        self.player.preload(path)
        if text == self._pending_say:
            self._pending_say = None
            self._play(text, path)
        self._settle(text)

    def _on_render_failed(self, generation: int, text: str) -> None:
        if generation != self._generation:
            return
        self._failed.add(text)
        if text == self._pending_say:
            self._pending_say = None
        self._settle(text)

    def _on_played(self, path: str) -> None:
        text = self._path_texts.get(path)
        if text is not None:
            self.speech_finished.emit(text)

    def _on_outputs_changed(self, _has_output: bool) -> None:
        self._announce()

    def _on_file_failed(self, path: str) -> None:
        text = self._path_texts.pop(path, None)
        if text is not None:
            self._paths.pop(text, None)
            if self.player.has_output:
                Path(path).unlink(missing_ok=True)  # a bad file: render it again next time
        self._announce()


def create_speaker(settings: SettingsStore | None, cache_dir: Path | None = None,
                   parent: QObject | None = None, *, language: str = "en") -> QtSpeaker:
    """The application's Speaker: a QtSpeaker rendering into `cache_dir` (default: the user cache folder)."""
    return QtSpeaker(cache_dir or default_cache_dir(), settings, language=language, parent=parent)
