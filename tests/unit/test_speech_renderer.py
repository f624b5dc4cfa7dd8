"""The Renderer and its worker process: time limits, kill and restart on a hang, giving up, junk files.

The worker here is a small stand-in script (the real one needs espeak-ng; tests/integration runs it):
it speaks the same line protocol and misbehaves on purpose.
"""

from __future__ import annotations

import os
import sys
import textwrap
import time

import pytest

from kiosk.speech.cache import SpeechCache
from kiosk.speech.render_process import EngineError, Renderer, RenderRequest, SentenceFailed, default_worker_command

FAKE_WORKER = textwrap.dedent('''
    import array, json, math, os, sys, time, wave
    mode, marker = sys.argv[1], sys.argv[2]
    if mode == "fail-start":
        print(json.dumps({"event": "failed", "reason": "no engine here"}), flush=True); sys.exit(2)
    if mode == "die":
        sys.exit(3)
    if mode == "slow-start":
        time.sleep(60)
    print(json.dumps({"event": "ready", "engine": "fake", "pid": os.getpid(),
                      "voices": [{"id": "fake/en", "name": "Fake", "languages": ["en"]}]}), flush=True)
    served = 0
    for line in sys.stdin:
        request = json.loads(line)
        served += 1
        open(marker, "a").write(f"{os.getpid()} {request['text']}\\n")
        if mode == "hang-always" or "HANG" in request["text"]:
            time.sleep(60)
        if mode == "hang-once" and not os.path.exists(marker + ".hung"):
            open(marker + ".hung", "w").close(); time.sleep(60)
        if mode == "junk-first" and served == 1:
            open(request["path"], "wb").write(b"Audio saved to nowhere")
        else:
            tone = array.array("h", (int(12000 * math.sin(i / 8)) for i in range(11025)))
            with wave.open(request["path"], "wb") as w:
                w.setnchannels(1); w.setsampwidth(2); w.setframerate(22050); w.writeframes(tone.tobytes())
        print(json.dumps({"id": request["id"], "ok": True}), flush=True)
''')


@pytest.fixture
def make_renderer(tmp_path):
    script = tmp_path / "fake_worker.py"
    script.write_text(FAKE_WORKER)
    made = []

    def make(mode: str, **options) -> Renderer:
        options.setdefault("sentence_timeout", 0.5)
        options.setdefault("start_timeout", 15.0)
        renderer = Renderer(SpeechCache(tmp_path / "cache"),
                            [sys.executable, str(script), mode, str(tmp_path / "requests.log")], **options)
        made.append(renderer)
        return renderer

    yield make
    for renderer in made:
        renderer.close()


def request(text: str) -> RenderRequest:
    return RenderRequest(text=text, voice_id="fake/en", rate=155, volume=1.0)


def requests_seen(tmp_path) -> list[tuple[int, str]]:
    log = tmp_path / "requests.log"
    lines = log.read_text().splitlines() if log.exists() else []
    return [(int(pid), text) for pid, text in (line.split(" ", 1) for line in lines)]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_sentence_is_rendered_once_then_served_from_the_cache(make_renderer, tmp_path):
    renderer = make_renderer("well")
    assert [v.id for v in renderer.start()] == ["fake/en"]
    first = renderer.render(request("Lie down."))
    again = renderer.render(request("Lie down."))
    assert first == again and first.is_file() and first.parent == tmp_path / "cache"
    assert [text for _pid, text in requests_seen(tmp_path)] == ["Lie down."]


def test_a_hang_kills_the_worker_and_the_next_sentence_renders_in_a_new_one(make_renderer, tmp_path):
    renderer = make_renderer("well", max_failures=3)
    renderer.start()
    with pytest.raises(SentenceFailed):
        renderer.render(request("HANG here"))
    assert renderer.render(request("Breathe out.")).is_file()
    pids = [pid for pid, _text in requests_seen(tmp_path)]
    assert len(set(pids)) == 3  # hung, hung again on the retry, then a fresh worker rendered
    assert not any(alive(pid) for pid in pids[:2])
    assert renderer.restarts == 2


def test_a_sentence_that_hung_once_is_retried_in_a_fresh_worker(make_renderer, tmp_path):
    renderer = make_renderer("hang-once")
    renderer.start()
    assert renderer.render(request("Hold.")).is_file()
    assert [text for _pid, text in requests_seen(tmp_path)] == ["Hold.", "Hold."]
    assert renderer.restarts == 1


def test_repeated_hangs_give_up_quickly_with_the_reason(make_renderer):
    renderer = make_renderer("hang-always", max_failures=3)
    renderer.start()
    started = time.monotonic()
    with pytest.raises(SentenceFailed):
        renderer.render(request("one"))
    with pytest.raises(EngineError) as raised:
        renderer.render(request("two"))
    assert raised.value.reason == "engine_hung"
    with pytest.raises(EngineError):  # and stays given up, without waiting again
        renderer.render(request("three"))
    assert time.monotonic() - started < 3 * 0.5 + 3 * 15  # bounded by the time limits, never forever


def test_a_junk_first_file_is_retried(make_renderer, tmp_path):
    renderer = make_renderer("junk-first")
    renderer.start()
    path = renderer.render(request("Release."))
    assert path.read_bytes()[:4] == b"RIFF"
    assert len(requests_seen(tmp_path)) == 2 and renderer.restarts == 0
    assert not list((tmp_path / "cache").glob(".*part*"))


@pytest.mark.parametrize("mode", ["fail-start", "die"])
def test_an_engine_that_cannot_start_is_reported_as_missing(make_renderer, mode):
    renderer = make_renderer(mode)
    with pytest.raises(EngineError) as raised:
        renderer.start()
    assert raised.value.reason == "engine_missing"
    with pytest.raises(EngineError):
        renderer.render(request("anything"))


def test_a_worker_that_never_gets_ready_counts_as_hung(make_renderer):
    renderer = make_renderer("slow-start", start_timeout=0.5)
    with pytest.raises(EngineError) as raised:
        renderer.start()
    assert raised.value.reason == "engine_hung"


def test_a_missing_program_is_reported_as_missing(tmp_path):
    renderer = Renderer(SpeechCache(tmp_path), [str(tmp_path / "no-such-program")])
    with pytest.raises(EngineError) as raised:
        renderer.start()
    assert raised.value.reason == "engine_missing"


def test_the_real_worker_reports_an_unknown_driver_as_missing(tmp_path):
    renderer = Renderer(SpeechCache(tmp_path), default_worker_command(driver="no_such_driver"), start_timeout=30)
    with pytest.raises(EngineError) as raised:
        renderer.start()
    assert raised.value.reason == "engine_missing" and "no_such_driver" in raised.value.detail
    renderer.close()


def test_close_kills_a_worker_stuck_in_a_sentence(make_renderer, tmp_path):
    import threading

    renderer = make_renderer("hang-always", sentence_timeout=30)
    renderer.start()
    outcome = []
    thread = threading.Thread(target=lambda: outcome.append(_capture(renderer.render, request("stuck"))))
    thread.start()
    deadline = time.monotonic() + 10
    while not requests_seen(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.02)
    renderer.close()
    thread.join(timeout=5)
    assert not thread.is_alive()
    assert isinstance(outcome[0], EngineError) and outcome[0].reason == "closed"
    assert not alive(requests_seen(tmp_path)[0][0])


def _capture(function, *args):
    try:
        return function(*args)
    except Exception as error:  # noqa: BLE001 - handed to the test to inspect
        return error
