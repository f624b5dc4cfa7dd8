"""Where a visit report goes from the app: Qt's print dialog at home, the default printer in the clinic.

A print step is `step(parent, paint) -> PrintOutcome`, with `paint(device) -> pages`; screens take
one as a parameter so that tests hand them a step that opens no dialog.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QLocale
from PySide6.QtGui import QPagedPaintDevice
from PySide6.QtWidgets import QDialog, QWidget

from kiosk.ui.paper.report_layout import page_layout

Paint = Callable[[QPagedPaintDevice], int]

NO_PRINTER = "No printer is set up on this kiosk, so the report was not printed. Ask staff to set one up."


@dataclass(frozen=True)
class PrintOutcome:
    """How printing went, in words for the screen; `where` is the printer's name or the PDF's path."""

    done: bool
    message: str
    where: str | None = None


PrintStep = Callable[[QWidget | None, Paint], PrintOutcome]


def local_paper() -> str:
    """Letter where the locale measures in inches (the US), else A4."""
    return "letter" if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem else "a4"


def _new_printer(info=None):
    from PySide6.QtPrintSupport import QPrinter

    mode = QPrinter.PrinterMode.HighResolution
    printer = QPrinter(info, mode) if info is not None else QPrinter(mode)
    printer.setPageLayout(page_layout(local_paper()))
    printer.setDocName("Visit report")
    return printer


def paint_on(printer, paint: Paint) -> PrintOutcome:
    """Draw the report on a QPrinter set up by a dialog or by `print_on_default_printer`."""
    from PySide6.QtPrintSupport import QPrinter

    try:
        pages = paint(printer)
    except OSError as error:
        return PrintOutcome(False, f"The report could not be printed: {error}")
    words = f"{pages} page{'s' if pages != 1 else ''}"
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        path = printer.outputFileName()
        try:
            os.chmod(path, 0o600)               # a diary's report: readable by its owner only
        except OSError:
            pass
        return PrintOutcome(True, f"The report ({words}) was saved to {path}.", path)
    name = printer.printerName() or "the printer"
    return PrintOutcome(True, f"The report ({words}) was sent to {name}.", name)


def ask_with_print_dialog(parent: QWidget | None, paint: Paint) -> PrintOutcome:
    """Qt's print dialog (it offers saving as PDF); the report is drawn when the person prints."""
    from PySide6.QtPrintSupport import QPrintDialog

    printer = _new_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print the report for your doctor")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return PrintOutcome(False, "The report was not printed.")
    return paint_on(printer, paint)


def print_on_default_printer(parent: QWidget | None, paint: Paint) -> PrintOutcome:
    """The clinic: straight to the default printer, no dialog; NO_PRINTER when there is none."""
    from PySide6.QtPrintSupport import QPrinterInfo

    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        return PrintOutcome(False, NO_PRINTER)
    return paint_on(_new_printer(info), paint)
