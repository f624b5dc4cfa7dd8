"""PIN hashing: 4-6 digits, salted scrypt, constant-time verification."""

from __future__ import annotations

import pytest

from kiosk.core.pins import SCRYPT_N, check_pin_format, hash_pin, verify_pin


@pytest.mark.parametrize("pin", ["0000", "12345", "987654"])
def test_good_pins_hash_and_verify(pin):
    stored = hash_pin(pin)
    assert stored.startswith(f"scrypt${SCRYPT_N}$8$1$")
    assert pin not in stored.split("$")[1:4]
    assert verify_pin(pin, stored)


@pytest.mark.parametrize("pin", ["123", "1234567", "12 34", "abcd", "١٢٣٤", "", None, 1234])
def test_bad_pins_are_refused(pin):
    with pytest.raises(ValueError):
        check_pin_format(pin)
    with pytest.raises(ValueError):
        hash_pin(pin)


def test_same_pin_gets_a_different_salt_each_time():
    assert hash_pin("1234") != hash_pin("1234")
    salt = bytes(16)
    assert hash_pin("1234", salt=salt) == hash_pin("1234", salt=salt)


def test_wrong_pins_and_malformed_hashes_do_not_verify():
    stored = hash_pin("2468")
    assert not verify_pin("2469", stored)
    assert not verify_pin("24680", stored)
    assert not verify_pin("abcd", stored)
    scheme, n, r, p, salt, key = stored.split("$")
    for broken in ("", "plain", stored.replace("scrypt", "md5"), f"{scheme}${n}${r}${p}$!!$" + key,
                   f"{scheme}$x${r}${p}${salt}${key}", f"{scheme}${n}${r}${p}${salt}"):
        assert not verify_pin("2468", broken)
    assert not verify_pin("2468", None)
