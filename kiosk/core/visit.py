"""The visit as a pure state machine: from the person's actions, the screen to show next and the records to keep."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from typing import TYPE_CHECKING

from kiosk.core.frozen_record import FrozenRecord


if TYPE_CHECKING:                     # the home screen paints before the timeline is imported
    from datetime import datetime

    from kiosk.core.progression import Proposal
    from kiosk.core.records import AerobicEntry, PainRating, SessionRecord
    from kiosk.core.routine import Routine
    from kiosk.core.session import Summary
    from kiosk.core.timeline import Cue


class Step(Enum):
    """The screen the visit is on. The clinic's interruptions (still there?, staff screens) are not steps:
    they cover the step, which is still the one to go back to."""

    ATTRACT = "attract"          # clinic: nobody signed in, nothing personal on screen
    SIGN_IN = "sign_in"          # clinic
    NEW_DIARY = "new_diary"      # clinic: a new diary's number on screen until Continue
    HOME = "home"
    SAFETY = "safety"
    SKIP_OFFER = "skip_offer"
    RATING = "rating"            # `Visit.moment` says which: before, during or after
    PLAYER = "player"
    HURT = "hurt"
    DETAILS = "details"
    SUMMARY = "summary"
    AEROBICS = "aerobics"        # the side trips from home, each back to home
    AEROBIC_LOG = "aerobic_log"
    PROGRESS = "progress"
    MY_DATA = "my_data"
    VOICE = "voice"
    MY_PLAN = "my_plan"          # the diary's plan: see it, change it within the article's ranges


SIDE_TRIPS = frozenset({Step.AEROBICS, Step.AEROBIC_LOG, Step.PROGRESS, Step.MY_DATA, Step.VOICE, Step.MY_PLAN})
NOBODY_YET = frozenset({Step.ATTRACT, Step.SIGN_IN, Step.NEW_DIARY})     # clinic, before signing in


# -- effects: what the view does, in the order given ----------------------------------------------
class Show(FrozenRecord):
    """Show the screen of `step`. The view knows which screens start afresh: home stops the player,
    the details and the activity log are cleared."""

    step: Step


class OfferSkip(FrozenRecord):
    """Show the skip offer: these exercises hurt in the last sessions in a row; leave them out?"""

    titles: tuple[str, ...]


class AskRating(FrozenRecord):
    """Show the 0-10 rating, cleared, with the question for `moment` (before, during or after)."""

    moment: str


class Play(FrozenRecord):
    """Show the player for this routine and get the voice ready; `Visit.voice_ready()` starts it."""

    routine: Routine


class ShowHurt(FrozenRecord):
    """Show the rest position and the choices. No exercise: it had not begun (End only); no side:
    no "skip this side"; `pain`: the rating just given, noted on screen."""

    exercise_title: str | None
    side: str | None
    rest_pose: str
    pain: int | None = None


class ShowSummary(FrozenRecord):
    """Show how the session went; `summary` None when no session finished."""

    summary: Summary | None
    before_pain: int | None
    after_pain: int | None


class ReadPastSessions(FrozenRecord):
    """Read the person's past sessions (once their journal has them) and hand them to
    `Visit.past_sessions_read` (an empty list when they cannot be read)."""


class Write(FrozenRecord):
    """Keep a record; `replaces`: the rating written earlier that this fuller one takes the place of."""

    record: PainRating | SessionRecord | AerobicEntry
    replaces: PainRating | None = None


class RememberSafety(FrozenRecord):
    """At home: keep "safety accepted" in the settings, so the safety screen is not shown again."""


class Forget(FrozenRecord):
    """Drop the person from the view: player and voice stopped, a fresh journal, screens cleared."""


class CloseDiary(FrozenRecord):
    """Close this diary in the store (the person left, or a sign-in answer came after they did)."""

    profile_id: str


class Say(FrozenRecord):
    """Speak this text aloud (never in the clinic)."""

    text: str


class ReadPlan(FrozenRecord):
    """Read the diary's plan (once its journal has it) and hand it, as a routine, to `Visit.plan_read`
    (None when the diary has none, or for a guest)."""


class ShowPlan(FrozenRecord):
    """Offer this plan first on the home screen, as "My plan"; None: no plan card."""

    routine: Routine | None


class AskProgression(FrozenRecord):
    """A session of the plan ended and its ratings are written: ask progression (services.plans) for a
    proposal, after those writes, and hand it to `Visit.progression_proposed` (None: nothing to offer)."""


class OfferProgression(FrozenRecord):
    """Offer this change to the plan (a step up or down, or leaving out what hurt): accept or decline,
    answered with `Visit.progression_answered`. Shown over the summary."""

    proposal: Proposal


class AnswerProgression(FrozenRecord):
    """Make (`accept`) or decline the proposed change, kept in the plan's history; then ReadPlan follows."""

    proposal: Proposal
    accept: bool


