"""The data folder: its lock, settings, profiles index and one open data file per profile."""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kiosk.core.notice import Notice
from kiosk.core.translations import N_
from kiosk.store.atomic_file import FOLDER_MODE, forget_previous_generation, fsync_folder, secure_folder
from kiosk.store.background_writer import BackgroundWriter
from kiosk.store.database import Database, open_database, open_memory_database
from kiosk.store.folder_lock import DataFolderLock
from kiosk.store.profile_repository import (
    GUEST_PROFILE_ID, ProfileError, ProfileRepository, check_profile_id, profile_file,
)
from kiosk.store.record_repositories import AerobicRepository, RatingRepository, SessionRepository
from kiosk.store.settings_file import SETTINGS_FILE
from kiosk.store.settings_repository import SettingsRepository

PROFILES_FILE = "profiles.json"
log = logging.getLogger(__name__)
SPEECH_CACHE = "speech-cache"          # rendered sentences; personal ones in its personal/ folder
PICTURES = "pictures"                  # charts saved at the kiosk: one folder per diary


EXPORT_NAMES = {"csv": "pain-diary-{}.csv", "fhir": "diary-{}.fhir.json",
                "report": "visit-report-{}.pdf"}         # the clinic's Report onto the drive (ui/clinic.py)


def export_file(folder: Path, profile_id: str, fmt: str = "csv") -> Path:
    """Where the kiosk's admin screen writes a diary's clinic export ("csv" or "fhir") or visit report ("report")."""
    check_profile_id(profile_id)
    return Path(folder) / EXPORT_NAMES[fmt].format(profile_id)


def picture_folder(folder: Path, profile_id: str) -> Path:
    """Where the kiosk saves the charts of one diary."""
    check_profile_id(profile_id)
    return Path(folder) / PICTURES / profile_id


@dataclass
class ProfileData:
    """One profile's records. The guest's live in memory only and vanish on close."""

    profile_id: str
    ratings: RatingRepository
    sessions: SessionRepository
    aerobic: AerobicRepository
    database: Database
    notices: list[str] = field(default_factory=list)

    @property
    def is_guest(self) -> bool:
        return self.profile_id == GUEST_PROFILE_ID

    @classmethod
    def over(cls, profile_id: str, database: Database) -> ProfileData:
        return cls(profile_id, RatingRepository(database), SessionRepository(database),
                   AerobicRepository(database), database, list(database.notices))


