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
        return data

    @classmethod
    def from_dict(cls, data: dict) -> PainRating:
        return cls(
            timestamp=datetime.fromisoformat(data["timestamp"]),
            pain=data["pain"],
            moment=data.get("moment", "other"),
            side=data.get("side"),
            exercise=data.get("exercise"),
            note=data.get("note", ""),
            worse_with=tuple(data.get("worse_with", ())),
            session_id=data.get("session_id"),
        )


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
        return cls(
            session_id=data["session_id"],
            routine=data["routine"],
            started=datetime.fromisoformat(data["started"]),
            ended=datetime.fromisoformat(data["ended"]),
            done=tuple(data.get("done", ())),
            skipped=tuple(data.get("skipped", ())),
            hurt=tuple(data.get("hurt", ())),
            completed=bool(data.get("completed", False)),
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
        if not isinstance(self.minutes, int) or not 0 < self.minutes <= 600:
            raise ValueError("minutes must be a whole number from 1 to 600")

    def to_dict(self) -> dict:
        return {"timestamp": self.timestamp.isoformat(), "activity": self.activity, "minutes": self.minutes}

    @classmethod
    def from_dict(cls, data: dict) -> AerobicEntry:
        return cls(datetime.fromisoformat(data["timestamp"]), data["activity"], data["minutes"])
