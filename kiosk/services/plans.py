"""Each diary's plan for the screens and the commands: read, saved with a reason, proposed and changed by progression."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from kiosk.core.plan import Plan, PlanChange, plan_routine
from kiosk.core.plan_file import PlanFileError, check_plan, plan_to_toml, read_plan_file
from kiosk.core.progression import Proposal, apply, propose
from kiosk.core.routine import Exercise, Routine
from kiosk.store.data_store import DataStore
from kiosk.store.plan_repository import PlanRepository
from kiosk.store.profile_repository import GUEST_PROFILE_ID, ProfileError


class PlanLocked(PermissionError):
    """Staff locked this plan: the person cannot change it, and progression proposes nothing."""


class DiaryPlans:
    """The plan of one open diary (a ProfileData, as the journal holds it on the store's writer).

    Every call blocks until its data is on disk; run it on the store's writer thread (the journal's
    `run_with_profile(lambda profile: DiaryPlans(profile, library).routine())` does).
    """

    def __init__(self, profile, library: Mapping[str, Exercise]) -> None:
        if profile.profile_id == GUEST_PROFILE_ID:
            raise ProfileError("The guest has no plan: plans belong to a diary.")
        self.profile = profile
        self.library = library
        self._plans = PlanRepository(profile.database)

    # -- reading ---------------------------------------------------------------------------------
    def plan(self) -> Plan | None:
        """The diary's plan, or None."""
        return self._plans.get()

    def history(self) -> list[PlanChange]:
        """Every change to the diary's plan, oldest first (declined proposals included)."""
        return self._plans.history()

    def routine(self) -> Routine | None:
        """The plan as the routine "my-plan" (moves no longer in the library left out), or None."""
        plan = self.plan()
        if plan is None:
            return None
        kept = replace(plan, items=tuple(i for i in plan.items if i.exercise in self.library))
        return plan_routine(kept, self.library) if kept.items else None

    def export_text(self) -> str | None:
        """The plan file of the diary's plan (routines/FORMAT.md), or None when it has none."""
        plan = self.plan()
        return plan_to_toml(plan, self.library) if plan is not None else None

    # -- changing --------------------------------------------------------------------------------
    def save(self, plan: Plan, *, what: str, reason: str, by: str, now: datetime, kind: str = "set") -> PlanChange:
        """Make `plan` the diary's plan, kept in the history with `what`, `reason` and `by`.

        PlanFileError when it does not validate (nothing saved); PlanLocked when the person (by="person")
        changes a locked plan.
        """
        current = self._plans.get()
        if by == "person" and current is not None and current.locked:
            raise PlanLocked("This plan was locked by staff; ask them to change it.")
        errors = check_plan(plan, self.library, f"the plan of {self.profile.profile_id}")
        if errors:
            raise PlanFileError(errors)
        change = PlanChange(now, what, reason, by, plan, kind)
        self._plans.save(change)
        return change

    def import_file(self, path: Path, *, now: datetime, by: str = "file") -> Plan:
        """Read a plan file (refused whole: PlanFileError) and make it the diary's plan."""
        plan = read_plan_file(Path(path), self.library)
        self.save(plan, what=f"Plan read from {Path(path).name}", reason="Imported from a plan file", by=by, now=now)
        return plan

    def remove(self, *, reason: str, by: str = "staff", now: datetime) -> None:
        """The diary has no plan any more (the history stays, with this entry)."""
        if self._plans.get() is not None:
            self._plans.save(PlanChange(now, "Plan removed", reason, by, None, "removed"))

    def set_locked(self, locked: bool, *, now: datetime) -> Plan:
        """Staff lock (or unlock) the plan. ProfileError when the diary has no plan."""
        plan = self._plans.get()
        if plan is None:
            raise ProfileError(f"The diary {self.profile.profile_id} has no plan to lock.")
        changed = replace(plan, locked=locked)
        what = "Plan locked by staff" if locked else "Plan unlocked by staff"
        self._plans.save(PlanChange(now, what, "Staff decided", "staff", changed, "locked" if locked else "unlocked"))
        return changed

    # -- progression -----------------------------------------------------------------------------
    def proposal(self) -> Proposal | None:
        """What progression proposes after the diary's latest session (None: nothing, or a locked plan)."""
        plan = self._plans.get()
        if plan is None:
            return None
        return propose(plan, self._plans.history(), self.profile.sessions.list(), self.profile.ratings.list(),
                       self.library)

    def accept(self, proposal: Proposal, *, by: str, now: datetime) -> Plan:
        """Make the proposed change; kept in the history with its reason. ProfileError without a plan;
        PlanLocked when the plan was locked meanwhile."""
        plan = self._plans.get()
        if plan is None:
            raise ProfileError(f"The diary {self.profile.profile_id} has no plan.")
        if plan.locked:
            raise PlanLocked("This plan was locked by staff; it stays as it is.")
        changed = apply(plan, proposal, self.library)
        self._plans.save(PlanChange(now, proposal.what, proposal.reason, by, changed, proposal.kind))
        return changed

    def decline(self, proposal: Proposal, *, by: str, now: datetime) -> None:
        """Keep the plan as it is; the declined proposal is kept in the history (a declined step up is
        offered again only after three new sessions)."""
        self._plans.save(PlanChange(now, f"Declined: {proposal.what}", proposal.reason, by, self._plans.get(),
                                    f"declined_{proposal.kind}"))

    def answer(self, proposal: Proposal, accept: bool, *, by: str, now: datetime) -> Plan | None:
        """accept() or decline(), as the person chose; the plan after it."""
        if accept:
            return self.accept(proposal, by=by, now=now)
        self.decline(proposal, by=by, now=now)
        return self.plan()


