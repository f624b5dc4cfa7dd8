"""Work done in small steps, one per turn of the event loop, so that a touch or a key is answered between any two."""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal

Step = Callable[[], object]
log = logging.getLogger(__name__)
POLL_MS = 5                 # how often a step's work on another thread is looked at


def importing(name: str) -> Step:
    """A step that imports one module (an import cannot be cut shorter: one module per step)."""
    def step() -> None:
        importlib.import_module(name)
    step.__qualname__ = f"import {name}"
    return step


class Turns(QObject):
    """Runs `steps` in order, each from a zero timer queued when the one before has finished: what the
    event loop was given meanwhile (input, paints, timers) goes first. A step that returns False
    ends the run (the rest is left undone); an exception ends it too, and reaches the event loop.
    A step that returns a threading.Event has started work on another thread: the next step waits
    until the event is set (looked at every few milliseconds; the event loop stays free meanwhile).

    Signals:
        completed(): the last step has run (not sent when the run was ended or cancelled)
    """

    completed = Signal()

    def __init__(self, steps: Iterable[Step], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps = list(steps)
        self._done = 0

    @property
    def finished(self) -> bool:
        return self._done >= len(self._steps)

    def start(self) -> None:
        QTimer.singleShot(0, self, self._next)

    def cancel(self) -> None:
        """Leave the steps not yet run undone."""
        self._done = len(self._steps)

    def _next(self) -> None:
        if self.finished:
            return
        step = self._steps[self._done]
        self._done += 1
        began = time.perf_counter()
        try:
            answer = step()
            carry_on = answer is not False
        except BaseException:
            self.cancel()
            raise
        finally:
            log.debug("step %s: %.1f ms", getattr(step, "__qualname__", step),
                      (time.perf_counter() - began) * 1000)
        if carry_on and not self.finished:
            if isinstance(answer, threading.Event) and not answer.is_set():
                self._wait_for(answer)
            else:
                QTimer.singleShot(0, self, self._next)
        elif not carry_on:
            self.cancel()
        else:
            self.completed.emit()

    def _wait_for(self, event: threading.Event) -> None:
        def look() -> None:
            if self.finished:                  # cancelled meanwhile
                return
            if event.is_set():
                self._next()
            else:
                QTimer.singleShot(POLL_MS, self, look)
        QTimer.singleShot(POLL_MS, self, look)
