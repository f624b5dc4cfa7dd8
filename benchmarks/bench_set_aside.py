"""Benchmark of checking every record when a profile file is opened, against reading the file at all.

Run: .venv/bin/python benchmarks/bench_set_aside.py [--sizes 1000,10000,100000] [--repeats N]
Prints ratios against baselines measured in the same run (parsing the file's JSON); asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.core.records import PainRating  # noqa: E402
from kiosk.store import DataStore  # noqa: E402
from kiosk.store.database import open_database  # noqa: E402
from kiosk.store.set_aside import set_aside_invalid  # noqa: E402

START = datetime(2026, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=1)))


def _best(call, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(f"{'ratings':>8}  {'parse JSON ms':>13}  {'check all x':>11}  {'open file x':>11}")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            with DataStore(folder) as store:
                store.open_profile("bench", create=True).ratings.add_many(
                    PainRating(START + timedelta(hours=n), n % 11, "before", note="ok") for n in range(size))
            path = Path(folder) / "profile-bench.json"
            text = path.read_text(encoding="utf-8")
            data = json.loads(text)
            now = datetime.now(timezone.utc)
            parse = _best(lambda: json.loads(text), args.repeats)
            check = _best(lambda: set_aside_invalid(data, "profile", path.name, now), args.repeats)
            opened = _best(lambda: open_database(path, "profile").close(), args.repeats)
            print(f"{size:>8}  {parse * 1000:>13.1f}  {check / parse:>11.2f}  {opened / parse:>11.2f}")


if __name__ == "__main__":
    main()
