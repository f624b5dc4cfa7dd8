"""The render worker: a child process that owns the speech engines and renders sentences to WAV files.

Run as `python -m kiosk.speech.render_worker [--voice ID --rate WPM --volume V]`. It loads every engine it
can (kiosk/speech/engines.py), reads one JSON request per line on stdin and writes one JSON reply per
line on stdout (the engines' own prints go to stderr):

    -> {"event": "ready", "engine": "flite", "voices": [...], "missing": {"festival": "..."}}
       or {"event": "failed", "reason": ...}   (no engine at all)
    <- {"id": 7, "text": "...", "path": "/x.wav", "voice": "flite:kal16", "rate": 155, "volume": 1.0}
    -> {"id": 7, "ok": true, "seconds": 1.7}                    or {"id": 7, "ok": false, "error": ...}
    <- {"id": 8, "batch": [{"text": "...", "path": "/a.wav"}, ...], "voice": ..., "rate": ..., "volume": ...}
    -> {"id": 8, "index": 0, "ok": true, "seconds": 1.2}  one line per sentence, in order, as each is written
    <- {"id": 9, "use": ["flite:kal16", 155, 1.0]}           a worker started without a voice takes one, once
    -> {"id": 9, "ok": true, "engine": "flite"}

One worker renders with one voice, rate and volume, set before its first sentence (pyttsx3 needs that;
see engine_pyttsx3.py), from its command line or by a "use" request before any sentence (which spares
the parent a second worker start); its "engine" is that voice's engine. Each sentence is checked
(not empty, not silent), its leading silence cut, and written in one write, in memory. A request with other settings is refused;
the parent starts a worker for them. A parent that sees no reply in time kills this process and starts
another: a hung engine cannot be stopped from inside.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import sys
import threading


def _protocol_stream():
    """Keep the real stdout for replies and send everything else printed to stdout to stderr."""
    stream = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1, encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    return stream


class Worker:
    """The loaded engines, and the one that renders with the settings this worker was started with."""

    def __init__(self, engines: list, settings: tuple | None) -> None:
        self.engines = engines
        self.voices = [voice for engine in engines for voice in engine.voices()]
        self.settings = settings
        self.engine = None
        if settings:
            owner = next((v.engine for v in self.voices if v.id == settings[0]), None)
            self.engine = next((e for e in engines if e.name == owner), None)
            if self.engine is not None:
                self.engine.use(*settings)

    @property
    def engine_name(self) -> str:
        return (self.engine or self.engines[0]).name

    def use(self, request: dict) -> dict:
        """Take the voice, rate and volume of a "use" request, when no sentence was rendered yet."""
        from kiosk.speech.engines import RenderError

        voice, rate, volume = request["use"]
        if self.settings is not None:
            return {"id": request["id"], "ok": False, "error": f"this worker renders {self.settings}"}
        owner = next((v.engine for v in self.voices if v.id == voice), None)
        engine = next((e for e in self.engines if e.name == owner), None)
        if engine is None:
            return {"id": request["id"], "ok": False, "error": f"no engine here offers the voice {voice!r}"}
        try:
            engine.use(voice, int(rate), float(volume))
        except RenderError as error:
            return {"id": request["id"], "ok": False, "error": str(error)}
        self.engine, self.settings = engine, (voice, int(rate), float(volume))
        return {"id": request["id"], "ok": True, "engine": engine.name}

    def render(self, request: dict) -> dict:
        """One sentence: {"text", "path"} in the request itself."""
        return next(self.render_batch({**request, "batch": [request]}))

    def render_batch(self, request: dict):
        """The replies for the request's "batch" of {"text", "path"}, in order, each once its file is written."""
        items = request["batch"]
        reply_id = request["id"]
        index_of = (lambda i: {}) if "text" in request else (lambda i: {"index": i})
        wanted = (request.get("voice"), int(request.get("rate", 0)), float(request.get("volume", 0)))
        refusal = None
        if wanted != self.settings:
            refusal = f"this worker renders {self.settings}, not {wanted}"
        elif self.engine is None:
            refusal = f"no engine here offers the voice {wanted[0]!r}"
        if refusal:
            for index in range(len(items)):
                yield {"id": reply_id, **index_of(index), "ok": False, "error": refusal}
            return
        results = self.engine.synthesize([item["text"] for item in items])
        if len(items) < 2:
            for index, item in enumerate(items):
                yield _written(reply_id, index_of(index), item, _next_result(results))
            return
        # Each sentence is checked and written on a thread of its own while the engine makes the next one
        # (the engines' C code runs without Python's lock, so both cores work); the replies stay in order.
        jobs: queue.Queue = queue.Queue()
        done: queue.Queue = queue.Queue()

        def write_each() -> None:
            while (job := jobs.get()) is not None:
                done.put(_written(*job))

        writer = threading.Thread(target=write_each, name="speech-writer", daemon=True)
        writer.start()
        try:
            for index, item in enumerate(items):
                jobs.put((reply_id, index_of(index), item, _next_result(results)))
                if index:
                    yield done.get()
            yield done.get()
        finally:
            jobs.put(None)
            writer.join()


