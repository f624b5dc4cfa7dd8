"""Pain-guided progression of a plan as pure rules: a step up, a step down, or leaving out what hurt; proposed only.

The pain-monitoring model: pain during exercise up to 5 out of 10 is acceptable if it has settled by the
next session; pain that is worse the next time means less. After each session of a plan the app may
propose one change, which the person (or staff) accepts or declines; a locked plan gets no proposals.

- **Leave out** (first): a move that hurt in the last two sessions of the plan that included it, the
  session just played being one of them (the rule of core/hurt_history.py, counted per plan). When
  every time it hurt on the same one side and the plan does both sides, only that side is left out.
  The last move of a plan is never left out.
- **Step down**: the session just played had pain during it above 5, or its before-session pain is 2
  or more above the last session's. Each move played in it goes down one step (the moves a rating
  above 5 named, when the ratings named moves): first back towards the library's hold, then one step
  of reps, then one second of hold; a move already at 1 rep and 1 second stays.
- **Step up**: a move played (done, not hurt) in each of the last three sessions of the plan in a
  row at its present dose, each with pain during it at most 5 and before-session pain never above the
  session before's. One step: more reps up to the article's top number (one rep, or one each side for
  a move that alternates sides), else one more second of hold (up to 60). Moves without a top number
  in the article step up by hold. A declined step up waits for three new sessions.

"Pain during" a session is the highest of its "during" ratings and its "after" rating (how it was
right after); a session with neither, or without a before rating, cannot count towards a step up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from kiosk.core.plan import PLAN_ROUTINE_ID, Plan, PlanChange, PlanItem, sort_items
from kiosk.core.plan_ranges import HOLD_SECONDS, dose_ranges
from kiosk.core.records import PainRating, SessionRecord
from kiosk.core.routine import Exercise
from kiosk.core.translations import N_, translation

ACCEPTABLE_PAIN = 5                # pain during at most this: fine, if it has settled by next time
BEFORE_RISE = 2                    # before-session pain up by this much or more: step down
GOOD_SESSIONS_IN_A_ROW = 3
HURT_SESSIONS_IN_A_ROW = 2
KINDS = ("leave_out", "leave_out_side", "step_down", "step_up")


@dataclass(frozen=True)
class SessionPain:
    """One session of the plan with the pain ratings that belong to it."""

    record: SessionRecord
    before: int | None
    during: int | None             # highest of the "during" ratings and the "after" rating
    high_exercises: frozenset[str] = frozenset()   # moves named by a "during" rating above ACCEPTABLE_PAIN

    def played(self, exercise: str) -> bool:
        return exercise in self.record.done or self.hurt(exercise)

    def hurt(self, exercise: str) -> bool:
        return any(entry.split(":", 1)[0] == exercise for entry in self.record.hurt)

    def hurt_sides(self, exercise: str) -> set[str | None]:
        """The sides it hurt on (None for an entry that names no side)."""
        sides: set[str | None] = set()
        for entry in self.record.hurt:
            name, _, side = entry.partition(":")
            if name == exercise:
                sides.add(side or None)
        return sides

    def included(self, exercise: str) -> bool:
        return self.played(exercise) or exercise in self.record.skipped


@dataclass(frozen=True)
class ItemChange:
    """One item of a proposal: as it is, and as it would be (None: left out)."""

    before: PlanItem
    after: PlanItem | None


@dataclass(frozen=True)
class Proposal:
    """One proposed change to a plan, in words for the offer screen and the history."""

    kind: str                      # one of KINDS
    changes: tuple[ItemChange, ...]
    what: str                      # in English, as the plan's history keeps it
    reason: str
    # The reason's sentences as marked English with their values, to say in another language (proposal_reason).
    reasons: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()


LEAVE_OUT_REASON = N_("It hurt in the last {count} sessions that included it; the article's advice is to leave "
                      "out the moves that hurt.")
DURING_REASON = N_("Pain during the session was {during} out of 10, above {acceptable}.")
BEFORE_REASON = N_("Pain before this session was {before}, {rise} more than before the last one ({previous}).")
STEP_UP_REASON = N_("{count} sessions in a row at this dose with pain during at most {acceptable} out of 10, and "
                    "the pain before each session not rising.")


def _reason(text: str, **values: int) -> tuple[str, tuple[tuple[str, int], ...]]:
    return text, tuple(values.items())


def _sentences(reasons, language: str = "en") -> str:
    _ = translation(language).gettext
    return " ".join(_(text).format(**dict(values)) for text, values in reasons)


def proposal_reason(proposal: Proposal, language: str = "en") -> str:
    """Why the change is proposed, in `language` (the English `reason` when it has no marked sentences)."""
    return _sentences(proposal.reasons, language) if proposal.reasons else proposal.reason


def proposal_what(proposal: Proposal, library: Mapping[str, Exercise], language: str = "en") -> str:
    """What would change, in `language`, the exercises named as `library` (in that language) names them."""
    return "; ".join(describe(change, library, language) for change in proposal.changes) or proposal.what


def session_pains(sessions: Sequence[SessionRecord], ratings: Sequence[PainRating],
                  routine_id: str = PLAN_ROUTINE_ID) -> list[SessionPain]:
    """The sessions of the plan, oldest first, each with its before and during pain."""
    by_session: dict[str, list[PainRating]] = {}
    for rating in ratings:
        if rating.session_id:
            by_session.setdefault(rating.session_id, []).append(rating)
    pains = []
    for record in sorted((s for s in sessions if s.routine == routine_id), key=lambda s: s.started):
        own = by_session.get(record.session_id, [])
        befores = [r for r in own if r.moment == "before"]
        during = [r.pain for r in own if r.moment in ("during", "after")]
        high = frozenset(r.exercise for r in own
                         if r.moment == "during" and r.exercise and r.pain > ACCEPTABLE_PAIN)
        before = befores[-1].pain if befores else None
        pains.append(SessionPain(record, before, max(during) if during else None, high))
    return pains


def _dose_since(exercise: str, history: Sequence[PlanChange]) -> datetime | None:
    """When the move got its present dose (or a step up for it was last declined): count from there."""
    since, previous = None, None
    for change in history:
        if change.kind == "declined_step_up":
            since = change.when
            continue
        if change.kind.startswith("declined") or change.kind in ("locked", "unlocked"):
            continue
        item = change.plan.item(exercise) if change.plan is not None else None
        dose = item.dose() if item is not None else None
        if dose != previous:
            since = change.when
        previous = dose
    return since


def _after(pains: list[SessionPain], since: datetime | None) -> list[SessionPain]:
    return [p for p in pains if since is None or p.record.started > since]


def _words(item: PlanItem, exercise: Exercise, language: str = "en") -> str:
    catalog = translation(language)
    reps = catalog.ngettext("{count} rep", "{count} reps", item.reps).format(count=item.reps)
    dose = {"left": N_("{reps}, hold {hold} s, left side only"),
            "right": N_("{reps}, hold {hold} s, right side only")}.get(item.sides, N_("{reps}, hold {hold} s"))
    return catalog.gettext(dose).format(reps=reps, hold=item.hold)


def describe(change: ItemChange, library: Mapping[str, Exercise], language: str = "en") -> str:
    """One change in words: "Bridge: 9 reps, hold 5 s (was 8 reps, hold 5 s)"."""
    _ = translation(language).gettext
    exercise = library[change.before.exercise]
    if change.after is None:
        return _("{exercise}: left out").format(exercise=exercise.title)
    return _("{exercise}: {dose} (was {before})").format(exercise=exercise.title, dose=_words(
        change.after, exercise, language), before=_words(change.before, exercise, language))


def _proposal(kind: str, changes: list[ItemChange], reasons, library) -> Proposal | None:
    if not changes:
        return None
    return Proposal(kind, tuple(changes), "; ".join(describe(c, library) for c in changes), _sentences(reasons),
                    tuple(reasons))


def _leave_out(plan: Plan, pains: list[SessionPain], history, library) -> Proposal | None:
    latest = pains[-1]
    changes = []
    for item in plan.items:
        if not latest.hurt(item.exercise):
            continue
        relevant = [p for p in _after(pains, _dose_since(item.exercise, history)) if p.included(item.exercise)]
        last = relevant[-HURT_SESSIONS_IN_A_ROW:]
        if len(last) < HURT_SESSIONS_IN_A_ROW or not all(p.hurt(item.exercise) for p in last):
            continue
        sides = set().union(*(p.hurt_sides(item.exercise) for p in last))
        exercise = library[item.exercise]
        if item.sides == "each" and exercise.sides in ("each", "alternate") and len(sides) == 1 \
                and None not in sides:
            (hurt_side,) = sides
            other = "left" if hurt_side == "right" else "right"
            changes.append(ItemChange(item, replace(item, sides=other, reps=dose_ranges(exercise, other).reps.clamp(
                item.reps if exercise.sides != "alternate" else max(1, item.reps // 2)))))
        else:
            changes.append(ItemChange(item, None))
    if sum(1 for c in changes if c.after is None) >= len(plan.items):
        changes = [c for c in changes if c.after is not None]      # never the whole plan
    if not changes:
        return None
    kind = "leave_out" if any(c.after is None for c in changes) else "leave_out_side"
    return _proposal(kind, changes, [_reason(LEAVE_OUT_REASON, count=HURT_SESSIONS_IN_A_ROW)], library)


def _down(item: PlanItem, exercise: Exercise) -> PlanItem | None:
    ranges = dose_ranges(exercise, item.sides)
    if item.hold > ranges.hold.usual:
        return replace(item, hold=item.hold - 1)
    if item.reps > 1:
        return replace(item, reps=max(1, item.reps - ranges.rep_step))
    if item.hold > HOLD_SECONDS[0]:
        return replace(item, hold=item.hold - 1)
    return None


def _up(item: PlanItem, exercise: Exercise) -> PlanItem | None:
    ranges = dose_ranges(exercise, item.sides)
    if ranges.reps.from_article and item.reps < ranges.reps.high:
        return replace(item, reps=min(ranges.reps.high, item.reps + ranges.rep_step))
    if item.hold < HOLD_SECONDS[1]:
        return replace(item, hold=item.hold + 1)
    return None


def _step_down(plan: Plan, pains: list[SessionPain], library) -> Proposal | None:
    latest = pains[-1]
    previous = pains[-2] if len(pains) > 1 else None
    reasons = []
    if latest.during is not None and latest.during > ACCEPTABLE_PAIN:
        reasons.append(_reason(DURING_REASON, during=latest.during, acceptable=ACCEPTABLE_PAIN))
    if (previous is not None and latest.before is not None and previous.before is not None
            and latest.before - previous.before >= BEFORE_RISE):
        reasons.append(_reason(BEFORE_REASON, before=latest.before, rise=latest.before - previous.before,
                               previous=previous.before))
    if not reasons:
        return None
    named = latest.high_exercises & set(plan.exercise_ids())
    changes = []
    for item in plan.items:
        if not latest.played(item.exercise) or (named and item.exercise not in named):
            continue
        lower = _down(item, library[item.exercise])
        if lower is not None:
            changes.append(ItemChange(item, lower))
    return _proposal("step_down", changes, reasons, library)


def _good(pain: SessionPain) -> bool:
    return pain.before is not None and pain.during is not None and pain.during <= ACCEPTABLE_PAIN


def _step_up(plan: Plan, pains: list[SessionPain], history, library) -> Proposal | None:
    changes = []
    for item in plan.items:
        last = _after(pains, _dose_since(item.exercise, history))[-GOOD_SESSIONS_IN_A_ROW:]
        if len(last) < GOOD_SESSIONS_IN_A_ROW or last[-1] is not pains[-1]:
            continue
        if not all(_good(p) and item.exercise in p.record.done and not p.hurt(item.exercise) for p in last):
            continue
        if any(later.before > earlier.before for earlier, later in zip(last, last[1:])):
            continue
        higher = _up(item, library[item.exercise])
        if higher is not None:
            changes.append(ItemChange(item, higher))
    return _proposal("step_up", changes, [_reason(STEP_UP_REASON, count=GOOD_SESSIONS_IN_A_ROW,
                                                  acceptable=ACCEPTABLE_PAIN)], library)


def propose(plan: Plan, history: Sequence[PlanChange], sessions: Sequence[SessionRecord],
            ratings: Sequence[PainRating], library: Mapping[str, Exercise]) -> Proposal | None:
    """The one change to propose after the latest session of the plan, or None.

    None for a locked plan, when the latest session was not the plan's, or when no rule applies.
    Leave out comes before step down, and step down before step up.
    """
    if plan.locked or not plan.items:
        return None
    latest_any = max(sessions, key=lambda s: s.started, default=None)
    if latest_any is None or latest_any.routine != PLAN_ROUTINE_ID:
        return None
    pains = session_pains(sessions, ratings)
    plan = replace(plan, items=tuple(i for i in plan.items if i.exercise in library))
    return (_leave_out(plan, pains, history, library) or _step_down(plan, pains, library)
            or _step_up(plan, pains, history, library))


def apply(plan: Plan, proposal: Proposal, library: Mapping[str, Exercise]) -> Plan:
    """The plan with the proposal's changes made (items not in the plan any more are left alone)."""
    items = {item.exercise: item for item in plan.items}
    for change in proposal.changes:
        name = change.before.exercise
        if name not in items:
            continue
        if change.after is None:
            del items[name]
        else:
            items[name] = change.after
    return replace(plan, items=sort_items(items.values(), library))
