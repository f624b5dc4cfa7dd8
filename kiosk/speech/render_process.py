"""Renders sentences through a render worker child process, with time limits, restarts and a give-up rule.

Plain Python (no Qt): it blocks, so it runs on a worker thread, never on the GUI thread.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from kiosk.speech.cache import SpeechCache, cache_key
from kiosk.speech.voices import VoiceInfo

READER_JOIN_SECONDS = 2      # a killed worker: how long its reply reader may take to see the pipe close


def default_worker_command(driver: str | None = None) -> list[str]:
    """The command that starts a render worker with this Python."""
    command = [sys.executable, "-m", "kiosk.speech.render_worker"]
    return command + ["--driver", driver] if driver else command


class EngineError(Exception):
    """The engine is unusable; `reason` is a code for messages.status_phrase ("engine_missing", ...).

    `engine` names the one engine given up (its voices fail; the others may still work), or is empty
    when no engine can be used at all.
    """

    def __init__(self, reason: str, detail: str = "", engine: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail, self.engine = reason, detail, engine


class WorkerTimeout(Exception):
    """The worker did not answer in time."""


class SentenceFailed(Exception):
    """This one sentence could not be rendered; the engine may still work for others."""


class WorkerProcess:
    """One render worker child: start it, send a request, wait for its reply with a time limit, kill it."""

    def __init__(self, command: list[str], env: dict[str, str] | None = None) -> None:
        self.command = command
        self.env = env
        self._process: subprocess.Popen | None = None
        self._replies: queue.Queue = queue.Queue()
        self._reader: threading.Thread | None = None
        self._lock = threading.Lock()
        self._closed = False

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def start(self, timeout: float) -> dict:
        """Start the child and return its ready message; raises EngineError or WorkerTimeout."""
        self.kill()
        self._replies = queue.Queue()
        with self._lock:
            if self._closed:
                raise EngineError("closed")
            try:
                self._process = subprocess.Popen(
                    self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                    text=True, encoding="utf-8", bufsize=1, env={**os.environ, **(self.env or {})})
            except OSError as error:
                raise EngineError("engine_missing", str(error)) from error
            self._reader = threading.Thread(target=self._read, args=(self._process.stdout, self._replies),
                                            name="speech-worker-reader", daemon=True)
            self._reader.start()
        message = self._next_reply(timeout)
        if message.get("event") == "ready":
            return message
        raise EngineError("engine_missing", str(message.get("reason", message)))

    def request(self, message: dict, timeout: float) -> dict:
        """Send one request and return the reply with the same id; raises WorkerTimeout."""
        self.send(message)
        return self.reply_to(message, timeout)

    def send(self, message: dict) -> None:
        """Send one request without waiting; raises WorkerTimeout when the worker is gone."""
        try:
            self._process.stdin.write(json.dumps(message) + "\n")
            self._process.stdin.flush()
        except (OSError, ValueError, AttributeError) as error:
            raise WorkerTimeout(f"the worker is gone: {error}") from error

    def reply_to(self, message: dict, timeout: float) -> dict:
        """The next reply with the message's id (a batch has one per sentence); raises WorkerTimeout."""
        while True:
            reply = self._next_reply(timeout)
            if reply.get("id") == message.get("id"):
                return reply

    def close(self) -> None:
        """Kill the child and refuse to start another (safe from any thread)."""
        with self._lock:
            self._closed = True
        self.kill()

    def kill(self) -> None:
        """Kill the child at once (a hung engine cannot be asked to stop) and reap it."""
        with self._lock:
            process, self._process = self._process, None
            reader, self._reader = self._reader, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        if reader is not None and reader is not threading.current_thread():
            reader.join(timeout=READER_JOIN_SECONDS)

    def _next_reply(self, timeout: float) -> dict:
        try:
            reply = self._replies.get(timeout=timeout)
        except queue.Empty:
            raise WorkerTimeout(f"no answer within {timeout:g} s") from None
        if reply is None:
            raise EngineError("engine_missing", "the worker exited")
        return reply

    @staticmethod
    def _read(stream, replies: queue.Queue) -> None:
        try:
            for line in stream:
                try:
                    replies.put(json.loads(line))
                except json.JSONDecodeError:
                    continue
        except (OSError, ValueError):
            pass
        replies.put(None)


