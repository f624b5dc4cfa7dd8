"""The sentences the speech adapter shows people about the voice, kept in one table for translation."""

from __future__ import annotations

STATUS_PHRASES: dict[str, str] = {
    "disabled": "Voice is off: it is turned off in the settings.",
    "no_audio_device": "Voice is off: no sound output was found.",
    "audio_failed": "Voice is off: the sound output stopped working.",
    "engine_missing": "Voice is off: the speech engine could not start (is espeak-ng installed?).",
    "engine_hung": "Voice is off: the speech engine stopped responding.",
    "engine_failed": "Voice is off: the speech engine keeps failing.",
    "no_voice": "Voice is off: no voice for {language} is installed.",
    "starting": "",
}

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "nl": "Dutch",
}

SAMPLE_SENTENCE = "Breathe out slowly, and let your lower back rest on the mat."


def status_phrase(reason: str, language: str = "en") -> str:
    """The human sentence for a reason code such as "engine_hung" or "no_voice"."""
    name = LANGUAGE_NAMES.get(language.split("-")[0], language)
    return STATUS_PHRASES.get(reason, STATUS_PHRASES["engine_failed"]).format(language=name)
