"""Compile a routine into a flat, deterministic list of timed cues: what is shown and said, when."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from kiosk.core.phrases import number_word, phrase, side_word, side_words
from kiosk.core.routine import ONE_SIDE_MODES, SIDE_ORDER, Exercise, Routine
from kiosk.core.routine_index import format_minutes

SECONDS_PER_WORD = 0.4     # a calm speaking pace, a little slower than espeak-ng's default
SPEECH_PAD = 0.6           # breath after each sentence
MOVE_SECONDS = 1.5         # time to move into a new position after being told
COUNT_SECONDS = 1.0

CUE_KINDS = (
    "intro", "exercise", "caution", "side", "setup", "rep", "step", "pose",
    "hold", "count", "release", "rest", "outro", "end",
)
INSTRUCTION_KINDS = ("exercise", "caution", "side", "setup", "step", "rep")


def speech_seconds(text: str | None) -> float:
    """How long a sentence takes to say, with a breath after it."""
    return SPEECH_PAD + SECONDS_PER_WORD * len(text.split()) if text else 0.0


def spoken_count(n: int, hold: int) -> bool:
    """Whether countdown number `n` of a `hold`-second hold is said aloud.

    Ten seconds or less: every second. Longer: every fifth second and the last five.
    """
    return hold <= 10 or n % 5 == 0 or n <= 5


@dataclass(frozen=True)
class Cue:
    """One moment of the session, with the whole display state at that moment."""

    at: float                      # seconds from the start of the session
    kind: str
    text: str | None               # the words to speak, or None
    caption: str                   # the sentence on screen (the last one spoken)
    segment: int                   # index into Timeline.segments
    exercise: str | None = None
    side: str | None = None        # "right", "left" or None
    pose: str | None = None
    rep: int | None = None
    reps: int | None = None
    count: int | None = None       # the countdown number being shown

    @property
    def mirrored(self) -> bool:
        """Poses are drawn for the right side; the left side is their mirror image."""
        return self.side == "left"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["at"] = round(self.at, 3)
        return data


@dataclass(frozen=True)
class Segment:
    """A stretch of the timeline that Back and Skip jump between: one side of one exercise."""

    index: int
    start: float
    exercise: str | None
    side: str | None
    exercise_index: int | None = None


@dataclass(frozen=True)
class Timeline:
    """The whole session, known before it starts."""

    routine: Routine
    cues: tuple[Cue, ...]
    segments: tuple[Segment, ...]
    exercises: dict[str, Exercise] = field(default_factory=dict)
    language: str = "en"            # the language of its phrases (the routine's texts are in it too)

    @property
    def duration(self) -> float:
        return self.cues[-1].at if self.cues else 0.0

    def utterances(self) -> list[str]:
        """Every distinct sentence to be spoken, in order of first use."""
        return list(dict.fromkeys(c.text for c in self.cues if c.text))

    def segment_end(self, index: int) -> float:
        return self.segments[index + 1].start if index + 1 < len(self.segments) else self.duration

    def next_exercise_title(self, exercise_id: str | None) -> str | None:
        """The title of the exercise after `exercise_id` (the first one before any)."""
        order = [e.id for e in self.routine.exercises]
        if exercise_id is None:
            return self.routine.exercises[0].title if order else None
        position = order.index(exercise_id) + 1 if exercise_id in order else len(order)
        return self.routine.exercises[position].title if position < len(order) else None

    def script(self) -> str:
        """The timeline as a printable script, one line per cue that is said or shown."""
        lines = [f"{self.routine.title} ({format_minutes(self.duration, self.language)})", ""]
        for cue in self.cues:
            if cue.kind == "count" and cue.text is None:
                continue
            minutes, seconds = divmod(int(cue.at), 60)
            where = f"{cue.exercise or '-'}{'/' + cue.side if cue.side else ''}"
            words = cue.text if cue.text else f"[{cue.kind}]"
            lines.append(f"{minutes:02d}:{seconds:02d}  {cue.kind:<8} {where:<26} {words}")
        return "\n".join(lines)


class _Builder:
    """Appends cues while keeping the running display state."""

    def __init__(self) -> None:
        self.t = 0.0
        self.cues: list[Cue] = []
        self.segments: list[Segment] = []
        # The display state carried into every cue (a dict: updating it is cheap).
        self.state: dict = {"caption": "", "segment": 0, "exercise": None, "side": None, "pose": None,
                            "rep": None, "reps": None}

    def segment(self, exercise: str | None, side: str | None, exercise_index: int | None) -> None:
        self.segments.append(Segment(len(self.segments), self.t, exercise, side, exercise_index))
        self.state.update(segment=len(self.segments) - 1, exercise=exercise, side=side, rep=None, reps=None)

    def emit(self, kind: str, text: str | None = None, duration: float | None = None, count=None,
             **state) -> None:
        self.state.update(state)
        if text and kind != "count":
            self.state["caption"] = text
        self.cues.append(Cue(at=round(self.t, 3), kind=kind, text=text, count=count, **self.state))
        self.t += speech_seconds(text) if duration is None else max(duration, speech_seconds(text))


def _fill(text: str, side: str | None, language: str = "en") -> str:
    if side is None:
        return text
    return text.format(**side_words(side, language))


def _hold(b: _Builder, seconds: float, language: str = "en") -> None:
    total = max(1, round(seconds))
    b.emit("hold", phrase("hold", language))
    for n in range(total, 0, -1):
        b.emit("count", number_word(n, language) if spoken_count(n, total) else None, COUNT_SECONDS, count=n)
    b.emit("release", phrase("release", language))


def _exercise(b: _Builder, exercise: Exercise, index: int, next_title: str | None, rest_between: float,
              language: str = "en") -> None:
    sides: tuple[str | None, ...] = (SIDE_ORDER if exercise.sides == "each" else
                                     (exercise.sides,) if exercise.sides in ONE_SIDE_MODES else (None,))
    first_pose = next((s.pose for s in exercise.setup + exercise.steps if s.pose), exercise.poses[0])
    for side_index, side in enumerate(sides):
        b.segment(exercise.id, side, index)
        if side_index == 0:
            b.emit("exercise", phrase("exercise_start", language, title=exercise.title), pose=first_pose)
            if exercise.cautions:
                b.emit("caution", _fill(exercise.cautions[0], side or "right", language))
            if side:
                first = "side_only" if len(sides) == 1 else "side_first"
                b.emit("side", phrase(first, language, side=side_word(side, language)))
        else:
            b.emit("side", phrase("side_switch", language, side=side_word(side, language)), pose=first_pose)
        for step in exercise.setup:
            b.emit("setup", _fill(step.say, side or "right", language) if step.say else None,
                   MOVE_SECONDS if step.pose and not step.say else None, pose=step.pose or b.state["pose"])
        if exercise.stop_if and side_index == 0:
            b.emit("caution", _fill(exercise.stop_if, side or "right", language))
        for rep in range(1, exercise.reps + 1):
            rep_side = side
            if exercise.sides == "alternate":
                rep_side = SIDE_ORDER[(rep - 1) % 2]
                b.state["side"] = rep_side
            if exercise.reps > 1:
                b.emit("rep", phrase("rep_count", language, count=number_word(rep, language, feminine=True),
                                     total=number_word(exercise.reps, language, feminine=True)), rep=rep, reps=exercise.reps)
            else:
                b.state.update(rep=1, reps=1)
            if exercise.sides == "alternate":
                b.emit("side", phrase("alternate_side", language, side=side_word(rep_side, language)))
            for step in exercise.steps:
                moves = step.pose is not None and step.pose != b.state["pose"]
                pose = step.pose or b.state["pose"]
                words = step.again if rep > 1 and step.again else step.say
                if words:
                    extra = MOVE_SECONDS if moves else 0.0
                    text = _fill(words, rep_side, language)
                    b.emit("step", text, speech_seconds(text) + extra, pose=pose)
                elif moves:
                    b.emit("pose", None, MOVE_SECONDS, pose=pose)
                if step.hold:
                    _hold(b, step.seconds or exercise.hold, language)
            if rep < exercise.reps and exercise.rest > 0:
                b.emit("rest", phrase("rest", language) if exercise.rest >= 3 else None, exercise.rest)
    if next_title is not None and rest_between > 0:
        b.emit("rest", phrase("rest_between", language, title=next_title), rest_between, rep=None, reps=None)


def compile_routine(routine: Routine, language: str = "en") -> Timeline:
    """Turn a routine into its timeline. Deterministic: the same routine gives the same cues.

    `language` is that of the app's own phrases; the routine's texts are already in it
    (core.routine_language.translate_routine).
    """
    b = _Builder()
    b.segment(None, None, None)
    intro_pose = routine.exercises[0].poses[0] if routine.exercises else routine.rest_pose
    b.emit("intro", phrase("welcome", language), pose=intro_pose)
    b.emit("intro", phrase("welcome_hurt", language))
    exercises = routine.exercises
    for index, exercise in enumerate(exercises):
        next_title = exercises[index + 1].title if index + 1 < len(exercises) else None
        _exercise(b, exercise, index, next_title, routine.rest_between, language)
    b.segment(None, None, None)
    b.emit("outro", phrase(f"well_done_{routine.setting}", language), pose=routine.rest_pose)
    b.emit("end", None)
    return Timeline(routine, tuple(b.cues), tuple(b.segments), {e.id: e for e in exercises}, language)
