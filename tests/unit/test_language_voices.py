"""Each language's default voice: espeak-ng's Latin American Spanish first for Spanish, whatever the order offered."""

from __future__ import annotations

from kiosk.speech.language_voices import default_voice, default_voice_ids, ordered_for
from kiosk.speech.voices import VoiceInfo

OFFERED = [
    VoiceInfo("roa/es", "Spanish (Spain)", ("es",)),
    VoiceInfo("gmw/en", "English (Great Britain)", ("en-gb",)),
    VoiceInfo("roa/es-419", "Spanish (Latin America)", ("es-419",)),
    VoiceInfo("gmw/en-us", "English (America)", ("en-us",)),
]


def test_spanish_prefers_latin_america_then_spain():
    assert default_voice_ids("es") == ("roa/es-419", "roa/es")
    assert default_voice_ids("es-MX") == default_voice_ids("es_US") == default_voice_ids("ES")
    assert default_voice(OFFERED, "es").id == "roa/es-419"
    assert default_voice(OFFERED[:2], "es").id == "roa/es"
    assert [v.id for v in ordered_for(OFFERED, "es")][:2] == ["roa/es-419", "roa/es"]


def test_english_keeps_its_voice_and_an_unknown_language_takes_any_that_speaks_it():
    assert default_voice(OFFERED, "en").id == "gmw/en-us"
    other = [VoiceInfo("roa/fr", "French", ("fr",)), *OFFERED]
    assert default_voice_ids("fr") == () and default_voice(other, "fr").id == "roa/fr"
    assert default_voice(OFFERED, "fr") is None
