"""Plain records of what a person did and felt: pain ratings, sessions, aerobic minutes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

MOMENTS = ("before", "after", "during", "other")
SIDES = ("left", "right", "both", "middle")
AEROBIC_ACTIVITIES = ("walking", "water_aerobics", "cycling", "tai_chi")
WORSE_WITH = (
    "sitting_long", "standing_up", "stairs", "bending",
    "twisting", "walking", "lying_down", "rolling_over",
)


class RecordError(ValueError):
    """A stored or imported record that does not validate; the message names the field and says why."""


def _mapping(data) -> dict:
    if not isinstance(data, dict):
        raise RecordError(f"a record must be a JSON object, not {type(data).__name__}")
    return data


def read_moment(data: dict, key: str) -> datetime:
    """The aware date and time under `key`; RecordError when it is missing, not ISO 8601 or has no offset."""
    if key not in data:
        raise RecordError(f"{key} is missing")
    value = data[key]
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None:
        raise RecordError(f"{key} must be an ISO 8601 date and time, not {value!r}")
    if moment.tzinfo is None:
        raise RecordError(f"{key} {value!r} has no UTC offset")
    return moment


def _text(data: dict, key: str, default: str | None = None, required: bool = False) -> str | None:
    if key not in data:
        if required:
            raise RecordError(f"{key} is missing")
        return default
    value = data[key]
    if value is None and not required and default is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"{key} must be text, not {value!r}")
    return value


def _texts(data: dict, key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RecordError(f"{key} must be a list of texts, not {value!r}")
    return tuple(value)


def _flag(data: dict, key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise RecordError(f"{key} must be true or false, not {value!r}")
    return value


def _whole(data: dict, key: str) -> int:
    if key not in data:
        raise RecordError(f"{key} is missing")
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(f"{key} must be a whole number, not {value!r}")
    return value


def _built(make):
    """Run a record's constructor, its own checks reported as RecordError."""
    try:
        return make()
    except RecordError:
        raise
    except ValueError as error:
        raise RecordError(str(error)) from None


@dataclass(frozen=True)
class PainRating:
    """One 0-10 pain rating; `timestamp` is timezone-aware (its own UTC offset is kept)."""

    timestamp: datetime
    pain: int
    moment: str = "other"
    side: str | None = None
    exercise: str | None = None
    note: str = ""
    worse_with: tuple[str, ...] = ()
    session_id: str | None = None
    clock_suspect: bool = False     # the kiosk's clock looked wrong when this was recorded (core.clock)

    def __post_init__(self) -> None:
        if self.timestamp.tzinfo is None:
            raise ValueError("timestamp needs a UTC offset")
        if not isinstance(self.pain, int) or isinstance(self.pain, bool) or not 0 <= self.pain <= 10:
            raise ValueError(f"pain must be a whole number from 0 to 10, not {self.pain!r}")
        if self.moment not in MOMENTS:
            raise ValueError(f"moment must be one of {', '.join(MOMENTS)}, not {self.moment!r}")
        if self.side is not None and self.side not in SIDES:
            raise ValueError(f"side must be one of {', '.join(SIDES)} or empty, not {self.side!r}")
        unknown = set(self.worse_with) - set(WORSE_WITH)
        if unknown:
            raise ValueError(f"unknown 'worse with' choices: {', '.join(sorted(unknown))}")

    def to_dict(self) -> dict:
        data = asdict(self)
        data["timestamp"] = self.timestamp.isoformat()
        data["worse_with"] = list(self.worse_with)
        if not self.clock_suspect:      # only marked ratings carry the field
            del data["clock_suspect"]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> PainRating:
        """The rating a stored document describes; RecordError naming the first field that is wrong."""
        data = _mapping(data)
        return _built(lambda: cls(
            timestamp=read_moment(data, "timestamp"),
            pain=_whole(data, "pain"),
            moment=_text(data, "moment", "other", required=False) or "other",
            side=_text(data, "side"),
            exercise=_text(data, "exercise"),
            note=_text(data, "note", "") or "",
            worse_with=_texts(data, "worse_with"),
            session_id=_text(data, "session_id"),
            clock_suspect=_flag(data, "clock_suspect"),
        ))


