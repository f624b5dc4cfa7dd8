"""The real app speaks its routine aloud: a window under Xvfb, playing into a PulseAudio null sink, recorded back.

One run of `python -m kiosk run --windowed --routine e2e_voice` (tests/e2e/data/routines: about half a
minute, one five-second hold) at time scale 1, shared by the tests below. The test types "3" on the
"before" pain rating, sends Space (Pause) a moment into the long last instruction, waits, sends Space
(Resume) and lets the routine end. `KIOSK_LOG=debug` makes the app log, on standard error, the
monotonic moment each sentence starts ("said at") and each pause ("paused at"); time.monotonic() is one
clock for every process on Linux.

A recording misses its first ~2 s and runs at a constant offset after that (AUDIO-TESTING.md), so the
offset (recording time minus logged time) is measured from the first sentences, and every later sound is
judged against logged time + offset: speech starts at each logged sentence, the countdown numbers are
one second apart inside the recording, and the sink is silent from 0.1 s after the logged pause.
"""

from __future__ import annotations

import array
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from prerequisites import missing as prerequisite_missing

import audio
from kiosk.core.timeline import speech_seconds
from kiosk.paths import PROJECT_DIR

from window_manager import find_window, stop_process_group, wait_until, x_tool
from xvfb import display_missing, start_virtual_display

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROUTINES = Path(__file__).resolve().parent / "data" / "routines"
ROUTINE_ID = "e2e_voice"
APP_TITLE = "SI joint exercises"          # QApplication.applicationName(), the window's title
COUNTDOWN = ("five", "four", "three", "two", "one")
PAUSE_IN = "Now let your whole back sink softly into the floor and breathe out slowly through your mouth."
PAUSE_AFTER_S = 1.5        # into the sentence (its audio lasts about 5 s)
PAUSED_FOR_S = 2.6         # between Pause and Resume
TAIL_S = 6.0               # after the last sentence starts: it plays to its end
RATE_TRIES = 4             # the before rating typed at most this often ...
RATE_WAIT_S = 12.0         # ... waiting this long each time for the welcome (3 s Undo time, the voice starting)
ALIGN_SENTENCES = 3        # the offset comes from the first three sentences
ONSET_TOLERANCE_S = 0.15   # a sentence's sound starts within this of logged time + offset
OFFSET_SPREAD_S = 0.1      # the first sentences agree on the offset within this
COUNT_SPACING_S = (1.0, 0.1)
SILENT_FROM_S = 0.1        # after the logged pause
SILENT_FOR_S = 2.0
ONSET_MERGE_GAP_S = 0.15   # bursts for onsets: gaps inside a sentence can only add onsets, never hide one
ONSET_STEP_S = 0.0025      # a burst's start is traced back in steps this long ...
ONSET_LOOKBACK_S = 0.3     # ... at most this far ...
SILENCE = 0.002            # ... while the sound is above this (the null sink's silence is exactly 0)
INSTALL_HINT = "run `packaging/system-deps.sh test` (Debian: xvfb dbus-daemon pulseaudio pulseaudio-utils xdotool)"

SAID = re.compile(r"kiosk\.ui\.session_controller: said at (\d+\.\d+): (.*)$")
PAUSED = re.compile(r"kiosk\.ui\.session_controller: paused at (\d+\.\d+)$")


@dataclass
class Run:
    """What one run of the app said (logged), when it paused, and what the null sink heard."""

    expected: list[str]                 # the timeline's spoken sentences, in order
    said: list[tuple[float, str]]       # (monotonic, sentence) from the app's log
    paused: list[float]                 # monotonic moments of each pause
    samples: array.array                # the recording, 16-bit mono at audio.RECORD_RATE
    log: str

    def said_at(self, text: str, occurrence: int = 0) -> float:
        return [t for t, s in self.said if s == text][occurrence]


@dataclass
class Alignment:
    """The recording's constant offset, and each logged sentence's onset found in the recording."""

    offset: float                       # recording seconds = monotonic seconds + offset
    first_offsets: list[float]          # per sentence, from the first ALIGN_SENTENCES
    onsets: list[float]                 # per logged sentence: the nearest sound onset in the recording
    errors: list[float]                 # per logged sentence: onset - (logged + offset)


def _missing() -> str | None:
    missing = display_missing() or audio.pulseaudio_missing()
    for tool, package in (("espeak-ng", "espeak-ng"), ("xdotool", "xdotool")):
        if missing is None and shutil.which(tool) is None:
            missing = f"{tool} is not installed (Debian: {package})"
    return missing


def _parse_log(text: str) -> tuple[list[tuple[float, str]], list[float]]:
    said, paused = [], []
    for line in text.splitlines():
        if match := SAID.search(line):
            said.append((float(match.group(1)), match.group(2)))
        elif match := PAUSED.search(line):
            paused.append(float(match.group(1)))
    return said, paused


def _expected_sentences(env: dict[str, str]) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "kiosk", "routines", "script", ROUTINE_ID, "--json"], cwd=PROJECT_DIR,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return [cue["text"] for cue in json.loads(done.stdout) if cue["text"]]


