"""Print handout from the app: Qt's print dialog at home (it can also save a PDF), the default printer in the clinic.

At home the person chooses the printer (or "Print to file") in QPrintDialog; in the clinic there is no
dialog on the kiosk: the handout goes to the system's default printer, and when there is none the
screen says so. Both steps are injectable, so tests print to a PDF without opening a dialog.
The dialog stays on the GUI thread; the handout is painted (and the PDF or print job written) on a
thread of its own, and what happened comes back to the screen on the GUI thread. One handout at a
time: a press while one is being printed is ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

import shiboken6
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QWidget

from kiosk.core.languages import SOURCE_LANGUAGE
from kiosk.core.routine import Routine
from kiosk.core.translations import N_, translation
from kiosk.ui.paper.handout import print_handout
from kiosk.ui.paper.print_thread import paint_off_the_gui_thread

log = logging.getLogger(__name__)

AskPrinter = Callable[[QPrinter, QWidget | None], bool]
DefaultPrinter = Callable[[], QPrinter | None]
Said = Callable[[str], None]

PRINTING = N_("Printing the handout for {title}\u2026")
NO_PRINTER = N_("No printer is set up on this kiosk, so the handout could not be printed. Please ask the staff.")
CANCELLED = ""


def ask_with_dialog(printer: QPrinter, parent: QWidget | None) -> bool:
    """Qt's print dialog (its "Print to file" saves a PDF, its own words from Qt's catalog); True when the
    person pressed Print."""
    from kiosk.ui.language import texts

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(texts().gettext("Print handout"))
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    shiboken6.delete(dialog)                 # gone before the painting starts: it points at the printer
    return accepted


def system_default_printer() -> QPrinter | None:
    """A printer for the system's default print queue, or None when there is none."""
    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        return None
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def _printed_message(printer: QPrinter, routine: Routine, pages: int, language: str = SOURCE_LANGUAGE) -> str:
    catalog = translation(language)
    _ = catalog.gettext
    sheets = catalog.ngettext("{count} page", "{count} pages", pages).format(count=pages)
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        return _("The handout for {title} ({pages}) was saved as {file}.").format(
            title=routine.title, pages=sheets, file=printer.outputFileName())
    if printer.printerName():
        return _("The handout for {title} ({pages}) went to the printer {printer}.").format(
            title=routine.title, pages=sheets, printer=printer.printerName())
    return _("The handout for {title} ({pages}) went to the printer.").format(title=routine.title, pages=sheets)


class HandoutPrinting:
    """Prints a routine's handout the way the place asks for: a dialog at home, the default printer in the clinic."""

    def __init__(self, parent: QWidget | None = None, ask: AskPrinter = ask_with_dialog,
                 default_printer: DefaultPrinter = system_default_printer) -> None:
        self.parent, self.ask, self.default_printer = parent, ask, default_printer
        self.printing = False                # a handout is being painted: presses are ignored meanwhile

    def print_routine(self, routine: Routine, *, clinic: bool, notes: Mapping[str, str] | None = None,
                      days_per_week: int | None = None, clinician_note: str = "",
                      diary_number: str | None = None, language: str = SOURCE_LANGUAGE,
                      done: Said | None = None) -> str:
        """Print it, in `language` (the routine loaded in it); what to tell the person now, in `language`:
        "" when they cancelled the dialog or a handout is still being printed, NO_PRINTER, or PRINTING,
        and then `done(message)` on the GUI thread once it has been painted (how it went)."""
        _ = translation(language).gettext
        if self.printing:
            return CANCELLED
        if clinic:
            printer = self.default_printer()
            if printer is None:
                return _(NO_PRINTER)
        else:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if not self.ask(printer, self.parent):
                return CANCELLED

        def paint() -> str:                  # on the printing thread; it holds the printer until the end
            try:
                printed = print_handout(printer, routine, notes=notes, days_per_week=days_per_week,
                                        clinician_note=clinician_note, diary_number=diary_number,
                                        language=language)
            except OSError as error:
                log.error("printing the handout failed: %s", error)
                return _("The handout could not be printed ({error}). Please try again.").format(error=error)
            return _printed_message(printer, routine, printed.pages, language)

        def painted(message) -> None:
            self.printing = False
            if isinstance(message, BaseException):
                message = _("The handout could not be printed ({error}). Please try again.").format(error=message)
            if done is not None:
                done(message)

        self.printing = True
        paint_off_the_gui_thread(self.parent, paint, painted)
        return _(PRINTING).format(title=routine.title)