_RATING_KEYS = frozenset(("timestamp", "pain", "moment", "side", "exercise", "note", "worse_with", "session_id",
                          "clock_suspect"))
_MOMENT_SET, _SIDE_SET, _WORSE_SET = frozenset(MOMENTS), frozenset(SIDES), frozenset(WORSE_WITH)
_fromisoformat = datetime.fromisoformat


def looks_like_a_rating(data) -> bool:
    """A quick, conservative check of a stored rating: True only when `PainRating.from_dict` accepts it.

    False means "ask from_dict" (which says what is wrong), not necessarily that it is invalid.
    About four times quicker than from_dict, for checking a whole diary when its file is opened.
    """
    if type(data) is not dict or not _RATING_KEYS.issuperset(data):
        return False
    pain, stamp = data.get("pain"), data.get("timestamp")
    if type(pain) is not int or not 0 <= pain <= 10 or type(stamp) is not str:
        return False
    moment, side = data.get("moment", "other"), data.get("side")
    if type(moment) is not str or moment not in _MOMENT_SET:
        return False
    if side is not None and (type(side) is not str or side not in _SIDE_SET):
        return False
    for key in ("exercise", "session_id"):
        value = data.get(key)
        if value is not None and type(value) is not str:
            return False
    if type(data.get("note", "")) is not str or type(data.get("clock_suspect", False)) is not bool:
        return False
    worse = data.get("worse_with", ())
    if worse and (type(worse) is not list or not all(type(w) is str for w in worse) or not _WORSE_SET.issuperset(worse)):
        return False
    if type(worse) not in (list, tuple):
        return False
    try:
        return _fromisoformat(stamp).tzinfo is not None
    except ValueError:
        return False


@dataclass(frozen=True)
class SessionRecord:
    """One played routine: when, which, and how each exercise ended (done, skipped or hurt)."""

    session_id: str
    routine: str
    started: datetime
    ended: datetime
    done: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    hurt: tuple[str, ...] = ()          # "exercise_id" or "exercise_id:side"
    completed: bool = False

    def to_dict(self) -> dict:
        data = asdict(self)
        data["started"] = self.started.isoformat()
        data["ended"] = self.ended.isoformat()
        for key in ("done", "skipped", "hurt"):
            data[key] = list(data[key])
        return data

    @classmethod
    def from_dict(cls, data: dict) -> SessionRecord:
        """The session a stored document describes; RecordError naming the first field that is wrong."""
        data = _mapping(data)
        return cls(
            session_id=_text(data, "session_id", required=True),
            routine=_text(data, "routine", required=True),
            started=read_moment(data, "started"),
            ended=read_moment(data, "ended"),
            done=_texts(data, "done"),
            skipped=_texts(data, "skipped"),
            hurt=_texts(data, "hurt"),
            completed=_flag(data, "completed"),
        )


@dataclass(frozen=True)
class AerobicEntry:
    """Minutes of light aerobic activity logged for one day."""

    timestamp: datetime
    activity: str
    minutes: int

    def __post_init__(self) -> None:
        if self.timestamp.tzinfo is None:
            raise ValueError("timestamp needs a UTC offset")
        if self.activity not in AEROBIC_ACTIVITIES:
            raise ValueError(f"activity must be one of {', '.join(AEROBIC_ACTIVITIES)}")
        if isinstance(self.minutes, bool) or not isinstance(self.minutes, int) or not 0 < self.minutes <= 600:
            raise ValueError("minutes must be a whole number from 1 to 600")

    def to_dict(self) -> dict:
        return {"timestamp": self.timestamp.isoformat(), "activity": self.activity, "minutes": self.minutes}

    @classmethod
    def from_dict(cls, data: dict) -> AerobicEntry:
        """The entry a stored document describes; RecordError naming the first field that is wrong."""
        data = _mapping(data)
        return _built(lambda: cls(read_moment(data, "timestamp"), _text(data, "activity", required=True),
                                  _whole(data, "minutes")))