def _prepared_data_dir(folder: Path) -> Path:
    """A data folder where the one-time safety screen was already accepted."""
    from kiosk.store.data_store import DataStore

    with DataStore(folder) as store:
        store.settings.set("safety.accepted", True)
    return folder


def _key(env: dict[str, str], wid: int, key: str) -> None:
    """Focus the window and type one key through XTEST, as a real keyboard would."""
    x_tool(env, "xdotool", "windowfocus", "--sync", str(wid), check=False)
    x_tool(env, "xdotool", "key", "--clearmodifiers", key)


def _rate_before(env: dict[str, str], wid: int, welcomed) -> None:
    """Give the "before" rating with the key 3 until the routine starts (it moves on after its Undo time).

    A key typed while the window is mapped but not yet focused or painted is lost, so it is typed again
    when no welcome followed it."""
    for _ in range(RATE_TRIES):
        _key(env, wid, "3")
        try:
            wait_until(welcomed, "the routine to start after the before rating", RATE_WAIT_S)
            return
        except AssertionError:
            continue
    raise AssertionError(f"the routine did not start after {RATE_TRIES} before ratings typed {RATE_WAIT_S} s apart")


@pytest.fixture(scope="module")
def run(pulse_server, tmp_path_factory) -> Run:
    """Play the routine once in the real app, pausing in its last instruction; everything observed."""
    missing = _missing()
    if missing:
        prerequisite_missing(f"cannot play the app into a recorded sound server: {missing}; {INSTALL_HINT}")
    folder = tmp_path_factory.mktemp("app_speaks")
    display = start_virtual_display((1280, 800))
    recorder = audio.Recorder(pulse_server, folder / "recording.raw")
    app = None
    log_path = folder / "app.log"
    try:
        env = {**os.environ, **display.env, **pulse_server.env, "QT_QPA_PLATFORM": "xcb",
               "KIOSK_ROUTINES_DIR": str(ROUTINES), "KIOSK_TIME_SCALE": "1", "KIOSK_LOG": "debug"}
        for key in ("KIOSK_DATA_DIR", "KIOSK_EXIT_AFTER_PAINT"):
            env.pop(key, None)
        expected = _expected_sentences(env)
        data = _prepared_data_dir(folder / "data")
        recorder.start()
        with log_path.open("w") as log:
            app = subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--windowed", "--routine", ROUTINE_ID,
                                    "--data-dir", str(data)], cwd=PROJECT_DIR, env=env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)

        def logged():
            if app.poll() is not None:
                raise AssertionError(f"the app exited with code {app.returncode}")
            return _parse_log(log_path.read_text(errors="replace"))

        def said(text: str, occurrence: int = 0) -> float | None:
            times = [t for t, s in logged()[0] if s == text]
            return times[occurrence] if len(times) > occurrence else None

        wid = find_window(display.env, APP_TITLE, app)
        _rate_before(display.env, wid, lambda: said(expected[0]))
        pause_sentence = wait_until(lambda: said(PAUSE_IN), "the app to start the instruction to pause in", 60)
        time.sleep(max(0.0, pause_sentence + PAUSE_AFTER_S - time.monotonic()))
        _key(display.env, wid, "space")
        paused = wait_until(lambda: logged()[1], "the app to log its pause", 5)[0]
        time.sleep(max(0.0, paused + PAUSED_FOR_S - time.monotonic()))
        _key(display.env, wid, "space")
        last = wait_until(lambda: said(expected[-1]), "the app to start the last sentence", 30)
        time.sleep(max(0.0, last + TAIL_S - time.monotonic()))
        samples = recorder.stop()
        text = log_path.read_text(errors="replace")
        said_lines, pauses = _parse_log(text)
        return Run(expected, said_lines, pauses, samples, text)
    except AssertionError as exc:
        raise AssertionError(f"{exc}\napp log:\n{log_path.read_text(errors='replace')[-3000:]}") from None
    finally:
        recorder.stop()
        if app is not None:
            stop_process_group(app)
        display.stop()


def _sound_start(samples, loud_start: float) -> float:
    """Where the sound that turns loud at `loud_start` really begins: back through its quiet first part
    (a soft "f" or "th" stays under the loudness threshold for up to 0.1 s) to the sink's digital silence."""
    rate, step = audio.RECORD_RATE, int(audio.RECORD_RATE * ONSET_STEP_S)
    first = int(loud_start * rate)
    floor = max(0, first - int(ONSET_LOOKBACK_S * rate))
    while first - step >= floor and audio.peak(samples[first - step:first]) > SILENCE:
        first -= step
    return first / rate


def _onsets(samples) -> list[float]:
    bursts = audio.bursts_in(samples, audio.RECORD_RATE, merge_gap=ONSET_MERGE_GAP_S)
    return [_sound_start(samples, burst.start) for burst in audio.refine_bursts(samples, audio.RECORD_RATE, bursts)]


