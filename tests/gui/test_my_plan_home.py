"""My plan on the real home screen over real TinyDB files: offered first, played as prescribed, and after its
third good session a step up is proposed, held on the visit, and (accepted) kept in the diary."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from kiosk.core.loader import load_routines
from kiosk.core.plan import PLAN_ROUTINE_ID, Plan, PlanItem
from kiosk.core.records import PainRating, SessionRecord
from kiosk.paths import bundled_dir
from kiosk.services.plans import PlanService
from kiosk.ui.main_window import local_now
from test_player_flow import button
from test_records_flow import rate

LIBRARY = load_routines(bundled_dir("routines")).exercises
PLAN = Plan.in_library_order([PlanItem("knee_to_chest", 1, 1, "left", note="Gently")], LIBRARY)


def seed(store, good_sessions: int) -> None:
    """The plan, made ten days ago, and `good_sessions` sessions of it since (pain 2 before and after)."""
    now = local_now()
    data = store.open_profile("home", create=True)
    PlanService(store, LIBRARY).save("home", PLAN, what="Plan made", reason="First visit", by="staff",
                                     now=now - timedelta(days=10))
    for day in range(good_sessions, 0, -1):
        at, sid = now - timedelta(days=day), f"seed{day}"
        data.sessions.add(SessionRecord(sid, PLAN_ROUTINE_ID, at, at + timedelta(minutes=3), ("knee_to_chest",),
                                        completed=True))
        data.ratings.add(PainRating(at, 2, "before", session_id=sid))
        data.ratings.add(PainRating(at + timedelta(minutes=4), 2, "after", session_id=sid))


def test_my_plan_is_offered_first_and_plays_only_the_left_side(make_window, qtbot, store, bundled_routines):
    seed(store, 0)
    window = make_window(folder=bundled_routines, scale=100)
    qtbot.waitUntil(lambda: window.home.cards[0].routine.id == PLAN_ROUTINE_ID, timeout=10_000)
    card = window.home.cards[0]
    assert card.routine.title == "My plan" and window.home.selected() == PLAN_ROUTINE_ID
    assert [c.routine.id for c in window.home.cards[1:]] == list(window.library.routines)
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    rate(window, qtbot, 2)
    assert window.stack.currentWidget() is window.player
    cues = window.controller.session.timeline.cues
    assert {c.side for c in cues if c.exercise == "knee_to_chest"} == {"left"}
    assert window.visit.routine.id == PLAN_ROUTINE_ID


def test_a_third_good_session_proposes_a_step_up_and_accepting_keeps_it(make_window, qtbot, store, bundled_routines):
    seed(store, 2)
    window = make_window(folder=bundled_routines, scale=100)
    qtbot.waitUntil(lambda: window.visit.plan is not None, timeout=10_000)
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    rate(window, qtbot, 2)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.rating, timeout=30_000)
    rate(window, qtbot, 2)
    qtbot.mouseClick(button(window, "Done"), Qt.MouseButton.LeftButton)        # no details
    assert window.stack.currentWidget() is window.summary
    qtbot.waitUntil(lambda: window.visit.proposal is not None, timeout=10_000)
    proposal = window.visit.proposal
    assert proposal.kind == "step_up"
    assert proposal.what == "One knee to chest: 1 rep, hold 2 s, left side only (was 1 rep, hold 1 s, left side only)"
    window.do(window.visit.progression_answered(True))
    qtbot.waitUntil(lambda: window.visit.plan is not None and window.visit.plan.exercises[0].hold == 2,
                    timeout=10_000)
    store.writer.flush()
    service = PlanService(store, LIBRARY)
    assert service.plan("home").item("knee_to_chest").hold == 2
    assert [c.kind for c in service.history("home")] == ["set", "step_up"]
    assert service.history("home")[-1].by == "person"


def test_at_start_up_the_plan_comes_once_both_the_diary_and_the_routine_files_are_in(qtbot, store, speaker,
                                                                                      bundled_routines, tmp_path):
    """As the app starts: the home screen paints from the routine index, the diary opens on the writer,
    the routine files load in a later step; My plan appears after the last of these, whichever it is."""
    from kiosk.core.library import RoutineLibrary
    from kiosk.services.journal import Journal
    from kiosk.store.queued_settings import QueuedSettings
    from kiosk.ui.main_window import MainWindow

    seed(store, 0)
    store.close_profile("home")
    RoutineLibrary(bundled_routines, index_path=tmp_path / "index.json").choices()     # the index, as last start
    library = RoutineLibrary(bundled_routines, index_path=tmp_path / "index.json")
    journal = Journal.for_profile(lambda: store, "home")
    window = MainWindow(library, speaker, QueuedSettings(store.settings, store.writer), journal, time_scale=50)
    qtbot.addWidget(window)
    window.show()
    assert not library.is_loaded
    journal.open()
    qtbot.waitUntil(lambda: journal.is_ready, timeout=10_000)
    qtbot.wait(200)
    assert not library.is_loaded and window.visit.plan is None     # the routine files wait for their step
    library.result
    window.refresh_choices()
    qtbot.waitUntil(lambda: window.home.cards[0].routine.id == PLAN_ROUTINE_ID, timeout=10_000)


def test_print_handout_with_my_plan_chosen_prints_the_plan_with_its_notes_and_days(make_window, qtbot, store,
                                                                                    bundled_routines, tmp_path):
    from kiosk.ui.paper.print_action import HandoutPrinting
    from pdf_pages import need_poppler, pdf_text
    from test_handout_printing import PrintToFile

    need_poppler()
    seed(store, 0)
    window = make_window(folder=bundled_routines, scale=100)
    qtbot.waitUntil(lambda: window.home.selected() == PLAN_ROUTINE_ID, timeout=10_000)
    ask = PrintToFile(tmp_path / "plan.pdf")
    window.handout_printing = HandoutPrinting(window, ask=ask, default_printer=lambda: None)
    qtbot.mouseClick(button(window, "Print handout"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "saved as" in window.home.notice.text(), timeout=10_000)     # painted
    text = " ".join(pdf_text(tmp_path / "plan.pdf").split())
    assert "My plan" in text and "One knee to chest" in text and "Gently" in text
    assert f"Days a week: {PLAN.days_a_week}" in text and "left side only" in text.lower()


def test_the_report_for_my_doctor_sets_the_sessions_against_my_plans_days(make_window, qtbot, store,
                                                                          bundled_routines, tmp_path):
    from pdf_pages import need_poppler, pdf_text
    from test_visit_report_buttons import PdfStep

    need_poppler()
    seed(store, 3)
    window = make_window(folder=bundled_routines, scale=100)
    qtbot.waitUntil(lambda: window.home.selected() == PLAN_ROUTINE_ID, timeout=10_000)
    qtbot.mouseClick(button(window, "My progress"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.progress, timeout=10_000)
    step = PdfStep(tmp_path)
    window.progress._report_step = step
    qtbot.waitUntil(lambda: window.progress._plan_days == PLAN.days_a_week, timeout=10_000)   # read on the store's thread
    with qtbot.waitSignal(window.progress.report_printed, timeout=20_000):
        window.progress.print_report()
    assert step.calls == 1
    assert f"the plan asks for {PLAN.days_a_week} days a week" in pdf_text(tmp_path / "report-1.pdf")
