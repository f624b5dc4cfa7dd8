"""The plan screens on a real MainWindow over real TinyDB files: the progression offer after three good sessions
(accepted or declined), My plan by touch and by keyboard within the article's ranges, a locked plan shown
read-only, and the clinic's staff editor for a chosen diary."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QPoint, Qt

from kiosk.core.loader import load_routines
from kiosk.core.plan import Plan, PlanItem
from kiosk.core.plan_ranges import reps_range
from kiosk.core.visit import Step
from kiosk.services.plans import PlanService
from test_clinic_mode import ADMIN_PIN, make_clinic, sign_in_new, type_pin  # noqa: F401 - make_clinic: a fixture
from test_my_plan_home import LIBRARY, seed
from pdf_pages import need_poppler, pdf_text
from test_player_flow import button
from test_records_flow import rate


def play_the_plan(window, qtbot) -> None:
    """Start My plan, rate 2 before and after, no details: the summary."""
    qtbot.waitUntil(lambda: window.visit.plan is not None, timeout=10_000)
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    rate(window, qtbot, 2)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.rating, timeout=30_000)
    rate(window, qtbot, 2)
    qtbot.mouseClick(button(window, "Done"), Qt.MouseButton.LeftButton)


def offer_shown(window, qtbot):
    qtbot.waitUntil(lambda: "plan_screens" in window.__dict__ and window.plan_screens._offer is not None
                    and window.stack.currentWidget() is window.plan_screens.offer_screen, timeout=10_000)
    return window.plan_screens.offer_screen


def test_after_the_third_good_session_the_offer_says_what_and_why_and_yes_changes_the_plan(
        make_window, qtbot, store, bundled_routines):
    seed(store, 2)
    window = make_window(folder=bundled_routines, scale=100)
    play_the_plan(window, qtbot)
    offer = offer_shown(window, qtbot)
    assert offer.what.text() == ("One knee to chest: 1 rep, hold 2 s, left side only "
                                 "(was 1 rep, hold 1 s, left side only)")
    assert offer.reason.text().startswith("Why: 3 sessions in a row")
    assert offer.yes_button.size() == offer.no_button.size()           # no is as easy as yes
    qtbot.mouseClick(button(window, "Yes, change my plan"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.summary
    assert window.summary.plan_answer.text().startswith("Your plan was changed: One knee to chest")
    qtbot.waitUntil(lambda: window.visit.plan.exercises[0].hold == 2, timeout=10_000)
    store.writer.flush()
    service = PlanService(store, LIBRARY)
    assert service.plan("home").item("knee_to_chest").hold == 2
    assert [(c.kind, c.by) for c in service.history("home")] == [("set", "staff"), ("step_up", "person")]


def test_no_keeps_the_plan_as_it_is_and_the_answer_is_kept_in_the_history(make_window, qtbot, store,
                                                                         bundled_routines):
    seed(store, 2)
    window = make_window(folder=bundled_routines, scale=100)
    play_the_plan(window, qtbot)
    offer_shown(window, qtbot)
    qtbot.mouseClick(button(window, "No, keep it as it is"), Qt.MouseButton.LeftButton)
    assert window.summary.plan_answer.text() == "Your plan stays as it is."
    store.writer.flush()
    service = PlanService(store, LIBRARY)
    qtbot.waitUntil(lambda: len(service.history("home")) == 2, timeout=10_000)
    assert service.plan("home").item("knee_to_chest").hold == 1
    assert [c.kind for c in service.history("home")] == ["set", "declined_step_up"]
    window.do(window.visit.opened(Step.MY_PLAN))                     # and My plan shows the answer
    editor = window.plan_screens.editor
    qtbot.waitUntil(lambda: editor.history_box.count() == 2, timeout=10_000)
    assert editor.history_box.itemAt(0).widget().text().startswith(
        f"{datetime.now().astimezone():%d %b %Y}, by you: Declined: One knee to chest")


def open_my_plan(window, qtbot, label: str = "Change my plan"):
    qtbot.waitUntil(lambda: window.my_plan_button.text() == label, timeout=10_000)
    qtbot.mouseClick(button(window, label), Qt.MouseButton.LeftButton)
    editor = window.plan_screens.editor
    assert window.stack.currentWidget() is editor and window.visit.step is Step.MY_PLAN
    qtbot.waitUntil(lambda: editor.cards["knee_to_chest"].isVisible(), timeout=10_000)
    return editor


def save_plan(window, qtbot, editor) -> None:
    assert editor.save_button.isEnabled()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.notice.text() == "Saved.", timeout=10_000)


def test_my_plan_by_touch_within_the_ranges_saved_and_there_in_a_new_window(make_window, qtbot, store,
                                                                           bundled_routines):
    seed(store, 0)
    window = make_window(folder=bundled_routines, scale=100)
    editor = open_my_plan(window, qtbot)
    knee = editor.cards["knee_to_chest"]
    assert knee.include.isChecked() and knee.reps.value == 1 and knee.note_label.text().endswith("Gently")
    assert knee.cautions.isVisible() and knee.cautions.text().startswith("Take care: Move only as far")
    qtbot.mouseClick(knee.reps.minus_button, Qt.MouseButton.LeftButton)         # already at 1: stays
    assert knee.reps.value == 1 and not knee.reps.minus_button.isEnabled()
    qtbot.mouseClick(knee.hold.plus_button, Qt.MouseButton.LeftButton)
    assert knee.hold.value == 2
    bridge = editor.cards["bridge"]                                             # article: 8 to 10
    assert not bridge.include.isChecked()
    qtbot.mouseClick(bridge.include, Qt.MouseButton.LeftButton)
    assert bridge.reps.range_label.text() == "article: 8 to 10" and bridge.reps.value == 8
    for _ in range(4):
        qtbot.mouseClick(bridge.reps.plus_button, Qt.MouseButton.LeftButton)
    assert bridge.reps.value == 10 == reps_range(LIBRARY["bridge"]).high          # clamped at the top
    assert not bridge.reps.plus_button.isEnabled()
    qtbot.mouseClick(editor.days.plus_button, Qt.MouseButton.LeftButton)
    save_plan(window, qtbot, editor)
    store.writer.flush()
    saved = PlanService(store, LIBRARY).plan("home")
    assert [(i.exercise, i.reps, i.hold, i.sides) for i in saved.items] == [
        ("knee_to_chest", 1, 2, "left"), ("bridge", 10, 5, "each")]               # the library's order
    assert saved.days_a_week == 4
    history = PlanService(store, LIBRARY).history("home")
    assert history[-1].by == "person" and "Bridge: added, 10 reps, hold 5 s" in history[-1].what
    qtbot.mouseClick(editor.back_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home
    qtbot.waitUntil(lambda: [e.id for e in window.visit.plan.exercises] == ["knee_to_chest", "bridge"],
                    timeout=10_000)

    window.close()
    again = make_window(folder=bundled_routines, scale=100)                     # the same data folder
    editor = open_my_plan(again, qtbot)
    assert editor.cards["bridge"].reps.value == 10 and editor.cards["knee_to_chest"].hold.value == 2
    assert editor.days.value == 4
    assert editor.history_box.count() == 2


def test_back_with_changes_not_saved_asks_first_and_leaving_keeps_the_saved_plan(make_window, qtbot, store,
                                                                                 bundled_routines):
    seed(store, 0)
    window = make_window(folder=bundled_routines, scale=100)
    editor = open_my_plan(window, qtbot)
    qtbot.mouseClick(editor.back_button, Qt.MouseButton.LeftButton)               # nothing changed: straight back
    assert window.stack.currentWidget() is window.home and not editor.leave.isVisible()
    editor = open_my_plan(window, qtbot)
    knee = editor.cards["knee_to_chest"]
    qtbot.mouseClick(knee.hold.plus_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.back_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is editor and editor.leave.isVisible()
    assert editor.leave_question.text() == "Your changes are not saved yet."
    assert editor.keep_editing_button.hasFocus()                                  # the safe answer first
    assert not editor.save_button.isVisible()                                     # the question in the row's place
    qtbot.keyClick(editor.keep_editing_button, Qt.Key.Key_Space)                  # by keyboard too
    assert not editor.leave.isVisible() and knee.hold.value == 2
    assert editor.save_button.isVisible() and editor.save_button.isEnabled()
    qtbot.mouseClick(editor.back_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.leave_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home
    store.writer.flush()
    assert PlanService(store, LIBRARY).plan("home").item("knee_to_chest").hold == 1    # as it was saved
    editor = open_my_plan(window, qtbot)
    assert editor.cards["knee_to_chest"].hold.value == 1 and not editor.leave.isVisible()


def test_my_plan_by_keyboard_clamps_at_the_range_ends_and_saves(make_window, qtbot, store, bundled_routines):
    seed(store, 0)
    window = make_window(folder=bundled_routines, scale=100)
    editor = open_my_plan(window, qtbot)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)                                      # keys go to the focus
    knee = editor.cards["knee_to_chest"]
    knee.hold.setFocus(Qt.FocusReason.TabFocusReason)
    for key in (Qt.Key.Key_Plus, Qt.Key.Key_Up, Qt.Key.Key_Right):
        qtbot.keyClick(knee.hold, key)
    assert knee.hold.value == 4
    for _ in range(6):
        qtbot.keyClick(knee.hold, Qt.Key.Key_Minus)
    assert knee.hold.value == 1                                                  # the low end: 1 s
    qtbot.keyClick(knee.hold, Qt.Key.Key_Plus)
    ball = editor.cards["ball_squeeze"]                                         # article: 3 to 5
    ball.include.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(ball.include, Qt.Key.Key_Return)                             # Enter: in the plan
    assert ball.include.isChecked()
    ball.include.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(ball.include, Qt.Key.Key_Tab)                                # Tab: on to its reps
    assert ball.reps.hasFocus()
    for _ in range(5):
        qtbot.keyClick(ball.reps, Qt.Key.Key_Plus)
    assert ball.reps.value == 5                                                  # the article's top
    editor.save_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(editor.save_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.notice.text() == "Saved.", timeout=10_000)
    store.writer.flush()
    saved = PlanService(store, LIBRARY).plan("home")
    assert saved.item("knee_to_chest").hold == 2 and saved.item("ball_squeeze").reps == 5


def test_a_locked_plan_is_shown_read_only_at_home_with_the_reason(make_window, qtbot, store, bundled_routines):
    seed(store, 0)
    PlanService(store, LIBRARY).set_locked("home", True, now=datetime.now(timezone.utc))
    window = make_window(folder=bundled_routines, scale=100)
    editor = open_my_plan(window, qtbot)
    qtbot.waitUntil(lambda: "locked by staff" in editor.notice.text(), timeout=10_000)
    assert "(Staff decided)" in editor.notice.text()
    knee = editor.cards["knee_to_chest"]
    assert not editor.save_button.isVisible() and not knee.include.isVisible()
    assert not knee.reps.minus_button.isVisible() and not knee.reps.isEnabled()
    assert knee.sides_words.text() == "Left side only" and knee.cautions.isVisible()
    assert not editor.cards["bridge"].isVisible()                               # only what is in the plan
    qtbot.keyClick(knee.reps, Qt.Key.Key_Plus)
    assert knee.reps.value == 1


def _print_to(window, *, dialog_pdf=None, printer_pdf=None):
    """Print handout without a real dialog or printer: the dialog "prints to file" `dialog_pdf`; the
    default printer is a PDF at `printer_pdf`."""
    from PySide6.QtPrintSupport import QPrinter

    from kiosk.ui.paper.print_action import HandoutPrinting
    from test_handout_printing import PrintToFile

    def default_printer():
        if printer_pdf is None:
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printer_pdf))
        return printer
    ask = PrintToFile(dialog_pdf or "unused.pdf")
    window.handout_printing = HandoutPrinting(window, ask=ask, default_printer=default_printer)
    return ask


def test_my_plan_prints_its_handout_as_saved(make_window, qtbot, store, bundled_routines, tmp_path):
    need_poppler()
    seed(store, 0)
    window = make_window(folder=bundled_routines, scale=100)
    editor = open_my_plan(window, qtbot)
    qtbot.waitUntil(lambda: editor.print_button.isVisible(), timeout=10_000)
    ask = _print_to(window, dialog_pdf=tmp_path / "mine.pdf")
    editor.print_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(editor.print_button, Qt.Key.Key_Space)                      # by keyboard
    assert ask.asked == [window]                                                 # at home: the print dialog
    assert editor.notice.text().startswith("Printing the handout for")           # while it is painted
    qtbot.waitUntil(lambda: "saved as" in editor.notice.text(), timeout=10_000)
    text = " ".join(pdf_text(tmp_path / "mine.pdf").split())
    assert "One knee to chest" in text and "left side only" in text.lower()
    assert "saved as" in editor.notice.text()


def test_no_plan_yet_one_starts_from_a_routine(make_window, qtbot, store, bundled_routines):
    window = make_window(folder=bundled_routines, scale=100)
    qtbot.waitUntil(lambda: window.journal.is_ready, timeout=10_000)
    editor = open_my_plan(window, qtbot, "Make my plan")
    assert editor.starter.isVisible() and not editor.save_button.isEnabled()
    qtbot.mouseClick(editor.routine_buttons["gentle-start"], Qt.MouseButton.LeftButton)
    wanted = [e.id for e in window.library.routines["gentle-start"].exercises]
    assert [i.exercise for i in editor.edited_plan().items] == [e for e in LIBRARY if e in wanted]
    save_plan(window, qtbot, editor)
    qtbot.waitUntil(lambda: window.my_plan_button.text() == "Change my plan", timeout=10_000)
    store.writer.flush()
    assert PlanService(store, LIBRARY).history("home")[0].what.startswith("Plan made:")


def test_staff_set_reps_a_note_and_the_lock_for_a_chosen_diary(make_clinic, qtbot, store, mini_folder, tmp_path):
    clinic = make_clinic()
    window = clinic.window
    library = load_routines(mini_folder).exercises
    profile_id = sign_in_new(qtbot, clinic, "2468")
    qtbot.mouseClick(button(window, "Sign out"), Qt.MouseButton.LeftButton)
    first = next(iter(library))
    store.writer.submit(PlanService(store, library).save, profile_id,
                        Plan.in_library_order([PlanItem(first, 1, 2)], library), what="Plan made",
                        reason="First visit", by="staff", now=datetime.now(timezone.utc) - timedelta(days=1)
                        ).result(timeout=10)
    for _ in range(5):
        qtbot.mouseClick(window.stack.currentWidget(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    type_pin(qtbot, clinic.unlock.pad, ADMIN_PIN)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.admin, timeout=10_000)
    assert clinic.admin.select_profile(profile_id)
    qtbot.mouseClick(clinic.admin.plan_button, Qt.MouseButton.LeftButton)
    editor = clinic.staff_plans.editor
    assert window.stack.currentWidget() is editor and editor.staff
    card = editor.cards[first]
    qtbot.waitUntil(lambda: card.include.isChecked(), timeout=10_000)
    assert card.reps.range_label.text()                                         # the range beside the number
    qtbot.mouseClick(card.reps.plus_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(card.reps.plus_button, Qt.MouseButton.LeftButton)
    picks = [b for b in card.note_picks.findChildren(type(card.reps.plus_button)) if b.text() == "Go gently"]
    qtbot.mouseClick(picks[0], Qt.MouseButton.LeftButton)
    assert card.note_edit.text() == "Go gently"
    qtbot.mouseClick(editor.lock_chip, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.notice.text().startswith("Saved."), timeout=10_000)
    saved = store.writer.submit(PlanService(store, library).plan, profile_id).result(timeout=10)
    assert saved.locked and saved.item(first).reps == min(3, card.reps.number_range.high)
    assert saved.item(first).note == "Go gently"
    history = store.writer.submit(PlanService(store, library).history, profile_id).result(timeout=10)
    assert history[-1].by == "staff" and "Locked by staff" in history[-1].what and "note changed" in history[-1].what
    handout = _print_to(window, printer_pdf=tmp_path / "staff.pdf")        # the kiosk: default printer, no dialog
    qtbot.mouseClick(editor.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "was saved as" in editor.notice.text(), timeout=10_000)      # painted
    text = " ".join(pdf_text(tmp_path / "staff.pdf").split())
    number = store.profiles.get(profile_id).number
    assert f"Diary number: {number[:4]} {number[4:]}" in text and "Go gently" in text and not handout.asked
    qtbot.mouseClick(editor.back_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is clinic.admin
    qtbot.mouseClick(button(window, "Back to the kiosk"), Qt.MouseButton.LeftButton)
    assert clinic.staff_plans.profile_id is None and editor.history_box.count() == 0      # nothing stays
    assert not any(card.include.isChecked() for card in editor.cards.values())


def test_in_the_clinic_a_signed_in_diary_makes_its_plan_and_sign_out_leaves_nothing_on_screen(
        make_clinic, qtbot, store, mini_folder):
    clinic = make_clinic()
    window = clinic.window
    profile_id = sign_in_new(qtbot, clinic, "1357")
    qtbot.mouseClick(button(window, "Make my plan"), Qt.MouseButton.LeftButton)
    editor = window.plan_screens.editor
    qtbot.waitUntil(lambda: editor.starter.isVisible(), timeout=10_000)
    routine_id = next(iter(window.library.routines))
    qtbot.mouseClick(editor.routine_buttons[routine_id], Qt.MouseButton.LeftButton)
    save_plan(window, qtbot, editor)
    library = load_routines(mini_folder).exercises
    saved = store.writer.submit(PlanService(store, library).plan, profile_id).result(timeout=10)
    assert saved is not None and saved.items
    assert store.writer.submit(PlanService(store, library).history, profile_id).result(timeout=10)[0].by == "person"
    qtbot.mouseClick(editor.back_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(window, "Sign out"), Qt.MouseButton.LeftButton)
    assert not any(card.include.isChecked() for card in editor.cards.values())
    assert editor.history_box.count() == 0 and window.my_plan_button.text() == "Make my plan"
