"""The visit state machine without Qt: the home flow, it hurts, the skip offer, details, summary, the clinic."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest

from kiosk.core.records import AerobicEntry, PainRating, SessionRecord
from kiosk.core.session import Session, State
from kiosk.core.timeline import compile_routine
from kiosk.core.visit import (
    AskRating, CloseDiary, Control, Forget, OfferSkip, Play, ReadPastSessions, ReadPlan, RememberSafety, Say, Show,
    ShowHurt, ShowSummary, Step, Visit, Write,
)

T0 = datetime(2027, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=1)))     # after the build date (core.clock)


def numbered_ids():
    counter = itertools.count(1)
    return lambda: f"id{next(counter)}"


@pytest.fixture
def visit():
    return Visit(new_session_id=numbered_ids())


@pytest.fixture
def clinic():
    return Visit(clinic=True, new_session_id=numbered_ids())


def writes(effects) -> list:
    return [e.record for e in effects if isinstance(e, Write)]


def screen(effects):
    """The one screen the effects show (each action shows at most one)."""
    shown = [e for e in effects if isinstance(e, (Show, OfferSkip, AskRating, Play, ShowHurt, ShowSummary))]
    assert len(shown) <= 1, shown
    return shown[0] if shown else None


def play_to_end(routine, hurt_on_first_side=False):
    """A real Session over the routine's timeline, time handed in; returns (where it hurt, summary)."""
    session = Session(compile_routine(routine))
    session.start(0.0)
    where = None
    if hurt_on_first_side:
        session.skip(1.0)                          # from the welcome into the first exercise
        where = session.hurt(2.0)
        session.end(3.0)
    else:
        session.due(session.timeline.duration + 1)
    assert session.state is State.FINISHED
    return where, session.summary()


def begin(visit, routine, before=None):
    """Start with the safety already accepted, no past sessions, and the 'before' rating."""
    assert visit.start_requested(routine, safety_remembered=True) == (ReadPastSessions(),)
    assert visit.past_sessions_read([]) == (AskRating("before"),)
    effects = visit.pain_rated(before, T0) if before is not None else visit.rating_skipped(T0)
    assert screen(effects) == Play(routine)
    assert visit.voice_ready() == (Control.START,)
    return effects


# -- home -----------------------------------------------------------------------------------------
def test_home_flow_rates_plays_records_and_summarises(visit, mini_routine):
    assert visit.step is Step.HOME
    effects = begin(visit, mini_routine, before=4)
    (before,) = writes(effects)
    assert (before.pain, before.moment, before.session_id, before.timestamp) == (4, "before", "id1", T0)
    assert visit.step is Step.PLAYER and visit.started == T0

    _, summary = play_to_end(mini_routine)
    ended = T0 + timedelta(minutes=3)
    effects = visit.session_finished(summary, ended)
    (record,) = writes(effects)
    assert record == SessionRecord("id1", "mini", T0, ended, done=("knee_hug", "bridge"), completed=True)
    assert screen(effects) == AskRating("after")

    effects = visit.pain_rated(2, ended)
    (after,) = writes(effects)
    assert (after.pain, after.moment, after.session_id) == (2, "after", "id1")
    assert screen(effects) == Show(Step.DETAILS)
    assert visit.details_skipped() == (ShowSummary(summary, 4, 2),)
    assert visit.step is Step.SUMMARY
    assert visit.back_home() == (Show(Step.HOME),)


def test_safety_is_shown_until_accepted_and_then_remembered_at_home(visit, mini_routine):
    assert visit.start_requested(mini_routine, safety_remembered=False) == (Show(Step.SAFETY),)
    assert visit.safety_accepted() == (RememberSafety(), ReadPastSessions())
    assert visit.past_sessions_read([]) == (AskRating("before"),)
    assert visit.safety_accepted() == ()                        # a second tap: nothing more


def test_back_from_safety_goes_home_and_starts_nothing(visit, mini_routine):
    visit.start_requested(mini_routine)
    assert visit.back_home() == (Show(Step.HOME),)
    assert visit.pending is None
    assert visit.past_sessions_read([]) == ()                    # a late answer is dropped


def test_skipping_both_ratings_writes_nothing_and_goes_straight_to_the_summary(visit, mini_routine):
    effects = begin(visit, mini_routine)
    assert writes(effects) == []
    _, summary = play_to_end(mini_routine)
    visit.session_finished(summary, T0)
    effects = visit.rating_skipped(T0)
    assert effects == (ShowSummary(summary, None, None),)


