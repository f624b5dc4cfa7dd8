"""The visit report from the app: "Report for my doctor" on My progress, "Report" on the admin screen."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputDevice
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtTest import QTest

from kiosk.core.loader import load_routines
from kiosk.services.journal import Journal
from kiosk.ui.clinic import ClinicMode
from kiosk.ui.main_window import MainWindow
from kiosk.ui.paper.report_printing import NO_PRINTER, PrintOutcome, paint_later
from kiosk.ui.screens.progress import ProgressScreen
from paper_diaries import diary_records
from prerequisites import missing
from test_pain_rating import touch_tap

RECORDS = diary_records(date(2020, 11, 2), date(2021, 2, 28), seed=9)
TODAY = date(2021, 3, 1)


@pytest.fixture(scope="module")
def touch_device():
    return QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen)


def pdf_text(path) -> str:
    if shutil.which("pdftotext") is None:
        missing("pdftotext is not installed (Debian: poppler-utils)")
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


class PdfStep:
    """A print step with no dialog: the report goes to a PDF file, as "Save as PDF" in Qt's dialog would,
    painted on a thread of its own as the real steps do (`paint_later`)."""

    def __init__(self, folder, accept: bool = True) -> None:
        self.folder, self.accept, self.calls, self.pages = folder, accept, 0, []

    def __call__(self, parent, paint, done) -> None:
        self.calls += 1
        if not self.accept:
            done(PrintOutcome(False, "The report was not printed."))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.folder / f"report-{self.calls}.pdf"))

        def painted(outcome) -> None:
            self.pages.append(outcome)
            done(outcome)
        paint_later(parent, printer, paint, painted)


def progress(qtbot, step, locked=False, size=(1280, 800)) -> ProgressScreen:
    screen = ProgressScreen(locked=locked, report_step=step)
    qtbot.addWidget(screen)
    screen.resize(*size)
    screen.set_data(*RECORDS, today=TODAY)
    screen.set_report_details("15002278")
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def report_button(screen):
    from PySide6.QtWidgets import QPushButton

    found = [b for b in screen.findChildren(QPushButton) if b.accessibleName() == "Report for my doctor"]
    assert len(found) == 1
    return found[0]


def test_report_for_my_doctor_by_touch_and_by_keyboard_saves_the_report(qtbot, tmp_path, touch_device):
    step = PdfStep(tmp_path)
    screen = progress(qtbot, step)
    button = report_button(screen)
    assert button.isVisible() and button.isEnabled()
    with qtbot.waitSignal(screen.report_printed, timeout=20_000) as printed:
        touch_tap(qtbot, touch_device, button)
        assert screen._status.text() == "Printing the report\u2026"       # while it is painted
    assert step.calls == 1 and printed.args[0].done
    first = tmp_path / "report-1.pdf"
    assert f"was saved to {first}." in screen._status.text()
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    text = pdf_text(first)
    assert "Diary number 1500 2278" in text and "Period covered:" in text
    numbers = screen.report.to_json_dict()
    assert numbers["weeks"] and f"({numbers['weeks'][-1]['week']})" in text   # the latest week, as on screen

    button.setFocus(Qt.FocusReason.TabFocusReason)
    with qtbot.waitSignal(screen.report_printed, timeout=20_000):
        qtbot.keyClick(button, Qt.Key.Key_Space)
    assert step.calls == 2 and (tmp_path / "report-2.pdf").exists()


def test_a_second_press_while_the_report_is_painted_is_ignored_and_nothing_is_lost(qtbot, tmp_path, monkeypatch):
    import threading

    from kiosk.ui.paper import report

    started, go, threads = threading.Event(), threading.Event(), []
    real = report.paint_report

    def held(device, content):
        threads.append(threading.current_thread())
        started.set()
        assert go.wait(timeout=10), "never released"
        return real(device, content)
    monkeypatch.setattr(report, "paint_report", held)
    step = PdfStep(tmp_path)
    screen = progress(qtbot, step)
    outcomes = []
    screen.report_printed.connect(outcomes.append)
    qtbot.mouseClick(report_button(screen), Qt.MouseButton.LeftButton)
    assert started.wait(timeout=10) and threads[0] is not threading.main_thread()
    qtbot.mouseClick(report_button(screen), Qt.MouseButton.LeftButton)        # again, while it paints
    qtbot.wait(100)
    assert step.calls == 1 and screen._status.text() == "Printing the report\u2026" and not outcomes
    go.set()
    qtbot.waitUntil(lambda: len(outcomes) == 1, timeout=20_000)
    assert outcomes[0].done and (tmp_path / "report-1.pdf").stat().st_size > 1000
    assert "was saved to" in screen._status.text()
    with qtbot.waitSignal(screen.report_printed, timeout=20_000):              # done: it prints again
        qtbot.mouseClick(report_button(screen), Qt.MouseButton.LeftButton)
    assert step.calls == 2 and len(outcomes) == 2 and len(threads) == 2


def test_a_cancelled_dialog_says_so_and_the_kiosk_has_no_report_button(qtbot, tmp_path):
    step = PdfStep(tmp_path, accept=False)
    screen = progress(qtbot, step, size=(800, 480))
    qtbot.mouseClick(report_button(screen), Qt.MouseButton.LeftButton)
    assert screen._status.text() == "The report was not printed."
    assert not list(tmp_path.iterdir())
    assert screen.width() == 800                      # the button does not widen the screen
    kiosk = progress(qtbot, step, locked=True)
    assert not report_button(kiosk).isVisible()       # in the clinic staff print it


@pytest.fixture
def clinic(qtbot, speaker, store, mini_folder):
    from kiosk.core.admin_pin import AdminPinPolicy

    AdminPinPolicy(store.settings).set_pin("97531")
    window = MainWindow(load_routines(mini_folder), speaker, store.settings, Journal(), time_scale=50)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    mode = ClinicMode(window, store)
    window.show()
    qtbot.waitExposed(window)
    profile = store.open_profile("p-report", create=True)
    for repository, records in zip((profile.ratings, profile.sessions, profile.aerobic), RECORDS):
        repository.add_many(records)
    store.profiles.set_display_name("p-report", "Grace Hopper")
    mode.admin.set_profiles(mode._profile_labels())
    mode._show(mode.admin)
    assert mode.admin.select_profile("p-report")
    yield mode
    mode.leave()


def press_report(qtbot, clinic):
    button = clinic.admin.report_button
    assert button.isEnabled()
    with qtbot.waitSignal(clinic.admin.profile_reported, timeout=20_000) as reported:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return reported.args[1]


def test_the_admin_report_with_no_printer_says_so_clearly(qtbot, clinic, monkeypatch):
    monkeypatch.setattr(QPrinterInfo, "defaultPrinter", staticmethod(lambda: QPrinterInfo()))
    outcome = press_report(qtbot, clinic)
    assert not outcome.done and outcome.message == NO_PRINTER
    assert clinic.admin.status.isVisible() and clinic.admin.status.text() == NO_PRINTER


def test_the_admin_report_goes_to_the_printer_without_a_dialog_and_names_no_one(qtbot, clinic, tmp_path, store):
    step = PdfStep(tmp_path)
    clinic.report_step = step
    outcome = press_report(qtbot, clinic)
    assert outcome.done and step.calls == 1
    text = pdf_text(tmp_path / "report-1.pdf")
    number = store.profiles.get("p-report").number
    assert f"Diary number {number[:4]} {number[4:]}" in text
    assert "Grace" not in text and "Hopper" not in text
    assert "Bridge" in text or "One knee to chest" in text or "No exercise was marked" in text


def test_the_removable_drive_seam_writes_the_pdf_there(qtbot, clinic, tmp_path):
    drive = tmp_path / "usb"
    drive.mkdir()
    clinic.report_folder = drive
    outcome = press_report(qtbot, clinic)
    assert outcome.done, outcome.message
    files = list(drive.glob("visit-report-*.pdf"))
    assert len(files) == 1 and outcome.where == str(files[0])
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert "Diary number" in pdf_text(files[0])


def test_the_plans_days_and_a_long_list_of_hurting_exercises(qapp, tmp_path):
    """With a plan the sessions are set against its days; more than ten hurting exercises end in "and N more"."""
    from datetime import datetime, timedelta, timezone

    from kiosk.core.records import PainRating, SessionRecord
    from kiosk.ui.paper.report import report_content, write_report_pdf

    start = datetime(2021, 3, 1, 9, tzinfo=timezone.utc)
    ratings = [PainRating(start + timedelta(days=d), 5, moment="before") for d in range(14)]
    sessions = [SessionRecord(f"s{d}", "floor", start + timedelta(days=d), start + timedelta(days=d, minutes=20),
                              done=("bridge",), hurt=tuple(f"exercise_{n:02d}:left" for n in range(d + 1)))
                for d in range(14)]
    content = report_content(ratings, sessions, [], diary_number="15002278", today=date(2021, 3, 20),
                             plan_days_per_week=3)
    path = tmp_path / "plan.pdf"
    assert write_report_pdf(path, content) <= 2
    text = pdf_text(path)
    sessions_per_week = content.numbers.details.sessions_per_week
    assert f"Sessions: 14 in 2 weeks, {sessions_per_week!r} a week on average; the plan asks for 3 days a week." in text
    assert "plan: 3 days a week" in text                           # the chart's line for the plan
    hurt = text.split("Exercises that hurt", 1)[1].split("Exercises left out", 1)[0]
    assert hurt.count("• ") == 9 and "and 5 more" in hurt           # 14 exercises: nine shown, five more
    assert "Exercise 00, left side: in 14 sessions" in hurt         # the most often first
    without = report_content(ratings, sessions, [], diary_number=None, today=date(2021, 3, 20))
    write_report_pdf(path, without)
    text = pdf_text(path)
    assert "a week on average." in text and "plan" not in text and "Diary number: not given" in text


def test_the_admin_report_sets_the_sessions_against_the_diarys_plan(qtbot, clinic, tmp_path, store):
    from datetime import datetime, timezone

    from kiosk.core.plan import Plan, PlanItem
    from kiosk.services.plans import PlanService

    library = clinic.window.library.exercises
    first = next(iter(library))
    PlanService(store, library).save("p-report", Plan.in_library_order([PlanItem(first, 1, 2)], library,
                                                                        days_a_week=5),
                                     what="Plan made", reason="First visit", by="staff",
                                     now=datetime.now(timezone.utc))
    step = PdfStep(tmp_path)
    clinic.report_step = step
    outcome = press_report(qtbot, clinic)
    assert outcome.done, outcome.message
    assert "the plan asks for 5 days a week" in pdf_text(tmp_path / "report-1.pdf")


def test_the_real_print_dialog_then_the_report_painted_on_its_thread(qtbot, tmp_path, monkeypatch):
    """Qt's own dialog, accepted as Print with "Print to file" chosen: the report is painted off the GUI thread."""
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.paper import report, report_printing

    path = tmp_path / "dialog.pdf"
    made = report_printing._new_printer

    def to_file(*args, **kwargs):
        printer = made(*args, **kwargs)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        QTimer.singleShot(200, lambda: QApplication.activeModalWidget().accept())      # Print
        return printer
    monkeypatch.setattr(report_printing, "_new_printer", to_file)
    real, threads = report.paint_report, []

    def watched(device, content):
        threads.append(threading.current_thread())
        return real(device, content)
    monkeypatch.setattr(report, "paint_report", watched)
    screen = progress(qtbot, None)
    with qtbot.waitSignal(screen.report_printed, timeout=20_000) as printed:
        qtbot.mouseClick(report_button(screen), Qt.MouseButton.LeftButton)
        assert screen._status.text() == "Printing the report\u2026"
    assert printed.args[0].done and printed.args[0].where == str(path)
    assert len(threads) == 1 and threads[0] is not threading.main_thread()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and "Diary number 1500 2278" in pdf_text(path)


def test_the_admin_report_pressed_twice_prints_once_and_says_how_it_went(qtbot, clinic, tmp_path):
    step = PdfStep(tmp_path)
    clinic.report_step = step
    reported = []
    clinic.admin.profile_reported.connect(lambda profile_id, outcome: reported.append(outcome))
    qtbot.mouseClick(clinic.admin.report_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(clinic.admin.report_button, Qt.MouseButton.LeftButton)     # while it is read and painted
    qtbot.waitUntil(lambda: len(reported) == 1, timeout=20_000)
    qtbot.wait(300)
    assert len(reported) == 1 and reported[0].done and step.calls == 1
    assert clinic.admin.status.text() == reported[0].message
    assert press_report(qtbot, clinic).done and step.calls == 2                   # then it prints again
