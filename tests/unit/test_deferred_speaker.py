"""DeferredSpeaker: the Speaker port and the voice controls, the real speaker built only on first use."""

from __future__ import annotations

import pytest

from kiosk.services.deferred_speaker import DeferredSpeaker


class FakeSignal:
    def __init__(self) -> None:
        self.slots = []

    def connect(self, slot) -> None:
        self.slots.append(slot)


class RealSpeaker:
    """Stands in for QtSpeaker: records what it was asked."""

    available = True
    status_message = ""

    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.availability_changed = FakeSignal()
        self.voices_changed = FakeSignal()
        self.voices = ["en-gb", "en-us"]
        self.voice = "en-gb"

    def prepare(self, texts, on_progress=None, on_done=None) -> None:
        self.calls.append(("prepare", list(texts)))

    def say(self, text: str) -> None:
        self.calls.append(("say", text))

    def stop(self) -> None:
        self.calls.append(("stop",))

    def apply_settings(self, settings=None) -> None:
        self.calls.append(("apply_settings", settings))

    def forget_what_was_said(self) -> int:
        self.calls.append(("forget_what_was_said",))
        return 7


def _deferred():
    built = []

    def factory():
        built.append(RealSpeaker())
        return built[-1]
    return DeferredSpeaker(factory), built


def test_nothing_is_built_until_something_needs_the_speaker():
    speaker, built = _deferred()
    speaker.stop()                                  # nothing to silence yet
    assert built == []
    speaker.say("Hello.")
    speaker.say("Again.")
    assert len(built) == 1
    assert built[0].calls == [("say", "Hello."), ("say", "Again.")]


def test_the_voice_controls_are_the_real_speakers():
    speaker, built = _deferred()
    assert speaker.voices == ["en-gb", "en-us"] and speaker.voice == "en-gb"
    real = built[0]
    assert speaker.availability_changed is real.availability_changed
    assert speaker.voices_changed is real.voices_changed
    speaker.apply_settings("slow")
    assert speaker.forget_what_was_said() == 7
    assert real.calls == [("apply_settings", "slow"), ("forget_what_was_said",)]
    assert len(built) == 1


def test_only_the_ports_are_offered():
    speaker, built = _deferred()
    with pytest.raises(AttributeError):
        speaker.shutdown                           # QtSpeaker has it; the ports do not
    assert built == []


def test_the_app_speaker_and_the_stand_ins_offer_every_voice_control():
    from kiosk.speech.speaker import QtSpeaker
    from kiosk.services.voice_controls import NoVoiceControls, VoiceControls

    members = {name for name in vars(VoiceControls) if not name.startswith("_")} | set(VoiceControls.__annotations__)
    assert {"availability_changed", "voices_changed", "voices", "voice", "apply_settings",
            "forget_what_was_said", "preview", "set_language"} == members
    for implementation in (QtSpeaker, DeferredSpeaker, NoVoiceControls):
        missing = sorted(name for name in members if not hasattr(implementation, name))
        assert missing == [], (implementation.__name__, missing)
