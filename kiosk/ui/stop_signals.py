"""SIGTERM, SIGINT and SIGHUP end the Qt event loop cleanly, so the app's normal shutdown path runs."""

from __future__ import annotations

import logging
import os
import signal

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer

log = logging.getLogger(__name__)

#: The signals systemd (stop, shutdown, logout), a terminal (Ctrl+C) and a closed session send.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))


class StopSignals(QObject):
    """Turns a stop signal into `app.exit(0)`, so everything after `app.exec()` runs.

    Python runs a signal handler only when the interpreter gets control, and a Qt app spends its
    time inside the C++ event loop. So the C-level handler writes the signal number to a pipe
    (`signal.set_wakeup_fd`) whose read end a QSocketNotifier watches: the event loop wakes, the
    Python handler runs, and the loop is asked to quit. `aboutToQuit` then ends the speech
    worker, and the app closes the store (which flushes the writer, bounded) and releases the lock.
    """

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._app = app
        self.received: list[int] = []
        self._reader, self._writer = os.pipe()       # a pipe, not a socket pair: no socket module before the paint
        for end in (self._reader, self._writer):
            os.set_blocking(end, False)
        self._previous_fd = signal.set_wakeup_fd(self._writer, warn_on_full_buffer=False)
        self._previous = {number: signal.signal(number, self._on_signal) for number in STOP_SIGNALS}
        self._notifier = QSocketNotifier(self._reader, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _on_signal(self, number: int, _frame) -> None:
        """Runs in the main thread, between two Python steps: ask the loop to end (or end it as it starts)."""
        self.received.append(number)
        log.info("%s received: stopping", signal.Signals(number).name)
        # exit, not quit: Qt 6's quit() asks the windows first, and the clinic's locked window says no.
        # A zero timer ends the loop at once, and also when the signal came before `exec()`.
        QTimer.singleShot(0, self._app, lambda: self._app.exit(0))

    def _drain(self) -> None:
        """Empty the wake-up pipe (the handler itself has already run by now)."""
        try:
            while os.read(self._reader, 64):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def uninstall(self) -> None:
        """Give the signals back to their previous handlers. Safe twice.

        The app never calls this: while it shuts down, a second signal only asks again to quit
        instead of killing the writer's flush half way (systemd's SIGKILL stays the last word).
        """
        if self._notifier is None:
            return
        self._notifier.setEnabled(False)
        self._notifier.deleteLater()
        self._notifier = None
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        os.close(self._reader)
        os.close(self._writer)


def quit_on_stop_signals(app: QCoreApplication) -> StopSignals | None:
    """Install the handlers (main thread, POSIX); None where signals cannot be handled this way."""
    if os.name != "posix":
        return None
    return StopSignals(app)
