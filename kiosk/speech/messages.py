"""The sentences the speech adapter shows people about the voice, kept in one table for translation."""

from __future__ import annotations

from kiosk.core.translations import N_, translation

STATUS_PHRASES: dict[str, str] = {
    "disabled": N_("Voice is off: it is turned off in the settings."),
    "no_audio_device": N_("Voice is off: no sound output was found."),
    "audio_failed": N_("Voice is off: the sound output stopped working."),
    "engine_missing": N_("Voice is off: no speech engine could start (is flite or espeak-ng installed?)."),
    "engine_hung": N_("Voice is off: the speech engine stopped responding."),
    "engine_failed": N_("Voice is off: the speech engine keeps failing."),
    "no_voice": N_("Voice is off: no voice for {language} is installed."),
    "starting": "",
}

# Notices while the voice still speaks, with another voice than the one chosen (fallbacks).
NOTICE_PHRASES: dict[str, str] = {
    "voice_missing": N_("The voice you chose is not installed here: speaking with {voice} ({engine}) instead."),
    "engine_replaced": N_("The {failed} voice stopped working: speaking with {voice} ({engine}) instead."),
}

ENGINE_NAMES: dict[str, str] = {
    "flite": "Flite",
    "espeak": "eSpeak NG",
    "sapi5": "Windows",
    "nsss": "macOS",
    "avspeech": "macOS",
}

LANGUAGE_NAMES: dict[str, str] = {
    "en": N_("English"),
    "de": N_("German"),
    "fr": N_("French"),
    "es": N_("Spanish"),
    "it": N_("Italian"),
    "nl": N_("Dutch"),
}

# Headings of the voice list: a voice's own language tag (espeak-ng's and Flite's tags).
LANGUAGE_VARIANT_NAMES: dict[str, str] = {
    "en-us": N_("American English"),
    "en-gb": N_("British English"),
    "en-gb-scotland": N_("Scottish English"),
    "en-gb-x-rp": N_("British English (Received Pronunciation)"),
    "en-gb-x-gbclan": N_("British English (Lancaster)"),
    "en-gb-x-gbcwmd": N_("British English (West Midlands)"),
    "en-us-nyc": N_("American English (New York City)"),
    "en-029": N_("Caribbean English"),
}


def language_variant_name(tag: str, language: str = "en") -> str:
    """A voice list heading for a language tag, in `language`: "en-us" -> "American English"; else the
    language's name ("es-419" -> "Spanish (es-419)")."""
    _ = translation(language).gettext
    lowered = tag.lower()
    if lowered in LANGUAGE_VARIANT_NAMES:
        return _(LANGUAGE_VARIANT_NAMES[lowered])
    base = lowered.split("-")[0]
    name = _(LANGUAGE_NAMES[base]) if base in LANGUAGE_NAMES else base
    return name if lowered == base else f"{name} ({tag})"


SAMPLE_SENTENCE = N_("Breathe out slowly, and let your lower back rest on the mat.")
LISTEN_SENTENCE = N_("Hello. I will guide you through your exercises.")   # a voice's short "Listen" sample


def engine_name(engine: str) -> str:
    """How people see an engine's name ("flite" -> "Flite")."""
    return ENGINE_NAMES.get(engine, engine or "speech")


def notice_phrase(code: str, language: str = "en", **values: str) -> str:
    """The human sentence for a fallback notice such as "voice_missing", in `language`."""
    return translation(language).gettext(NOTICE_PHRASES[code]).format(**values)


def status_phrase(reason: str, language: str = "en") -> str:
    """The human sentence for a reason code such as "engine_hung" or "no_voice"."""
    _ = translation(language).gettext
    base = language.split("-")[0]
    name = _(LANGUAGE_NAMES[base]) if base in LANGUAGE_NAMES else language
    text = STATUS_PHRASES.get(reason, STATUS_PHRASES["engine_failed"])
    return _(text).format(language=name) if text else ""
