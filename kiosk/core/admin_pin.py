"""The clinic admin PIN: 4-8 digits kept as a salted scrypt hash, rested 5 minutes (and longer) after 5 wrong tries."""

from __future__ import annotations

from typing import Literal

from kiosk.core.lockout import ADMIN_RULE, Lockout, LockoutRule
from kiosk.core.pins import check_pin_format, hash_pin, pin_pattern, verify_pin
from kiosk.core.ports import SettingsStore

ADMIN_PIN_DIGITS = (4, 8)
ADMIN_PIN_PATTERN = pin_pattern(ADMIN_PIN_DIGITS)
PIN_HASH_KEY = "admin.pin_hash"
LOCKOUT_KEY = "admin.lockout"          # core.lockout.LockoutState as JSON

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
    """Checks the admin PIN under the shared lockout policy (core.lockout.ADMIN_RULE), kept in `settings`
    so a restart does not reset it.

    `now` is wall-clock seconds (time.time()): a rest must survive a reboot, which a monotonic
    clock does not. A clock set backwards never makes a rest longer than the rule's longest.
    """

    def __init__(self, settings: SettingsStore, rule: LockoutRule = ADMIN_RULE) -> None:
        self._settings = settings
        self.lockout = Lockout(rule, lambda: settings.get(LOCKOUT_KEY), lambda state: settings.set(LOCKOUT_KEY, state))

    def has_pin(self) -> bool:
        return bool(self._settings.get(PIN_HASH_KEY))

    def set_pin(self, pin: str) -> None:
        """Store a new admin PIN (ValueError unless 4-8 digits) and clear any lockout."""
        stored = hash_admin_pin(pin)
        self._settings.set(PIN_HASH_KEY, stored)
        self.lockout.clear()

    def tries_left(self, now: float) -> int:
        """Wrong PINs still allowed before a rest starts."""
        return self.lockout.tries_left(now)

    def remaining_lock_seconds(self, now: float) -> int:
        """Whole seconds until PINs are accepted again (0 when not locked)."""
        return self.lockout.remaining(now)

    def is_locked(self, now: float) -> bool:
        return self.remaining_lock_seconds(now) > 0

    def check(self, pin: str, now: float) -> CheckResult:
        """"ok", "wrong", or "locked" (also for the wrong PIN that starts a rest)."""
        if self.is_locked(now):
            return "locked"
        stored = self._settings.get(PIN_HASH_KEY)
        if stored and verify_admin_pin(pin, stored):
            self.lockout.success(now)
            return "ok"
        return "locked" if self.lockout.miss(now) else "wrong"
