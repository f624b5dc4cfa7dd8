"""A whole routine rendered in one batch by one real worker: the same sound as one sentence at a time,
from the worker started for the voices (no second start), and a crash mid-batch loses no sentence."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from kiosk.core.loader import load_routines
from kiosk.core.timeline import compile_routine
from kiosk.paths import bundled_dir
from kiosk.speech.cache import SpeechCache
from kiosk.speech.render_process import Renderer, RenderRequest
from kiosk.speech.wav_check import read_wav_info, wav_problem

pytestmark = pytest.mark.usefixtures("real_engine", "flite_engine")


def routine_sentences(routine_id: str = "gentle-start") -> list[str]:
    routine = load_routines(bundled_dir("routines")).routines[routine_id]
    return list(dict.fromkeys(compile_routine(routine).utterances()))


@pytest.fixture
def make_renderer(tmp_path):
    made = []

    def make(folder: str, command: list[str] | None = None, **options) -> Renderer:
        renderer = Renderer(SpeechCache(tmp_path / folder), command, **{"sentence_timeout": 20, **options})
        made.append(renderer)
        renderer.start()
        return renderer

    yield make
    for renderer in made:
        renderer.close()


@pytest.mark.parametrize("voice_id", ["flite:kal16", "gmw/en-us"])
def test_a_batch_sounds_the_same_as_one_sentence_at_a_time_from_the_first_worker(make_renderer, voice_id):
    texts = routine_sentences()
    batched = make_renderer("batched")
    first_worker = batched._worker.pid
    requests = [RenderRequest(text, voice_id, 155, 1.0) for text in texts]
    paths = batched.render_many(requests)
    assert batched._worker.pid == first_worker and batched.restarts == 0     # the voices' worker took the voice
    assert batched.engine_of(voice_id) == ("flite" if voice_id.startswith("flite:") else "espeak")
    one_by_one = make_renderer("one-by-one")
    for request, path in zip(requests, paths):
        assert wav_problem(path) is None, request.text
        alone = one_by_one.render(request)
        if voice_id.startswith("flite:"):
            assert path.read_bytes() == alone.read_bytes(), request.text
        else:       # espeak-ng's length for one text varies from one rendering to the next (10-30 ms seen; a
            #         wrong rate would be off by 10% or more, 0.3 s in a 3 s sentence)
            batch_info, alone_info = read_wav_info(path), read_wav_info(alone)
            assert batch_info.sample_rate == alone_info.sample_rate == 22050
            assert batch_info.seconds == pytest.approx(alone_info.seconds, abs=0.1), request.text
    assert batched.render_many(requests) == paths                            # now from the cache


# The real worker whose Flite engine kills the process at the fourth sentence of a batch.
CRASH_AT_FOURTH = [sys.executable, "-c", textwrap.dedent("""
    import os, sys
    from kiosk.speech import engine_flite
    whole = engine_flite.FliteEngine.synthesize
    def synthesize(self, texts):
        for index, result in enumerate(whole(self, texts)):
            if index == 3 and len(texts) > 1:
                os._exit(11)
            yield result
    engine_flite.FliteEngine.synthesize = synthesize
    from kiosk.speech.render_worker import main
    sys.exit(main(sys.argv[1:]))
""")]


def test_a_worker_that_dies_mid_batch_still_gives_every_sentence(make_renderer, monkeypatch):
    texts = routine_sentences()[:8]
    monkeypatch.setattr(Renderer, "_real_worker", property(lambda self: True))   # the stand-in is the real worker
    renderer = make_renderer("crash", CRASH_AT_FOURTH)
    paths = renderer.render_many([RenderRequest(text, "flite:kal16", 155, 1.0) for text in texts])
    assert all(wav_problem(path) is None for path in paths), paths
    assert renderer.restarts >= 1
    assert not list(renderer.cache.folder.glob(".*.part.wav"))              # no scratch file left behind


def test_a_batch_writes_sentences_about_a_person_only_in_the_personal_folder(make_renderer):
    """Not even half-made: a scratch file left by a crash elsewhere would outlive the delete of their data."""
    texts = routine_sentences()[:4]
    renderer = make_renderer("mixed")
    sent, send = [], renderer._worker.send
    renderer._worker.send = lambda message: (sent.append(message), send(message))[1]
    requests = [RenderRequest(text, "flite:kal16", 155, 1.0, personal=index % 2 == 1)
                for index, text in enumerate(texts)]
    paths = renderer.render_many(requests)
    personal = renderer.cache.personal.folder
    for request, path in zip(requests, paths):
        assert wav_problem(path) is None, request.text
        assert (path.parent == personal) == request.personal, (request, path)
    scratch_folders = {item["text"]: Path(item["path"]).parent for message in sent for item in message.get("batch", [])}
    assert scratch_folders == {r.text: personal if r.personal else renderer.cache.folder for r in requests}