def _next_result(results):
    """The engine's next sound, or the RenderError that stopped it."""
    from kiosk.speech.engines import RenderError

    try:
        return next(results)
    except StopIteration:
        return RenderError("the engine stopped early")
    except RenderError as error:
        return error


def _written(reply_id, where: dict, item: dict, result) -> dict:
    """Check one sentence's sound, cut its leading silence and write it: the reply that says how it went."""
    from kiosk.speech import pcm
    from kiosk.speech.engines import RenderError

    try:
        if isinstance(result, RenderError):
            return {"id": reply_id, **where, "ok": False, "error": str(result)}
        frames, rate = result
        problem = pcm.problem(frames, rate)
        if problem:
            return {"id": reply_id, **where, "ok": False, "error": problem}
        frames = pcm.trim_leading_silence(frames, rate)
        try:
            pcm.write_wav(item["path"], frames, rate)
        except OSError as error:
            return {"id": reply_id, **where, "ok": False, "error": f"cannot write: {error}"}
        return {"id": reply_id, **where, "ok": True, "seconds": round(len(frames) / 2 / rate, 3)}
    except Exception as error:  # noqa: BLE001 - told as this sentence's failure; the next ones go on
        return {"id": reply_id, **where, "ok": False, "error": f"{type(error).__name__}: {error}"}


def _engine_names(args) -> tuple[str, ...]:
    from kiosk.speech.engines import ENGINE_ORDER

    if args.engines:
        return tuple(name.strip() for name in args.engines.split(",") if name.strip())
    return ("pyttsx3",) if args.driver else ENGINE_ORDER   # a named pyttsx3 driver: that engine alone


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m kiosk.speech.render_worker")
    parser.add_argument("--driver", default=None, help="pyttsx3 driver name; alone, only pyttsx3 is loaded")
    parser.add_argument("--engines", default="", help="comma-separated engines to load (default: all)")
    parser.add_argument("--list-voices", action="store_true", help="print the ready line and exit")
    parser.add_argument("--voice", default="", help="the voice id to render with")
    parser.add_argument("--rate", type=int, default=155, help="espeak words per minute")
    parser.add_argument("--volume", type=float, default=1.0, help="0 to 1")
    return parser.parse_args(argv)


def answer(worker: Worker, request: dict):
    """The reply lines to one request, in order (a batch yields one per sentence as each is written)."""
    try:
        if "use" in request:
            yield worker.use(request)
        elif "batch" in request:
            yield from worker.render_batch(request)
        else:
            yield worker.render(request)
    except Exception as error:  # report and keep serving; the parent decides when to give up
        yield {"id": request.get("id"), "ok": False, "error": f"{type(error).__name__}: {error}"}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    replies = _protocol_stream()

    def send(message: dict) -> None:
        replies.write(json.dumps(message) + "\n")
        replies.flush()

    from kiosk.speech.engines import load_engines

    try:
        engines, missing = load_engines(_engine_names(args), args.driver)
        if not engines:
            raise RuntimeError("; ".join(f"{name}: {why}" for name, why in missing.items()) or "no engine")
        worker = Worker(engines, (args.voice, args.rate, args.volume) if args.voice else None)
    except Exception as error:  # the engine library or its native part is missing or broken
        send({"event": "failed", "reason": f"{type(error).__name__}: {error}"})
        return 2
    send({"event": "ready", "engine": worker.engine_name, "voices": [v.to_json() for v in worker.voices],
          "missing": missing, "pid": os.getpid()})
    if args.list_voices:
        return 0
    for line in sys.stdin:
        if not line.strip():
            continue
        for reply in answer(worker, json.loads(line)):
            send(reply)
    return 0


if __name__ == "__main__":
    sys.exit(main())
