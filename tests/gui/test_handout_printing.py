"""Print handout in the app, by touch and by keyboard: the print step injected (no dialog opens), the
page printed to a QPrinter set to PDF and read back; the clinic's default printer, and "no printer" said."""

from __future__ import annotations

import threading

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
    routine = window.library.routines[window.home.selected()]
    assert window.home.notice.text() == f"Printing the handout for {routine.title}\u2026"   # while it is painted
    qtbot.waitUntil(lambda: "saved as" in window.home.notice.text(), timeout=10_000)
    _check_pdf(tmp_path / "home.pdf", routine)
    assert window.home.notice.isVisible() and "Printing" not in window.home.notice.text()   # it gave way
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
        qtbot.waitUntil(lambda: f"saved as {tmp_path / name}" in window.home.notice.text(), timeout=10_000)
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


def _guest_prints_on_the_default_printer(make_clinic, qtbot, path):
    """A guest at the clinic's home screen presses Print handout; the default printer writes `path`."""
    clinic = make_clinic()
    window = clinic.window
    _guest_at_home(clinic, qtbot)
    window.handout_printing = HandoutPrinting(window, ask=_never_asked, default_printer=_pdf_printer(path))
    qtbot.mouseClick(button(window, "Print handout"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "saved as" in window.home.notice.text(), timeout=10_000)
    return clinic, window


def test_in_the_clinic_the_default_printer_prints_without_a_dialog(make_clinic, qtbot, tmp_path):
    need_poppler()
    _clinic, window = _guest_prints_on_the_default_printer(make_clinic, qtbot, tmp_path / "clinic.pdf")
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


def test_in_the_clinic_the_next_person_sees_none_of_the_last_ones_notices(make_clinic, qtbot, tmp_path):
    clinic, window = _guest_prints_on_the_default_printer(make_clinic, qtbot, tmp_path / "clinic.pdf")
    window.home.show_notice("The kiosk's own line")                  # a kiosk notice, not the person's
    qtbot.mouseClick(button(window, "Sign out"), Qt.MouseButton.LeftButton)
    _guest_at_home(clinic, qtbot)                                    # the next person
    assert window.home.notice.text() == "The kiosk's own line"


class HeldPainting:
    """Holds the handout's painting (on its thread) until `release()`, so a test can act meanwhile."""

    def __init__(self, monkeypatch) -> None:
        import threading

        from kiosk.ui.paper import print_action

        self.started, self.go, self.threads = threading.Event(), threading.Event(), []
        real = print_action.print_handout

        def held(*args, **kwargs):
            self.threads.append(threading.current_thread())
            self.started.set()
            assert self.go.wait(timeout=10), "never released"
            return real(*args, **kwargs)
        monkeypatch.setattr(print_action, "print_handout", held)

    def release(self) -> None:
        self.go.set()
        for thread in self.threads:
            thread.join(timeout=10)


def test_a_second_press_while_printing_is_ignored_and_nothing_is_lost(make_window, qtbot, tmp_path, monkeypatch):
    need_poppler()
    window = make_window()
    held = HeldPainting(monkeypatch)
    ask = PrintToFile(tmp_path / "once.pdf")
    window.handout_printing = HandoutPrinting(window, ask=ask, default_printer=lambda: None)
    qtbot.mouseClick(button(window, "Print handout"), Qt.MouseButton.LeftButton)
    assert held.started.wait(timeout=10)
    assert held.threads[0].name == "printing" and held.threads[0] is not threading.main_thread()
    printing = window.home.notice.text()
    assert printing.startswith("Printing the handout for")
    qtbot.mouseClick(button(window, "Print handout"), Qt.MouseButton.LeftButton)   # again, while it paints
    qtbot.wait(100)
    assert ask.asked == [window] and window.home.notice.text() == printing        # no second dialog
    held.release()
    qtbot.waitUntil(lambda: "saved as" in window.home.notice.text(), timeout=10_000)
    _check_pdf(tmp_path / "once.pdf", window.library.routines[window.home.selected()])
    assert len(held.threads) == 1
    qtbot.mouseClick(button(window, "Print handout"), Qt.MouseButton.LeftButton)   # done: it prints again
    assert ask.asked == [window, window]
    qtbot.waitUntil(lambda: len(held.threads) == 2 and not held.threads[1].is_alive(), timeout=10_000)
    qtbot.waitUntil(lambda: "saved as" in window.home.notice.text(), timeout=10_000)


def test_leaving_the_screen_while_printing_keeps_the_message_for_it(make_window, qtbot, tmp_path, monkeypatch):
    need_poppler()
    window = make_window()
    held = HeldPainting(monkeypatch)
    window.handout_printing = HandoutPrinting(window, ask=PrintToFile(tmp_path / "left.pdf"))
    qtbot.mouseClick(button(window, "Print handout"), Qt.MouseButton.LeftButton)
    assert held.started.wait(timeout=10)
    qtbot.mouseClick(button(window, "My progress"), Qt.MouseButton.LeftButton)     # away, mid-print
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.progress, timeout=5000)
    held.release()
    qtbot.waitUntil(lambda: "saved as" in window.home.notice.text(), timeout=10_000)   # said on the hidden screen
    assert window.stack.currentWidget() is window.progress
    _check_pdf(tmp_path / "left.pdf", window.library.routines[window.home.selected()])
    window.go_home()
    assert window.home.notice.isVisible() and "saved as" in window.home.notice.text()


