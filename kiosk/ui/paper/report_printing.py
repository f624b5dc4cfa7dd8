"""Where a visit report goes from the app: Qt's print dialog at home, the default printer in the clinic.

A print step is `step(parent, paint, done)`, with `paint(device) -> pages` and `done(PrintOutcome)`;
screens take one as a parameter so that tests hand them a step that opens no dialog. The dialog is on
the GUI thread; the report is painted on a thread of its own (`paint_later`), and `done` comes on the
GUI thread once it is printed (at once when the dialog was cancelled or there is no printer). The
messages are for the screen: in `language` when given, else in the language the screens are in
(kiosk.ui.language).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QLocale, QObject
from PySide6.QtGui import QPagedPaintDevice
from PySide6.QtWidgets import QDialog, QWidget

from kiosk.core.translations import N_, translation
from kiosk.ui.paper.print_thread import paint_off_the_gui_thread
from kiosk.ui.paper.report_layout import page_layout

Paint = Callable[[QPagedPaintDevice], int]

NO_PRINTER = N_("No printer is set up on this kiosk, so the report was not printed. Ask staff to set one up.")


@dataclass(frozen=True)
class PrintOutcome:
    """How printing went, in words for the screen; `where` is the printer's name or the PDF's path."""

    done: bool
    message: str
    where: str | None = None


Done = Callable[[PrintOutcome], None]
PrintStep = Callable[[QWidget | None, Paint, Done], None]


def _language(language: str | None) -> str:
    """`language`, or the screens' language when None."""
    if language is None:
        from kiosk.ui.language import current_language

        language = current_language()
    return language


def _texts(language: str | None):
    """The catalog of `language`, or of the screens' language when None."""
    return translation(_language(language))


def local_paper() -> str:
    """Letter where the locale measures in inches (the US), else A4."""
    return "letter" if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem else "a4"


def _new_printer(info=None, language: str | None = None):
    from PySide6.QtPrintSupport import QPrinter

    mode = QPrinter.PrinterMode.HighResolution
    printer = QPrinter(info, mode) if info is not None else QPrinter(mode)
    printer.setPageLayout(page_layout(local_paper()))
    printer.setDocName(_texts(language).gettext("Visit report"))
    return printer


def paint_on(printer, paint: Paint, language: str | None = None) -> PrintOutcome:
    """Draw the report on a QPrinter set up by a dialog or by `print_on_default_printer`."""
    from PySide6.QtPrintSupport import QPrinter

    catalog = _texts(language)
    _ = catalog.gettext
    try:
        pages = paint(printer)
    except OSError as error:
        return PrintOutcome(False, _("The report could not be printed: {error}").format(error=error))
    words = catalog.ngettext("{count} page", "{count} pages", pages).format(count=pages)
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        path = printer.outputFileName()
        try:
            os.chmod(path, 0o600)               # a diary's report: readable by its owner only
        except OSError:
            pass
        return PrintOutcome(True, _("The report ({pages}) was saved to {file}.").format(pages=words, file=path), path)
    name = printer.printerName()
    if not name:
        return PrintOutcome(True, _("The report ({pages}) was sent to the printer.").format(pages=words),
                            _("the printer"))
    return PrintOutcome(True, _("The report ({pages}) was sent to {printer}.").format(pages=words, printer=name), name)


def paint_later(parent: QObject | None, printer, paint: Paint, done: Done, language: str | None = None) -> None:
    """Paint the report on `printer` on a thread of its own (the printer kept until it ends); then
    `done(outcome)` on the GUI thread, unless `parent` (the screen) is gone by then."""
    language = _language(language)           # the screens' language when asked, not when painted

    def painted(outcome) -> None:
        if not isinstance(outcome, PrintOutcome):     # an error paint_on does not expect
            outcome = PrintOutcome(False, _texts(language).gettext("The report could not be printed: {error}")
                                   .format(error=outcome))
        done(outcome)

    paint_off_the_gui_thread(parent, lambda: paint_on(printer, paint, language), painted)


def ask_with_print_dialog(parent: QWidget | None, paint: Paint, done: Done, language: str | None = None) -> None:
    """Qt's print dialog (it offers saving as PDF); the report is drawn when the person prints."""
    from PySide6.QtPrintSupport import QPrintDialog

    _ = _texts(language).gettext
    printer = _new_printer(language=language)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print the report for your doctor"))
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    shiboken6.delete(dialog)                 # gone before the painting starts: it points at the printer
    if not accepted:
        done(PrintOutcome(False, _("The report was not printed.")))
        return
    paint_later(parent, printer, paint, done, language)


def print_on_default_printer(parent: QWidget | None, paint: Paint, done: Done, language: str | None = None) -> None:
    """The clinic: straight to the default printer, no dialog; NO_PRINTER (translated) when there is none."""
    from PySide6.QtPrintSupport import QPrinterInfo

    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        done(PrintOutcome(False, _texts(language).gettext(NO_PRINTER)))
        return
    paint_later(parent, _new_printer(info, language), paint, done, language)
