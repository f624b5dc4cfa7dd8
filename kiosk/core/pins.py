"""PINs kept only as a salted scrypt hash: 4-6 digits for clinic profiles, another range on request."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

PIN_DIGITS = (4, 6)      # fewest and most digits of a profile PIN (the admin PIN allows more)
SCRYPT_N = 2 ** 14      # CPU/memory cost: 16 MiB with r=8; about 50 ms per check on a small PC
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32
SCHEME = "scrypt"


def pin_pattern(digits: tuple[int, int] = PIN_DIGITS) -> re.Pattern[str]:
    """A pattern that fully matches a PIN of `digits` = (fewest, most) digits 0-9."""
    fewest, most = digits
    return re.compile(f"[0-9]{{{fewest},{most}}}")


def check_pin_format(pin: str, *, digits: tuple[int, int] = PIN_DIGITS, what: str = "A PIN") -> None:
    """Raise ValueError ("`what` is 4 to 6 digits.") unless `pin` is `digits` (fewest, most) digits 0-9."""
    if not isinstance(pin, str) or not pin_pattern(digits).fullmatch(pin):
        raise ValueError(f"{what} is {digits[0]} to {digits[1]} digits.")


def is_easy_pin(pin: str) -> bool:
    """True for the PINs a stranger tries first: one digit repeated, or a straight run up or down
    (1111, 1234, 9876, 0123...). New diaries refuse them; older ones keep working."""
    if len(set(pin)) == 1:
        return True
    steps = {(int(b) - int(a)) % 10 for a, b in zip(pin, pin[1:])} if pin.isdigit() else set()
    return steps in ({1}, {9})


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=2 * 128 * n * r + (1 << 20),
                          dklen=KEY_BYTES)


def hash_pin(pin: str, *, salt: bytes | None = None, digits: tuple[int, int] = PIN_DIGITS,
             what: str = "A PIN") -> str:
    """The string to store for `pin`: `scrypt$n$r$p$<salt base64>$<key base64>`."""
    check_pin_format(pin, digits=digits, what=what)
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    key = _derive(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"{SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


def verify_pin(pin: str, stored: str, *, digits: tuple[int, int] = PIN_DIGITS) -> bool:
    """True when `pin` matches the stored hash (constant-time compare); False for anything malformed."""
    try:
        check_pin_format(pin, digits=digits)
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != SCHEME:
            return False
        expected = base64.b64decode(key, validate=True)
        actual = _derive(pin, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
    except (ValueError, AttributeError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)
