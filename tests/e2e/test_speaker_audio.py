"""QtSpeaker into a real sound server: countdown numbers one second apart, stop() silencing at once, and sound at
every engine's own rate heard at its own pitch and length."""

from __future__ import annotations

import array
import math
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtMultimedia import QSoundEffect

import audio
from kiosk.speech import pcm
from kiosk.speech.player import WavPlayer
from kiosk.speech.speaker import QtSpeaker

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.qt_log_ignore(*audio.QT_AUDIO_NOISE, extend=True)]

COUNTDOWN = ["five", "four", "three", "two", "one"]
LONG_SENTENCE = ("Keep your knees together and let them sink slowly to the right, "
                 "as far as feels comfortable, then breathe out.")


@pytest.fixture
def speaker(pulse_server, qtbot, tmp_path):
    speaker = QtSpeaker(tmp_path / "speech")
    with qtbot.waitSignal(speaker.voices_changed, timeout=30_000):
        pass
    assert speaker.available, speaker.status_message
    done = []
    speaker.prepare(COUNTDOWN + [LONG_SENTENCE], on_done=lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    assert all(speaker.is_ready(text) for text in COUNTDOWN + [LONG_SENTENCE])
    yield speaker
    speaker.shutdown()


def play_on_timer(qtbot, parent, steps: list[tuple[float, callable]], tail: float) -> dict[int, float]:
    """Run each (seconds, action) from one Qt.PreciseTimer at monotonic deadlines; returns when they ran."""
    timer = QTimer(parent)  # every QTimer has a parent
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setSingleShot(True)
    start = time.monotonic()
    ran: dict[int, float] = {}

    def fire() -> None:
        index = len(ran)
        ran[index] = time.monotonic() - start
        steps[index][1]()
        if index + 1 < len(steps):
            timer.start(max(0, round((start + steps[index + 1][0] - time.monotonic()) * 1000)))

    timer.timeout.connect(fire)
    timer.start(round(steps[0][0] * 1000))
    qtbot.waitUntil(lambda: len(ran) == len(steps), timeout=int((steps[-1][0] + 10) * 1000))
    qtbot.wait(int(tail * 1000))
    timer.stop()
    return ran


# How far a played second may be heard from 1.0 s: on a busy 2-core machine the sound server once stretched one
# to 1.08 s. A file played at another rate than its own is off by 27% or more.
LENGTH_SLACK_S = 0.1


def test_countdown_numbers_are_heard_one_second_apart(speaker, recorder, qtbot):
    recorder.start()
    steps = [(0.5 + second, lambda word=word: speaker.say(word)) for second, word in enumerate(COUNTDOWN)]
    play_on_timer(qtbot, speaker, steps, tail=1.5)
    samples = recorder.stop()

    bursts = audio.bursts_in(samples, audio.RECORD_RATE)
    assert len(bursts) == len(COUNTDOWN), bursts
    spacings = audio.onset_spacings(audio.refine_bursts(samples, audio.RECORD_RATE, bursts))
    # A word is "heard" from its first loud window; a soft opening sound (the "th" of "three" in some
    # voices) puts that later in the word itself. Taken out here, so this measures the player's timing.
    leads = [lead_in(speaker.wav_path(word), speaker.settings.volume) for word in COUNTDOWN]
    played = [spacing - (later - earlier) for spacing, earlier, later in zip(spacings, leads, leads[1:])]
    assert all(abs(spacing - 1.0) <= 0.1 for spacing in played), (spacings, leads)


def lead_in(path: str, volume: float) -> float:
    """Seconds from a sentence file's start to its first window that the recording calls loud."""
    samples, rate = audio.read_wav_samples(path)
    loud = audio.LOUD / volume
    first = audio.bursts_in(samples, rate, loud=loud)[:1]
    return audio.refine_bursts(samples, rate, first, loud=loud)[0].start


def test_stop_silences_within_100_ms(speaker, recorder, qtbot):
    recorder.start()
    steps = [(0.5, lambda: speaker.say(LONG_SENTENCE)), (1.7, speaker.stop)]
    ran = play_on_timer(qtbot, speaker, steps, tail=2.0)
    samples = recorder.stop()

    bursts = audio.refine_bursts(samples, audio.RECORD_RATE, audio.bursts_in(samples, audio.RECORD_RATE))
    assert len(bursts) == 1, bursts  # the sentence, cut: nothing is heard after it
    spoken = ran[1] - ran[0]
    # The burst starts with the play latency and ends with the stop latency: its length differs from the
    # time between say() and stop() by how much later the sound stopped than it started.
    assert abs(bursts[0].length - spoken) <= 0.1, (bursts[0], spoken)
    full_length = audio.read_wav_samples(speaker.wav_path(LONG_SENTENCE))
    assert len(full_length[0]) / full_length[1] > spoken + 2  # it really was cut short


def zero_crossing_pitch(samples, rate: int) -> float:
    crossings = sum(1 for a, b in zip(samples, samples[1:]) if (a < 0) != (b < 0))
    return crossings / 2 / (len(samples) / rate)


def one_second_tone(path, rate: int) -> str:
    tone = array.array("h", [round(12000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(rate)])
    pcm.write_wav(str(path), tone.tobytes(), rate)
    return str(path)


def test_sound_at_each_engines_own_rate_is_heard_at_its_pitch_and_length(pulse_server, recorder, qtbot, tmp_path):
    # Flite's kal 8 kHz, its other voices 16 kHz, espeak-ng 22,050 Hz: the players take each as it is, in any
    # order (a rate taken for another would change the tone's pitch and length by 27% or more).
    rates = [16000, 22050, 8000, 16000, 44100]
    paths = [one_second_tone(tmp_path / f"tone-{index}-{rate}.wav", rate) for index, rate in enumerate(rates)]
    player = WavPlayer()
    failed = []
    player.file_failed.connect(failed.append)
    for path in paths:
        player.preload(path)
    recorder.start()
    qtbot.wait(500)
    for path in paths:
        with qtbot.waitSignal(player.finished, timeout=5000):
            player.play(path)
        qtbot.wait(500)
    samples = recorder.stop()
    player.clear()

    assert not failed
    bursts = audio.refine_bursts(samples, audio.RECORD_RATE, audio.bursts_in(samples, audio.RECORD_RATE))
    assert len(bursts) == len(rates), bursts
    for burst, rate in zip(bursts, rates):
        assert abs(burst.length - 1.0) <= LENGTH_SLACK_S, (rate, burst)
        middle = samples[round((burst.start + 0.1) * audio.RECORD_RATE):round((burst.end - 0.1) * audio.RECORD_RATE)]
        assert abs(zero_crossing_pitch(middle, audio.RECORD_RATE) - 440) <= 440 * 0.05, rate


def test_a_change_reported_for_the_same_outputs_does_not_stop_what_plays(pulse_server, recorder, qtbot, tmp_path):
    # Qt reports PulseAudio switching an idle sink between 44.1 and 48 kHz (for a stream of the other family:
    # a 22,050 Hz sentence after a 16 kHz one) as a change of the outputs, four times while the sound starts.
    # The player took that for a new device and dropped every loaded file, the one playing too.
    player = WavPlayer()
    path = one_second_tone(tmp_path / "tone.wav", 16000)
    effect = player.preload(path)
    qtbot.waitUntil(lambda: effect.status() == QSoundEffect.Status.Ready, timeout=5000)
    changes = []
    player.outputs_changed.connect(changes.append)
    recorder.start()
    with qtbot.waitSignal(player.finished, timeout=5000):
        player.play(path)
        qtbot.wait(300)
        for _ in range(4):
            player._devices.audioOutputsChanged.emit()
    qtbot.wait(300)
    samples = recorder.stop()
    player.clear()

    assert changes == []  # nothing to tell: the same outputs
    bursts = audio.refine_bursts(samples, audio.RECORD_RATE, audio.bursts_in(samples, audio.RECORD_RATE))
    assert len(bursts) == 1 and abs(bursts[0].length - 1.0) <= LENGTH_SLACK_S, bursts   # stopped: 0.3 s


def test_a_new_default_output_is_followed(pulse_server, qtbot, tmp_path):
    player = WavPlayer()
    path = one_second_tone(tmp_path / "tone.wav", 22050)
    player.preload(path)
    module = pulse_server.pactl("load-module", "module-null-sink", "sink_name=other_sink").strip()
    try:
        with qtbot.waitSignal(player.outputs_changed, timeout=5000) as told:
            pulse_server.pactl("set-default-sink", "other_sink")
        assert told.args == [True]
        assert path in player._effects  # loaded again, for the new output
    finally:
        pulse_server.pactl("set-default-sink", pulse_server.sink)
        pulse_server.pactl("unload-module", module)
        qtbot.wait(500)
        player.clear()
