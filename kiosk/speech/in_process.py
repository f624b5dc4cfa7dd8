"""The render worker run inside the app's own process, on one thread of its own: no child process to start.

A worker process costs a cold render ~100 ms to start (Python, imports, engines) before its first
sentence; Flite's and espeak-ng's voices render as fast as their own commands only without it
(benchmarks/bench_voices.py, part b). InProcessWorker speaks the render worker's protocol
(kiosk/speech/render_worker.py: the same requests, replies, checks and trims) through queues instead of
pipes, so Renderer drives it exactly like WorkerProcess, with the same time limit per sentence.

One thread per process (the host) owns every in-process engine: libespeak-ng is not thread-safe and
initializes once per process, and Flite's voices keep their pace in the voice itself; each job first
puts back the settings of the worker it serves. Only libflite and libespeak-ng (IN_PROCESS_ENGINES, C
libraries called through ctypes, which lets go of Python's lock) run here; pyttsx3 stays in the worker
process. What is honest about a hang and a crash:
- a sentence not done in time: the host thread is stuck inside the C library and cannot be stopped from
  Python. It is left behind (a daemon thread), the process never uses in-process engines again
  (`broken`), and the Renderer goes on with worker processes (their restarts and give-up rule);
- a crash inside libflite or libespeak-ng (a segmentation fault) ends the app itself, which the worker
  process spared it; the kiosk's service restarts it (packaging/si-kiosk.service). Both libraries
  render every sentence of every bundled routine in the tests. KIOSK_SPEECH_IN_PROCESS=0 keeps every
  render in worker processes.
"""

from __future__ import annotations

import os
import queue
import sys
import threading

IN_PROCESS_SWITCH = "KIOSK_SPEECH_IN_PROCESS"
WORKER_MODULE = "kiosk.speech.render_worker"


class _Host:
    """The one thread that runs every in-process engine call, and the engines it loaded."""

    def __init__(self) -> None:
        self._jobs: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.engines: list | None = None
        self.missing: dict[str, str] = {}
        self.current = None        # the Worker whose settings the engines hold now
        self.running = None        # the InProcessWorker whose job runs now (inside an engine call, maybe)
        self.broken = ""           # why in-process engines are not used any more in this process

    def submit(self, job, owner=None) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="speech-in-process", daemon=True)
                self._thread.start()
        self._jobs.put((job, owner))

    def _run(self) -> None:
        while True:
            job, owner = self._jobs.get()
            self.running = owner
            try:
                job()
            finally:
                self.running = None


HOST = _Host()


def wanted(command: list[str]) -> bool:
    """Render in this process: the command is the plain default worker (a test's stand-in, a pyttsx3 driver
    or chosen engines keep their process), on a system whose pyttsx3 speaks through espeak-ng (on Windows
    and macOS pyttsx3's own voices need the worker), unless switched off or broken here."""
    from kiosk.speech.render_process import default_worker_command

    return (command == default_worker_command() and sys.platform not in ("win32", "darwin")
            and os.environ.get(IN_PROCESS_SWITCH, "1") != "0" and not HOST.broken)


