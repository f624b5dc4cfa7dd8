"""Sign-in by diary number and PIN: one check, lockouts per diary and per kiosk, and the odds of a stranger."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from kiosk.core.diary_number import NUMBER_SPACE, check_digit, is_diary_number, new_diary_number
from kiosk.core.lockout import DIARY_RULE, KIOSK_RULE
from kiosk.core.pins import hash_pin
from kiosk.core.sign_in import DiaryKey, SignInPolicy
from kiosk.store.data_store import DataStore

HOURS = 8
DIARIES = 1000
FASTEST_TRY = 0.05      # seconds a try takes at the very least: one scrypt check, faster than any hand types
# A stranger's best PIN guess: the most common 4-digit PIN, "1234", chosen by 10.7% of 3.4 million
# people (DataGenetics, 2012). The odds below assume every diary's owner chose it.
BEST_GUESS_SHARE = 0.107
UNLIMITED_KIOSK = replace(KIOSK_RULE, misses_before_rest=10 ** 6)   # to watch one diary's count alone


class Settings(dict):
    def set(self, key, value) -> None:
        self[key] = value


class Book:
    """The DiaryBook of `count` diaries with random numbers, all with one PIN hash (hashing 1,000 is slow)."""

    def __init__(self, count: int, pin: str = "7294") -> None:
        pin_hash = hash_pin(pin)
        self.keys = {}
        while len(self.keys) < count:
            self.keys[new_diary_number()] = DiaryKey(f"p-{len(self.keys)}", pin_hash)
        self.lockouts: dict = {}

    def find_by_number(self, number):
        return self.keys.get(number)

    def lockout_of(self, profile_id):
        return self.lockouts.get(profile_id)

    def set_lockout_of(self, profile_id, state):
        self.lockouts[profile_id] = state


def tries_in(policy: SignInPolicy, seconds: float, strategy, rng: random.Random) -> int:
    """How many (number, PIN) pairs the policy checks in `seconds` for a stranger who tries as soon as
    `strategy(policy, now)` (seconds to wait) says so."""
    now, tries = 0.0, 0
    while now < seconds:
        wait = strategy(policy, now)
        if wait:
            now += wait
            continue
        number = str(rng.randrange(NUMBER_SPACE)).zfill(7)
        result = policy.check(number + check_digit(number), "1234", now)
        assert result.outcome != "ok"
        tries += 1
        now += FASTEST_TRY
    return tries


def as_fast_as_allowed(policy, now):
    return policy.kiosk.remaining(now)


def paced_to_the_forgiveness(policy, now):
    """Never rests after the free tries: one try each time a miss is forgiven."""
    rest = policy.kiosk.remaining(now)
    if rest:
        return rest
    return 0 if policy.kiosk.tries_left(now) > 1 else KIOSK_RULE.forgive_seconds - (now % KIOSK_RULE.forgive_seconds) + 0.01


def test_a_stranger_at_full_speed_for_eight_hours_opens_a_diary_with_odds_below_one_in_a_thousand():
    book = Book(DIARIES)
    counts = {}
    for strategy in (as_fast_as_allowed, paced_to_the_forgiveness):
        policy = SignInPolicy(book, Settings())
        counts[strategy.__name__] = tries_in(policy, HOURS * 3600, strategy, random.Random(7))
    tries = max(counts.values())
    per_try = DIARIES / NUMBER_SPACE * BEST_GUESS_SHARE
    odds = 1 - (1 - per_try) ** tries
    uniform = 1 - (1 - DIARIES / NUMBER_SPACE / 10_000) ** tries
    print(f"\ntries checked in {HOURS} h: {counts}; odds of opening a diary: {odds:.2e} "
          f"(every owner chose 1234), {uniform:.2e} (PINs chosen at random)")
    assert odds < 1 / 1000
    assert tries < 100                           # the kiosk's count, not the keypad's speed, is the limit


def test_without_the_kiosk_count_the_same_stranger_would_get_far_more_tries():
    """The check above can fail: with a lenient kiosk rule the odds are over the target."""
    from kiosk.core.lockout import LockoutRule

    lenient = LockoutRule(misses_before_rest=5, first_rest=1.0, growth=1.0, longest_rest=1.0, forgive_seconds=1.0)
    policy = SignInPolicy(Book(10), Settings(), kiosk_rule=lenient)
    tries = tries_in(policy, 60, as_fast_as_allowed, random.Random(3))
    per_hour = tries * 60
    assert 1 - (1 - DIARIES / NUMBER_SPACE * BEST_GUESS_SHARE) ** (per_hour * HOURS) > 1 / 1000


# --- on the real store -----------------------------------------------------------------------

@pytest.fixture
def store(tmp_path):
    with DataStore(tmp_path / "data") as opened:
        yield opened


def test_sign_in_by_number_and_pin_and_only_that_pair(store):
    ann = store.profiles.create("ann", pin="4826")
    bob = store.profiles.create("bob", pin="4826")            # the same PIN is fine: the number says who
    policy = SignInPolicy(store.profiles, store.settings)
    assert is_diary_number(ann.number) and ann.number != bob.number
    assert policy.check(ann.number, "4826", 1000.0).profile_id == "ann"
    assert policy.check(bob.number, "4826", 1001.0).profile_id == "bob"
    assert policy.check(ann.number, "4827", 1002.0).outcome == "wrong"
    unknown = next(n for n in iter(new_diary_number, None) if n not in (ann.number, bob.number))
    assert policy.check(unknown, "4826", 1003.0).outcome == "wrong"    # unknown or wrong: the same answer
    assert policy.check(ann.number[:-1] + "x", "4826", 1004.0).outcome == "wrong"


def test_five_wrong_pins_rest_that_diary_across_a_restart_and_not_the_others(tmp_path):
    folder = tmp_path / "data"
    with DataStore(folder) as store:
        ann = store.profiles.create("ann", pin="4826")
        bob = store.profiles.create("bob", pin="1357")
        policy = SignInPolicy(store.profiles, store.settings, kiosk_rule=UNLIMITED_KIOSK)
        outcomes = [policy.check(ann.number, "0000", 2000.0 + i).outcome for i in range(5)]
        assert outcomes == ["wrong"] * 4 + ["diary_resting"]
    with DataStore(folder) as store:                                      # a restart
        policy = SignInPolicy(store.profiles, store.settings, kiosk_rule=UNLIMITED_KIOSK)
        resting = policy.check(ann.number, "4826", 2010.0)
        assert resting.outcome == "diary_resting" and resting.rest_seconds == DIARY_RULE.first_rest - 6
        assert policy.check(bob.number, "1357", 2011.0).profile_id == "bob"
        assert policy.check(ann.number, "4826", 2005.0 + DIARY_RULE.first_rest).profile_id == "ann"


def test_misses_on_any_diary_rest_the_whole_kiosk_across_a_restart_and_a_success_does_not_reset_it(tmp_path):
    folder = tmp_path / "data"
    with DataStore(folder) as store:
        mine = store.profiles.create("mine", pin="2468")
        policy = SignInPolicy(store.profiles, store.settings)
        for i in range(4):
            assert policy.check(new_diary_number(), "1111", 100.0 + i).outcome == "wrong"
        assert policy.check(mine.number, "2468", 104.0).outcome == "ok"            # my own diary
        resting = policy.check(new_diary_number(), "1111", 105.0)
        assert resting.outcome == "kiosk_resting" and resting.rest_seconds == KIOSK_RULE.first_rest
    with DataStore(folder) as store:
        policy = SignInPolicy(store.profiles, store.settings)
        assert policy.check(mine.number, "2468", 110.0).outcome == "kiosk_resting"
        assert policy.check(mine.number, "2468", 136.0).outcome == "ok"


def test_diaries_made_before_numbers_get_one_at_open(tmp_path):
    folder = tmp_path / "data"
    with DataStore(folder) as store:
        store.profiles.create("old", pin="4826")
        store.profiles._table.update({"number": None})                    # as a diary made before this change
    with DataStore(folder) as store:
        assert any("each given one now" in notice for notice in store.notices)
        number = store.profiles.get("old").number
        assert is_diary_number(number)
        assert SignInPolicy(store.profiles, store.settings).check(number, "4826", 0.0).profile_id == "old"
    with DataStore(folder) as store:
        assert store.profiles.get("old").number == number and not store.notices
