"""Child process for the Spanish voice test: renders sentences with pyttsx3's save_to_file and one espeak-ng voice.

Usage: python spanish_render_child.py VOICE_ID RATE FOLDER < sentences (one JSON list on standard input).
Writes FOLDER/0000.wav, ... and prints one JSON line: the voice the engine reports using, its voice ids,
and how many sentences needed a second try (pyttsx3 sometimes writes a junk first file).
"""

from __future__ import annotations

import json
import os
import sys
import wave


def usable(path: str) -> bool:
    try:
        with wave.open(path, "rb") as wav:
            return wav.getnframes() > 0
    except (OSError, EOFError, wave.Error):
        return False


def main() -> int:
    voice_id, rate, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    sentences = json.load(sys.stdin)
    import pyttsx3

    engine = pyttsx3.init("espeak")
    ids = [str(voice.id) for voice in engine.getProperty("voices") or []]
    engine.setProperty("voice", voice_id)
    engine.setProperty("rate", rate)
    engine.setProperty("volume", 1.0)
    retries = 0
    for number, text in enumerate(sentences):
        path = os.path.join(folder, f"{number:04d}.wav")
        for attempt in range(2):
            engine.save_to_file(text, path)
            engine.runAndWait()
            if usable(path):
                break
            retries += attempt == 0
    print(json.dumps({"voice": str(engine.getProperty("voice")), "voices": ids, "retries": retries}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
