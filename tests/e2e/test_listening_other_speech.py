"""Ten minutes of other speech (no command in it) through the command spotter, faster than real time: at most one false command.

The speech is Flite's five voices reading tests/e2e/data/other_speech.txt (a text without any command
word) in turn, each sentence changed in pitch and tempo, with room noise (tests/e2e/spoken_commands.py).
It is fed in 0.1 s blocks to the same CommandSpotter the app's listener runs (kiosk/hearing/spotter.py),
as fast as it decodes, instead of through a microphone in real time.
"""

from __future__ import annotations

import time

import pytest

from prerequisites import missing as prerequisite_missing

import spoken_commands
from kiosk.core.voice_commands import PHRASES

pytestmark = [pytest.mark.slow]

SECONDS = 600                # ten minutes
BLOCK_BYTES = 3200           # 0.1 s, as the listener hands it over
MAX_FALSE = 1


def test_ten_minutes_of_other_speech_give_at_most_one_command(tmp_path):
    missing = spoken_commands.tools_missing()
    if missing is None:
        try:
            import pocketsphinx  # noqa: F401
        except ImportError:
            missing = "pocketsphinx is not installed (pip install -e '.[test]')"
    if missing:
        prerequisite_missing(f"cannot make or decode the speech: {missing}")
    from kiosk.hearing.spotter import CommandSpotter

    speech = spoken_commands.other_speech(tmp_path, SECONDS).tobytes()
    spotter = CommandSpotter([phrase.words for phrase in PHRASES])
    started = time.process_time()
    heard = []
    for start in range(0, len(speech), BLOCK_BYTES):
        heard += spotter.feed(speech[start:start + BLOCK_BYTES])
    cpu = time.process_time() - started
    seconds = len(speech) / 2 / spoken_commands.RATE
    print(f"\n{seconds:.0f} s of other speech decoded in {cpu:.1f} s of CPU ({seconds / cpu:.0f} times real time); "
          f"false commands: {[(d.words, round(d.ended, 1), round(d.confidence, 1)) for d in heard]}")
    assert seconds >= SECONDS
    assert len(heard) <= MAX_FALSE, heard
