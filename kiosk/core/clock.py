"""Clock sanity: is the kiosk's clock plausible, and which ratings carry dates it cannot have given?"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from kiosk.core.languages import SOURCE_LANGUAGE
from kiosk.core.records import PainRating
from kiosk.core.translations import N_, translation

#: The day this version of the app was released (set by the release, with the version): a clock that
#: reads earlier cannot be right, since this code did not exist before it. Kept a constant rather
#: than read from the package's files, whose dates an install or copy may change.
BUILD_DATE = date(2026, 12, 1)
#: Before this no rating of a digital pain diary is real: a clock at the Unix epoch (1970) is wrong.
EARLIEST_PLAUSIBLE = date(2000, 1, 1)
#: A rating this far outside the dates of the ratings recorded just before and after it is suspect.
FAR = timedelta(days=30)
#: Ratings recorded in one sitting: consecutive ones no further apart than this form one group.
SITTING = timedelta(days=1)
#: Time zones and a rating taken late in the day: "after today" means after today plus this.
AHEAD_MARGIN = timedelta(days=1)

CLOCK_NOTICE = N_("The clock looks wrong: it is set before this version of the app was made. Set the date and time.")


def clock_looks_wrong(now: datetime | date, build_date: date = BUILD_DATE) -> bool:
    """True when `now` is before the build date (a kiosk with no clock battery booting in 1970, say)."""
    day = now.date() if isinstance(now, datetime) else now
    return day < build_date


def suspect_ratings(ratings: Sequence[PainRating], today: date | None = None,
                    build_date: date = BUILD_DATE) -> set[int]:
    """Positions in `ratings` (oldest recorded first) whose dates look like a wrong clock's.

    A rating is suspect when
      1. it was marked when recorded (`clock_suspect`: the clock then read before the build date);
      2. its date is before EARLIEST_PLAUSIBLE;
      3. `today` is given and plausible (not before `build_date`) and the rating is more than
         AHEAD_MARGIN after it (a clock that ran years ahead, since put right);
      4. it is far from the records around it: the ratings are grouped into sittings (consecutive,
         in the order recorded, no more than SITTING apart); a sitting is suspect when the sittings
         before and after it are in order with each other but it lies more than FAR outside them.
         (A clock put wrong for one session and then right again.)
    """
    suspect = {i for i, rating in enumerate(ratings)
               if rating.clock_suspect or rating.timestamp.date() < EARLIEST_PLAUSIBLE}
    if today is not None and not clock_looks_wrong(today, build_date):
        limit = today + AHEAD_MARGIN
        suspect |= {i for i, rating in enumerate(ratings) if rating.timestamp.date() > limit}
    suspect |= _out_of_order(ratings)
    return suspect


def _out_of_order(ratings: Sequence[PainRating]) -> set[int]:
    sittings: list[list[int]] = []
    for i, rating in enumerate(ratings):
        if sittings and abs(rating.timestamp - ratings[sittings[-1][-1]].timestamp) <= SITTING:
            sittings[-1].append(i)
        else:
            sittings.append([i])
    first = [min(ratings[i].timestamp for i in group) for group in sittings]
    last = [max(ratings[i].timestamp for i in group) for group in sittings]
    suspect: set[int] = set()
    for n in range(1, len(sittings) - 1):
        before_end, after_start = last[n - 1], first[n + 1]
        if after_start < before_end - SITTING:
            continue                     # the neighbours disagree with each other: no verdict
        if first[n] < before_end - FAR or last[n] > after_start + FAR:
            suspect.update(sittings[n])
    return suspect


def trusted(ratings: Sequence[PainRating], today: date | None = None,
            build_date: date = BUILD_DATE) -> tuple[list[PainRating], int]:
    """The ratings whose dates look right, and how many were left out."""
    suspect = suspect_ratings(ratings, today, build_date)
    return [r for i, r in enumerate(ratings) if i not in suspect], len(suspect)


def left_out_notice(count: int, language: str = SOURCE_LANGUAGE) -> str | None:
    """The sentence under the trend when `count` ratings were left out of it (None for none)."""
    if not count:
        return None
    return translation(language).ngettext(
        "{count} pain rating has a date that looks wrong (the clock may have been off when it was made), "
        "so the chart leaves it out. It is still kept.",
        "{count} pain ratings have dates that look wrong (the clock may have been off when they were "
        "made), so the chart leaves them out. They are still kept.", count).format(count=count)


def clock_notice(language: str = SOURCE_LANGUAGE) -> str:
    """CLOCK_NOTICE in `language`."""
    return translation(language).gettext(CLOCK_NOTICE)
