"""The clinic kiosk offers a diary's plan first once that person signs in, and forgets it when they leave."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import Qt

from kiosk.core.loader import load_routines
from kiosk.core.plan import PLAN_ROUTINE_ID, Plan, PlanItem
from kiosk.services.plans import PlanService
from test_clinic_mode import make_clinic, sign_in, sign_in_new  # noqa: F401 - make_clinic is a fixture
from test_player_flow import button


def card_ids(clinic) -> list[str]:
    return [card.routine.id for card in clinic.window.home.cards]


def test_my_plan_first_after_sign_in_and_gone_after_sign_out(make_clinic, qtbot, store, mini_folder):
    clinic = make_clinic()
    profile_id = sign_in_new(qtbot, clinic, "2468")
    number = clinic.test_number
    assert PLAN_ROUTINE_ID not in card_ids(clinic)                  # a new diary has no plan
    qtbot.mouseClick(button(clinic.window, "Sign out"), Qt.MouseButton.LeftButton)
    store.writer.flush()
    library = load_routines(mini_folder).exercises
    plan = Plan.in_library_order([PlanItem("bridge", 2, 3), PlanItem("knee_hug", 1, 2, "right")], library)
    store.writer.submit(PlanService(store, library).save, profile_id, plan, what="Plan made", reason="Staff",
                        by="staff", now=datetime.now(timezone.utc)).result(timeout=10)

    sign_in(qtbot, clinic, number, "2468")
    qtbot.waitUntil(lambda: card_ids(clinic)[:1] == [PLAN_ROUTINE_ID], timeout=10_000)
    assert clinic.window.home.selected() == PLAN_ROUTINE_ID
    assert [e.id for e in clinic.window.visit.plan.exercises] == ["knee_hug", "bridge"]    # the library's order
    qtbot.mouseClick(button(clinic.window, "Sign out"), Qt.MouseButton.LeftButton)
    assert PLAN_ROUTINE_ID not in card_ids(clinic) and clinic.window.visit.plan is None

    qtbot.mouseClick(clinic.attract, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(clinic.sign_in.guest_button, Qt.MouseButton.LeftButton)
    assert PLAN_ROUTINE_ID not in card_ids(clinic)                  # a guest has none
