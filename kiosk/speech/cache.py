"""The WAV cache: rendered sentences stored under a hash of everything that shapes their sound."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import platformdirs

from kiosk.paths import APP_NAME

# Bump when the rendering changes in a way the key does not capture. 2: leading silence cut; 3: Flite's faint
# lead-in cut by windowed loudness; 4: Flite's sound converted by libsoxr; 5: Flite's sound at its own rate.
CACHE_FORMAT = 5
PERSONAL = "personal"   # sentences about a person (their pain scores): a folder of its own, emptied on delete


def default_cache_dir() -> Path:
    """The platform's user cache folder for rendered speech."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "speech"


def cache_key(engine: str, voice_id: str, rate: int, volume: float, text: str) -> str:
    """A stable hex key for one rendered sentence; any change of engine, voice, rate, volume or text changes it."""
    payload = json.dumps([CACHE_FORMAT, engine, voice_id, int(rate), round(float(volume), 3), text],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def forget_personal_sentences(folder: Path | str) -> int:
    """Delete every rendered sentence about a person from the speech cache in `folder`; returns how many.

    A cache made before personal sentences had their folder (no `personal/` in it) may hold them
    anywhere, so all of it goes: everything in it is made again when needed.
    """
    root = SpeechCache(folder)
    removed = root.personal.clear()
    if root.folder.is_dir() and not root.personal.folder.is_dir():
        removed += root.clear()
    return removed


def whole_wav(path: Path) -> bool:
    """The file is a RIFF/WAVE file exactly as long as its header says (more than a header)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(12)
            size = os.fstat(handle.fileno()).st_size
    except OSError:
        return False
    return (size > 44 and header[:4] == b"RIFF" and header[8:12] == b"WAVE"
            and int.from_bytes(header[4:8], "little") + 8 == size)


class SpeechCache:
    """A folder of `<key>.wav` files; a file is only ever moved in whole, so a present file is complete.

    `personal` is the cache for sentences about a person, in the folder's `personal/`.
    """

    def __init__(self, folder: Path | str | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_cache_dir()

    @property
    def personal(self) -> SpeechCache:
        return SpeechCache(self.folder / PERSONAL)

    def path_for(self, key: str) -> Path:
        """Where the WAV for `key` lives (whether or not it exists yet)."""
        return self.folder / f"{key}.wav"

    def lookup(self, key: str) -> Path | None:
        """The cached WAV for `key`, or None when it has not been rendered (or is not whole).

        Files are not fsynced (a render of a routine writes a hundred or more; each fsync costs more than
        the sentence): after a power cut a renamed file may be empty or cut short. Its RIFF header says
        how long it is, so such a file is not used, and the next render replaces it.
        """
        path = self.path_for(key)
        return path if whole_wav(path) else None

    def scratch_path(self, key: str) -> Path:
        """A temporary file name in the cache folder for rendering `key` before it is accepted."""
        return self.scratch_paths([key])[0]

    def scratch_paths(self, keys: list[str]) -> list[Path]:
        """`scratch_path` of each key, the folders made once (a routine's batch is a hundred sentences or more)."""
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if self.folder.name != PERSONAL:
            self.personal.folder.mkdir(exist_ok=True, mode=0o700)   # marks a cache that keeps personal apart
        process = os.getpid()
        return [self.folder / f".{key}.{process}.part.wav" for key in keys]

    def accept(self, key: str, scratch: Path) -> Path:
        """Move a checked scratch file into place atomically and return its final path."""
        final = self.path_for(key)
        os.replace(scratch, final)
        return final

    def clear(self) -> int:
        """Delete every cached WAV in this folder (and half-rendered ones); returns how many were removed."""
        removed = 0
        if self.folder.is_dir():
            for path in self.folder.glob("*.wav"):
                path.unlink(missing_ok=True)
                removed += 1
            for path in self.folder.glob(".*.part.wav"):
                path.unlink(missing_ok=True)
        return removed