class InProcessWorker:
    """WorkerProcess's interface, served by the host thread; `command` holds the worker's options."""

    in_process = True

    def __init__(self, command: list[str], env: dict[str, str] | None = None) -> None:
        self.command = command
        self.env = env
        self._replies: queue.Queue = queue.Queue()
        self._worker = None
        self._closed = False

    @property
    def pid(self) -> int | None:
        return os.getpid() if self._worker is not None else None

    def start(self, timeout: float) -> dict:
        """Load the engines (once per process) and return the ready message; raises EngineError or WorkerTimeout."""
        from kiosk.speech.render_process import EngineError

        self.kill()
        if self._closed:
            raise EngineError("closed")
        if HOST.broken:
            raise EngineError("engine_hung", HOST.broken)
        from kiosk.speech.render_worker import parse_args

        args = parse_args(self.command[self.command.index(WORKER_MODULE) + 1:])
        replies = self._replies = queue.Queue()
        HOST.submit(lambda: self._start_on_host(args, replies), self)
        message = self._next_reply(timeout)
        if message.get("event") == "ready":
            self._worker = message.pop("worker")
            return message
        raise EngineError("engine_missing", str(message.get("reason", message)))

    @staticmethod
    def _start_on_host(args, replies: queue.Queue) -> None:
        from kiosk.speech.engines import IN_PROCESS_ENGINES, load_engines
        from kiosk.speech.render_worker import Worker

        try:
            if HOST.engines is None:
                HOST.engines, HOST.missing = load_engines(IN_PROCESS_ENGINES)
            names = {"pyttsx3": "espeak"}
            chosen = {names.get(n.strip(), n.strip()) for n in args.engines.split(",") if n.strip()}
            engines = [engine for engine in HOST.engines if not chosen or engine.name in chosen]
            if not engines:
                raise RuntimeError("; ".join(f"{name}: {why}" for name, why in HOST.missing.items()) or "no engine")
            worker = Worker(engines, (args.voice, args.rate, args.volume) if args.voice else None)
        except Exception as error:  # noqa: BLE001 - a missing or broken native library, whatever it raises
            replies.put({"event": "failed", "reason": f"{type(error).__name__}: {error}"})
            return
        HOST.current = worker
        replies.put({"event": "ready", "engine": worker.engine_name, "voices": [v.to_json() for v in worker.voices],
                     "missing": HOST.missing, "pid": os.getpid(), "worker": worker})

    def request(self, message: dict, timeout: float) -> dict:
        self.send(message)
        return self.reply_to(message, timeout)

    def send(self, message: dict) -> None:
        """Queue one request for the host thread; raises WorkerTimeout when this worker is not running."""
        from kiosk.speech.render_process import WorkerTimeout

        worker, replies = self._worker, self._replies
        if worker is None:
            raise WorkerTimeout("the in-process worker is not running")

        def job() -> None:
            from kiosk.speech.render_worker import answer

            if replies is not self._replies:       # killed meanwhile
                return
            if HOST.current is not worker and worker.engine is not None and worker.settings:
                try:
                    worker.engine.use(*worker.settings)
                except Exception as error:  # noqa: BLE001 - told to the Renderer as a failed sentence
                    replies.put({"id": message.get("id"), "ok": False, "error": f"{type(error).__name__}: {error}"})
                    return
            HOST.current = worker
            for reply in answer(worker, message):
                if replies is not self._replies:   # killed meanwhile: the rest of a batch is not rendered
                    break
                replies.put(reply)

        HOST.submit(job, self)

    def reply_to(self, message: dict, timeout: float) -> dict:
        while True:
            reply = self._next_reply(timeout)
            if reply.get("id") == message.get("id"):
                return reply

    def abandon(self, reason: str) -> None:
        """This worker is given up after `reason`; when the host is still inside this worker's engine call
        (a hang), no in-process engine is used in this process again. (Waiting behind another worker's
        long batch is no hang: that worker's own time limit judges its call.)"""
        if HOST.running is self:
            HOST.broken = reason or "an engine call did not return"
        self.kill()

    def close(self) -> None:
        self._closed = True
        self.kill()

    def kill(self) -> None:
        """Forget the running worker and its pending replies (an engine call under way cannot be stopped);
        whoever waits for a reply is woken with EngineError, as by a killed worker process."""
        self._worker = None
        old, self._replies = self._replies, queue.Queue()
        old.put(None)

    def _next_reply(self, timeout: float) -> dict:
        from kiosk.speech.render_process import EngineError, WorkerTimeout

        if self._closed:
            raise EngineError("closed")
        try:
            reply = self._replies.get(timeout=timeout)
        except queue.Empty:
            raise WorkerTimeout(f"no answer within {timeout:g} s") from None
        if reply is None:
            raise EngineError("engine_missing", "the in-process worker was stopped")
        return reply
