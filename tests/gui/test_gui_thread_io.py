"""The GUI thread never waits for a disk: no fsync, replace, file write, scrypt or Future wait on it in the home flows."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from kiosk.core.loader import load_routines
from kiosk.core.records import PainRating
from kiosk.store.queued_settings import QueuedSettings
from kiosk.services.journal import Journal
from kiosk.ui.main_window import MainWindow
from main_thread_io import MainThreadIO, watch_disk_waits
from test_player_flow import button


@pytest.fixture
def gui_thread_io(monkeypatch):
    """Wraps os.fsync, os.replace, os.open/open for writing, hashlib.scrypt, Future.result and the
    Qt picture writers; turn `watching` on for the flow under test, then `check()`."""
    guard = MainThreadIO()
    watch_disk_waits(guard, monkeypatch.setattr)
    return guard


def named(screen, name: str) -> QAbstractButton:
    found = [b for b in screen.findChildren(QAbstractButton) if b.accessibleName() == name and b.isVisible()]
    assert len(found) == 1, f"{len(found)} buttons named {name!r}"
    return found[0]


@pytest.fixture
def home(qtbot, store, speaker, mini_folder):
    """The home window as the app builds it: queued settings, a journal that opens its profile on the writer."""
    def build(accepted=True):
        settings = QueuedSettings(store.settings, store.writer)
        if accepted:
            settings.set("safety.accepted", True)
        store.writer.flush()
        window = MainWindow(load_routines(mini_folder), speaker, settings,
                            Journal.for_profile(lambda: store, "home"), time_scale=200,
                            picture_folder=store.folder / "pictures")
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return build


def rate(qtbot, window, pain: int) -> None:
    """Touch a number; confirm it as the undo timer would, 3 s later (the clinic's idle timer is short here)."""
    qtbot.mouseClick(window.rating.rating_button(pain), Qt.MouseButton.LeftButton)
    window.rating.confirm_pending()
    assert window.stack.currentWidget() is not window.rating


def test_the_guard_sees_a_wait_on_the_gui_thread(gui_thread_io, store):
    gui_thread_io.watching = True
    store.settings.set("look.large_text", True)              # a synchronous store write, as it used to be
    store.writer.flush()
    gui_thread_io.watching = False
    assert any(call.startswith("fsync") for call in gui_thread_io.calls)
    assert any(call.startswith("Future.result") for call in gui_thread_io.calls)
    with pytest.raises(AssertionError):
        gui_thread_io.check()


def test_the_guard_sees_a_handout_or_a_report_painted_on_the_gui_thread(gui_thread_io, qapp, bundled_routines,
                                                                       tmp_path):
    """Qt writes the PDF (or the print job) inside the painting, where no wrapper above can see it."""
    from kiosk.ui.paper.handout import write_handout
    from kiosk.ui.paper.report import report_content, write_report_pdf

    gui_thread_io.watching = True
    write_handout(tmp_path / "handout.pdf", load_routines(bundled_routines).routines["floor"])
    write_report_pdf(tmp_path / "report.pdf", report_content([], diary_number=None, today=date(2021, 3, 1)))
    gui_thread_io.watching = False
    assert any(call.startswith("paint_handout") for call in gui_thread_io.calls)
    assert any(call.startswith("paint_report") for call in gui_thread_io.calls)


def test_safety_ratings_details_and_session_never_wait_on_the_gui_thread(qtbot, home, store, gui_thread_io):
    window = home(accepted=False)
    gui_thread_io.watching = True
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.safety, timeout=5000)
    qtbot.mouseClick(window.safety.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.rating, timeout=5000)
    rate(qtbot, window, 4)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.rating, timeout=20_000)   # the session ran
    rate(qtbot, window, 6)
    qtbot.mouseClick(window.details.side_button("left"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(window, "Done"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.summary
    gui_thread_io.watching = False
    gui_thread_io.check()
    store.writer.flush()
    ratings = store.open_profile("home").ratings.list()
    assert [(r.pain, r.moment, r.side) for r in ratings] == [(4, "before", None), (6, "after", "left")]
    assert store.open_profile("home").sessions.count() == 1
    assert store.settings.get("safety.accepted") is True


def test_the_aerobic_log_the_look_and_the_voice_never_wait_on_the_gui_thread(qtbot, home, store, gui_thread_io):
    window = home()
    gui_thread_io.watching = True
    qtbot.mouseClick(button(window, "Log activity"), Qt.MouseButton.LeftButton)
    screen = window.aerobic_log
    qtbot.mouseClick(named(screen, "Cycling"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(named(screen, "+5"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(named(screen, "Save"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.home.contrast_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(window, "Voice"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(named(window.voice, "Slow"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(named(window.voice, "Quieter"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(named(window.voice, "Done"), Qt.MouseButton.LeftButton)
    gui_thread_io.watching = False
    gui_thread_io.check()
    store.writer.flush()
    assert [(e.activity, e.minutes) for e in store.open_profile("home").aerobic.list()] == [("cycling", 5)]
    assert store.settings.get("look.high_contrast") is True
    assert store.settings.as_dict().keys() >= {"look.high_contrast", "safety.accepted"}
    assert len(store.settings.as_dict()) >= 3                                   # the voice choices too


def test_progress_its_picture_and_my_data_never_wait_on_the_gui_thread(qtbot, home, store, gui_thread_io):
    profile = store.open_profile("home", create=True)
    t0 = datetime.now(timezone.utc).astimezone() - timedelta(days=20)
    profile.ratings.add_many(PainRating(t0 + timedelta(days=day), 6 - day % 4, "before") for day in range(20))
    window = home()
    gui_thread_io.watching = True
    qtbot.mouseClick(button(window, "My progress"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.progress, timeout=5000)
    with qtbot.waitSignal(window.progress.picture_saved, timeout=10_000) as saved:
        qtbot.mouseClick(named(window.progress, "Save picture"), Qt.MouseButton.LeftButton)
    window.go_home()
    qtbot.mouseClick(button(window, "My data"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.my_data, timeout=5000)
    assert "20 pain ratings" in window.my_data.held.text()
    qtbot.mouseClick(window.my_data.delete_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.journal.erase_finished, timeout=10_000):
        qtbot.mouseClick(window.my_data.confirm_button, Qt.MouseButton.LeftButton)
    gui_thread_io.watching = False
    gui_thread_io.check()
    assert os.path.getsize(saved.args[0]) > 1000                                # a real PNG was written
    assert "deleted" in window.my_data.held.text()
    assert not store.profiles.exists("home")


def started_clinic(qtbot, store, speaker, mini_folder, **options):
    """A clinic kiosk on the store (settings saved on its writer, the staff PIN set), shown and started."""
    from kiosk.core.admin_pin import AdminPinPolicy
    from kiosk.ui.clinic import ClinicMode
    from test_clinic_mode import ADMIN_PIN

    settings = QueuedSettings(store.settings, store.writer)
    AdminPinPolicy(settings).set_pin(ADMIN_PIN)
    window = MainWindow(load_routines(mini_folder), speaker, settings, Journal(), time_scale=20)
    qtbot.addWidget(window)
    window.resize(1024, 600)
    clinic = ClinicMode(window, store, **options)
    window.show()
    qtbot.waitExposed(window)
    clinic.start()
    window.activateWindow()
    return clinic


def test_a_guest_visit_with_it_hurts_and_the_idle_reset_never_waits_on_the_gui_thread(
        qtbot, store, speaker, mini_folder, gui_thread_io):
    """The clinic's flows apart from signing in with a PIN (its own rework) and the staff screens."""
    from PySide6.QtCore import QPoint

    clinic = started_clinic(qtbot, store, speaker, mini_folder, idle_timeout=3, warning_seconds=0.5)
    window = clinic.window
    try:
        gui_thread_io.watching = True
        qtbot.mouseClick(clinic.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
        qtbot.mouseClick(clinic.sign_in.guest_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(window.safety.continue_button, Qt.MouseButton.LeftButton)
        rate(qtbot, window, 3)
        qtbot.waitUntil(lambda: window.controller.session is not None, timeout=5000)
        qtbot.keyClick(window.player, Qt.Key.Key_H)
        qtbot.mouseClick(window.hurt.rate_button, Qt.MouseButton.LeftButton)
        rate(qtbot, window, 7)
        qtbot.mouseClick(window.hurt.skip_exercise_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.rating, timeout=20_000)
        rate(qtbot, window, 5)                                   # after: then walk away
        qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.attract, timeout=10_000)
        gui_thread_io.watching = False
        gui_thread_io.check()
    finally:
        clinic.leave()


def test_new_diary_sign_in_and_the_staff_export_and_delete_never_wait_on_the_gui_thread(
        qtbot, store, speaker, mini_folder, tmp_path, gui_thread_io):
    """The clinic's own store work: a new diary, signing in by number and PIN, sign-out, the staff PIN,
    a diary's export and its delete: all on the store's thread, answered back to the screens."""
    from PySide6.QtCore import QPoint

    from test_clinic_mode import ADMIN_PIN, sign_in, sign_in_new, type_pin

    from kiosk.ui.widgets.drive_choice import Volume

    clinic = started_clinic(qtbot, store, speaker, mini_folder, idle_timeout=600,
                            volumes=lambda: [Volume(tmp_path, "USB")])      # a tmp folder posing as a drive
    window = clinic.window
    try:
        gui_thread_io.watching = True
        profile_id = sign_in_new(qtbot, clinic, "4826")
        number = clinic.test_number
        qtbot.mouseClick(clinic.sign_out_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.attract, timeout=5_000)
        sign_in(qtbot, clinic, number, "4826")
        qtbot.waitUntil(lambda: clinic.profile_id == profile_id, timeout=5_000)
        qtbot.mouseClick(clinic.sign_out_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.attract, timeout=5_000)
        for _ in range(5):                                      # the staff gesture, then the staff PIN
            qtbot.mouseClick(window.stack.currentWidget(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
        type_pin(qtbot, clinic.unlock.pad, ADMIN_PIN)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.admin, timeout=5_000)
        clinic.admin.select_profile(profile_id)
        with qtbot.waitSignal(clinic.admin.profile_exported, timeout=10_000) as exported:
            qtbot.mouseClick(clinic.admin.export_button, Qt.MouseButton.LeftButton)
        assert (tmp_path / f"pain-diary-{profile_id}.csv").is_file() and exported.args[0] == profile_id
        qtbot.mouseClick(clinic.admin.delete_button, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(clinic.profiles_listed, timeout=10_000):
            qtbot.mouseClick(clinic.admin.confirm_delete_button, Qt.MouseButton.LeftButton)
        gui_thread_io.watching = False
        gui_thread_io.check()
        assert not store.profiles.exists(profile_id)
        assert not (tmp_path / f"pain-diary-{profile_id}.csv").exists()
    finally:
        clinic.leave()


def test_my_plan_the_handout_the_report_the_language_and_voice_commands_never_wait_on_the_gui_thread(
        qtbot, store, speaker, bundled_routines, tmp_path, gui_thread_io):
    """The newer home flows: My plan read and saved, its handout printed, the report for my doctor, the
    language switched there and back, the voice-command switch turned on (the Voice screen; whether this
    machine has a microphone is for tests/gui/test_voice_listening.py)."""
    from kiosk.core.plan import PLAN_ROUTINE_ID, Plan, PlanItem
    from kiosk.services.plans import PlanService
    from kiosk.ui.language import current_language
    from kiosk.ui.paper.print_action import HandoutPrinting
    from kiosk.ui.voice_listening import PERSON_WANTS
    from test_handout_printing import PrintToFile
    from test_visit_report_buttons import PdfStep

    made: dict = {}

    def library_for(code: str):          # one per language, loaded (read only) on first use, as the app does
        if code not in made:
            made[code] = load_routines(bundled_routines, language=code)
        return made[code]

    library = library_for("en")
    plan = Plan.in_library_order([PlanItem("knee_to_chest", 2, 2, "left", note="Gently")], library.exercises)
    store.open_profile("home", create=True)
    PlanService(store, library.exercises).save("home", plan, what="Plan made", reason="First visit", by="staff",
                                               now=datetime.now(timezone.utc).astimezone())
    settings = QueuedSettings(store.settings, store.writer)
    settings.set("safety.accepted", True)
    store.writer.flush()
    gui_thread_io.watching = True
    window = MainWindow(library, speaker, settings, Journal.for_profile(lambda: store, "home"), time_scale=200,
                        library_for=library_for)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.journal.open()                                   # as after the first paint: the diary on the writer
    window.refresh_choices()
    qtbot.waitUntil(lambda: window.home.selected() == PLAN_ROUTINE_ID, timeout=10_000)     # read on the writer
    window.handout_printing = HandoutPrinting(window, ask=PrintToFile(tmp_path / "plan.pdf"),
                                              default_printer=lambda: None)
    qtbot.mouseClick(button(window, "Print handout"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "was saved as" in window.home.notice.text(), timeout=10_000)
    qtbot.mouseClick(window.my_plan_button, Qt.MouseButton.LeftButton)                    # Change my plan
    editor = window.plan_screens.editor
    qtbot.waitUntil(lambda: editor.print_button.isVisible(), timeout=10_000)        # read on the writer
    editor.days.step_up()                                   # a day more a week
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.notice.text() == "Saved.", timeout=10_000)       # saved on the writer
    window.go_home()
    qtbot.mouseClick(button(window, "My progress"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.progress, timeout=10_000)
    step = PdfStep(tmp_path)
    window.progress._report_step = step
    qtbot.waitUntil(lambda: window.progress._plan_days == plan.days_a_week + 1, timeout=10_000)   # as saved above
    with qtbot.waitSignal(window.progress.report_printed, timeout=20_000):
        window.progress.print_report()
    window.go_home()
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)               # Español
    assert current_language() == "es"
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)               # and back
    assert current_language() == "en"
    window.listening._unavailable = ""                      # as on a machine with a microphone
    qtbot.mouseClick(button(window, "Voice"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(named(window.voice, "Listen for my voice"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(named(window.voice, "Done"), Qt.MouseButton.LeftButton)
    window.listening.close()
    gui_thread_io.watching = False
    gui_thread_io.check()
    store.writer.flush()
    assert step.calls == 1 and (tmp_path / "report-1.pdf").stat().st_size > 1000
    assert store.settings.get(PERSON_WANTS) is True and store.settings.get("language") == "en"
    assert PlanService(store, library.exercises).plan("home").days_a_week == plan.days_a_week + 1


def test_the_staff_plan_its_handout_the_report_the_fhir_export_and_the_language_never_wait_on_the_gui_thread(
        qtbot, store, speaker, mini_folder, tmp_path, gui_thread_io):
    """The newer clinic flows: Spanish at sign-in, a new diary, the staff's plan editor saving a plan, its
    handout on the default printer, the visit report and the FHIR export onto the drive."""
    from PySide6.QtCore import QPoint

    from kiosk.ui.language import current_language
    from kiosk.ui.widgets.drive_choice import Volume
    from test_clinic_mode import ADMIN_PIN, type_pin
    from test_plan_screens import _print_to

    drive = tmp_path / "usb"
    drive.mkdir()
    clinic = started_clinic(qtbot, store, speaker, mini_folder, idle_timeout=600,
                            volumes=lambda: [Volume(drive, "USB")])
    window = clinic.window
    try:
        gui_thread_io.watching = True
        qtbot.mouseClick(clinic.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
        qtbot.mouseClick(clinic.sign_in.language_button, Qt.MouseButton.LeftButton)       # Español
        assert current_language() == "es"
        qtbot.mouseClick(clinic.sign_in.language_button, Qt.MouseButton.LeftButton)       # and back
        assert current_language() == "en"
        qtbot.mouseClick(clinic.sign_in.new_button, Qt.MouseButton.LeftButton)             # New diary
        type_pin(qtbot, clinic.sign_in.pad, "2468")
        type_pin(qtbot, clinic.sign_in.pad, "2468")
        qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.new_diary, timeout=5_000)
        qtbot.mouseClick(clinic.new_diary.continue_button, Qt.MouseButton.LeftButton)
        profile_id = clinic.profile_id
        qtbot.mouseClick(clinic.sign_out_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.attract, timeout=5_000)
        for _ in range(5):
            qtbot.mouseClick(window.stack.currentWidget(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
        type_pin(qtbot, clinic.unlock.pad, ADMIN_PIN)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is clinic.admin, timeout=10_000)
        assert clinic.admin.select_profile(profile_id)
        qtbot.mouseClick(clinic.admin.plan_button, Qt.MouseButton.LeftButton)
        editor = clinic.staff_plans.editor
        qtbot.waitUntil(lambda: editor.starter.isVisible(), timeout=10_000)                 # read: no plan yet
        qtbot.mouseClick(next(iter(editor.routine_buttons.values())), Qt.MouseButton.LeftButton)   # from a routine
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: editor.notice.text().startswith("Saved."), timeout=10_000)
        _print_to(window, printer_pdf=tmp_path / "staff.pdf")              # the kiosk's default printer
        qtbot.mouseClick(editor.print_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "was saved as" in editor.notice.text(), timeout=10_000)
        assert (tmp_path / "staff.pdf").stat().st_size > 1000
        qtbot.mouseClick(editor.back_button, Qt.MouseButton.LeftButton)
        assert clinic.admin.select_profile(profile_id)
        with qtbot.waitSignal(clinic.admin.profile_reported, timeout=20_000) as reported:
            qtbot.mouseClick(clinic.admin.report_button, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(clinic.admin.profile_exported, timeout=10_000) as exported:
            qtbot.mouseClick(clinic.admin.fhir_button, Qt.MouseButton.LeftButton)
        gui_thread_io.watching = False
        gui_thread_io.check()
        assert reported.args[1].done and reported.args[1].where.startswith(str(drive)), reported.args[1].message
        assert exported.args[1].endswith(".fhir.json") and (drive / exported.args[1]).is_file()
    finally:
        clinic.leave()