@dataclass(frozen=True)
class RenderRequest:
    """What to render: the text and the voice settings that shape its sound; `personal` sentences (about a
    person) go to the cache's personal folder, which is emptied when their data is deleted."""

    text: str
    voice_id: str
    rate: int
    volume: float
    personal: bool = False


class Renderer:
    """Renders sentences into the WAV cache through one worker process.

    A worker renders with one voice, rate and volume; a request with other settings starts a new one.
    A sentence gets `sentence_timeout` seconds; on a timeout the worker is killed and restarted and the
    sentence tried once more. After `max_failures` failures in a row (hangs, crashes or bad files) it
    gives up that voice's engine for good: every later call for its voices raises EngineError with the
    reason and the engine's name; the other engines' voices still render. When the worker cannot start
    at all, it gives up everything (EngineError without an engine).
    """

    def __init__(self, cache: SpeechCache, command: list[str] | None = None, *, sentence_timeout: float = 3.0,
                 start_timeout: float = 20.0, max_failures: int = 3, env: dict[str, str] | None = None) -> None:
        self.cache = cache
        self.sentence_timeout = sentence_timeout
        self.start_timeout = start_timeout
        self.max_failures = max_failures
        self.engine = ""
        self.voices: list[VoiceInfo] = []
        self.restarts = 0
        self._base_command = command or default_worker_command()
        self._env = env
        self._worker = self._first_worker()
        self._pinned: tuple[str, int, float] | None = None  # the settings the running worker renders with
        self._failures = 0
        self._given_up: EngineError | None = None
        self._given_up_engines: dict[str, EngineError] = {}
        self._voice_engines: dict[str, str] = {}   # voice id -> its engine
        self._closed = False
        self._next_id = 0
        self._unpinned = False     # the running worker was started without a voice and renders nothing yet

    def start(self) -> list[VoiceInfo]:
        """Start the worker and return the voices it offers; raises EngineError."""
        self._start_worker()
        return self.voices

    def engine_of(self, voice_id: str) -> str:
        """The engine that renders this voice (the worker's own when the voice names none)."""
        return self._voice_engines.get(voice_id) or self.engine

    def given_up_engines(self) -> set[str]:
        """The engines given up for good."""
        return set(self._given_up_engines)

    def why_given_up(self, engine: str) -> str:
        """The reason code an engine was given up for ("" when it was not)."""
        error = self._given_up_engines.get(engine)
        return error.reason if error else ""

    def key_for(self, request: RenderRequest) -> str:
        return cache_key(self.engine_of(request.voice_id), request.voice_id, request.rate, request.volume,
                         request.text)

    def cached(self, request: RenderRequest) -> Path | None:
        """The cached WAV for this request, or None."""
        return self._cache_for(request).lookup(self.key_for(request)) if self.engine else None

    def _cache_for(self, request: RenderRequest) -> SpeechCache:
        return self.cache.personal if request.personal else self.cache

    def render(self, request: RenderRequest) -> Path:
        """The WAV for this request, from the cache or freshly rendered.

        Raises SentenceFailed (this sentence only) or EngineError (the engine is given up).
        """
        found = self.cached(request)
        if found:
            return found
        self._check_usable(request)
        self._pin(request)
        key = self.key_for(request)
        cache = self._cache_for(request)
        scratch = cache.scratch_path(key)
        last_problem = ""
        for _attempt in range(2):
            self._check_usable(request)
            self._next_id += 1
            message = {"id": self._next_id, "text": request.text, "path": str(scratch),
                       "voice": request.voice_id, "rate": request.rate, "volume": request.volume}
            try:
                reply = self._worker.request(message, self.sentence_timeout)
            except (WorkerTimeout, EngineError) as error:
                last_problem = str(error)
                self._count_failure(request, "engine_hung", last_problem)
                self._restart(request)
                continue
            if reply.get("ok") and _looks_like_wav(scratch):
                self._failures = 0
                return cache.accept(key, scratch)
            last_problem = str(reply.get("error", "a bad file"))
            self._count_failure(request, "engine_failed", last_problem)
        scratch.unlink(missing_ok=True)
        raise SentenceFailed(last_problem)

    def render_many(self, requests: list[RenderRequest]) -> list[Path | SentenceFailed | EngineError]:
        """The WAV of each request, in order, or the exception that stopped it; those not cached are
        rendered in one batch per voice setting and cache folder (one worker call, one reply line per sentence).

        Each sentence still gets `sentence_timeout`; a hang, a crash or a failed sentence sends that one
        and the rest of its batch through `render` one by one (its retries, restarts and give-up rule).
        """
        results: list[Path | SentenceFailed | EngineError | None] = [None] * len(requests)
        groups: dict[tuple, list[int]] = {}
        for index, request in enumerate(requests):
            found = self.cached(request)
            if found:
                results[index] = found
            else:
                groups.setdefault((request.voice_id, int(request.rate), float(request.volume), request.personal),
                                  []).append(index)
        for indexes in groups.values() if self._real_worker else ():
            left = self._render_batch([requests[i] for i in indexes])
            for index, result in zip(indexes, left):
                results[index] = result
        for index, result in enumerate(results):
            if result is None:
                try:
                    results[index] = self.render(requests[index])
                except (SentenceFailed, EngineError) as error:
                    results[index] = error
        return results

    def _render_batch(self, requests: list[RenderRequest]) -> list[Path | None]:
        """One batch of requests with the same settings and cache folder (personal or not): each one's accepted
        path, or None (left to `render`)."""
        done: list[Path | None] = [None] * len(requests)
        try:
            self._check_usable(requests[0])
            self._pin(requests[0])
        except EngineError:
            return done
        if len({request.personal for request in requests}) > 1:
            raise ValueError("a batch is for one cache folder: sentences about a person or none")
        keys = [self.key_for(request) for request in requests]
        scratches = self._cache_for(requests[0]).scratch_paths(keys)
        self._next_id += 1
        first = requests[0]
        message = {"id": self._next_id, "batch": [{"text": r.text, "path": str(p)} for r, p in zip(requests, scratches)],
                   "voice": first.voice_id, "rate": first.rate, "volume": first.volume}
        try:
            self._worker.send(message)
            for index in range(len(requests)):
                reply = self._worker.reply_to(message, self.sentence_timeout)
                if reply.get("index") != index:        # the worker broke off the batch
                    break
                if reply.get("ok") and _looks_like_wav(scratches[index]):
                    self._failures = 0
                    done[index] = self._cache_for(requests[index]).accept(keys[index], scratches[index])
                else:
                    scratches[index].unlink(missing_ok=True)
        except (WorkerTimeout, EngineError) as error:
            self._count_failure_quietly(requests[0], "engine_hung", str(error))
            try:
                self._restart(requests[0])
            except EngineError:
                pass
        for scratch, path in zip(scratches, done):
            if path is None:
                scratch.unlink(missing_ok=True)
        return done

    def _count_failure_quietly(self, request: RenderRequest, reason: str, detail: str) -> None:
        try:
            self._count_failure(request, reason, detail)
        except EngineError:
            pass

    def close(self) -> None:
        """Stop the worker; later calls raise EngineError("closed"). Safe from any thread."""
        self._closed = True
        self._worker.close()

    def _pin(self, request: RenderRequest) -> None:
        """Make sure the worker renders with this request's voice, rate and volume (a new worker if not)."""
        settings = (request.voice_id, int(request.rate), float(request.volume))
        if settings != self._pinned:
            self._pinned = settings
            self._worker.command = self._base_command + [
                "--voice", settings[0], "--rate", str(settings[1]), "--volume", repr(settings[2])]
            self._worker.command += self._only_the_engine_of(request.voice_id)
            if not self._pin_running_worker(settings):
                self._start_worker(request)
        self._unpinned = False

    def _pin_running_worker(self, settings: tuple[str, int, float]) -> bool:
        """Have the running worker, started without a voice and not yet used, take these settings (it has
        every engine loaded: a second worker start is spared). False when it cannot."""
        if not self._unpinned or self._worker.pid is None or not self._real_worker:
            return False
        self._unpinned = False
        self._next_id += 1
        try:
            reply = self._worker.request({"id": self._next_id, "use": list(settings)}, self.start_timeout)
        except (WorkerTimeout, EngineError):
            return False
        return bool(reply.get("ok"))

    @property
    def _real_worker(self) -> bool:
        """The worker is kiosk.speech.render_worker, which knows "use" and "batch" requests (a test's
        stand-in may not)."""
        return "kiosk.speech.render_worker" in self._base_command

    def _only_the_engine_of(self, voice_id: str) -> list[str]:
        """The option that has a pinned real worker load only its voice's engine (pyttsx3 alone costs a
        worker's start 0.2-0.3 s); nothing for other commands, or when they name their engines."""
        command = self._base_command
        if "kiosk.speech.render_worker" not in command or "--engines" in command or "--driver" in command:
            return []
        engine = self.engine_of(voice_id)
        if not engine:
            return []
        return ["--engines", "flite" if engine == "flite" else "pyttsx3"]

    def _check_usable(self, request: RenderRequest | None = None) -> None:
        if self._closed:
            raise EngineError("closed")
        if self._given_up:
            raise self._given_up
        if request is not None and self.engine_of(request.voice_id) in self._given_up_engines:
            raise self._given_up_engines[self.engine_of(request.voice_id)]

    def _count_failure(self, request: RenderRequest, reason: str, detail: str) -> None:
        self._failures += 1
        if self._failures >= self.max_failures and not self._closed:
            self._give_up(request, EngineError(reason, detail))

    def _give_up(self, request: RenderRequest, error: EngineError) -> None:
        """Give up the request's engine for good; raises its EngineError."""
        engine = self.engine_of(request.voice_id)
        given_up = EngineError(error.reason, error.detail, engine)
        self._given_up_engines[engine] = given_up
        self._failures = 0
        self._pinned = None          # the next voice needs a worker of its own
        self._worker.kill()
        raise given_up

    def _restart(self, request: RenderRequest) -> None:
        self._check_usable(request)
        self.restarts += 1
        self._leave_in_process("a sentence failed or took too long")
        self._start_worker(request)

    def _first_worker(self):
        """Flite's and espeak-ng's voices render in this process (kiosk/speech/in_process.py) when the
        command is the plain default worker; anything else, and pyttsx3, through a worker process."""
        from kiosk.speech import in_process

        if in_process.wanted(self._base_command):
            return in_process.InProcessWorker(self._base_command, self._env)
        return WorkerProcess(self._base_command, self._env)

    @property
    def in_process(self) -> bool:
        """The engines render in this process now (not yet moved to worker processes)."""
        return getattr(self._worker, "in_process", False)

    def _leave_in_process(self, reason: str) -> bool:
        """After an in-process failure or hang, go on with worker processes for good; False when already."""
        if not self.in_process:
            return False
        self._worker.abandon(reason)
        self._worker = WorkerProcess(self._worker.command, self._env)
        return True

    def _start_worker(self, request: RenderRequest | None = None) -> None:
        """Start a worker; when it cannot start for a request's voice, that voice's engine is given up."""
        try:
            ready = self._worker.start(self.start_timeout)
        except (WorkerTimeout, EngineError) as error:
            if not self._closed and getattr(error, "reason", "") != "closed" and self._leave_in_process(str(error)):
                return self._start_worker(request)    # no in-process engine here: a worker process then
            self._worker.kill()
            if isinstance(error, WorkerTimeout):
                if request is not None and not self._closed:
                    self._give_up(request, EngineError("engine_hung", str(error)))
                self._given_up = EngineError("engine_hung", str(error))
                raise self._given_up from error
            if self._closed or error.reason == "closed":
                raise EngineError("closed") from error
            if request is not None:
                self._give_up(request, error)
            self._given_up = error
            raise
        self.engine = str(ready.get("engine", "unknown"))
        self._unpinned = request is None and "--voice" not in self._worker.command
        voices = [VoiceInfo.from_json(v) for v in ready.get("voices", [])]
        voices = [voice if voice.engine else replace(voice, engine=self.engine) for voice in voices]
        if request is None or not self.voices:    # a pinned worker may list its own engine's voices only
            self.voices = voices
        self._voice_engines.update({voice.id: voice.engine for voice in voices})


def _looks_like_wav(path: Path) -> bool:
    """A cheap check on the parent's side: the file exists and starts with a RIFF/WAVE header."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(44)
    except OSError:
        return False
    return len(header) == 44 and header[:4] == b"RIFF" and header[8:12] == b"WAVE"
