"""For the start-up benchmarks: press a button the moment the window is first painted, and say when it answered."""

from __future__ import annotations

import time


def press_at_first_paint(window, button) -> None:
    """When `window` is first painted, press `button` as a screen reader does (a click delivered
    through the event loop); print `pressed`, `reached` (the click came out of the queue) and
    `answered` (the button's clicked handlers, the app's own first, have run), in monotonic
    seconds, then quit.

    The click is queued just after the paint (zero timers and posted events are first in, first
    out), so it waits behind whatever the app had queued by then and goes before whatever the app
    queues later: the time to `answered` is how long the person was kept waiting. The same code
    measures the app and the bare baseline; it builds no Qt enum namespace, which would cost both.
    """
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

    def reach() -> None:
        print(f"reached {time.monotonic():.6f}", flush=True)
        button.click()

    def press() -> None:
        print(f"pressed {time.monotonic():.6f}", flush=True)
        QTimer.singleShot(0, reach)

    class _Probe(QObject):
        pressed = False

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and not self.pressed:
                self.pressed = True
                QTimer.singleShot(0, press)
            return False

    def answered() -> None:
        print(f"answered {time.monotonic():.6f}", flush=True)
        QCoreApplication.instance().quit()

    window.installEventFilter(_Probe(window))  # installed after the app's own: runs before it
    button.clicked.connect(answered)          # after the handlers connected before: the app's answer


def watch_stalls_after_first_paint(window, seconds: float = 1.0, tick_ms: int = 5) -> None:
    """From the first paint of `window` on, for `seconds`, tick every `tick_ms` and print `stall` with
    the longest time the event loop was kept from a due tick (milliseconds), then quit: how long a
    touch or a key would have waited at worst, whenever it came."""
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

    timer = QTimer(window)
    timer.setInterval(tick_ms)
    seen = {"last": 0.0, "end": 0.0, "worst": 0.0}

    def tick() -> None:
        now = time.monotonic()
        seen["worst"] = max(seen["worst"], now - seen["last"] - tick_ms / 1000)
        seen["last"] = now
        if now >= seen["end"]:
            timer.stop()
            print(f"stall {seen['worst'] * 1000:.1f}", flush=True)
            QCoreApplication.instance().quit()

    timer.timeout.connect(tick)

    class _Watch(QObject):
        started = False

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and not self.started:
                self.started = True
                seen["last"] = time.monotonic()
                seen["end"] = seen["last"] + seconds
                timer.start()
            return False

    window.installEventFilter(_Watch(window))
