"""Every real engine's voices through the render worker: every sentence of every bundled routine is speech."""

from __future__ import annotations

import pytest

from kiosk.core.loader import load_routines
from kiosk.core.timeline import compile_routine
from kiosk.paths import bundled_dir
from kiosk.speech.cache import SpeechCache
from kiosk.speech.engine_flite import FLITE_VOICES
from kiosk.speech.render_process import Renderer, RenderRequest
from kiosk.speech.voices import SPEED_RATES, VOICE_RANKING
from kiosk.speech.wav_check import read_wav_info, wav_problem

pytestmark = pytest.mark.usefixtures("real_engine", "flite_engine")

# Every sentence of every routine (164) with Flite's default voice (espeak-ng's: test_speech_real_engine.py);
# the shortest routine's with every other Flite voice (its slower voices take ~0.3 s a sentence on a
# busy machine).
EVERY_SENTENCE = [next(voice for voice in VOICE_RANKING["en"] if voice.startswith("flite:"))]
OTHER_VOICES = [voice.id for voice in FLITE_VOICES if voice.id not in EVERY_SENTENCE]


def all_sentences(routine_id: str | None = None) -> list[str]:
    routines = load_routines(bundled_dir("routines")).routines
    chosen = [routines[routine_id]] if routine_id else list(routines.values())
    return list(dict.fromkeys(text for routine in chosen for text in compile_routine(routine).utterances()))


def own_rate(voice_id: str) -> int:
    """The rate each engine makes its sound at (espeak-ng 22,050 Hz; Flite's kal 8 kHz, the others 16 kHz)."""
    return {"flite:kal": 8000}.get(voice_id, 16000 if voice_id.startswith("flite:") else 22050)


@pytest.fixture
def renderer(tmp_path):
    renderer = Renderer(SpeechCache(tmp_path / "speech"), sentence_timeout=20)
    renderer.start()
    yield renderer
    renderer.close()


def test_both_engines_offer_english_voices(renderer):
    engines = {voice.engine for voice in renderer.voices if voice.speaks("en")}
    assert {"flite", "espeak"} <= engines
    assert {voice.id for voice in FLITE_VOICES} <= {voice.id for voice in renderer.voices}


@pytest.mark.parametrize("voice_id, routine_id", [(voice, None) for voice in EVERY_SENTENCE]
                         + [(voice, "gentle-start") for voice in OTHER_VOICES])
def test_every_sentence_is_speech_of_a_plausible_length(renderer, voice_id, routine_id):
    texts = all_sentences(routine_id)
    assert len(texts) > (100 if routine_id is None else 40)
    rate = SPEED_RATES["normal"]
    for text in texts:
        path = renderer.render(RenderRequest(text, voice_id, rate, 1.0))
        assert wav_problem(path) is None, text
        info = read_wav_info(path)
        expected = len(text.split()) * 60 / rate
        assert 0.5 * expected <= info.seconds <= 2 * expected + 0.8, (text, info.seconds, expected)
        assert info.peak > 0.2, (text, info.peak)
        assert info.sample_rate == own_rate(voice_id)      # as the voice makes it: nothing converted
    assert renderer.restarts == 0                       # one worker rendered them all
    assert renderer.engine == ("espeak" if voice_id == "gmw/en-us" else "flite")


def test_flite_speed_is_its_duration_stretch(renderer):
    text = "Lie on your back with both knees bent and your feet flat on the mat."
    seconds = {speed: read_wav_info(renderer.render(RenderRequest(text, "flite:kal16", rate, 1.0))).seconds
               for speed, rate in SPEED_RATES.items()}
    assert seconds["slow"] > seconds["normal"] * 1.1 > seconds["fast"] * 1.2


def test_flite_volume_scales_the_samples(renderer):
    text = "Gently press the small of your back into the mat."
    loud = read_wav_info(renderer.render(RenderRequest(text, "flite:slt", 155, 1.0)))
    quiet = read_wav_info(renderer.render(RenderRequest(text, "flite:slt", 155, 0.5)))
    assert quiet.seconds == pytest.approx(loud.seconds, abs=0.3)    # a softer start is trimmed a little more
    assert quiet.peak / loud.peak == pytest.approx(0.5, abs=0.02)


def test_the_cache_key_names_the_engine(renderer):
    espeak = renderer.key_for(RenderRequest("Hold.", "gmw/en-us", 155, 1.0))
    flite = renderer.key_for(RenderRequest("Hold.", "flite:kal16", 155, 1.0))
    assert renderer.engine_of("gmw/en-us") == "espeak" and renderer.engine_of("flite:kal16") == "flite"
    assert espeak != flite
