"""Print handout in the app, by touch and by keyboard: the print step injected (no dialog opens), the
page printed to a QPrinter set to PDF and read back; the clinic's default printer, and "no printer" said."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrinter

from kiosk.core.visit import Step
from kiosk.ui.paper.print_action import NO_PRINTER, HandoutPrinting, ask_with_dialog
from pdf_pages import need_poppler, page_count, pdf_text
from test_clinic_mode import make_clinic  # noqa: F401  (the fixture)
from test_player_flow import button


class PrintToFile:
    """The print dialog's stand-in: the person "chose" Print to file (a PDF at `path`), or Cancel."""

    def __init__(self, path, accept: bool = True) -> None:
        self.path, self.accept, self.asked = path, accept, []

    def __call__(self, printer: QPrinter, parent) -> bool:
        self.asked.append(parent)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.path))
        return self.accept


def _never_asked(printer, parent) -> bool:
    raise AssertionError("the kiosk opened a print dialog")


def _pdf_printer(path):
    def default() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return printer
    return default


def _check_pdf(path, routine) -> None:
    assert path.exists()
    assert 1 <= page_count(path) <= 2
    text = pdf_text(path)
    assert routine.title in text
    for exercise in routine.exercises:
        assert exercise.title in text and f"Repetitions: {exercise.reps}" in text
    assert "Stop and rest if your pain rises." in text


def test_at_home_the_dialog_is_the_print_step():
    assert HandoutPrinting().ask is ask_with_dialog


def test_print_handout_by_touch_at_home_asks_then_prints_the_chosen_routine(make_window, qtbot, tmp_path):
    need_poppler()
    window = make_window()
    ask = PrintToFile(tmp_path / "home.pdf")
    window.handout_printing = HandoutPrinting(window, ask=ask, default_printer=lambda: None)
    qtbot.mouseClick(button(window, "Print handout"), Qt.MouseButton.LeftButton)
    assert ask.asked == [window]
    _check_pdf(tmp_path / "home.pdf", window.library.routines[window.home.selected()])
    assert window.home.notice.isVisible() and "saved as" in window.home.notice.text()
    assert window.visit.step is Step.HOME                   # printing started nothing


def test_print_handout_by_keyboard_space_and_enter(make_window, qtbot, tmp_path):
    need_poppler()
    window = make_window()
    for key, name in ((Qt.Key.Key_Space, "space.pdf"), (Qt.Key.Key_Return, "enter.pdf")):
        ask = PrintToFile(tmp_path / name)
        window.handout_printing = HandoutPrinting(window, ask=ask)
        button(window, "Print handout").setFocus()
        qtbot.waitUntil(button(window, "Print handout").hasFocus)
        qtbot.keyClick(button(window, "Print handout"), key)
        assert ask.asked == [window], key
        _check_pdf(tmp_path / name, window.library.routines[window.home.selected()])
        assert window.visit.step is Step.HOME, "Enter on Print handout started the routine"


def test_cancelling_the_dialog_prints_nothing_and_says_nothing(make_window, qtbot, tmp_path):
    window = make_window()
    ask = PrintToFile(tmp_path / "cancelled.pdf", accept=False)
    window.handout_printing = HandoutPrinting(window, ask=ask)
    qtbot.mouseClick(button(window, "Print handout"), Qt.MouseButton.LeftButton)
    assert ask.asked == [window]
    assert not (tmp_path / "cancelled.pdf").exists()
    assert not window.home.notice.isVisible()


def _guest_at_home(clinic, qtbot) -> None:
    qtbot.mouseClick(clinic.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    qtbot.mouseClick(button(clinic.window, "Continue as guest"), Qt.MouseButton.LeftButton)
    assert clinic.window.stack.currentWidget() is clinic.window.home
    qtbot.waitUntil(lambda: any(b.text() == "Print handout" and b.isVisible() for b in clinic.window.home.buttons))


def test_in_the_clinic_the_default_printer_prints_without_a_dialog(make_clinic, qtbot, tmp_path):
    need_poppler()
    clinic = make_clinic()
    window = clinic.window
    _guest_at_home(clinic, qtbot)
    window.handout_printing = HandoutPrinting(window, ask=_never_asked,
                                              default_printer=_pdf_printer(tmp_path / "clinic.pdf"))
    qtbot.mouseClick(button(window, "Print handout"), Qt.MouseButton.LeftButton)
    _check_pdf(tmp_path / "clinic.pdf", window.library.routines[window.home.selected()])
    assert "Diary number" not in pdf_text(tmp_path / "clinic.pdf")    # nothing of the person on paper


def test_in_the_clinic_no_printer_is_said_on_screen(make_clinic, qtbot, tmp_path):
    clinic = make_clinic()
    window = clinic.window
    _guest_at_home(clinic, qtbot)
    window.handout_printing = HandoutPrinting(window, ask=_never_asked, default_printer=lambda: None)
    qtbot.mouseClick(button(window, "Print handout"), Qt.MouseButton.LeftButton)
    assert window.home.notice.isVisible() and NO_PRINTER in window.home.notice.text()
    assert window.stack.currentWidget() is window.home
