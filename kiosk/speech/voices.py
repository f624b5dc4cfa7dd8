"""Voices and voice settings: what the engine offers, which one to use, and how it is stored."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass

from kiosk.core.ports import SettingsStore

SPEED_RATES: dict[str, int] = {"slow": 130, "normal": 155, "fast": 185}  # espeak words per minute
DEFAULT_SPEED = "normal"
DEFAULT_VOLUME = 0.9
RENDER_VOLUME = 1.0  # sentences are rendered at full volume; the player applies the chosen volume

KEY_ID = "voice.id"
KEY_SPEED = "voice.speed"
KEY_VOLUME = "voice.volume"
KEY_ENABLED = "voice.enabled"


def voice_id_key(language: str) -> str:
    """The setting of the voice chosen for `language`: "voice.id" for English (as before), "voice.id.es"..."""
    return KEY_ID if language == "en" else f"{KEY_ID}.{language}"


@dataclass(frozen=True)
class VoiceInfo:
    """One voice the engine offers."""

    id: str
    name: str
    languages: tuple[str, ...] = ()
    gender: str | None = None
    engine: str = ""     # the engine that renders it ("flite", or pyttsx3's driver: "espeak", "sapi5", ...)

    def speaks(self, language: str) -> bool:
        """True when this voice speaks `language` ("en" matches "en-gb"; "en-gb" matches only itself)."""
        wanted = language.lower()
        return any(code.lower() == wanted or code.lower().startswith(wanted + "-") for code in self.languages)

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "languages": list(self.languages), "gender": self.gender,
                "engine": self.engine}

    @classmethod
    def from_json(cls, data: dict) -> VoiceInfo:
        return cls(id=str(data["id"]), name=str(data.get("name", data["id"])),
                   languages=tuple(data.get("languages") or ()), gender=data.get("gender"),
                   engine=str(data.get("engine") or ""))


@dataclass(frozen=True)
class VoiceSettings:
    """The person's voice choices; `voice_id` empty means "the best voice for the language"."""

    voice_id: str = ""
    speed: str = DEFAULT_SPEED
    volume: float = DEFAULT_VOLUME
    enabled: bool = True
    language: str = "en"

    @property
    def rate(self) -> int:
        return SPEED_RATES.get(self.speed, SPEED_RATES[DEFAULT_SPEED])

    @classmethod
    def load(cls, store: SettingsStore | None, language: str = "en") -> VoiceSettings:
        """Read the settings (missing or odd values fall back to the defaults)."""
        if store is None:
            return cls(language=language)
        speed = store.get(KEY_SPEED, DEFAULT_SPEED)
        try:
            volume = min(1.0, max(0.0, float(store.get(KEY_VOLUME, DEFAULT_VOLUME))))
        except (TypeError, ValueError):
            volume = DEFAULT_VOLUME
        return cls(voice_id=str(store.get(voice_id_key(language), "") or ""),
                   speed=speed if isinstance(speed, str) and speed in SPEED_RATES else DEFAULT_SPEED,
                   volume=volume, enabled=bool(store.get(KEY_ENABLED, True)), language=language)

    def save(self, store: SettingsStore) -> None:
        store.set(voice_id_key(self.language), self.voice_id)
        store.set(KEY_SPEED, self.speed)
        store.set(KEY_VOLUME, self.volume)
        store.set(KEY_ENABLED, self.enabled)


# Preferred voices per language, best first; anything else that speaks the language comes after.
# The order is measured: the word error rate of an independent recognizer (pocketsphinx 5.1.1, its own
# en-us model) over the 164 distinct sentences of the bundled routines (1,093 words), on this kind of
# machine (Debian 12, flite 2.2, espeak-ng 1.51). "app": rendered as the app renders them (render worker,
# normal speed; benchmarks/bench_voices.py prints these figures again); "cmd": by the `flite` command at
# its own pace, same sentences and recognizer, where the app's figure was not measured in time.
VOICE_RANKING: dict[str, tuple[str, ...]] = {"en": (
    "flite:rms",            # WER 17.2% app (16.8% cmd)
    "flite:kal16",          # WER 24.3% app (22.4% cmd)
    "flite:awb",            # WER 23.1% cmd
    "flite:slt",            # WER 32.9% cmd
    "flite:kal",            # 8 kHz: not measured; the same speaker as kal16 at half its bandwidth
    "gmw/en-us",            # WER 86.8% app (espeak-ng through pyttsx3)
    "gmw/en",
), "es": (                  # Flite has no Spanish voice: espeak-ng's Latin American one (language_voices.py)
    "roa/es-419",
    "roa/es",
)}


def voices_for(voices: list[VoiceInfo], language: str) -> list[VoiceInfo]:
    """The voices that speak `language`, the best measured first, then by engine and name."""
    preferred = VOICE_RANKING.get(language.split("-")[0], ())
    matching = [voice for voice in voices if voice.speaks(language)]
    return sorted(matching, key=lambda v: (preferred.index(v.id) if v.id in preferred else len(preferred),
                                           v.engine, v.name))


def choose_voice(voices: list[VoiceInfo], wanted_id: str, language: str) -> VoiceInfo | None:
    """The chosen voice when it is installed, else the best voice for the language, else None."""
    for voice in voices:
        if wanted_id and voice.id == wanted_id:
            return voice
    candidates = voices_for(voices, language)
    return candidates[0] if candidates else None


def list_voices(timeout: float = 20.0, python: str | None = None) -> list[VoiceInfo]:
    """The voices the engine offers, asked of a render worker child (so a broken engine cannot hang us).

    Raises RuntimeError with the reason when the engine cannot start.
    """
    command = [python or sys.executable, "-m", "kiosk.speech.render_worker", "--list-voices"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as error:
        raise RuntimeError("the speech engine did not answer") from error
    for line in done.stdout.splitlines():
        message = json.loads(line)
        if message.get("event") == "ready":
            return [VoiceInfo.from_json(v) for v in message.get("voices", [])]
        if message.get("event") == "failed":
            raise RuntimeError(message.get("reason", "the speech engine could not start"))
    raise RuntimeError(f"the speech engine could not start: {done.stderr.strip()[-300:]}")