def test_each_before_rating_begins_a_new_session_id(visit, mini_routine):
    begin(visit, mini_routine, before=3)
    visit.back_home()
    begin(visit, mini_routine, before=3)
    assert visit.session_id == "id2"


def test_the_voice_starts_the_routine_only_while_the_player_is_shown(visit, mini_routine):
    begin(visit, mini_routine)
    assert visit.voice_ready() == ()                             # started once
    visit.back_home()
    visit.start_requested(mini_routine, safety_remembered=True)
    visit.past_sessions_read([])
    visit.rating_skipped(T0)
    visit.back_home()                                            # left before the voice was ready
    assert visit.voice_ready() == ()


# -- it hurts -------------------------------------------------------------------------------------
def test_it_hurts_shows_where_rates_during_and_goes_back_to_the_player(visit, mini_routine):
    begin(visit, mini_routine)
    where, _ = play_to_end(mini_routine, hurt_on_first_side=True)
    assert (where.exercise, where.side) == ("knee_hug", "right")
    assert visit.hurt_pressed(where) == (ShowHurt("Knee hug", "right", "lying_rest"),)
    assert visit.rate_hurt_chosen() == (AskRating("during"),)
    effects = visit.pain_rated(7, T0 + timedelta(minutes=1))
    (during,) = writes(effects)
    assert (during.pain, during.moment, during.exercise, during.side, during.session_id) == (
        7, "during", "knee_hug", "right", "id1")
    assert screen(effects) == ShowHurt("Knee hug", "right", "lying_rest", pain=7)
    assert visit.skip_side_chosen() == (Show(Step.PLAYER), Control.SKIP_SIDE)
    assert visit.hurt_pressed(where) == (ShowHurt("Knee hug", "right", "lying_rest"),)
    assert visit.skip_exercise_chosen() == (Show(Step.PLAYER), Control.SKIP_EXERCISE)


def test_ending_after_a_hurt_records_it_and_asks_the_after_rating(visit, mini_routine):
    begin(visit, mini_routine)
    where, summary = play_to_end(mini_routine, hurt_on_first_side=True)
    visit.hurt_pressed(where)
    assert visit.end_chosen() == (Control.END,)
    effects = visit.session_finished(summary, T0 + timedelta(minutes=1))
    (record,) = writes(effects)
    assert record.hurt == ("knee_hug:right",) and record.completed is False
    assert screen(effects) == AskRating("after")


def test_it_hurts_while_the_voice_is_getting_ready_offers_only_the_end(visit, mini_routine):
    visit.start_requested(mini_routine, safety_remembered=True)
    visit.past_sessions_read([])
    visit.rating_skipped(T0)                                   # the player is shown, the voice not ready
    assert visit.hurt_pressed(None) == (Control.SILENCE, ShowHurt(None, None, "lying_rest"))
    assert visit.voice_ready() == ()                           # not on the player: it does not start
    assert visit.skip_side_chosen() == () and visit.skip_exercise_chosen() == ()
    assert visit.end_chosen() == (Show(Step.HOME),)


def test_a_hurt_the_controller_did_not_stop_at_shows_nothing(visit, mini_routine):
    begin(visit, mini_routine)
    assert visit.hurt_pressed(None) == ()
    assert visit.step is Step.PLAYER


# -- the skip offer -------------------------------------------------------------------------------
def hurt_twice(exercise="bridge"):
    return [SessionRecord(f"s{day}", "mini", T0 - timedelta(days=day), T0 - timedelta(days=day),
                          done=("knee_hug",), hurt=(exercise,)) for day in (2, 1)]


def test_an_exercise_that_hurt_twice_in_a_row_is_offered_and_left_out(visit, mini_routine):
    visit.start_requested(mini_routine, safety_remembered=True)
    assert visit.past_sessions_read(hurt_twice()) == (OfferSkip(("Bridge",)),)
    assert visit.step is Step.SKIP_OFFER and visit.offered == {"bridge"}
    assert visit.skip_offer_answered(leave_out=True) == (AskRating("before"),)
    (played,) = [e for e in visit.rating_skipped(T0) if isinstance(e, Play)]
    assert [e.id for e in played.routine.exercises] == ["knee_hug"]