class Control(Enum):
    """A command for the player (the session controller)."""

    START = "start"                  # the voice is ready: play from the beginning
    SKIP_SIDE = "skip_side"
    SKIP_EXERCISE = "skip_exercise"
    END = "end"                      # end early; the controller's `finished` comes back as `session_finished`
    SILENCE = "silence"              # stop speaking (it hurt while the voice was still getting ready)


Effect = (Show | OfferSkip | AskRating | Play | ShowHurt | ShowSummary | ReadPastSessions | Write
          | RememberSafety | Forget | CloseDiary | Say | ReadPlan | ShowPlan | AskProgression | OfferProgression
          | AnswerProgression | Control)
Effects = tuple[Effect, ...]


def random_session_id() -> str:
    """128 random bits as hex: the id that ties a session's ratings to its record."""
    import secrets        # here, not at the top: the home screen paints before a session is needed

    return secrets.token_hex(16)


class Visit:
    """One person's visit. Home -> (safety once) -> (skip offer) -> rating -> player <-> hurt -> rating ->
    (details) -> summary; in the clinic it begins with attract -> sign-in and ends when they sign out or
    walk away, and `reset()` forgets all of it at once.

    Each action returns the effects for the view to carry out, in order. An action that does not fit the
    step the visit is on (a late signal, a double tap) returns () and changes nothing. Time is handed in.
    """

    def __init__(self, clinic: bool = False, new_session_id: Callable[[], str] = random_session_id) -> None:
        self.clinic = clinic                  # safety asked of each person, scores never read aloud
        self._new_session_id = new_session_id
        self.reset()

    def reset(self) -> None:
        """Everything about the person back to the start, in this one place (the mode stays)."""
        self.step = Step.ATTRACT if self.clinic else Step.HOME
        self.profile_id: str | None = None       # the diary signed in to; None: nobody, or a guest
        self.new_diary: str | None = None        # a diary just made, its number on screen
        self.safety_seen = False
        self.pending: Routine | None = None      # asked for, not started yet
        self.offered: frozenset[str] = frozenset()   # exercise ids offered to leave out
        self.reading_history = False             # waiting for the past sessions
        self.moment = "before"                   # of the rating on screen
        self.session_id = ""
        self.routine: Routine | None = None      # the one playing (or played)
        self.started: datetime | None = None
        self.playing = False                     # the controller has a session (the voice was ready)
        self.where: Cue | None = None            # where it hurt
        self.before_pain: int | None = None
        self.after_pain: int | None = None
        self.after_rating: PainRating | None = None  # as written, for the details to complete
        self.summary: Summary | None = None
        self.plan: Routine | None = None         # the diary's plan, offered first as "My plan"
        self.asking_progression = False          # waiting for the proposal after a session of the plan
        self.proposal: Proposal | None = None    # offered after that session, not answered yet

    # -- the clinic ---------------------------------------------------------------------------
    def enter_clinic(self) -> Effects:
        """The window becomes a waiting-room kiosk: nobody signed in, the attract screen next."""
        self.clinic = True
        self.reset()
        return ()

    def leave_clinic(self) -> Effects:
        """Staff leave kiosk mode: the person is forgotten and the window is an ordinary one again."""
        effects = self._forget_effects()
        self.clinic = False
        self.reset()
        return (*effects, Show(Step.HOME))

    def attract_touched(self) -> Effects:
        if self.step is not Step.ATTRACT:
            return ()
        return self._go(Step.SIGN_IN)

    def diary_created(self, profile_id: str) -> Effects:
        """A new diary was made (and opened) for the person on the sign-in screen: show its number."""
        if self.step is not Step.SIGN_IN:
            return (CloseDiary(profile_id),)         # they left meanwhile
        self.new_diary = profile_id
        return self._go(Step.NEW_DIARY)

    def new_diary_noted(self) -> Effects:
        """Continue on the new diary's number: signed in to it."""
        if self.step is not Step.NEW_DIARY or self.new_diary is None:
            return ()
        profile_id, self.new_diary = self.new_diary, None
        return self._signed_in(profile_id)

    def signed_in(self, profile_id: str | None) -> Effects:
        """The PIN matched this diary (already opened), or None: a guest."""
        if self.step is not Step.SIGN_IN:
            return (CloseDiary(profile_id),) if profile_id else ()    # timed out or left meanwhile
        return self._signed_in(profile_id)

    def signed_out(self) -> Effects:
        """Sign out, Back on the sign-in screen, or staff Done: forget the person, the attract screen."""
        effects = self._forget_effects()
        self.reset()
        return (*effects, Show(self.step))

    def timed_out(self) -> Effects:
        """Nobody answered "Are you still there?": the same as signing out."""
        return self.signed_out()

    # -- starting a routine -------------------------------------------------------------------
    def start_requested(self, routine: Routine, safety_remembered: bool = False) -> Effects:
        """Start: the safety screen unless accepted (at home `safety_remembered`, from the settings; in
        the clinic once per person), then the past sessions are read for the skip offer."""
        if self.step in NOBODY_YET:
            return ()
        self.pending, self.offered, self.reading_history = routine, frozenset(), False
        accepted = self.safety_seen if self.clinic else safety_remembered
        if not accepted:
            return self._go(Step.SAFETY)
        return self._read_history()

    def safety_accepted(self) -> Effects:
        if self.step is not Step.SAFETY:
            return ()
        self.safety_seen = True
        remember = () if self.clinic else (RememberSafety(),)
        if self.pending is None:
            return (*remember, *self.back_home())
        return (*remember, *self._read_history())

    def past_sessions_read(self, sessions: Sequence[SessionRecord]) -> Effects:
        """The past sessions: exercises that hurt in the last sessions in a row are offered to leave out."""
        if not self.reading_history or self.pending is None:
            return ()
        self.reading_history = False
        routine = self.pending
        from kiosk.core.hurt_history import hurt_in_a_row

        offered = hurt_in_a_row(sessions, [e.id for e in routine.exercises])
        if not offered:
            return self._ask("before")
        self.offered = frozenset(offered)
        self.step = Step.SKIP_OFFER
        return (OfferSkip(tuple(e.title for e in routine.exercises if e.id in self.offered)),)

    def skip_offer_answered(self, leave_out: bool) -> Effects:
        """Leave them out (unless that leaves nothing), or keep the routine whole."""
        if self.step is not Step.SKIP_OFFER or self.pending is None:
            return ()
        if leave_out:
            kept = tuple(e for e in self.pending.exercises if e.id not in self.offered)
            if kept:
                from dataclasses import replace

                self.pending = replace(self.pending, exercises=kept)
        return self._ask("before")

    # -- ratings ------------------------------------------------------------------------------
    def pain_rated(self, pain: int, now: datetime) -> Effects:
        """A rating was given (its undo time over): written (marked when the clock reads before the app
        was built), then on to what the moment leads to."""
        if self.step is not Step.RATING:
            return ()
        where = self.where if self.moment == "during" else None
        from kiosk.core.clock import clock_looks_wrong
        from kiosk.core.records import PainRating

        rating = PainRating(timestamp=now, pain=pain, moment=self.moment,
                            side=where.side if where else None, exercise=where.exercise if where else None,
                            session_id=self.session_id or None, clock_suspect=clock_looks_wrong(now))
        return (Write(rating), *self._rated(pain, rating, now))

    def rating_skipped(self, now: datetime) -> Effects:
        """No rating this time: nothing written, the flow goes on."""
        if self.step is not Step.RATING:
            return ()
        return self._rated(None, None, now)

    def details_given(self, side: str | None, worse_with: Iterable[str], note: str) -> Effects:
        """The optional details complete the 'after' rating just written (its time stays)."""
        if self.step is not Step.DETAILS:
            return ()
        worse_with = tuple(worse_with)
        written = self.after_rating
        if written is None or not (side or worse_with or note):
            return self._show_summary()
        from dataclasses import replace

        self.after_rating = replace(written, side=side, worse_with=worse_with, note=note)
        return (Write(self.after_rating, replaces=written), *self._show_summary())

    def details_skipped(self) -> Effects:
        if self.step is not Step.DETAILS:
            return ()
        return self._show_summary()

    # -- playing ------------------------------------------------------------------------------
    def voice_ready(self) -> Effects:
        """Every sentence is ready: the routine starts, if the person is still on the player."""
        if self.step is not Step.PLAYER or self.playing or self.routine is None:
            return ()
        self.playing = True
        return (Control.START,)

    def hurt_pressed(self, where: Cue | None) -> Effects:
        """"It hurts": `where` is the cue the controller stopped at (None when it did not stop)."""
        if self.step is not Step.PLAYER or self.routine is None:
            return ()
        if not self.playing:                  # still getting the voice ready: stopping works all the same
            self.where = None
            self.step = Step.HURT
            return (Control.SILENCE, ShowHurt(None, None, self.routine.rest_pose))
        if where is None:
            return ()
        self.where = where
        self.step = Step.HURT
        return (self._hurt_screen(),)

    def rate_hurt_chosen(self) -> Effects:
        """"Rate this pain" on the hurt screen."""
        if self.step is not Step.HURT:
            return ()
        return self._ask("during")

    def skip_side_chosen(self) -> Effects:
        return self._back_to_player(Control.SKIP_SIDE)

    def skip_exercise_chosen(self) -> Effects:
        return self._back_to_player(Control.SKIP_EXERCISE)

    def end_chosen(self) -> Effects:
        """End the session: the controller finishes it (-> session_finished); not begun: home."""
        if self.step is not Step.HURT:
            return ()
        return (Control.END,) if self.playing else self.back_home()

    def session_finished(self, summary: Summary, now: datetime) -> Effects:
        """The routine ended (completed or early): its record, then the 'after' rating."""
        if self.step not in (Step.PLAYER, Step.HURT) or self.routine is None or self.started is None:
            return ()
        self.playing = False
        self.summary = summary
        hurt: list[str] = []
        for outcome in summary.outcomes:
            if outcome.status == "hurt":
                hurt += [f"{outcome.exercise}:{side}" for side in outcome.hurt_sides] or [outcome.exercise]
        from kiosk.core.records import SessionRecord

        record = SessionRecord(session_id=self.session_id, routine=self.routine.id, started=self.started,
                               ended=now, done=summary.ids("done"), skipped=summary.ids("skipped"),
                               hurt=tuple(hurt), completed=summary.completed)
        return (Write(record), *self._ask("after"))

    # -- home and its side trips --------------------------------------------------------------
    def back_home(self) -> Effects:
        """Home (Back, Done, Home on the summary, End before the routine began): nothing left playing."""
        if self.step in NOBODY_YET:
            return ()
        self.step = Step.HOME
        self.pending, self.reading_history, self.playing = None, False, False
        return (Show(Step.HOME),)

    def opened(self, step: Step) -> Effects:
        """A side trip: aerobics, the activity log, progress, my data, voice settings."""
        if step not in SIDE_TRIPS:
            raise ValueError(f"{step} is not a side trip from home")
        if self.step in NOBODY_YET:
            return ()
        self.step = step
        self.pending, self.reading_history, self.playing = None, False, False
        return (Show(step),)

    def aerobic_logged(self, activity: str, minutes: int, now: datetime) -> Effects:
        if self.step is not Step.AEROBIC_LOG:
            return ()
        from kiosk.core.records import AerobicEntry

        return (Write(AerobicEntry(now, activity, minutes)), *self.back_home())

    def read_aloud_requested(self, text: str) -> Effects:
        """The progress summary read aloud: at home, while it is on screen; never in a waiting room."""
        if self.clinic or self.step is not Step.PROGRESS:
            return ()
        return (Say(text),)

    # -- the plan -----------------------------------------------------------------------------
    def plan_read(self, routine: Routine | None) -> Effects:
        """The diary's plan as a routine (None: it has none): offered first on the home screen."""
        if self.step in NOBODY_YET:
            return ()                               # they left before it was read
        if routine == self.plan:
            return ()
        self.plan = routine
        return (ShowPlan(routine),)

    def progression_proposed(self, proposal: Proposal | None) -> Effects:
        """Progression's proposal after the session of the plan: held, and offered while the summary shows."""
        if not self.asking_progression:
            return ()
        self.asking_progression = False
        self.proposal = proposal
        if proposal is None or self.step is not Step.SUMMARY:
            return ()
        return (OfferProgression(proposal),)

    def progression_answered(self, accept: bool) -> Effects:
        """Accept or decline the change on offer; the plan is read again after it."""
        if self.proposal is None or self.step in NOBODY_YET:
            return ()
        proposal, self.proposal = self.proposal, None
        return (AnswerProgression(proposal, accept), ReadPlan())

    # -- inside -------------------------------------------------------------------------------
    def _go(self, step: Step) -> Effects:
        self.step = step
        return (Show(step),)

    def _signed_in(self, profile_id: str | None) -> Effects:
        self.profile_id = profile_id
        return (*self._go(Step.HOME), *((ReadPlan(),) if profile_id else ()))

    def _forget_effects(self) -> Effects:
        diaries = dict.fromkeys(d for d in (self.profile_id, self.new_diary) if d)
        plan = (ShowPlan(None),) if self.plan is not None else ()
        return (Forget(), *plan, *(CloseDiary(d) for d in diaries))

    def _read_history(self) -> Effects:
        self.reading_history = True
        return (ReadPastSessions(),)

    def _ask(self, moment: str) -> Effects:
        if moment == "before":
            self.session_id = self._new_session_id()    # the 'before' rating already belongs to the session
        self.moment = moment
        self.step = Step.RATING
        return (AskRating(moment),)

    def _rated(self, pain: int | None, rating: PainRating | None, now: datetime) -> Effects:
        if self.moment == "before":
            if self.pending is None:
                return ()
            self.before_pain = pain
            self.routine, self.pending = self.pending, None
            self.started, self.playing, self.where = now, False, None
            self.after_pain = self.after_rating = self.summary = None
            self.step = Step.PLAYER
            return (Play(self.routine),)
        if self.moment == "during":
            self.step = Step.HURT
            return (self._hurt_screen(pain),)
        self.after_pain, self.after_rating = pain, rating
        if pain is None:
            return self._show_summary()
        return self._go(Step.DETAILS)

    def _hurt_screen(self, pain: int | None = None) -> ShowHurt:
        where = self.where
        titles = {e.id: e.title for e in self.routine.exercises}
        title = titles.get(where.exercise) if where and where.exercise else None
        return ShowHurt(title, where.side if where else None, self.routine.rest_pose, pain)

    def _back_to_player(self, command: Control) -> Effects:
        if self.step is not Step.HURT or not self.playing:
            return ()
        self.step = Step.PLAYER
        return (Show(Step.PLAYER), command)

    def _show_summary(self) -> Effects:
        self.step = Step.SUMMARY
        shown = ShowSummary(self.summary, self.before_pain, self.after_pain)
        from kiosk.core.plan import PLAN_ROUTINE_ID

        if self.summary is None or self.routine is None or self.routine.id != PLAN_ROUTINE_ID or self.plan is None:
            return (shown,)
        self.asking_progression, self.proposal = True, None
        return (shown, AskProgression())
