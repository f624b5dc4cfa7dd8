"""The default voice of each language the app speaks: espeak-ng voice ids, best first (the Voice screen's choice
when the person has chosen none)."""

from __future__ import annotations

from kiosk.speech.voices import VoiceInfo

#: espeak-ng's voices by the app's language codes, best first. Spanish: the Latin American voice
#: (es-419, the Spanish of most people who speak it at home in the United States), then Spain's.
DEFAULT_VOICES: dict[str, tuple[str, ...]] = {
    "en": ("gmw/en-us", "gmw/en"),
    "es": ("roa/es-419", "roa/es"),
}


def default_voice_ids(language: str) -> tuple[str, ...]:
    """The preferred voice ids of `language` ("es", "es-MX" and "es_US" alike), best first; () for none."""
    return DEFAULT_VOICES.get(language.replace("_", "-").split("-")[0].lower(), ())


def default_voice(voices: list[VoiceInfo], language: str) -> VoiceInfo | None:
    """The best installed voice for `language`: the first preferred one there is, else any that speaks it."""
    by_id = {voice.id: voice for voice in voices}
    for voice_id in default_voice_ids(language):
        if voice_id in by_id:
            return by_id[voice_id]
    wanted = language.replace("_", "-").split("-")[0]
    return next((voice for voice in sorted(voices, key=lambda v: v.name) if voice.speaks(wanted)), None)


def ordered_for(voices: list[VoiceInfo], language: str) -> list[VoiceInfo]:
    """`voices` with the preferred ones of `language` first, in their order (the rest keep theirs)."""
    preferred = default_voice_ids(language)
    return sorted(voices, key=lambda v: preferred.index(v.id) if v.id in preferred else len(preferred))
