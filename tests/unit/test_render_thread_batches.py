"""The render thread hands sentences queued to be rendered ahead to the Renderer in batches (render_many), and a
sentence wanted now still goes before the rest of them. A stand-in Renderer records the calls (the real engines'
batches: tests/integration/test_speech_batch.py; the whole path with real voices: benchmarks/bench_voices.py)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kiosk.speech import render_thread
from kiosk.speech.render_process import EngineError, RenderRequest, SentenceFailed
from kiosk.speech.render_thread import AHEAD, URGENT, RenderJob, RenderThread


class RecordingRenderer:
    """Renders nothing: says which sentences came in which call; the first batch waits for `release`."""

    engine = "stand-in"
    in_process = False

    def __init__(self, outcomes: dict[str, object] | None = None) -> None:
        self.calls: list[tuple[str, list[str]]] = []
        self.outcomes = outcomes or {}
        self.first_batch_started, self.release = threading.Event(), threading.Event()

    def start(self):
        return []

    def close(self) -> None:
        self.release.set()

    def _outcome(self, request: RenderRequest):
        return self.outcomes.get(request.text, Path(f"/rendered/{request.text}.wav"))

    def render(self, request: RenderRequest) -> Path:
        self.calls.append(("one", [request.text]))
        outcome = self._outcome(request)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def render_many(self, requests: list[RenderRequest]) -> list:
        self.calls.append(("many", [request.text for request in requests]))
        if len(self.calls) == 1:
            self.first_batch_started.set()
            self.release.wait(10)
        return [self._outcome(request) for request in requests]


@pytest.fixture
def make_thread(qapp):
    made = []

    def make(renderer: RecordingRenderer) -> tuple[RenderThread, list]:
        thread = RenderThread(renderer)
        told: list = []
        thread.rendered.connect(lambda generation, text, path: told.append(("rendered", text)))
        thread.render_failed.connect(lambda generation, text: told.append(("failed", text)))
        thread.engine_given_up.connect(lambda engine, reason: told.append(("given up", engine, reason)))
        thread.engine_failed.connect(lambda reason, detail: told.append(("engine failed", reason)))
        made.append(thread)
        return thread, told
    yield make
    for thread in made:
        thread.shutdown()


def _job(text: str, generation: int = 0) -> RenderJob:
    return RenderJob(generation, RenderRequest(text, "flite:kal16", 155, 1.0))


def test_sentences_ahead_go_in_batches_and_one_wanted_now_goes_before_the_rest(make_thread, qtbot):
    renderer = RecordingRenderer()
    thread, told = make_thread(renderer)
    ahead = [f"ahead {index}" for index in range(10)]
    for text in ahead:
        thread.submit(_job(text), AHEAD)
    thread.start()
    assert renderer.first_batch_started.wait(10)
    thread.submit(_job("now"), URGENT)                 # while the first batch is rendered
    renderer.release.set()
    qtbot.waitUntil(lambda: len(told) == 11, timeout=10_000)
    first = render_thread.AHEAD_BATCH_FIRST
    assert renderer.calls == [("many", ahead[:first]), ("one", ["now"]), ("many", ahead[first:])]
    assert told == [("rendered", text) for text in ahead[:first] + ["now"] + ahead[first:]]


def test_a_batch_is_as_long_as_the_last_ones_pace_allows(make_thread, qtbot, monkeypatch):
    """A slow voice (a sentence taking longer than AHEAD_BATCH_SECONDS) goes one sentence at a time."""
    monkeypatch.setattr(render_thread, "AHEAD_BATCH_SECONDS", 0.0)
    renderer = RecordingRenderer()
    renderer.release.set()
    thread, told = make_thread(renderer)
    first = render_thread.AHEAD_BATCH_FIRST
    count = first + 3
    for index in range(count):
        thread.submit(_job(f"s{index}"), AHEAD)
    thread.start()
    qtbot.waitUntil(lambda: len(told) == count, timeout=10_000)
    assert renderer.calls[0] == ("many", [f"s{index}" for index in range(first)])
    assert renderer.calls[1:] == [("one", [f"s{index}"]) for index in range(first, count)]


def test_each_sentence_of_a_batch_is_told_as_it_went(make_thread, qtbot):
    gone = EngineError("engine_hung", "a hang", engine="flite")
    renderer = RecordingRenderer({"b": SentenceFailed("bad"), "c": gone, "e": EngineError("engine_missing", "none")})
    renderer.release.set()
    thread, told = make_thread(renderer)
    for text in "abcdef":
        thread.submit(_job(text), AHEAD)
    thread.submit(_job("later", generation=0), URGENT)
    thread.start()
    qtbot.waitUntil(lambda: len([t for t in told if t[0] in ("rendered", "failed")]) == 7, timeout=10_000)
    # a, then b failed alone, c's engine given up, d fine, e: no engine at all, so f and every later one fail
    assert told[:8] == [("rendered", "later"), ("rendered", "a"), ("failed", "b"), ("given up", "flite", "engine_hung"),
                        ("failed", "c"), ("rendered", "d"), ("engine failed", "engine_missing"), ("failed", "e")]
    assert told[8:] == [("failed", "f")]
    thread.submit(_job("after"), AHEAD)
    qtbot.waitUntil(lambda: told[-1] == ("failed", "after"), timeout=10_000)
    assert all("after" not in texts for _kind, texts in renderer.calls)


def test_an_older_settings_sentence_is_not_batched_with_the_current_ones(make_thread, qtbot):
    renderer = RecordingRenderer()
    renderer.release.set()
    thread, told = make_thread(renderer)
    thread.current_generation = 1
    thread.submit(_job("new 1", generation=1), AHEAD)
    thread.submit(_job("old", generation=0), AHEAD)
    thread.submit(_job("new 2", generation=1), AHEAD)
    thread.start()
    qtbot.waitUntil(lambda: len(told) == 3, timeout=10_000)
    assert ("failed", "old") in told and ("rendered", "new 1") in told and ("rendered", "new 2") in told
    assert all("old" not in texts for _kind, texts in renderer.calls)
