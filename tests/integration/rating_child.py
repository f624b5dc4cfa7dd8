"""The real app (`kiosk run`) with a driver that gives the 'before' rating (or, in the clinic, waits for the
attract screen), says so, and waits to be stopped."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.cli import main

PAIN = 4


def clinic_shown(app: QApplication, timer: QTimer) -> None:
    """Clinic mode: say so once the locked window shows its attract screen."""
    from kiosk.ui.main_window import MainWindow

    window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow)), None)
    if window is not None and window.isVisible() and type(window.stack.currentWidget()).__name__ == "AttractScreen":
        timer.stop()
        print(f"attract pid {os.getpid()}", flush=True)


def drive(app: QApplication, timer: QTimer) -> None:
    """Once the rating screen is up: touch a number, confirm it (as its undo timer would) and report."""
    from kiosk.ui.main_window import MainWindow

    window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow)), None)
    if window is None or "rating" not in window.__dict__ or window.stack.currentWidget() is not window.rating:
        return
    timer.stop()
    QTest.mouseClick(window.rating.rating_button(PAIN), Qt.MouseButton.LeftButton)
    window.rating.confirm_pending()                       # what the undo timer does after 3 s
    assert window.stack.currentWidget() is not window.rating, "the screen did not move on"
    print(f"rated {window.visit.session_id} pid {os.getpid()}", flush=True)


if __name__ == "__main__":
    folder, routine = sys.argv[1], sys.argv[2]
    app = QApplication(sys.argv[:1])
    poll = QTimer(app)
    if routine == "clinic":
        poll.timeout.connect(lambda: clinic_shown(app, poll))
        arguments = ["--mode", "clinic"]
    else:
        poll.timeout.connect(lambda: drive(app, poll))
        arguments = ["--windowed", "--routine", routine]
    poll.start(10)
    sys.exit(main(["run", "--data-dir", folder, *arguments]))
