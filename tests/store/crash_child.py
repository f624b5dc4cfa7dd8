"""Child of the crash test: saves pain ratings in a loop and acknowledges each once saved.

Usage: python crash_child.py DATA_DIR RUN_ID. Prints "ready", then "ack RUN_ID-N" after each
`ratings.add` returns, until it is killed.
"""

import sys
from datetime import datetime, timezone
from itertools import count

from kiosk.core.records import PainRating
from kiosk.store import DataStore


def main(folder: str, run_id: str) -> None:
    store = DataStore(folder)
    ratings = store.open_profile("crash", create=True).ratings
    print("ready", flush=True)
    for number in count():
        note = f"{run_id}-{number}"
        ratings.add(PainRating(datetime.now(timezone.utc), number % 11, "during", note=note))
        print(f"ack {note}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
