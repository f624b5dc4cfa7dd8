"""PINs for clinic profiles: 4-6 digits, kept only as a salted scrypt hash."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

PIN_PATTERN = re.compile(r"[0-9]{4,6}")
SCRYPT_N = 2 ** 14      # CPU/memory cost: 16 MiB with r=8; about 50 ms per check on a small PC
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32
SCHEME = "scrypt"


def check_pin_format(pin: str) -> None:
    """Raise ValueError unless `pin` is 4 to 6 digits (0-9)."""
    if not isinstance(pin, str) or not PIN_PATTERN.fullmatch(pin):
        raise ValueError("A PIN is 4 to 6 digits.")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=2 * 128 * n * r + (1 << 20),
                          dklen=KEY_BYTES)


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """The string to store for `pin`: `scrypt$n$r$p$<salt base64>$<key base64>`."""
    check_pin_format(pin)
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    key = _derive(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"{SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


def verify_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches the stored hash (constant-time compare); False for anything malformed."""
    try:
        check_pin_format(pin)
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != SCHEME:
            return False
        expected = base64.b64decode(key, validate=True)
        actual = _derive(pin, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
    except (ValueError, AttributeError):
        return False
    return hmac.compare_digest(actual, expected)