def test_a_screen_closed_while_printing_drops_the_message_and_the_printer_lives_until_the_end(
        qtbot, mini_folder, tmp_path, monkeypatch, caplog):
    """The printer is held by the painting thread, not the screen; the answer to a deleted screen is dropped."""
    import logging

    import shiboken6
    from PySide6.QtWidgets import QWidget

    from kiosk.core.loader import load_routines

    need_poppler()
    held = HeldPainting(monkeypatch)
    screen = QWidget()
    said = []
    routine = next(iter(load_routines(mini_folder).routines.values()))
    printing = HandoutPrinting(screen, ask=PrintToFile(tmp_path / "closed.pdf"))
    assert printing.print_routine(routine, clinic=False, done=said.append).startswith("Printing the handout")
    assert held.started.wait(timeout=10)
    shiboken6.delete(screen)                                  # the screen goes mid-print
    with caplog.at_level(logging.INFO, logger="kiosk.ui.paper.print_thread"):
        held.release()
        qtbot.wait(200)                                       # the answer's turn on the GUI thread
    assert said == [] and "its message is dropped" in caplog.text
    _check_pdf(tmp_path / "closed.pdf", routine)              # painted to the end all the same


def test_qts_own_print_dialog_then_the_painting_on_its_thread(make_window, qtbot, tmp_path, monkeypatch):
    """The real QPrintDialog (accepted as the person would press Print, printing to a file): it is gone
    before the painting starts on its own thread, which keeps the printer to the end."""
    import shiboken6
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.paper import print_action

    need_poppler()
    window = make_window()
    path = tmp_path / "dialog.pdf"
    dialogs = []

    def preset(printer, parent) -> bool:             # "Print to file" already chosen, as the dialog remembers it
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))

        def press_print() -> None:
            dialogs.append(QApplication.activeModalWidget())
            dialogs[-1].accept()
        QTimer.singleShot(200, press_print)
        return ask_with_dialog(printer, parent)
    window.handout_printing = HandoutPrinting(window, ask=preset)
    real = print_action.print_handout
    painted_on = []

    def watched(printer, *args, **kwargs):
        painted_on.append((threading.current_thread(), shiboken6.isValid(dialogs[0])))
        return real(printer, *args, **kwargs)
    monkeypatch.setattr(print_action, "print_handout", watched)
    qtbot.mouseClick(button(window, "Print handout"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "saved as" in window.home.notice.text(), timeout=15_000)
    assert isinstance(dialogs[0], print_action.QPrintDialog)
    assert painted_on == [(painted_on[0][0], False)] and painted_on[0][0] is not threading.main_thread()
    _check_pdf(path, window.library.routines[window.home.selected()])


def test_quitting_waits_a_bounded_time_for_a_print_under_way(make_window, qtbot, tmp_path, monkeypatch):
    from kiosk.ui.paper.print_thread import wait_for_printing

    need_poppler()
    window = make_window()
    held = HeldPainting(monkeypatch)
    window.handout_printing = HandoutPrinting(window, ask=PrintToFile(tmp_path / "quit.pdf"))
    qtbot.mouseClick(button(window, "Print handout"), Qt.MouseButton.LeftButton)
    assert held.started.wait(timeout=10)
    assert wait_for_printing(0.2) is False                   # bounded: the painting is still held
    threading.Timer(0.2, held.go.set).start()
    assert wait_for_printing(10) is True                     # as at aboutToQuit: it ends before Qt is torn down
    _check_pdf(tmp_path / "quit.pdf", window.library.routines[window.home.selected()])
    qtbot.waitUntil(lambda: "saved as" in window.home.notice.text(), timeout=10_000)
