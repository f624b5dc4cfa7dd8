"""The visit and the person's plan: offered first, read at sign-in, forgotten at sign-out, progression asked and held."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.core.loader import load_routines
from kiosk.core.plan import Plan, PlanItem, plan_routine
from kiosk.core.progression import ItemChange, Proposal
from kiosk.core.visit import (
    AnswerProgression, AskProgression, CloseDiary, Forget, OfferProgression, ReadPlan, Show, ShowPlan,
    ShowSummary, Step, Visit,
)
from kiosk.paths import bundled_dir
from test_visit import T0, begin, numbered_ids, play_to_end

LIBRARY = load_routines(bundled_dir("routines")).exercises
PLAN = plan_routine(Plan.in_library_order([PlanItem("knee_to_chest", 1, 1, "left")], LIBRARY), LIBRARY)
UP = Proposal("step_up", (ItemChange(PlanItem("knee_to_chest", 1, 1, "left"), PlanItem("knee_to_chest", 1, 2, "left")),),
              "One knee to chest: 1 rep, hold 2 s", "3 sessions in a row")


@pytest.fixture
def visit():
    return Visit(new_session_id=numbered_ids())


def finish(visit, routine, after=2):
    """Play `routine` through to the summary with a before and an after rating; the summary's effects."""
    begin(visit, routine, before=3)
    _, summary = play_to_end(routine)
    visit.session_finished(summary, T0 + timedelta(minutes=5))
    visit.pain_rated(after, T0 + timedelta(minutes=5))
    return visit.details_skipped()


def test_the_plan_read_is_offered_first_and_only_once(visit):
    assert visit.plan_read(PLAN) == (ShowPlan(PLAN),)
    assert visit.plan is PLAN
    assert visit.plan_read(PLAN) == ()                       # the same plan: nothing to redraw
    assert visit.plan_read(None) == (ShowPlan(None),)


def test_a_session_of_the_plan_asks_progression_and_holds_the_offer(visit):
    visit.plan_read(PLAN)
    effects = finish(visit, PLAN)
    assert isinstance(effects[0], ShowSummary) and effects[1:] == (AskProgression(),)
    assert visit.progression_proposed(UP) == (OfferProgression(UP),)
    assert visit.proposal == UP
    assert visit.progression_proposed(UP) == ()              # asked once: a late second answer is ignored
    assert visit.progression_answered(True) == (AnswerProgression(UP, True), ReadPlan())
    assert visit.proposal is None and visit.progression_answered(False) == ()


def test_nothing_to_propose_offers_nothing(visit):
    visit.plan_read(PLAN)
    finish(visit, PLAN)
    assert visit.progression_proposed(None) == () and visit.proposal is None


def test_a_proposal_after_the_person_went_home_is_held_not_shown(visit):
    visit.plan_read(PLAN)
    finish(visit, PLAN)
    visit.back_home()
    assert visit.progression_proposed(UP) == ()
    assert visit.proposal == UP                               # My plan can offer it later
    assert visit.progression_answered(False) == (AnswerProgression(UP, False), ReadPlan())


def test_a_bundled_routine_asks_no_progression(visit):
    routine = load_routines(bundled_dir("routines")).routines["gentle-start"]
    visit.plan_read(PLAN)
    effects = finish(visit, routine)
    assert not [e for e in effects if isinstance(e, AskProgression)]
    assert visit.progression_proposed(UP) == ()


def test_the_clinic_reads_the_plan_at_sign_in_and_forgets_it_at_sign_out():
    clinic = Visit(clinic=True, new_session_id=numbered_ids())
    assert clinic.plan_read(PLAN) == ()                       # nobody signed in yet
    clinic.attract_touched()
    assert clinic.signed_in("p1") == (Show(Step.HOME), ReadPlan())
    assert clinic.plan_read(PLAN) == (ShowPlan(PLAN),)
    assert clinic.signed_out() == (Forget(), ShowPlan(None), CloseDiary("p1"), Show(Step.ATTRACT))
    assert clinic.plan is None
    clinic.attract_touched()
    assert clinic.signed_in(None) == (Show(Step.HOME),)      # a guest has no plan to read
