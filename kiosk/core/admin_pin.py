"""The clinic admin PIN: 4-8 digits kept as a salted scrypt hash, locked for 5 minutes after 5 wrong tries."""

from __future__ import annotations

import math
from typing import Literal

from kiosk.core.pins import check_pin_format, hash_pin, pin_pattern, verify_pin
from kiosk.core.ports import SettingsStore

ADMIN_PIN_DIGITS = (4, 8)
ADMIN_PIN_PATTERN = pin_pattern(ADMIN_PIN_DIGITS)
MAX_WRONG = 5
LOCK_SECONDS = 300.0

PIN_HASH_KEY = "admin.pin_hash"
WRONG_COUNT_KEY = "admin.wrong_pins"
LOCKED_UNTIL_KEY = "admin.locked_until"

CheckResult = Literal["ok", "wrong", "locked"]


def check_admin_pin_format(pin: str) -> None:
    """Raise ValueError unless `pin` is 4 to 8 digits (0-9)."""
    check_pin_format(pin, digits=ADMIN_PIN_DIGITS, what="The admin PIN")


def hash_admin_pin(pin: str, *, salt: bytes | None = None) -> str:
    """The string to store: the same `scrypt$n$r$p$salt$key` form as profile PINs (core.pins)."""
    return hash_pin(pin, salt=salt, digits=ADMIN_PIN_DIGITS, what="The admin PIN")


def verify_admin_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches the stored hash (constant-time compare); False for anything malformed."""
    return verify_pin(pin, stored, digits=ADMIN_PIN_DIGITS)


class AdminPinPolicy:
    """Checks the admin PIN and keeps the lockout in `settings`, so a restart does not reset it.

    `now` is wall-clock seconds (time.time()): the lockout must survive a reboot, which a
    monotonic clock does not. A clock set backwards never makes a lock last longer than
    LOCK_SECONDS from `now`.
    """

    def __init__(self, settings: SettingsStore, max_wrong: int = MAX_WRONG,
                 lock_seconds: float = LOCK_SECONDS) -> None:
        self._settings = settings
        self.max_wrong = max_wrong
        self.lock_seconds = lock_seconds

    def has_pin(self) -> bool:
        return bool(self._settings.get(PIN_HASH_KEY))

    def set_pin(self, pin: str) -> None:
        """Store a new admin PIN (ValueError unless 4-8 digits) and clear any lockout."""
        stored = hash_admin_pin(pin)
        self._settings.set(PIN_HASH_KEY, stored)
        self._settings.set(WRONG_COUNT_KEY, 0)
        self._settings.set(LOCKED_UNTIL_KEY, None)

    def wrong_count(self) -> int:
        """Wrong PINs since the last right one or the last lockout."""
        return int(self._settings.get(WRONG_COUNT_KEY, 0) or 0)

    def tries_left(self) -> int:
        """Wrong PINs still allowed before the lock starts."""
        return max(0, self.max_wrong - self.wrong_count())

    def remaining_lock_seconds(self, now: float) -> int:
        """Whole seconds until PINs are accepted again (0 when not locked)."""
        until = self._settings.get(LOCKED_UNTIL_KEY)
        if until is None:
            return 0
        if float(until) - now > self.lock_seconds:       # the clock went backwards: restart the lock
            until = now + self.lock_seconds
            self._settings.set(LOCKED_UNTIL_KEY, until)
        return max(0, math.ceil(float(until) - now))

    def is_locked(self, now: float) -> bool:
        return self.remaining_lock_seconds(now) > 0

    def check(self, pin: str, now: float) -> CheckResult:
        """"ok", "wrong", or "locked" (also for the wrong PIN that starts the lock)."""
        if self.is_locked(now):
            return "locked"
        stored = self._settings.get(PIN_HASH_KEY)
        if stored and verify_admin_pin(pin, stored):
            if self.wrong_count() or self._settings.get(LOCKED_UNTIL_KEY) is not None:
                self._settings.set(WRONG_COUNT_KEY, 0)
                self._settings.set(LOCKED_UNTIL_KEY, None)
            return "ok"
        wrong = self.wrong_count() + 1
        if wrong >= self.max_wrong:
            self._settings.set(WRONG_COUNT_KEY, 0)
            self._settings.set(LOCKED_UNTIL_KEY, now + self.lock_seconds)
            return "locked"
        self._settings.set(WRONG_COUNT_KEY, wrong)
        return "wrong"
