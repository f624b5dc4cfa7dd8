"""The admin PIN: format, salted hash, and the shared lockout policy (five wrong), which survives a restart."""

from __future__ import annotations

import pytest

from kiosk.core.admin_pin import (
    LOCKOUT_KEY,
    PIN_HASH_KEY,
    AdminPinPolicy,
    hash_admin_pin,
    verify_admin_pin,
)
from kiosk.core.lockout import ADMIN_RULE
from kiosk.store.database import open_database
from kiosk.store.settings_repository import SettingsRepository


class MemorySettings(dict):
    def set(self, key, value) -> None:
        self[key] = value


@pytest.fixture
def settings():
    return MemorySettings()


def test_set_pin_stores_only_a_salted_hash(settings):
    policy = AdminPinPolicy(settings)
    assert not policy.has_pin()
    policy.set_pin("24680135")
    assert policy.has_pin()
    stored = settings[PIN_HASH_KEY]
    assert "24680135" not in stored and stored.startswith("scrypt$")
    assert hash_admin_pin("24680135") != hash_admin_pin("24680135")      # salted
    assert verify_admin_pin("24680135", stored)
    assert not verify_admin_pin("24680136", stored)


@pytest.mark.parametrize("bad", ["", "123", "123456789", "12a4", " 1234", "١٢٣٤"])
def test_invalid_pins_are_refused(settings, bad):
    with pytest.raises(ValueError):
        AdminPinPolicy(settings).set_pin(bad)
    assert not AdminPinPolicy(settings).has_pin()


def test_right_pin_ok_wrong_pin_wrong(settings):
    policy = AdminPinPolicy(settings)
    policy.set_pin("1234")
    assert policy.check("1234", now=1000.0) == "ok"
    assert policy.check("4321", now=1001.0) == "wrong"
    assert policy.check("not a pin", now=1002.0) == "wrong"


def test_no_pin_set_means_nothing_matches(settings):
    assert AdminPinPolicy(settings).check("1234", now=0.0) == "wrong"


def test_five_wrong_lock_for_five_minutes_even_the_right_pin(settings):
    policy = AdminPinPolicy(settings)
    policy.set_pin("1234")
    assert policy.tries_left(1000.0) == 5
    results = [policy.check("0000", now=1000.0 + i) for i in range(5)]
    assert results == ["wrong"] * 4 + ["locked"]
    assert policy.check("1234", now=1010.0) == "locked"
    assert policy.remaining_lock_seconds(1010.0) == 294
    assert policy.is_locked(1303.0)
    assert policy.check("1234", now=1304.0) == "ok"
    assert policy.remaining_lock_seconds(1304.0) == 0
    assert policy.tries_left(1304.0) == 5              # a right PIN forgets the misses


def test_after_a_rest_one_wrong_pin_rests_it_again_and_quick_ones_longer(settings):
    policy = AdminPinPolicy(settings)
    policy.set_pin("1234")
    for i in range(5):
        policy.check("0000", now=1000.0 + i)
    assert policy.tries_left(1305.0) == 1                         # one miss forgiven per five minutes
    assert policy.check("0000", now=1305.0) == "locked"
    assert policy.remaining_lock_seconds(1305.0) == 300
    settings[LOCKOUT_KEY] = {**settings[LOCKOUT_KEY], "until": 0.0}      # as if the rest had been skipped
    assert policy.check("0000", now=1306.0) == "locked"          # a sixth miss unforgiven: ten minutes
    assert policy.remaining_lock_seconds(1306.0) == 600


def test_a_right_pin_resets_the_count(settings):
    policy = AdminPinPolicy(settings)
    policy.set_pin("1234")
    for i in range(4):
        assert policy.check("0000", now=float(i)) == "wrong"
    assert policy.check("1234", now=5.0) == "ok"
    for i in range(4):
        assert policy.check("0000", now=10.0 + i) == "wrong"


def test_lockout_survives_a_restart_on_real_settings_file(tmp_path):
    database = open_database(tmp_path / "settings.json", "settings", None)
    policy = AdminPinPolicy(SettingsRepository(database))
    policy.set_pin("5678")
    for i in range(5):
        policy.check("1111", now=2000.0 + i)
    database.close()

    reopened = open_database(tmp_path / "settings.json", "settings", None)
    restarted = AdminPinPolicy(SettingsRepository(reopened))
    assert restarted.has_pin()
    assert restarted.check("5678", now=2100.0) == "locked"
    assert restarted.check("5678", now=2305.0) == "ok"
    reopened.close()