class PlanService:
    """The plans of the diaries of an open DataStore, by profile id (the commands and the admin screen).

    Each method is DiaryPlans' of the same name for that diary, which it opens. Every call blocks until
    its data is on disk: from the GUI thread, run it through the store's writer,
    `store.writer.submit(service.plan, profile_id)`, which gives a Future. The guest has no plan (reads
    give None or nothing; changes raise ProfileError). `library`: `LoadResult.exercises`.
    """

    def __init__(self, store: DataStore, library: Mapping[str, Exercise]) -> None:
        self.store = store
        self.library = library

    def diary(self, profile_id: str) -> DiaryPlans:
        """The plan of this diary (opened in the store). ProfileError for the guest or an unknown diary."""
        if profile_id == GUEST_PROFILE_ID:
            raise ProfileError("The guest has no plan: plans belong to a diary.")
        return DiaryPlans(self.store.open_profile(profile_id), self.library)

    def plan(self, profile_id: str) -> Plan | None:
        return None if profile_id == GUEST_PROFILE_ID else self.diary(profile_id).plan()

    def history(self, profile_id: str) -> list[PlanChange]:
        return [] if profile_id == GUEST_PROFILE_ID else self.diary(profile_id).history()

    def routine(self, profile_id: str) -> Routine | None:
        return None if profile_id == GUEST_PROFILE_ID else self.diary(profile_id).routine()

    def export_text(self, profile_id: str) -> str | None:
        return None if profile_id == GUEST_PROFILE_ID else self.diary(profile_id).export_text()

    def proposal(self, profile_id: str) -> Proposal | None:
        return None if profile_id == GUEST_PROFILE_ID else self.diary(profile_id).proposal()

    def save(self, profile_id: str, plan: Plan, *, what: str, reason: str, by: str, now: datetime,
             kind: str = "set") -> PlanChange:
        return self.diary(profile_id).save(plan, what=what, reason=reason, by=by, now=now, kind=kind)

    def import_file(self, profile_id: str, path: Path, *, now: datetime, by: str = "file") -> Plan:
        return self.diary(profile_id).import_file(path, now=now, by=by)

    def remove(self, profile_id: str, *, reason: str, by: str = "staff", now: datetime) -> None:
        self.diary(profile_id).remove(reason=reason, by=by, now=now)

    def set_locked(self, profile_id: str, locked: bool, *, now: datetime) -> Plan:
        return self.diary(profile_id).set_locked(locked, now=now)

    def accept(self, profile_id: str, proposal: Proposal, *, by: str, now: datetime) -> Plan:
        return self.diary(profile_id).accept(proposal, by=by, now=now)

    def decline(self, profile_id: str, proposal: Proposal, *, by: str, now: datetime) -> None:
        self.diary(profile_id).decline(proposal, by=by, now=now)