def _nearest(onsets: list[float], moment: float) -> float:
    return min(onsets, key=lambda onset: abs(onset - moment))


def align(run: Run) -> Alignment:
    """Find the recording's offset: the candidate (a burst onset minus the first logged sentence) under which
    most logged sentences have an onset within tolerance; then refine it from the first sentences."""
    onsets = _onsets(run.samples)
    times = [t for t, _ in run.said]
    assert onsets, "the recording is silent"

    def matched(offset: float) -> int:
        return sum(1 for t in times if abs(_nearest(onsets, t + offset) - (t + offset)) <= ONSET_TOLERANCE_S)

    rough = max((onset - times[0] for onset in onsets), key=matched)
    first = [_nearest(onsets, t + rough) - t for t in times[:ALIGN_SENTENCES]]
    offset = statistics.median(first)
    found = [_nearest(onsets, t + offset) for t in times]
    errors = [onset - (t + offset) for onset, t in zip(found, times)]
    return Alignment(offset, first, found, errors)


@pytest.fixture(scope="module")
def alignment(run) -> Alignment:
    return align(run)


def test_every_sentence_of_the_timeline_is_started_in_order(run):
    spoken = [text for _, text in run.said]
    at = run.expected.index(PAUSE_IN)
    # Resume carries on from the start of the current instruction, so it is said again.
    assert spoken == run.expected[:at + 1] + run.expected[at:], run.log[-3000:]
    assert len(run.paused) == 1, run.paused


def test_speech_starts_in_the_recording_at_each_logged_sentence(run, alignment):
    spread = max(alignment.first_offsets) - min(alignment.first_offsets)
    report = "\n".join(f"{error:+.3f} {text}"
                       for error, (_, text) in zip(alignment.errors, run.said))
    print(f"\noffset {alignment.offset:.3f} s, spread of the first {ALIGN_SENTENCES}: {spread * 1000:.0f} ms; "
          f"onset - (logged + offset) per sentence:\n{report}")
    assert spread <= OFFSET_SPREAD_S, alignment.first_offsets
    late = [(text, error) for error, (_, text) in zip(alignment.errors, run.said)
            if abs(error) > ONSET_TOLERANCE_S]
    assert not late, f"no sound within {ONSET_TOLERANCE_S} s of these sentences: {late}\n{report}"


def test_nothing_is_heard_before_the_first_sentence_or_after_the_last_one_ends(run, alignment):
    bursts = audio.bursts_in(run.samples, audio.RECORD_RATE)
    first, (last, last_text) = run.said[0][0] + alignment.offset, run.said[-1]
    assert bursts and bursts[0].start >= first - ONSET_TOLERANCE_S, (bursts[:3], first)
    # The last sentence ends within the time the timeline gives it (a calm pace, slower than espeak-ng's).
    ends = last + alignment.offset + speech_seconds(last_text)
    assert bursts[-1].end <= ends, (bursts[-3:], ends)


def test_countdown_numbers_are_heard_one_second_apart(run, alignment):
    index = [text for _, text in run.said].index(COUNTDOWN[0])
    assert [text for _, text in run.said[index:index + len(COUNTDOWN)]] == list(COUNTDOWN)
    onsets = alignment.onsets[index:index + len(COUNTDOWN)]
    spacings = [later - earlier for earlier, later in zip(onsets, onsets[1:])]
    print(f"\ncountdown onset spacings in the recording: {[round(s, 3) for s in spacings]}")
    target, tolerance = COUNT_SPACING_S
    assert all(abs(spacing - target) <= tolerance for spacing in spacings), spacings


def test_pause_silences_within_100_ms(run, alignment):
    pause = run.paused[0] + alignment.offset
    rate = audio.RECORD_RATE
    before = run.samples[int((pause - 0.5) * rate):int(pause * rate)]
    assert audio.peak(before) > 0.1, "the sentence was not playing when Pause was pressed: the test proves nothing"
    resumed = run.said_at(PAUSE_IN, 1) + alignment.offset - ONSET_TOLERANCE_S   # before the repeat is heard
    assert resumed - pause >= SILENT_FROM_S + SILENT_FOR_S, "resumed too early to judge the silence"
    quiet = run.samples[int((pause + SILENT_FROM_S) * rate):int(resumed * rate)]
    windows = audio.rms_windows(quiet, rate, window=0.01)
    loud = [round(SILENT_FROM_S + i * 0.01, 2) for i, value in enumerate(windows) if value > audio.LOUD]
    # When the sound really stopped, against the logged pause + offset (the offset holds the start latency).
    near = run.samples[int((pause - 0.5) * rate):int(resumed * rate)]
    last = max(i for i, sample in enumerate(near) if abs(sample) > SILENCE * 32768)
    print(f"\nsound stopped {((last + 1) / rate - 0.5) * 1000:+.0f} ms from the logged pause (+offset); "
          f"silent for {(len(near) - last - 1) / rate:.2f} s until the resumed sentence")
    assert not loud, f"loud 10 ms windows this many seconds after the pause: {loud[:10]}"
