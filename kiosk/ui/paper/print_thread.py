"""Paints a print job on a thread of its own and hands what it returned back to the GUI thread.

Qt supports QPainter on a QPrinter, QPdfWriter or QImage off the GUI thread (never on a widget or
QPixmap); the printer's own job (the PDF written, the spooler called) happens when painting ends,
so the whole of it stays off the GUI thread. The job's callable keeps the printer alive until it
has finished painting. When the app quits, a print under way is waited for (at most QUIT_WAIT_S)
before Qt is torn down.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

log = logging.getLogger(__name__)

Then = Callable[[Any], None]
QUIT_WAIT_S = 2.0                    # within the systemd unit's stop budget (tests/unit/test_stop_budget.py)

# The answers still to come, held here (never only by the painting thread, so that each QObject is
# deleted on the GUI thread where it lives).
_waiting: set[_Answer] = set()
_painting: set[threading.Thread] = set()
HOOKED = "kiosk_waits_for_printing"        # a property of the app once wait_for_printing is on its aboutToQuit


class _Answer(QObject):
    """Lives on the GUI thread: the painting thread emits `ready`, Qt queues it to `deliver` here."""

    ready = Signal(object)

    def __init__(self, owner: QObject | None, then: Then) -> None:
        super().__init__()
        self._owner, self._then = owner, then
        self.ready.connect(self.deliver)

    @Slot(object)
    def deliver(self, value) -> None:
        _waiting.discard(self)
        self.deleteLater()
        if self._owner is not None and not shiboken6.isValid(self._owner):
            log.info("a print job ended after its screen was closed: its message is dropped")
            return
        self._then(value)


def paint_off_the_gui_thread(owner: QObject | None, job: Callable[[], Any], then: Then) -> threading.Thread:
    """Run `job()` on a thread named "printing"; later `then(value)` on the GUI thread, with what it
    returned or the exception it raised. Nothing is called when `owner` (the screen) is gone by then.
    Call it from the GUI thread."""
    answer = _Answer(owner, then)
    _waiting.add(answer)
    _wait_at_quit()

    def run() -> None:
        try:
            value = job()
        except Exception as error:          # noqa: BLE001 - handed to the GUI thread to be said on screen
            log.error("a print job failed: %s", error, exc_info=True)
            value = error
        _painting.discard(threading.current_thread())
        answer.ready.emit(value)             # queued to the GUI thread, where `answer` lives

    thread = threading.Thread(target=run, name="printing")
    _painting.add(thread)
    thread.start()
    return thread


def wait_for_printing(timeout: float = QUIT_WAIT_S) -> bool:
    """Wait (at most `timeout` seconds in all) for the print jobs under way; True when none is left."""
    deadline = time.monotonic() + timeout
    for thread in list(_painting):
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    return not _painting


def _wait_at_quit() -> None:
    app = QCoreApplication.instance()
    if app is not None and not app.property(HOOKED):
        app.setProperty(HOOKED, True)
        app.aboutToQuit.connect(wait_for_printing)
