"""The offline keyword spotter: pocketsphinx in keyphrase mode with its bundled en-us model, fed 16 kHz mono."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

RATE = 16000                 # samples a second, 16-bit signed mono: what the en-us model wants
FRAME_SECONDS = 0.01         # pocketsphinx's frame
RESTART_SECONDS = 20.0       # a long utterance is restarted between phrases, so its search stays small


@dataclass(frozen=True)
class Detection:
    """A key phrase heard, and where it ended in the stream (seconds of audio fed so far)."""

    words: str
    ended: float


def recognizer_missing() -> str | None:
    """Why the recognizer cannot run here (None when it can)."""
    try:
        import pocketsphinx  # noqa: F401
    except ImportError:
        return "The speech recognizer (pocketsphinx) is not installed."
    return None


class KeywordSpotter:
    """Listens for the key phrases of a pocketsphinx keyphrase list ("pause /1e-16/" a line).

    `feed(pcm)` takes raw 16-bit little-endian mono samples at RATE and returns the phrases found in
    them. It keeps no audio: the decoder keeps only its search state, restarted after each phrase."""

    def __init__(self, keyphrases: str) -> None:
        from pocketsphinx import Decoder

        handle, path = tempfile.mkstemp(prefix="kiosk-kws-", suffix=".txt")
        try:
            with os.fdopen(handle, "w") as file:
                file.write(keyphrases)
            self._decoder = Decoder(kws=path, loglevel="FATAL", samprate=RATE)
        finally:
            os.unlink(path)
        self._fed = 0                    # samples fed since the stream began
        self._utterance_start = 0        # samples fed when the current utterance began
        self._decoder.start_utt()

    @property
    def seconds_fed(self) -> float:
        return self._fed / RATE

    def feed(self, pcm: bytes) -> list[Detection]:
        self._decoder.process_raw(pcm, False, False)
        self._fed += len(pcm) // 2
        found: list[Detection] = []
        if self._decoder.hyp() is not None:
            segments = list(self._decoder.seg())
            for segment in segments:
                ended = self._utterance_start / RATE + (segment.end_frame + 1) * FRAME_SECONDS
                found.append(Detection(segment.word.strip(), ended))
            if not segments:
                found.append(Detection(self._decoder.hyp().hypstr.strip(), self.seconds_fed))
            self._restart()
        elif self._fed - self._utterance_start > RESTART_SECONDS * RATE:
            self._restart()
        return found

    def close(self) -> None:
        self._decoder.end_utt()

    def _restart(self) -> None:
        self._decoder.end_utt()
        self._decoder.start_utt()
        self._utterance_start = self._fed
