"""The sentences the speech adapter shows people about the voice, kept in one table for translation."""

from __future__ import annotations

STATUS_PHRASES: dict[str, str] = {
    "disabled": "Voice is off: it is turned off in the settings.",
    "no_audio_device": "Voice is off: no sound output was found.",
    "audio_failed": "Voice is off: the sound output stopped working.",
    "engine_missing": "Voice is off: no speech engine could start (is flite or espeak-ng installed?).",
    "engine_hung": "Voice is off: the speech engine stopped responding.",
    "engine_failed": "Voice is off: the speech engine keeps failing.",
    "no_voice": "Voice is off: no voice for {language} is installed.",
    "starting": "",
}

# Notices while the voice still speaks, with another voice than the one chosen (fallbacks).
NOTICE_PHRASES: dict[str, str] = {
    "voice_missing": "The voice you chose is not installed here: speaking with {voice} ({engine}) instead.",
    "engine_replaced": "The {failed} voice stopped working: speaking with {voice} ({engine}) instead.",
}

ENGINE_NAMES: dict[str, str] = {
    "flite": "Flite",
    "espeak": "eSpeak NG",
    "sapi5": "Windows",
    "nsss": "macOS",
    "avspeech": "macOS",
}

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "nl": "Dutch",
}

# Headings of the voice list: a voice's own language tag (espeak-ng's and Flite's tags).
LANGUAGE_VARIANT_NAMES: dict[str, str] = {
    "en-us": "American English",
    "en-gb": "British English",
    "en-gb-scotland": "Scottish English",
    "en-gb-x-rp": "British English (Received Pronunciation)",
    "en-gb-x-gbclan": "British English (Lancaster)",
    "en-gb-x-gbcwmd": "British English (West Midlands)",
    "en-us-nyc": "American English (New York City)",
    "en-029": "Caribbean English",
}


def language_variant_name(tag: str) -> str:
    """A voice list heading for a language tag: "en-us" -> "American English"; else the language's name."""
    lowered = tag.lower()
    if lowered in LANGUAGE_VARIANT_NAMES:
        return LANGUAGE_VARIANT_NAMES[lowered]
    base = lowered.split("-")[0]
    name = LANGUAGE_NAMES.get(base, base)
    return name if lowered == base else f"{name} ({tag})"


SAMPLE_SENTENCE = "Breathe out slowly, and let your lower back rest on the mat."
LISTEN_SENTENCE = "Hello. I will guide you through your exercises."   # a voice's short "Listen" sample


def engine_name(engine: str) -> str:
    """How people see an engine's name ("flite" -> "Flite")."""
    return ENGINE_NAMES.get(engine, engine or "speech")


def notice_phrase(code: str, **values: str) -> str:
    """The human sentence for a fallback notice such as "voice_missing"."""
    return NOTICE_PHRASES[code].format(**values)


def status_phrase(reason: str, language: str = "en") -> str:
    """The human sentence for a reason code such as "engine_hung" or "no_voice"."""
    name = LANGUAGE_NAMES.get(language.split("-")[0], language)
    return STATUS_PHRASES.get(reason, STATUS_PHRASES["engine_failed"]).format(language=name)
