"""Choosing a voice by language, and voice settings kept through the settings store."""

from __future__ import annotations

from kiosk.speech.messages import status_phrase
from kiosk.speech.voices import SPEED_RATES, VoiceInfo, VoiceSettings, choose_voice, voices_for
from dict_store import DictStore

VOICES = [
    VoiceInfo("gmw/de", "German", ("de",)),
    VoiceInfo("gmw/en", "English (Great Britain)", ("en-gb",)),
    VoiceInfo("gmw/en-gb-scotland", "English (Scotland)", ("en-gb-scotland",)),
    VoiceInfo("gmw/en-us", "English (America)", ("en-us",)),
]


def test_a_language_matches_its_regional_variants_only():
    assert VOICES[1].speaks("en") and VOICES[1].speaks("en-gb") and not VOICES[1].speaks("en-us")
    assert not VoiceInfo("x/eo", "Esperanto", ("eo",)).speaks("e")


def test_voices_for_a_language_put_the_preferred_voice_first():
    assert [v.id for v in voices_for(VOICES, "en")] == ["gmw/en-us", "gmw/en", "gmw/en-gb-scotland"]
    assert [v.id for v in voices_for(VOICES, "de")] == ["gmw/de"]


def test_the_chosen_voice_is_used_when_installed_else_the_best_for_the_language():
    assert choose_voice(VOICES, "gmw/en-gb-scotland", "en").id == "gmw/en-gb-scotland"
    assert choose_voice(VOICES, "gone/voice", "en").id == "gmw/en-us"
    assert choose_voice(VOICES, "", "de").id == "gmw/de"


def test_no_voice_for_the_language_gives_none_and_a_plain_reason():
    assert choose_voice(VOICES, "", "fr") is None
    assert status_phrase("no_voice", "fr") == "Voice is off: no voice for French is installed."


def test_settings_round_trip_through_the_store():
    store = DictStore()
    VoiceSettings(voice_id="gmw/en", speed="slow", volume=0.4, enabled=False).save(store)
    assert store.values == {"voice.id": "gmw/en", "voice.speed": "slow", "voice.volume": 0.4, "voice.enabled": False}
    loaded = VoiceSettings.load(store)
    assert (loaded.voice_id, loaded.speed, loaded.volume, loaded.enabled) == ("gmw/en", "slow", 0.4, False)
    assert loaded.rate == SPEED_RATES["slow"] < SPEED_RATES["normal"] < SPEED_RATES["fast"]


def test_odd_stored_values_fall_back_to_defaults():
    loaded = VoiceSettings.load(DictStore({"voice.speed": "warp", "voice.volume": "loud", "voice.id": None}))
    assert (loaded.speed, loaded.volume, loaded.voice_id, loaded.enabled) == ("normal", 0.9, "", True)
    assert VoiceSettings.load(DictStore({"voice.volume": 7})).volume == 1.0
    assert VoiceSettings.load(None) == VoiceSettings()


def test_the_measured_ranking_puts_the_best_installed_voice_first_across_engines():
    from kiosk.speech.voices import VOICE_RANKING

    ranked = VOICE_RANKING["en"]
    voices = VOICES + [VoiceInfo(voice_id, voice_id, ("en-us",), engine="flite")
                       for voice_id in ranked if voice_id.startswith("flite:")]
    order = [v.id for v in voices_for(voices, "en")]
    assert order[: len(ranked)] == list(ranked)          # every ranked voice is here, in the measured order
    assert choose_voice(voices, "", "en").id == ranked[0]
    without_best = [v for v in voices if v.id != ranked[0]]
    assert choose_voice(without_best, "", "en").id == ranked[1]
    assert choose_voice(without_best, ranked[0], "en").id == ranked[1]     # chosen but not installed
