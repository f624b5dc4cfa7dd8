"""A measurement, not a test: how much of the app's own voice, looped back into the microphone, the spotter still hears with PulseAudio's echo canceller (module-echo-cancel, WebRTC) and without it.

The room of tests/e2e/test_spoken_commands.py; the app plays `e2e_listen_echo` (whose sentences say every
command word) whole, the speakers looped into the room. Without the canceller the app's echo guard is
all that stops its voice (the words it heard and ignored are counted); with it, the app plays into the
canceller's sink and listens on its source, so the canceller knows what was played and takes it out.

    PYTHONPATH=. python tests/e2e/echo_cancel_trial.py [plain|cancel|both]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import room  # noqa: E402
from test_spoken_commands import DONE, IGNORED, SAID, App  # noqa: E402
from window_manager import wait_until  # noqa: E402


def run(cancel: bool) -> tuple[int, list[str], list[str]]:
    server = room.start_room()
    try:
        loop = room.loop_speakers_into_room(server)
        if cancel:
            server.pactl("load-module", "module-echo-cancel", "aec_method=webrtc", "source_master=mic",
                         "sink_master=speakers", "source_name=mic_aec", "sink_name=speakers_aec", "use_master_format=1")
            server.pactl("set-default-source", "mic_aec")
            server.pactl("set-default-sink", "speakers_aec")
        with tempfile.TemporaryDirectory() as folder:
            app = App(server, Path(folder), "e2e_listen_echo")
            try:
                app.start_routine()
                wait_until(lambda: "Well done" in app.text() or None, "the routine to end", 180)
                time.sleep(4.0)
                said = [m.group(2) for m in app.lines(SAID)]
                return len(said), [m.group(1) for m in app.lines(IGNORED)], [m.group(1) for m in app.lines(DONE)]
            finally:
                app.stop()
        server.pactl("unload-module", loop)
    finally:
        server.stop()


def main() -> int:
    which = sys.argv[1] if len(sys.argv) > 1 else "both"
    for cancel in {"plain": (False,), "cancel": (True,), "both": (False, True)}[which]:
        sentences, ignored, done = run(cancel)
        print(f"{'with' if cancel else 'without'} the echo canceller: {sentences} sentences said; the spotter heard "
              f"{len(ignored)} commands in them, ignored as the app's own voice: {ignored}; obeyed: {done}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
