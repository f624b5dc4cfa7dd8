"""Generated diaries for the visit report's tests, written through the real store into TinyDB files."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.core.records import WORSE_WITH, AerobicEntry, PainRating, SessionRecord
from kiosk.store.data_store import DataStore

BERLIN = ZoneInfo("Europe/Berlin")          # daylight saving ends 25 Oct 2020, starts 28 Mar 2021
EXERCISES = ("knee_to_chest", "both_knees_to_chest", "outer_hip_stretch", "bridge", "cat_cow", "spinal_twist")
NOTE_WORDS = ("stiff after the bus ride", "better after a warm bath", "slept badly, sore on waking",
              "long day at work sitting", "walked to the shop and back", "sharp when climbing the stairs",
              "felt looser after the twist", "could not finish the bridge")


def diary_records(first: date, last: date, *, seed: int = 14, skip_weeks: frozenset[int] = frozenset(),
                  notes_every: int = 3, long_notes: bool = False):
    """Ratings, sessions and aerobic minutes on about four days a week from `first` to `last`
    (local Berlin time, so the UTC offset changes with daylight saving), none in the weeks
    numbered (weeks since `first`) in `skip_weeks`. Returns (ratings, sessions, aerobic)."""
    rng = random.Random(seed)
    ratings, sessions, aerobic = [], [], []
    day, n = first, 0
    while day <= last:
        week = (day - first).days // 7
        if week in skip_weeks or rng.random() < 0.4:
            day += timedelta(days=1)
            continue
        n += 1
        start = datetime.combine(day, time(8, 30) if n % 3 else time(0, 20), BERLIN)   # 00:20: the day before in UTC
        level = max(0, min(10, round(7 - 4 * (day - first).days / max(1, (last - first).days) + rng.uniform(-1.5, 1.5))))
        side = ("left", "right", "both", None)[n % 4]
        session_id = f"s{n}"
        hurt = (f"{EXERCISES[n % 3]}:{side if side in ('left', 'right') else 'left'}",) if n % 5 == 0 else ()
        if n % 7 == 0:
            hurt += (EXERCISES[3],)                               # an "It hurts" with no side
        skipped = (EXERCISES[4 + n % 2],) if n % 6 == 0 else ()
        note = ""
        if n % notes_every == 0:
            note = NOTE_WORDS[n % len(NOTE_WORDS)]
            if long_notes:
                note = f"{note}; " + " ".join(rng.choice(NOTE_WORDS) for _ in range(3))
            note = note[:200]
        worse = tuple(rng.sample(WORSE_WITH, k=n % 3))
        ratings.append(PainRating(start, level, moment="before", side=side, session_id=session_id,
                                  note=note, worse_with=worse))
        ended = start + timedelta(minutes=22)
        ratings.append(PainRating(ended, max(0, level - rng.choice((0, 1, 1, 2))), moment="after", side=side,
                                  session_id=session_id))
        sessions.append(SessionRecord(session_id, "floor", start, ended, done=EXERCISES[:3], skipped=skipped,
                                      hurt=hurt, completed=not hurt))
        if n % 2 == 0:
            aerobic.append(AerobicEntry(datetime.combine(day, time(17, 0), BERLIN), "walking",
                                        rng.choice((20, 30, 45, 60))))
        day += timedelta(days=1)
    return ratings, sessions, aerobic


def write_diary(folder: Path, profile_id: str, records) -> str:
    """Write the records into the profile's TinyDB file through the store; returns its diary number."""
    ratings, sessions, aerobic = records
    with DataStore(folder) as store:
        profile = store.open_profile(profile_id, create=True)
        profile.ratings.add_many(ratings)
        profile.sessions.add_many(sessions)
        profile.aerobic.add_many(aerobic)
        store.close_profile(profile_id)
        return store.profiles.get(profile_id).number


def winter_diary(folder: Path, profile_id: str = "winter", **options) -> str:
    """Autumn 2020 to spring 2021: ISO week 53 of 2020 (28 Dec to 3 Jan), the year end, both
    daylight-saving changes and two empty weeks."""
    return write_diary(folder, profile_id, diary_records(date(2020, 10, 12), date(2021, 4, 11),
                                                         skip_weeks=frozenset({5, 14}), **options))


def one_week_diary(folder: Path, profile_id: str = "oneweek") -> str:
    """Ratings in one week only: week 53 of 2020."""
    return write_diary(folder, profile_id, diary_records(date(2020, 12, 28), date(2021, 1, 3), seed=3))


def empty_diary(folder: Path, profile_id: str = "empty") -> str:
    return write_diary(folder, profile_id, ([], [], []))