def test_keeping_them_in_keeps_the_routine_whole(visit, mini_routine):
    visit.start_requested(mini_routine, safety_remembered=True)
    visit.past_sessions_read(hurt_twice())
    visit.skip_offer_answered(leave_out=False)
    assert visit.rating_skipped(T0) == (Play(mini_routine),)


def test_leaving_out_every_exercise_keeps_them_all(visit, mini_routine):
    sessions = [SessionRecord(f"s{day}", "mini", T0 - timedelta(days=day), T0, hurt=("bridge", "knee_hug"))
                for day in (2, 1)]
    visit.start_requested(mini_routine, safety_remembered=True)
    assert visit.past_sessions_read(sessions) == (OfferSkip(("Knee hug", "Bridge")),)
    visit.skip_offer_answered(leave_out=True)
    assert visit.rating_skipped(T0) == (Play(mini_routine),)


# -- the details ----------------------------------------------------------------------------------
def finished_and_rated_after(visit, routine, pain=6):
    begin(visit, routine, before=4)
    _, summary = play_to_end(routine)
    visit.session_finished(summary, T0 + timedelta(minutes=3))
    (after,) = writes(visit.pain_rated(pain, T0 + timedelta(minutes=4)))
    return after, summary


def test_details_complete_the_after_rating_in_its_place(visit, mini_routine):
    after, summary = finished_and_rated_after(visit, mini_routine)
    effects = visit.details_given("left", ["stairs"], "after the drive")
    (write, shown) = effects
    assert write.replaces == after
    assert write.record == PainRating(after.timestamp, 6, "after", side="left", worse_with=("stairs",),
                                      note="after the drive", session_id="id1")
    assert shown == ShowSummary(summary, 4, 6)
    assert visit.details_given("right", (), "") == ()          # a double tap on Done


def test_a_rating_given_while_the_clock_reads_before_the_build_date_is_marked(visit, mini_routine):
    from kiosk.core.clock import BUILD_DATE

    (good,) = writes(begin(visit, mini_routine, before=4))
    assert not good.clock_suspect
    visit.back_home()
    visit.start_requested(mini_routine, safety_remembered=True)
    visit.past_sessions_read([])
    (suspect,) = writes(visit.pain_rated(4, datetime(1970, 1, 1, tzinfo=timezone.utc)))
    assert suspect.clock_suspect and datetime(1970, 1, 1).date() < BUILD_DATE


def test_details_keep_the_clock_mark_of_the_rating_they_complete(visit, mini_routine):
    visit.start_requested(mini_routine, safety_remembered=True)
    visit.past_sessions_read([])
    early = datetime(1970, 1, 1, tzinfo=timezone.utc)
    visit.rating_skipped(early)
    visit.voice_ready()
    _, summary = play_to_end(mini_routine)
    visit.session_finished(summary, early)
    visit.pain_rated(5, early)
    (write, _) = visit.details_given(None, ["stairs"], "")
    assert write.record.clock_suspect and write.replaces.clock_suspect


def test_details_with_nothing_chosen_write_nothing(visit, mini_routine):
    _, summary = finished_and_rated_after(visit, mini_routine)
    assert visit.details_given(None, (), "") == (ShowSummary(summary, 4, 6),)


# -- home's side trips ----------------------------------------------------------------------------
def test_aerobic_minutes_are_written_and_home_follows(visit):
    assert visit.opened(Step.AEROBIC_LOG) == (Show(Step.AEROBIC_LOG),)
    effects = visit.aerobic_logged("walking", 30, T0)
    assert effects == (Write(AerobicEntry(T0, "walking", 30)), Show(Step.HOME))


def test_the_progress_summary_is_read_aloud_at_home_only_while_on_screen(visit, clinic):
    assert visit.read_aloud_requested("Your pain went down") == ()
    visit.opened(Step.PROGRESS)
    assert visit.read_aloud_requested("Your pain went down") == (Say("Your pain went down"),)
    clinic.attract_touched()
    clinic.signed_in(None)
    clinic.opened(Step.PROGRESS)
    assert clinic.read_aloud_requested("Your pain went down") == ()    # never in a waiting room


def test_only_side_trips_can_be_opened(visit):
    with pytest.raises(ValueError):
        visit.opened(Step.PLAYER)


