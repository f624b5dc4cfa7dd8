"""A diary's plan in its own file on disk (real TinyDB files): saved, read back after a restart, set aside when
broken, and gone with the diary; and the PlanService the screens call over it."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from kiosk.core.loader import load_routines
from kiosk.core.plan import PLAN_ROUTINE_ID, Plan, PlanItem
from kiosk.core.plan_file import PlanFileError
from kiosk.core.records import PainRating, SessionRecord
from kiosk.paths import bundled_dir
from kiosk.services.plans import PlanLocked, PlanService
from kiosk.store import DataStore, ProfileError
from kiosk.store.plan_repository import PlanRepository
from kiosk.store.profile_repository import profile_file

LIBRARY = load_routines(bundled_dir("routines")).exercises
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc)
PLAN = Plan.in_library_order([PlanItem("bridge", 9, 6, note="Slowly, zq-note-81"),
                              PlanItem("knee_to_chest", 2, 3, "left")], LIBRARY,
                             days_a_week=4, start=date(2026, 12, 1), note="Stop if the knee hurts.")


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "data"


def test_the_plan_survives_a_restart_with_its_history(folder):
    with DataStore(folder) as store:
        plans = PlanService(store, LIBRARY)
        store.open_profile("ann", create=True)
        assert plans.plan("ann") is None and plans.history("ann") == []
        plans.save("ann", PLAN, what="Plan made", reason="First visit", by="staff", now=NOW)
        plans.save("ann", PLAN.with_item(PlanItem("bridge", 10, 6), LIBRARY), what="Bridge: 10 reps",
                   reason="Doing well", by="person", now=NOW + timedelta(days=3))
    raw = json.loads(profile_file(folder, "ann").read_text())
    assert set(raw["plan"]) == {"1"} and len(raw["plan_history"]) == 2
    with DataStore(folder) as store:
        plans = PlanService(store, LIBRARY)
        assert plans.plan("ann").item("bridge").reps == 10
        assert plans.plan("ann").start == date(2026, 12, 1)
        history = plans.history("ann")
        assert [(c.what, c.by, c.when) for c in history] == [("Plan made", "staff", NOW),
                                                             ("Bridge: 10 reps", "person", NOW + timedelta(days=3))]
        assert history[0].plan == PLAN
        routine = plans.routine("ann")
        assert routine.id == PLAN_ROUTINE_ID and [e.id for e in routine.exercises] == ["knee_to_chest", "bridge"]
        assert routine.exercises[0].sides == "left"


def test_a_bad_plan_is_not_saved(folder):
    with DataStore(folder) as store:
        plans = PlanService(store, LIBRARY)
        store.open_profile("ann", create=True)
        bad = Plan((PlanItem("bridge", 0, 5),))
        with pytest.raises(PlanFileError, match=r"item\[1\]\.reps"):
            plans.save("ann", bad, what="x", reason="y", by="staff", now=NOW)
        assert plans.plan("ann") is None and plans.history("ann") == []


def test_the_guest_has_no_plan(folder):
    with DataStore(folder) as store:
        plans = PlanService(store, LIBRARY)
        assert plans.plan("guest") is None and plans.proposal("guest") is None
        with pytest.raises(ProfileError):
            plans.save("guest", PLAN, what="x", reason="y", by="staff", now=NOW)


def test_locking_stops_the_person_and_progression(folder):
    with DataStore(folder) as store:
        plans = PlanService(store, LIBRARY)
        store.open_profile("ann", create=True)
        plans.save("ann", PLAN, what="Plan made", reason="", by="staff", now=NOW)
        assert plans.set_locked("ann", True, now=NOW).locked
        with pytest.raises(PlanLocked):
            plans.save("ann", PLAN.without("bridge"), what="x", reason="y", by="person", now=NOW)
        plans.save("ann", replace(PLAN.without("bridge"), locked=True), what="Staff edit", reason="", by="staff",
                   now=NOW)
        assert plans.plan("ann").exercise_ids() == ("knee_to_chest",)
        assert [c.kind for c in plans.history("ann")] == ["set", "locked", "set"]


def _play(store, sid, at, before, after, done):
    data = store.open_profile("ann")
    data.sessions.add(SessionRecord(sid, PLAN_ROUTINE_ID, at, at + timedelta(minutes=15), done, (), (), True))
    data.ratings.add(PainRating(at, before, "before", session_id=sid))
    data.ratings.add(PainRating(at + timedelta(minutes=16), after, "after", session_id=sid))


def test_proposals_from_the_records_on_disk_accepted_and_declined(folder):
    with DataStore(folder) as store:
        plans = PlanService(store, LIBRARY)
        store.open_profile("ann", create=True)
        plan = Plan.in_library_order([PlanItem("bridge", 8, 5)], LIBRARY)
        plans.save("ann", plan, what="Plan made", reason="", by="staff", now=NOW)
        for day in range(1, 3):
            _play(store, f"s{day}", NOW + timedelta(days=day), 3, 3, ("bridge",))
        assert plans.proposal("ann") is None                       # two sessions: not yet
        _play(store, "s3", NOW + timedelta(days=3), 3, 3, ("bridge",))
        up = plans.proposal("ann")
        assert up.kind == "step_up" and up.changes[0].after.reps == 9
        plans.decline("ann", up, by="person", now=NOW + timedelta(days=3, hours=1))
        assert plans.plan("ann") == plan and plans.proposal("ann") is None
        for day in range(4, 7):
            _play(store, f"s{day}", NOW + timedelta(days=day), 3, 3, ("bridge",))
        again = plans.proposal("ann")
        assert again == up
        changed = plans.accept("ann", again, by="person", now=NOW + timedelta(days=6, hours=1))
        assert changed.item("bridge").reps == 9
        _play(store, "s7", NOW + timedelta(days=7), 3, 8, ("bridge",))
        down = plans.proposal("ann")
        assert down.kind == "step_down" and down.changes[0].after.reps == 8
    with DataStore(folder) as store:
        history = PlanService(store, LIBRARY).history("ann")
        assert [c.kind for c in history] == ["set", "declined_step_up", "step_up"]
        assert history[2].what == "Bridge: 9 reps, hold 5 s (was 8 reps, hold 5 s)"
        assert "3 sessions in a row" in history[2].reason


def test_import_and_export(folder, tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text('days_a_week = 2\n[[item]]\nexercise = "cat_cow"\nreps = 9\nnote = "Gently"\n')
    with DataStore(folder) as store:
        plans = PlanService(store, LIBRARY)
        store.open_profile("ann", create=True)
        plan = plans.import_file("ann", path, now=NOW)
        assert plan.item("cat_cow").reps == 9 and plans.history("ann")[0].by == "file"
        text = plans.export_text("ann")
        assert 'exercise = "cat_cow"' in text and "days_a_week = 2" in text and 'note = "Gently"' in text


def test_a_broken_stored_plan_is_set_aside_not_a_crash(folder):
    with DataStore(folder) as store:
        store.open_profile("ann", create=True)
        PlanService(store, LIBRARY).save("ann", PLAN, what="Plan made", reason="", by="staff", now=NOW)
    path = profile_file(folder, "ann")
    raw = json.loads(path.read_text())
    raw["plan"]["1"]["items"][0]["reps"] = "nine"
    path.write_text(json.dumps(raw))
    with DataStore(folder) as store:
        data = store.open_profile("ann")
        assert any("1 plan" in notice for notice in data.notices)
        assert PlanRepository(data.database).get() is None
        assert len(PlanRepository(data.database).history()) == 1


def test_the_plan_goes_with_the_diary(folder):
    with DataStore(folder) as store:
        store.open_profile("ann", create=True)
        PlanService(store, LIBRARY).save("ann", PLAN, what="Plan made", reason="", by="staff", now=NOW)
        removed = store.delete_profile("ann")
        assert profile_file(folder, "ann") in removed
    leftovers = [p for p in folder.rglob("*") if p.is_file() and b"zq-note-81" in p.read_bytes()]
    assert leftovers == []
