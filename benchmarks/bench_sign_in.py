"""Benchmark of signing in among 1,000 diaries on the store's thread, against one bare scrypt check.

A sign-in is: the kiosk's rest looked up, the diary found by its number, one scrypt check, the
lockouts updated, and (when right) the diary's file opened. The diaries are made before diary
numbers existed and numbered by the migration at open, which is timed too.

Run: .venv/bin/python benchmarks/bench_sign_in.py [--diaries 1000] [--repeats 15]
Prints the times and their ratio to the bare check measured in the same run; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.core.pins import hash_pin, verify_pin  # noqa: E402
from kiosk.core.sign_in import KIOSK_LOCKOUT_KEY, SignInPolicy  # noqa: E402
from kiosk.store import DataStore  # noqa: E402
from kiosk.store.data_store import PROFILES_FILE  # noqa: E402
from kiosk.store.schema import META_TABLE, meta_table  # noqa: E402

PIN = "4826"


def _old_index(folder: Path, count: int) -> None:
    """A profiles.json of `count` diaries with PINs and no diary numbers (hashing 1,000 PINs takes a minute:
    they share one hash; each check costs the same)."""
    pin_hash = hash_pin(PIN)
    created = datetime(2026, 1, 1, tzinfo=timezone.utc).isoformat()
    profiles = {str(i + 1): {"profile_id": f"p-{i:06x}", "display_name": None, "created": created,
                             "pin_hash": pin_hash} for i in range(count)}
    folder.mkdir(parents=True)
    (folder / PROFILES_FILE).write_text(json.dumps({META_TABLE: meta_table("profiles"), "profiles": profiles}))


def _ms(call, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diaries", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        _old_index(folder, args.diaries)
        start = time.perf_counter()
        store = DataStore(folder)
        opened_ms = (time.perf_counter() - start) * 1000
        with store:
            diaries = store.profiles.list()
            assert len(diaries) == args.diaries and all(d.number for d in diaries)
            stored = hash_pin(PIN)
            bare = []
            policy = SignInPolicy(store.profiles, store.settings)
            now = time.time()
            chosen = [diaries[(i * 397) % len(diaries)] for i in range(args.repeats)]

            def right(diary):
                def sign_in():
                    result = policy.check(diary.number, PIN, now)
                    assert result.outcome == "ok", result
                    store.open_profile(diary.profile_id)
                return sign_in

            def wrong(diary):
                def sign_in():
                    assert policy.check(diary.number, "0000", now).outcome == "wrong"
                return sign_in

            on_thread = store.writer.submit
            ok_times, wrong_times = [], []
            for diary in chosen:                         # interleaved, so a busy moment hits both alike
                bare += _ms(lambda: on_thread(verify_pin, PIN, stored).result(), 1)
                ok_times += _ms(lambda d=diary: on_thread(right(d)).result(), 1)
                store.close_profile(diary.profile_id)
                wrong_times += _ms(lambda d=diary: on_thread(wrong(d)).result(), 1)
                store.settings.set(KIOSK_LOCKOUT_KEY, None)           # untimed: never let the kiosk rest here
                store.profiles.set_lockout_of(diary.profile_id, None)
    base = statistics.median(bare)
    print(f"diaries: {args.diaries}; opening the store (numbering every diary once): {opened_ms:.0f} ms")
    print(f"bare scrypt check (n=2^14, r=8, p=1) on the same thread: median {base:.1f} ms")
    for name, times in (("sign-in, right PIN, diary opened", ok_times), ("sign-in, wrong PIN, counted", wrong_times)):
        median = statistics.median(times)
        print(f"{name}: median {median:.1f} ms, worst {max(times):.1f} ms "
              f"= {median / base:.2f}x the bare check (target: at most 200 ms)")


if __name__ == "__main__":
    main()
