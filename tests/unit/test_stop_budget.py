"""The systemd unit's stop timeout fits the app's stop: every bounded wait after a stop signal, added up from the code."""

from __future__ import annotations

import configparser
import inspect

from kiosk.app import STOP_FLUSH_SECONDS
from kiosk.hearing.listener import STOP_JOIN_SECONDS
from kiosk.paths import PROJECT_DIR
from kiosk.speech.render_process import READER_JOIN_SECONDS
from kiosk.speech.render_thread import STOP_WAIT_MS, RenderThread
from kiosk.ui.paper.print_thread import QUIT_WAIT_S

UNIT = PROJECT_DIR / "packaging" / "si-kiosk.service"
MARGIN_SECONDS = 5          # Python and Qt's own teardown after the last wait (well under a second here)


def _unit_stop_timeout() -> float:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read(UNIT, encoding="utf-8")
    value = unit["Service"]["TimeoutStopSec"]
    assert value.isdigit(), f"TimeoutStopSec={value}: give it in whole seconds"
    return float(value)


def test_the_units_stop_timeout_fits_every_bounded_wait_of_a_stop():
    """In kiosk.app.run, after a stop signal ends the event loop: a print under way (aboutToQuit), the voice (its render thread, whose worker
    is killed and its reader joined), the microphone's recognizer, the cache writer and the store's writer,
    one after the other. systemd kills whatever is left at TimeoutStopSec: queued ratings would be lost."""
    assert inspect.signature(RenderThread.shutdown).parameters["wait_ms"].default == STOP_WAIT_MS
    waits = {"voice": STOP_WAIT_MS / 1000 + READER_JOIN_SECONDS, "microphone": STOP_JOIN_SECONDS,
             "caches": STOP_FLUSH_SECONDS, "store": STOP_FLUSH_SECONDS,
             "printing": QUIT_WAIT_S}                   # a handout or report being painted, at aboutToQuit
    worst = sum(waits.values())
    assert worst + MARGIN_SECONDS <= _unit_stop_timeout(), (waits, worst)