class DataStore:
    """Owns the data folder while open: raises DataFolderInUse if another app already does.

    `notices` lists, in plain words, every recovery or upgrade done at open (and at each
    `open_profile`), for the UI to show.

    Every repository call blocks until its data is on disk (that is the acknowledgement), and
    holds its file's lock meanwhile, so a read waits for a save in progress. From the GUI
    thread, run store calls, reads included, through `writer.submit(...)`: one thread, first in
    first out, a Future per call. `close()` runs what is queued, then releases the folder.
    """

    def __init__(self, folder: str | os.PathLike, *, now: datetime | None = None,
                 lock: DataFolderLock | None = None,
                 forget_personal_audio: Callable[[Path], object] | None = None) -> None:
        """`lock`: the folder's lock, already taken (the app takes it before its first paint).

        `forget_personal_audio(speech_cache_folder)`: removes the rendered sentences about a person;
        called on every delete (the speech layer's, handed in where the app or a command is composed).
        """
        self.folder = Path(folder)
        self._forget_personal_audio = forget_personal_audio
        self.folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
        secure_folder(self.folder)
        own_lock = lock is None
        self._lock = lock or DataFolderLock(self.folder)
        self._lock.acquire()
        self._open: dict[str, ProfileData] = {}
        self._guard = threading.RLock()          # open/close/delete may come from two threads
        self._writer: BackgroundWriter | None = None
        self.notices: list[str] = []
        try:
            self._settings_db = open_database(self.folder / SETTINGS_FILE, "settings", now)
            self._profiles_db = open_database(self.folder / PROFILES_FILE, "profiles", now)
        except BaseException:
            if own_lock:                       # a lock handed in stays with whoever took it
                self._lock.release()
            raise
        self.notices += self._settings_db.notices + self._profiles_db.notices
        self.settings = SettingsRepository(self._settings_db)
        self.profiles = ProfileRepository(self._profiles_db, self.delete_profile)
        numbered = self.profiles.assign_missing_numbers()
        if numbered:
            self.notices.append(Notice(N_("Diaries made before diary numbers, each given one now: {count}. Staff "
                                          "see each diary's number on the admin screen."), count=numbered))

    @property
    def writer(self) -> BackgroundWriter:
        """The single background thread for store calls (started on first use, stopped by close)."""
        if self._writer is None:
            self._check_open()
            self._writer = BackgroundWriter()
        return self._writer

    def open_profile(self, profile_id: str, *, create: bool = False, now: datetime | None = None) -> ProfileData:
        """The records of `profile_id` (opened once, then shared). 'guest': a fresh in-memory set.

        ProfileError when the profile does not exist, unless `create` (then it is made, no PIN).
        """
        if profile_id == GUEST_PROFILE_ID:
            return ProfileData.over(GUEST_PROFILE_ID, open_memory_database("profile"))
        check_profile_id(profile_id)
        with self._guard:
            self._check_open()
            if profile_id in self._open:
                return self._open[profile_id]
            if not self.profiles.exists(profile_id):
                if not create:
                    raise ProfileError(f"There is no profile {profile_id!r}.")
                self.profiles.create(profile_id, now=now)
            database = open_database(profile_file(self.folder, profile_id), "profile", now)
            self.notices += database.notices
            data = self._open[profile_id] = ProfileData.over(profile_id, database)
            return data

    def close_profile(self, profile_id: str) -> None:
        """Close a profile's file (after the writer has finished with it)."""
        with self._guard:
            data = self._open.pop(profile_id, None)
        if data is not None:
            if self._writer is not None:
                self._writer.flush()
            data.database.close()

    def delete_profile(self, profile_id: str, *, export_folder: Path | None = None) -> list[Path]:
        """Remove a profile and everything the kiosk wrote of it; returns the files removed.

        Its data file, backup and damaged copies; its clinic exports and visit report (here and in
        `export_folder`) and saved charts; the audio of sentences about a person (the speech cache's personal folder: it
        only ever holds the last person's); its index entry (with its lockout) and the index backup.
        """
        if profile_id == GUEST_PROFILE_ID:
            raise ProfileError("The guest profile records nothing, so there is nothing to delete.")
        check_profile_id(profile_id)
        with self._guard:
            self._check_open()
            if not self.profiles.exists(profile_id):
                raise ProfileError(f"There is no profile {profile_id!r}.")
            self.close_profile(profile_id)
            removed = []
            exports = {self.folder} | ({Path(export_folder)} if export_folder is not None else set())
            for folder in sorted(exports):
                for fmt in EXPORT_NAMES:
                    removed += _remove_generations(export_file(folder, profile_id, fmt))
            removed += _remove_generations(profile_file(self.folder, profile_id))
            pictures = picture_folder(self.folder, profile_id)
            if pictures.is_dir():
                removed += sorted(p for p in pictures.rglob("*") if p.is_file())
                shutil.rmtree(pictures)
                fsync_folder(pictures.parent)
            speech = self.folder / SPEECH_CACHE
            if speech.is_dir() and self._forget_personal_audio is not None:
                self._forget_personal_audio(speech)
            self.profiles._forget(profile_id)
            forget_previous_generation(self.folder / PROFILES_FILE)   # the index's backup named them too
            return removed

    def _check_open(self) -> None:
        if not self._lock.held:
            raise RuntimeError("the data store is closed")

    def close(self, timeout: float | None = None) -> None:
        """Finish queued writes, close every file and release the folder. Safe to call twice.

        With `timeout` (the app, when it is told to stop), wait at most that long for the writer:
        if it is still busy then, the writes not yet started are dropped (logged as an error) and
        the files and the folder lock stay with the write in progress until the process ends.
        """
        if not self._lock.held:
            return
        if self._writer is not None:
            try:
                self._writer.close(timeout)
            except TimeoutError as error:
                log.error("stopping with unsaved writes: %s", error)
                return
        try:
            for profile_id in list(self._open):
                self.close_profile(profile_id)
            self._settings_db.close()
            self._profiles_db.close()
        finally:
            self._lock.release()

    def __enter__(self) -> DataStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _remove_generations(path: Path) -> list[Path]:
    """Remove a file with its backup, temp files and damaged copies; returns what was removed."""
    folder = path.parent
    if not folder.is_dir():
        return []
    removed = []
    for candidate in sorted(folder.iterdir()):
        name = candidate.name
        if candidate.is_file() and (name == path.name or name.startswith(path.name + ".")
                                    or name.startswith(f".{path.name}.")):
            candidate.unlink()
            removed.append(candidate)
    if removed:
        fsync_folder(folder)
    return removed
