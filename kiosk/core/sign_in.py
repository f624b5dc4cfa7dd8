"""Signing in to a diary: look it up by its number, then one PIN check, under the kiosk's and the diary's lockouts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Protocol

from kiosk.core.diary_number import is_diary_number
from kiosk.core.lockout import DIARY_RULE, KIOSK_RULE, Lockout, LockoutRule
from kiosk.core.pins import hash_pin, verify_pin
from kiosk.core.ports import SettingsStore

KIOSK_LOCKOUT_KEY = "sign_in.lockout"

Outcome = Literal["ok", "wrong", "kiosk_resting", "diary_resting"]


@dataclass(frozen=True)
class DiaryKey:
    """What sign-in needs of one diary: whose it is and its PIN hash (None: no PIN, cannot sign in)."""

    profile_id: str
    pin_hash: str | None


class DiaryBook(Protocol):
    """The diaries, as sign-in sees them (the profile repository implements it)."""

    def find_by_number(self, number: str) -> DiaryKey | None: ...

    def lockout_of(self, profile_id: str) -> dict | None: ...

    def set_lockout_of(self, profile_id: str, state: dict) -> None: ...


@dataclass(frozen=True)
class SignInResult:
    """`outcome`, the diary when "ok", and the seconds to wait when resting."""

    outcome: Outcome
    profile_id: str | None = None
    rest_seconds: int = 0


@lru_cache(maxsize=1)
def _stand_in_hash() -> str:
    """A hash to check against when the number is unknown, so an unknown number takes as long as a known one."""
    return hash_pin("0000", salt=bytes(16))


class SignInPolicy:
    """Checks (diary number, PIN) pairs. Unknown numbers and wrong PINs count against the whole kiosk;
    wrong PINs also against their diary. Both counts live in the store, so a restart keeps them.

    Whether a number exists is never said, except that a diary resting after wrong PINs says so
    (its owner must know why their PIN is refused); every try that leads there counted against the
    kiosk first.
    """

    def __init__(self, book: DiaryBook, settings: SettingsStore, *, kiosk_rule: LockoutRule = KIOSK_RULE,
                 diary_rule: LockoutRule = DIARY_RULE) -> None:
        self.book = book
        self.kiosk = Lockout(kiosk_rule, lambda: settings.get(KIOSK_LOCKOUT_KEY),
                             lambda state: settings.set(KIOSK_LOCKOUT_KEY, state))
        self.diary_rule = diary_rule

    def diary_lockout(self, profile_id: str) -> Lockout:
        return Lockout(self.diary_rule, lambda: self.book.lockout_of(profile_id),
                       lambda state: self.book.set_lockout_of(profile_id, state))

    def check(self, number: str, pin: str, now: float) -> SignInResult:
        """One sign-in try at `now` (wall-clock seconds). At most one scrypt check."""
        rest = self.kiosk.remaining(now)
        if rest:
            return SignInResult("kiosk_resting", rest_seconds=rest)
        key = self.book.find_by_number(number) if is_diary_number(number) else None
        if key is None or not key.pin_hash:
            verify_pin(pin, _stand_in_hash())          # as long as a real check: timing says nothing
            return self._missed(self.kiosk.miss(now))
        diary = self.diary_lockout(key.profile_id)
        diary_rest = diary.remaining(now)
        if diary_rest:
            self.kiosk.miss(now)
            return SignInResult("diary_resting", rest_seconds=diary_rest)
        if verify_pin(pin, key.pin_hash):
            diary.success(now)
            self.kiosk.success(now)
            return SignInResult("ok", key.profile_id)
        diary_rest = diary.miss(now)
        kiosk_rest = self.kiosk.miss(now)
        if diary_rest:
            return SignInResult("diary_resting", rest_seconds=diary_rest)
        return self._missed(kiosk_rest)

    @staticmethod
    def _missed(kiosk_rest: int) -> SignInResult:
        return SignInResult("kiosk_resting", rest_seconds=kiosk_rest) if kiosk_rest else SignInResult("wrong")