def test_wrong_count_survives_a_restart(settings):
    first = AdminPinPolicy(settings)
    first.set_pin("1234")
    for i in range(3):
        first.check("0000", now=float(i))
    second = AdminPinPolicy(settings)
    assert second.check("0000", now=10.0) == "wrong"
    assert second.check("0000", now=11.0) == "locked"


def test_clock_set_backwards_never_lengthens_the_lock(settings):
    policy = AdminPinPolicy(settings)
    policy.set_pin("1234")
    settings[LOCKOUT_KEY] = {"misses": 5, "since": 0.0, "until": 10_000_000.0}   # after a clock jump
    assert policy.remaining_lock_seconds(0.0) == ADMIN_RULE.longest_rest


def test_setting_a_new_pin_clears_the_lock(settings):
    policy = AdminPinPolicy(settings)
    policy.set_pin("1234")
    for i in range(5):
        policy.check("0000", now=float(i))
    policy.set_pin("9876")
    assert policy.check("9876", now=6.0) == "ok"


def test_after_a_clock_jump_the_lock_still_ends(settings):
    policy = AdminPinPolicy(settings)
    policy.set_pin("1234")
    settings[LOCKOUT_KEY] = {"misses": 5, "since": 0.0, "until": 10_000_000.0}
    assert policy.check("1234", now=100.0) == "locked"
    assert policy.check("1234", now=100.0 + ADMIN_RULE.longest_rest + 1) == "ok"


# --- `kiosk admin set-pin` -----------------------------------------------------------------

import argparse  # noqa: E402
import io  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

from kiosk.cli.admin import set_pin_command  # noqa: E402
from kiosk.cli.exit_codes import ExitCode  # noqa: E402
from kiosk.store.data_store import DataStore  # noqa: E402


def _run(tmp_path, text):
    out, err = io.StringIO(), io.StringIO()
    code = set_pin_command(argparse.Namespace(data_dir=str(tmp_path)), io.StringIO(text), out, err)
    return code, out.getvalue(), err.getvalue()


def _policy_on(folder):
    store = DataStore(folder)
    return store, AdminPinPolicy(store.settings)


def test_set_pin_from_two_piped_lines(tmp_path):
    code, out, err = _run(tmp_path, "13572468\n13572468\n")
    assert (code, err) == (0, "")
    assert "Admin PIN set" in out and "13572468" not in out
    store, policy = _policy_on(tmp_path)
    with store:
        assert policy.check("13572468", now=0.0) == "ok"
    assert "13572468" not in (tmp_path / "settings.json").read_text()


@pytest.mark.parametrize("text, message", [
    ("1234\n4321\n", "did not match"),
    ("12\n12\n", "4 to 8 digits"),
    ("1234\n", "no PIN given"),
    ("", "no PIN given"),
])
def test_set_pin_refuses_with_a_clear_message_and_changes_nothing(tmp_path, text, message):
    code, out, err = _run(tmp_path, text)
    assert code == 1
    assert message in err
    store, policy = _policy_on(tmp_path)
    with store:
        assert not policy.has_pin()


def test_set_pin_through_a_real_pipe(tmp_path):
    script = ("import sys; from argparse import Namespace; from kiosk.cli.admin import set_pin_command;"
              f"sys.exit(set_pin_command(Namespace(data_dir={str(tmp_path)!r}), sys.stdin, sys.stdout))")
    done = subprocess.run([sys.executable, "-c", script], input="2468\r\n2468\r\n", capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    store, policy = _policy_on(tmp_path)
    with store:
        assert policy.check("2468", now=0.0) == "ok"


def test_set_pin_while_the_app_holds_the_folder_fails_cleanly(tmp_path):
    with DataStore(tmp_path):
        code, _out, err = _run(tmp_path, "1234\n1234\n")
    assert code == ExitCode.DATA_FOLDER
    assert err.startswith(f"kiosk admin: could not open the data folder {tmp_path}: ") and "Close the app first" in err
