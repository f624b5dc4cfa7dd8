"""The render thread: a QThread that feeds sentences to the Renderer and hands results back by signals."""

from __future__ import annotations

import itertools
import queue
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, Signal

from kiosk.speech.render_process import EngineError, Renderer, RenderRequest, SentenceFailed

URGENT, AHEAD = 0, 1   # job priorities: a sentence wanted now, a sentence rendered ahead
_STOP = -1
# Sentences rendered ahead go to the Renderer several at a time (Renderer.render_many: one engine call, the next
# sentence made while the last is checked and written). The longest routine's 130 sentences with Flite's kal16,
# queued at once (medians of 7 runs on a busy 2-core machine): 0.75 s one by one, 0.51 s in batches of 0.1 s,
# 0.41 s of 0.25 s, 0.46 s in one batch. A sentence wanted now waits for the batch under way, so a batch is as
# many sentences as the last one's pace fits in AHEAD_BATCH_SECONDS (five of Flite's rms, the whole routine of
# kal16 or espeak-ng at once after the first), AHEAD_BATCH_FIRST before any pace is known.
AHEAD_BATCH_SECONDS = 0.25
AHEAD_BATCH_FIRST, AHEAD_BATCH_MOST = 8, 256
STOP_WAIT_MS = 5000          # at quit: how long the thread may take to end (the unit's TimeoutStopSec counts it)


@dataclass(frozen=True)
class RenderJob:
    """One sentence to render for settings generation `generation` (stale generations are skipped)."""

    generation: int
    request: RenderRequest
    preview: bool = False    # a voice's "Listen" sample: rendered whatever the generation, told by `previewed`


class RenderThread(QThread):
    """Owns the Renderer (and through it the worker process); never touches widgets.

    Signals (delivered to the main thread, where this object lives):
        engine_ready(str engine, list voices)  the worker started; voices is a list of VoiceInfo
        engine_failed(str reason, str detail)  no engine can be used (reason: messages code)
        engine_given_up(str engine, str reason) one engine was given up; the others' voices still render
        rendered(int generation, str text, str path)
        render_failed(int generation, str text)
        previewed(str voice_id, str path)       a preview job's sample is ready ("" when it failed)
    """

    engine_ready = Signal(str, object)
    engine_failed = Signal(str, str)
    engine_given_up = Signal(str, str)
    rendered = Signal(int, str, str)
    render_failed = Signal(int, str)
    previewed = Signal(str, str)

    def __init__(self, renderer: Renderer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("speech-render-thread")
        self._renderer = renderer
        self._jobs: queue.PriorityQueue = queue.PriorityQueue()
        self._order = itertools.count()
        self.current_generation = 0  # set by the main thread; an int assignment is atomic
        self._pace: float | None = None   # seconds a sentence took in the last batch rendered ahead

    def submit(self, job: RenderJob, priority: int = AHEAD) -> None:
        """Queue a job (thread-safe)."""
        self._jobs.put((priority, next(self._order), job))

    def shutdown(self, wait_ms: int = STOP_WAIT_MS) -> None:
        """Stop rendering, kill the worker process and wait for the thread to end."""
        self._jobs.put((_STOP, next(self._order), None))
        self._renderer.close()
        self.wait(wait_ms)

    def run(self) -> None:
        failure: EngineError | None = None
        try:
            voices = self._renderer.start()
            self.engine_ready.emit(self._renderer.engine, voices)
        except EngineError as error:
            failure = error
            self._report(error)
        while True:
            priority, _order, job = self._jobs.get()
            if priority == _STOP:
                return
            if job.preview:
                self._preview(job.request, failure)
                continue
            if failure is not None or job.generation != self.current_generation:
                self.render_failed.emit(job.generation, job.request.text)
                continue
            jobs = [job] + (self._more_ahead(job.generation) if priority == AHEAD else [])
            failure = self._render(jobs)

    def _more_ahead(self, generation: int) -> list[RenderJob]:
        """More sentences queued to be rendered ahead for `generation`, as many as fit the batch; anything else
        taken off the queue (a sentence wanted now, a preview, the stop) goes back in its place."""
        more: list[RenderJob] = []
        size = AHEAD_BATCH_FIRST if self._pace is None else int(AHEAD_BATCH_SECONDS / max(self._pace, 1e-3))
        while len(more) < min(AHEAD_BATCH_MOST, max(1, size)) - 1:
            try:
                item = self._jobs.get_nowait()
            except queue.Empty:
                break
            priority, _order, job = item
            if priority != AHEAD or job.preview or job.generation != generation:
                self._jobs.put(item)
                break
            more.append(job)
        return more

    def _render(self, jobs: list[RenderJob]) -> EngineError | None:
        """Render the jobs and tell how each went; returns the failure that stops every engine, if one did."""
        if len(jobs) == 1:
            try:
                results: list = [self._renderer.render(jobs[0].request)]
            except (SentenceFailed, EngineError) as error:
                results = [error]
        else:
            started = time.perf_counter()
            results = self._renderer.render_many([job.request for job in jobs])
            self._pace = (time.perf_counter() - started) / len(jobs)
        failure = None
        for job, result in zip(jobs, results):
            if isinstance(result, EngineError) and failure is None:
                if result.engine:
                    self.engine_given_up.emit(result.engine, result.reason)
                else:
                    failure = result
                    self._report(result)
            if isinstance(result, Exception) or failure is not None:
                self.render_failed.emit(job.generation, job.request.text)
            else:
                self.rendered.emit(job.generation, job.request.text, str(result))
        return failure

    def _preview(self, request: RenderRequest, failure: EngineError | None) -> None:
        path = ""
        if failure is None:
            try:
                path = str(self._renderer.render(request))
            except SentenceFailed:
                pass
            except EngineError as error:
                if error.engine:
                    self.engine_given_up.emit(error.engine, error.reason)
        self.previewed.emit(request.voice_id, path)

    def _report(self, error: EngineError) -> None:
        if error.reason != "closed":
            self.engine_failed.emit(error.reason, error.detail)
