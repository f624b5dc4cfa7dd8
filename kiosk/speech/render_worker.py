"""The render worker: a child process that owns the pyttsx3 engine and renders sentences to WAV files.

Run as `python -m kiosk.speech.render_worker [--voice ID --rate WPM --volume V]`. It reads one JSON
request per line on stdin and writes one JSON reply per line on stdout (pyttsx3's own prints go to
stderr):

    -> {"event": "ready", "engine": "espeak", "voices": [...]}   or {"event": "failed", "reason": ...}
    <- {"id": 7, "text": "...", "path": "/x.wav", "voice": "gmw/en-us", "rate": 155, "volume": 1.0}
    -> {"id": 7, "ok": true, "seconds": 1.7}                    or {"id": 7, "ok": false, "error": ...}

One worker renders with one voice, rate and volume, set before its first sentence: with pyttsx3 2.99
and espeak-ng, a rate changed between sentences sometimes reaches only the sentence after the next.
A request with other settings is refused; the parent starts a worker for them. A parent that sees no
reply in time kills this process and starts another: a hung engine cannot be stopped from inside.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile

WARM_UP_TEXT = "Ready."


def _protocol_stream():
    """Keep the real stdout for replies and send everything else printed to stdout to stderr."""
    stream = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1, encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    return stream


def _shorten_espeak_poll() -> None:
    """pyttsx3 2.99's espeak driver sleeps 10 ms after every sentence, though espeak-ng has finished by
    then (its callback ends the loop): poll every millisecond instead. In this process only."""
    import time
    import types

    from pyttsx3.drivers import espeak

    if getattr(espeak, "time", None) is time:
        espeak.time = types.SimpleNamespace(sleep=lambda seconds: time.sleep(min(seconds, 0.001)),
                                            time=time.time, monotonic=time.monotonic)


def _voice_list(engine) -> list[dict]:
    voices = []
    for voice in engine.getProperty("voices") or []:
        languages = [code.decode("utf-8", "ignore") if isinstance(code, bytes) else str(code)
                     for code in (voice.languages or [])]
        voices.append({"id": str(voice.id), "name": str(voice.name or voice.id),
                       "languages": [code.lstrip("\x05") for code in languages if code],
                       "gender": voice.gender})
    return voices


def _render_file(engine, text: str, path: str) -> str | None:
    """Render `text` into `path` with its leading silence cut; returns why it is unusable, or None.
    pyttsx3 sometimes writes a junk or no file (its first one especially): one retry."""
    from kiosk.speech.wav_check import trim_leading_silence, wav_problem

    problem = "not rendered"
    for _attempt in range(2):
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        engine.save_to_file(text, path)
        engine.runAndWait()
        problem = wav_problem(path)
        if problem is None:
            trim_leading_silence(path)
            return None
    return problem


def _render(engine, settings: tuple, request: dict) -> dict:
    from kiosk.speech.wav_check import wav_seconds

    wanted = (request.get("voice"), int(request.get("rate", 0)), float(request.get("volume", 0)))
    if wanted != settings:
        return {"id": request["id"], "ok": False, "error": f"this worker renders {settings}, not {wanted}"}
    problem = _render_file(engine, request["text"], request["path"])
    if problem:
        return {"id": request["id"], "ok": False, "error": problem}
    return {"id": request["id"], "ok": True, "seconds": round(wav_seconds(request["path"]), 3)}


def _start_engine(args):
    import pyttsx3

    engine = pyttsx3.init(args.driver)
    if engine.driver_name == "espeak":
        _shorten_espeak_poll()
    voices = _voice_list(engine)
    settings = None
    if args.voice:
        engine.setProperty("voice", args.voice)
        engine.setProperty("rate", args.rate)
        engine.setProperty("volume", args.volume)
        settings = (args.voice, args.rate, args.volume)
        with tempfile.TemporaryDirectory(prefix="kiosk-warm-up-") as folder:
            _render_file(engine, WARM_UP_TEXT, os.path.join(folder, "warm-up.wav"))  # settles the settings
    return engine, voices, settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.speech.render_worker")
    parser.add_argument("--driver", default=None, help="pyttsx3 driver name (default: the platform's)")
    parser.add_argument("--list-voices", action="store_true", help="print the ready line and exit")
    parser.add_argument("--voice", default="", help="the voice id to render with")
    parser.add_argument("--rate", type=int, default=155, help="words per minute")
    parser.add_argument("--volume", type=float, default=1.0, help="0 to 1")
    args = parser.parse_args(argv)
    replies = _protocol_stream()

    def send(message: dict) -> None:
        replies.write(json.dumps(message) + "\n")
        replies.flush()

    try:
        engine, voices, settings = _start_engine(args)
    except Exception as error:  # the engine library or its native part is missing or broken
        send({"event": "failed", "reason": f"{type(error).__name__}: {error}"})
        return 2
    send({"event": "ready", "engine": engine.driver_name, "voices": voices, "pid": os.getpid()})
    if args.list_voices:
        return 0
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            send(_render(engine, settings, request))
        except Exception as error:  # report and keep serving; the parent decides when to give up
            send({"id": request.get("id"), "ok": False, "error": f"{type(error).__name__}: {error}"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