# -- the clinic -----------------------------------------------------------------------------------
def test_clinic_sign_in_safety_per_person_and_sign_out_forgets_them(clinic, mini_routine):
    assert clinic.step is Step.ATTRACT
    assert clinic.start_requested(mini_routine) == ()          # nobody signed in yet
    assert clinic.attract_touched() == (Show(Step.SIGN_IN),)
    assert clinic.signed_in("p1") == (Show(Step.HOME), ReadPlan())    # a diary: its plan is read
    assert clinic.profile_id == "p1"
    assert clinic.start_requested(mini_routine, safety_remembered=True) == (Show(Step.SAFETY),)
    assert clinic.safety_accepted() == (ReadPastSessions(),)   # not remembered in the settings
    clinic.past_sessions_read([])
    clinic.pain_rated(5, T0)
    clinic.back_home()
    assert clinic.signed_out() == (Forget(), CloseDiary("p1"), Show(Step.ATTRACT))
    assert clinic.step is Step.ATTRACT and clinic.profile_id is None
    clinic.attract_touched()
    clinic.signed_in("p1")
    assert clinic.start_requested(mini_routine) == (Show(Step.SAFETY),)   # shown again for them


def test_a_guest_has_no_diary_to_close(clinic):
    clinic.attract_touched()
    clinic.signed_in(None)
    assert clinic.timed_out() == (Forget(), Show(Step.ATTRACT))


def test_a_new_diary_shows_its_number_then_signs_in(clinic):
    clinic.attract_touched()
    assert clinic.diary_created("p7") == (Show(Step.NEW_DIARY),)
    assert clinic.new_diary_noted() == (Show(Step.HOME), ReadPlan())
    assert clinic.profile_id == "p7" and clinic.new_diary is None


def test_leaving_while_a_new_diary_is_shown_closes_it(clinic):
    clinic.attract_touched()
    clinic.diary_created("p7")
    assert clinic.timed_out() == (Forget(), CloseDiary("p7"), Show(Step.ATTRACT))


def test_sign_in_answers_that_come_after_the_person_left_only_close_the_diary(clinic):
    clinic.attract_touched()
    clinic.timed_out()
    assert clinic.signed_in("p1") == (CloseDiary("p1"),)
    assert clinic.diary_created("p2") == (CloseDiary("p2"),)
    assert clinic.signed_in(None) == ()
    assert clinic.step is Step.ATTRACT and clinic.profile_id is None


def test_idle_reset_mid_session_forgets_the_visit_as_a_whole(clinic, mini_routine):
    clinic.attract_touched()
    clinic.signed_in("p1")
    clinic.start_requested(mini_routine)
    clinic.safety_accepted()
    clinic.past_sessions_read(hurt_twice())                    # offered: fills the offered set
    clinic.skip_offer_answered(leave_out=True)
    clinic.pain_rated(5, T0)
    clinic.voice_ready()
    where, summary = play_to_end(mini_routine, hurt_on_first_side=True)
    clinic.hurt_pressed(where)
    assert clinic.timed_out() == (Forget(), CloseDiary("p1"), Show(Step.ATTRACT))
    fresh = Visit(clinic=True, new_session_id=clinic._new_session_id)
    assert vars(clinic) == vars(fresh)                         # nothing left of the person: no field missed
    # and what the controller or a rating screen says late changes nothing
    assert clinic.session_finished(summary, T0) == ()
    assert clinic.pain_rated(3, T0) == () and clinic.voice_ready() == ()


def test_leaving_the_clinic_forgets_the_person_and_makes_an_ordinary_window(clinic, mini_routine):
    clinic.attract_touched()
    clinic.signed_in("p1")
    assert clinic.leave_clinic() == (Forget(), CloseDiary("p1"), Show(Step.HOME))
    assert not clinic.clinic and clinic.step is Step.HOME
    assert clinic.start_requested(mini_routine, safety_remembered=True) == (ReadPastSessions(),)


def test_entering_the_clinic_starts_at_the_attract_screen(visit, mini_routine):
    visit.start_requested(mini_routine)
    visit.enter_clinic()
    assert visit.clinic and visit.step is Step.ATTRACT and visit.pending is None


def test_importing_the_visit_loads_no_timeline_before_the_first_paint():
    import subprocess
    import sys

    probe = "import sys, kiosk.core.visit; print(sorted(m for m in sys.modules if m.startswith('kiosk')))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert "kiosk.core.visit" in loaded
    assert "kiosk.core.timeline" not in loaded and "kiosk.core.session" not in loaded
