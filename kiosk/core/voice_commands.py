"""Spoken commands while a routine plays: the words, what each does in which state, and the self-echo guard."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from kiosk.core.translations import N_


class Command(Enum):
    """What a person can say while a routine plays; the value is what the screen shows after "Heard:"."""

    PAUSE = "pause"
    RESUME = "resume"
    NEXT = "next"
    BACK = "back"
    REPEAT = "repeat"
    HURT = "it hurts"


class Action(Enum):
    """What the player does for a heard command (the same as the touch controls)."""

    PAUSE = "pause"              # the Pause button (while running)
    RESUME = "resume"            # the Resume button (while paused)
    SKIP = "skip"                # the Skip button
    BACK = "back"                # the Back button
    REPEAT = "repeat"            # say the current instruction again (from its start)
    HURT = "hurt"                # exactly the red It hurts button
    NOTHING = "nothing"          # heard, but it does not apply now (pause while paused)


@dataclass(frozen=True)
class Phrase:
    """One phrase the recognizer listens for, and the command it stands for."""

    words: str
    command: Command


#: The vocabulary. "go on" is a second way to say resume.
PHRASES: tuple[Phrase, ...] = (
    Phrase("pause", Command.PAUSE),
    Phrase("resume", Command.RESUME),
    Phrase("go on", Command.RESUME),
    Phrase("next", Command.NEXT),
    Phrase("back", Command.BACK),
    Phrase("repeat", Command.REPEAT),
    Phrase("it hurts", Command.HURT),
)

_BY_WORDS = {phrase.words: phrase for phrase in PHRASES}

def command_for(words: str) -> Command | None:
    """The command a recognized key phrase stands for (None for anything else)."""
    phrase = _BY_WORDS.get(" ".join(words.lower().split()))
    return phrase.command if phrase else None


def action_for(command: Command, state: str) -> Action:
    """What a heard command does in a player state (the Session.State values: running, paused, hurt, finished).

    Pause only pauses, resume only resumes (never a toggle: a command heard twice must not undo itself);
    it hurts stops at once whether running or paused; nothing acts on the rest screen or after the end."""
    if state == "running":
        return {Command.PAUSE: Action.PAUSE, Command.RESUME: Action.NOTHING, Command.NEXT: Action.SKIP,
                Command.BACK: Action.BACK, Command.REPEAT: Action.REPEAT, Command.HURT: Action.HURT}[command]
    if state == "paused":
        return {Command.PAUSE: Action.NOTHING, Command.RESUME: Action.RESUME, Command.NEXT: Action.SKIP,
                Command.BACK: Action.BACK, Command.REPEAT: Action.REPEAT, Command.HURT: Action.HURT}[command]
    return Action.NOTHING


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def sentence_holds(text: str, words: str) -> bool:
    """Whether `text` says the key phrase `words`, or a word like one of its longer words ("stop, it
    hurts" and "if anything hurt" hold "it hurts"; "backwards" holds "back"; "go on" only as those words)."""
    said, wanted = _words(text), _words(words)
    if any(said[i:i + len(wanted)] == wanted for i in range(len(said))):
        return True
    stems = [word[:4] for word in wanted if len(word) > 2]
    return any(word.startswith(stem) for word in said for stem in stems)


@dataclass
class _Utterance:
    text: str
    start: float
    end: float


@dataclass
class EchoGuard:
    """Decides whether a heard phrase may be the app's own voice, from what the app said and when.

    The app tells it each sentence it starts (`spoken`, with an upper bound of its length), when one
    played to its end (`finished`) and when it was silenced (`silenced`). A phrase whose utterance
    overlaps the app's speech (from `lead` before a sentence to `tail` after it: the sound on its way
    through the room and the recognizer's buffers) is taken for the app's own voice and ignored, whatever
    the word: the app's "Hold." or "three" can sound like a command, and a person's word that overlaps
    the app's voice is heard as one stretch of sound with it anyway.

    Times are monotonic seconds.
    """

    tail: float = 0.5
    lead: float = 0.1
    keep: float = 60.0
    _said: list[_Utterance] = field(default_factory=list)

    def spoken(self, text: str, at: float, seconds: float) -> None:
        """The app started saying `text` at `at`; it lasts at most `seconds`."""
        self.silenced(at)
        self._said = [u for u in self._said if u.end + self.tail > at - self.keep]
        self._said.append(_Utterance(text, at, at + seconds))

    def finished(self, text: str, at: float) -> None:
        """The sentence `text` played to its end at `at`."""
        for utterance in reversed(self._said):
            if utterance.text == text and utterance.start <= at:
                utterance.end = min(utterance.end, at)
                return

    def silenced(self, at: float) -> None:
        """The app stopped speaking at `at` (a pause, a jump, the end)."""
        for utterance in self._said:
            if utterance.end > at:
                utterance.end = max(utterance.start, at)

    def is_own_voice(self, words: str, began: float, ended: float) -> bool:
        """Whether the phrase `words`, heard from `began` to `ended`, overlaps the app's own speech."""
        return any(u.start - self.lead <= ended and began <= u.end + self.tail for u in self._said)

    def speaking(self, at: float) -> bool:
        """Whether the app is speaking (or its sound is still on its way) at `at`."""
        return self.is_own_voice("", at, at)


@dataclass(frozen=True)
class ListenChoice:
    """Whether the app listens, and why not when it does not (for the greyed switch)."""

    on: bool
    reason: str = ""


NOT_IN_CLINIC = N_("In the clinic, staff turn listening on.")     # shown translated (ui/widgets/listen_panel.py)


def listening_choice(*, clinic: bool, person_wants: bool, staff_allow: bool, forced: bool = False,
                     unavailable: str = "") -> ListenChoice:
    """Off by default. At home the person turns it on; in the clinic only staff can. `kiosk run --listen`
    turns it on for one run. No microphone or no recognizer (`unavailable` says why): off, with the reason."""
    if unavailable:
        return ListenChoice(False, unavailable)
    if forced:
        return ListenChoice(True)
    if clinic:
        return ListenChoice(staff_allow, "" if staff_allow else NOT_IN_CLINIC)
    return ListenChoice(person_wants)
