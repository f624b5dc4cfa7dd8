"""Which imported records a diary does not have yet: importing the same file twice adds nothing."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from kiosk.core.records import AerobicEntry, PainRating, SessionRecord

Record = TypeVar("Record")


def _new(known: Iterable[Record], incoming: Iterable[Record], key: Callable[[Record], Hashable]) -> list[Record]:
    seen = {key(record) for record in known}
    fresh = []
    for record in incoming:
        if key(record) not in seen:           # also a record twice in the same file: once
            seen.add(key(record))
            fresh.append(record)
    return fresh


def new_ratings(known: Iterable[PainRating], incoming: Iterable[PainRating]) -> list[PainRating]:
    """The incoming ratings unlike every known one in every field (the same moment in any UTC offset is the same)."""
    return _new(known, incoming, lambda rating: rating)


def new_sessions(known: Iterable[SessionRecord], incoming: Iterable[SessionRecord]) -> list[SessionRecord]:
    """The incoming sessions whose session id the diary does not have (an id names one played routine)."""
    return _new(known, incoming, lambda session: session.session_id)


def new_aerobic(known: Iterable[AerobicEntry], incoming: Iterable[AerobicEntry]) -> list[AerobicEntry]:
    """The incoming aerobic entries unlike every known one (same moment, activity and minutes)."""
    return _new(known, incoming, lambda entry: entry)
