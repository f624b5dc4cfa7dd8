"""The clinic admin PIN: 4-8 digits kept as a salted scrypt hash, locked for 5 minutes after 5 wrong tries."""

from __future__ import annotations

import base64
import hmac
import math
import re
import secrets
from typing import Literal

from kiosk.core.pins import SALT_BYTES, SCHEME, SCRYPT_N, SCRYPT_P, SCRYPT_R, _derive
from kiosk.core.ports import SettingsStore

ADMIN_PIN_PATTERN = re.compile(r"[0-9]{4,8}")
MAX_WRONG = 5
LOCK_SECONDS = 300.0

PIN_HASH_KEY = "admin.pin_hash"
WRONG_COUNT_KEY = "admin.wrong_pins"
LOCKED_UNTIL_KEY = "admin.locked_until"

CheckResult = Literal["ok", "wrong", "locked"]


def check_admin_pin_format(pin: str) -> None:
    """Raise ValueError unless `pin` is 4 to 8 digits (0-9)."""
    if not isinstance(pin, str) or not ADMIN_PIN_PATTERN.fullmatch(pin):
        raise ValueError("The admin PIN is 4 to 8 digits.")


def hash_admin_pin(pin: str, *, salt: bytes | None = None) -> str:
    """The string to store: the same `scrypt$n$r$p$salt$key` form as profile PINs (core.pins)."""
    check_admin_pin_format(pin)
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    key = _derive(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    b64 = base64.b64encode
    return f"{SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(key).decode()}"


def verify_admin_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches the stored hash (constant-time compare); False for anything malformed."""
    try:
        check_admin_pin_format(pin)
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != SCHEME:
            return False
        expected = base64.b64decode(key, validate=True)
        actual = _derive(pin, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
    except (ValueError, AttributeError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


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
