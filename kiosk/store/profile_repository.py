"""Profiles: who the records belong to, its diary number, an optional display name and an optional hashed PIN."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from tinydb import Query

from kiosk.core.diary_number import is_diary_number, new_diary_number
from kiosk.core.pins import check_pin_format, hash_pin, verify_pin as pin_matches
from kiosk.core.sign_in import DiaryKey
from kiosk.store.database import Database

TABLE = "profiles"
GUEST_PROFILE_ID = "guest"
PROFILE_ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")
DISPLAY_NAME_MAX = 40


class ProfileError(ValueError):
    """A profile request that cannot be done; the message says why."""


@dataclass(frozen=True)
class Profile:
    """One person's profile (the PIN hash never leaves the repository).

    `number` is the diary number: who the diary is at the kiosk's keypad (with the PIN as the
    secret); shown to its owner when made and to staff, never spoken.
    """

    profile_id: str
    display_name: str | None
    created: datetime
    has_pin: bool
    number: str | None = None

    @property
    def is_guest(self) -> bool:
        return self.profile_id == GUEST_PROFILE_ID


GUEST_PROFILE = Profile(GUEST_PROFILE_ID, None, datetime(2000, 1, 1, tzinfo=timezone.utc), False)


def check_profile_id(profile_id: str) -> None:
    """Raise ProfileError unless `profile_id` is 1-32 of a-z, 0-9, '-', '_' (starting with a letter or digit)."""
    if not isinstance(profile_id, str) or not PROFILE_ID_PATTERN.fullmatch(profile_id):
        raise ProfileError(f"A profile id is 1 to 32 of a-z, 0-9, '-' and '_', not {profile_id!r}.")


def profile_file(folder: Path, profile_id: str) -> Path:
    """The data file of a profile."""
    check_profile_id(profile_id)
    return Path(folder) / f"profile-{profile_id}.json"


def _clean_name(display_name: str | None) -> str | None:
    if display_name is None:
        return None
    name = " ".join(display_name.split())
    if len(name) > DISPLAY_NAME_MAX:
        raise ProfileError(f"A display name is at most {DISPLAY_NAME_MAX} characters.")
    return name or None


class ProfileRepository:
    """The profiles index (`profiles.json`). Deleting goes through DataStore.delete_profile.

    Also the sign-in's DiaryBook (core.sign_in): lookup by diary number, and each diary's lockout.
    """

    def __init__(self, database: Database, on_delete: Callable[[str], list[Path]]) -> None:
        self._database = database
        self._table = database.table(TABLE)
        self._on_delete = on_delete

    def create(self, profile_id: str | None = None, *, display_name: str | None = None,
               pin: str | None = None, now: datetime | None = None) -> Profile:
        """Add a profile (a random id when none is given); ProfileError if it exists or is invalid."""
        profile_id = f"p-{secrets.token_hex(3)}" if profile_id is None else profile_id
        check_profile_id(profile_id)
        if profile_id == GUEST_PROFILE_ID:
            raise ProfileError("'guest' is the built-in guest profile, which records nothing.")
        if pin is not None:
            check_pin_format(pin)
        document = {
            "profile_id": profile_id,
            "display_name": _clean_name(display_name),
            "created": (now or datetime.now(timezone.utc)).isoformat(),
            "pin_hash": hash_pin(pin) if pin is not None else None,
        }
        with self._database.lock:
            if self._find(profile_id) is not None:
                raise ProfileError(f"There is already a profile {profile_id!r}.")
            document["number"] = self._unused_number()
            self._table.insert(document)
        return self._profile(document)

    def assign_missing_numbers(self) -> int:
        """Give every diary made before diary numbers existed a number (once: at open). Returns how many."""
        with self._database.lock:
            documents = self._table.all()
            taken = {doc.get("number") for doc in documents}
            changes = []
            for doc in documents:
                if not is_diary_number(doc.get("number") or ""):
                    number = self._unused_number(taken)
                    taken.add(number)
                    changes.append(({"number": number}, Query().profile_id == doc["profile_id"]))
            if changes:
                self._table.update_multiple(changes)          # one write for all of them
        return len(changes)

    def find_by_number(self, number: str) -> DiaryKey | None:
        """The diary with this number (its id and PIN hash), or None."""
        if not is_diary_number(number):
            return None
        with self._database.lock:
            found = self._table.get(Query().number == number)
        return None if found is None else DiaryKey(found["profile_id"], found.get("pin_hash"))

    def lockout_of(self, profile_id: str) -> dict | None:
        """The diary's sign-in lockout state (core.lockout.LockoutState as JSON), or None."""
        document = self._find(profile_id)
        return None if document is None else document.get("lockout")

    def set_lockout_of(self, profile_id: str, state: dict) -> None:
        with self._database.lock:
            self._table.update({"lockout": state}, Query().profile_id == profile_id)

    def _unused_number(self, taken: set | None = None) -> str:
        taken = {doc.get("number") for doc in self._table.all()} if taken is None else taken
        while (number := new_diary_number()) in taken:
            pass
        return number

    def get(self, profile_id: str) -> Profile | None:
        """The profile, the guest profile for 'guest', or None."""
        if profile_id == GUEST_PROFILE_ID:
            return GUEST_PROFILE
        document = self._find(profile_id)
        return None if document is None else self._profile(document)

    def exists(self, profile_id: str) -> bool:
        return self.get(profile_id) is not None

    def list(self) -> list[Profile]:
        """Saved profiles, oldest first (the guest is not listed)."""
        with self._database.lock:
            documents = self._table.all()
        return sorted((self._profile(d) for d in documents), key=lambda p: (p.created, p.profile_id))

    def set_display_name(self, profile_id: str, display_name: str | None) -> Profile:
        return self._change(profile_id, {"display_name": _clean_name(display_name)})

    def set_pin(self, profile_id: str, pin: str | None) -> Profile:
        """Set, change or (None) remove the PIN."""
        if pin is not None:
            check_pin_format(pin)
        return self._change(profile_id, {"pin_hash": hash_pin(pin) if pin is not None else None})

    def verify_pin(self, profile_id: str, pin: str) -> bool:
        """True only when the profile exists, has a PIN, and `pin` matches it (about 50 ms)."""
        document = self._find(profile_id)
        if document is None or not document.get("pin_hash"):
            return False
        return pin_matches(pin, document["pin_hash"])

    def delete(self, profile_id: str) -> list[Path]:
        """Remove the profile and every file of its data (backups and damaged copies too)."""
        return self._on_delete(profile_id)

    def _forget(self, profile_id: str) -> None:
        with self._database.lock:
            self._table.remove(Query().profile_id == profile_id)

    def _change(self, profile_id: str, fields: dict) -> Profile:
        with self._database.lock:
            if self._find(profile_id) is None:
                raise ProfileError(f"There is no profile {profile_id!r}.")
            self._table.update(fields, Query().profile_id == profile_id)
            return self._profile(self._find(profile_id))

    def _find(self, profile_id: str) -> dict | None:
        with self._database.lock:
            found = self._table.get(Query().profile_id == profile_id)
        return None if found is None else dict(found)

    @staticmethod
    def _profile(document: dict) -> Profile:
        return Profile(document["profile_id"], document.get("display_name"),
                       datetime.fromisoformat(document["created"]), bool(document.get("pin_hash")),
                       document.get("number"))
