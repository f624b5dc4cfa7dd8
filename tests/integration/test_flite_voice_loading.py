"""Flite's voice libraries: every installed voice listed at start, only the one used loaded into the process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kiosk.speech import engine_flite
from kiosk.speech.engine_flite import FLITE_VOICES, FliteEngine
from kiosk.speech.engines import RenderError

pytestmark = pytest.mark.usefixtures("flite_engine")

PROBE = """
import json
from kiosk.speech.engine_flite import FLITE_VOICES, FliteEngine

def loaded():
    with open("/proc/self/maps") as maps:
        text = maps.read()
    return sorted(voice.short for voice in FLITE_VOICES if f"/libflite_cmu_us_{voice.short}.so" in text)

engine = FliteEngine()
listed = [voice.id for voice in engine.voices()]
at_start = loaded()
engine.use("flite:kal16", 155, 1.0)
frames, rate = next(engine.synthesize(["Breathe out slowly."]))
print(json.dumps({"listed": listed, "at_start": at_start, "after_use": loaded(), "seconds": len(frames) / 2 / rate}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_every_voice_is_listed_and_only_the_used_one_is_loaded():
    probe = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=True)
    seen = json.loads(probe.stdout)
    installed = [voice.id for voice in FLITE_VOICES if voice.id in seen["listed"]]
    assert "flite:kal16" in installed and len(installed) >= 2, seen
    assert seen["at_start"] == [], seen                     # nothing loaded before a voice is used
    assert seen["after_use"] == ["kal16"], seen
    assert 0.5 < seen["seconds"] < 5, seen


def test_every_listed_voice_loads_and_speaks_when_used():
    engine = FliteEngine()
    for voice in engine.voices():
        engine.use(voice.id, 155, 1.0)
        frames, rate = next(engine.synthesize(["Rest."]))
        assert rate in (8000, 16000) and len(frames) / 2 / rate > 0.2, voice.id


def test_a_voice_file_that_will_not_load_is_a_render_error_for_that_voice(monkeypatch):
    engine = FliteEngine()
    broken = next(voice for voice in FLITE_VOICES if voice.id in engine._libraries and voice.short != "kal16")
    engine._libraries[broken.id] = None            # as when its file is beside libflite but not yet loaded
    real_load = engine_flite._load

    def refuse(name, **kwargs):
        if name == broken.library:
            raise engine_flite.EngineUnavailable(f"lib{name}: invalid ELF header")
        return real_load(name, **kwargs)

    monkeypatch.setattr(engine_flite, "_load", refuse)
    with pytest.raises(RenderError, match=f"could not load the voice {broken.short}.*invalid ELF header"):
        engine.use(broken.id, 155, 1.0)
    engine.use("flite:kal16", 155, 1.0)               # the other voices still speak
    assert next(engine.synthesize(["Rest."]))[1] == 16000


def test_without_libflites_folder_every_voice_is_loaded_at_start(monkeypatch):
    monkeypatch.setattr(engine_flite, "_folder_of", lambda function: None)
    engine = FliteEngine()
    assert engine._libraries and all(library is not None for library in engine._libraries.values())
    engine.use("flite:kal16", 155, 1.0)
    assert next(engine.synthesize(["Rest."]))[1] == 16000
