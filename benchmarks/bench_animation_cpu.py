"""CPU of the moving figure on small hardware: the attract screen's demonstration, and the player's figure during a routine.

Each is measured as process CPU time (all threads) over the same seconds of a fresh process
(the attract screen once its loop has gone round twice, as it does for hours),
offscreen, in a 1280 x 800 window, against a bare QWidget cross-fading two cached QPixmaps with
a QTimer at 60 frames a second (Qt's animation rate) on the same schedule: a 900 ms fade every
time the figure moves (the attract loop's period; the routine's pose changes), still in between.
Paints of the figure and of the baseline are counted too, and the paints of the player's figure during its
holds (from each hold's first count on; nothing on it moves there: the target is none). Interleaved pairs, medians.

The player runs the real PlayerScreen and SessionController on the real timeline of the first
routine, sped up, with a speaker that says nothing (the voice is measured by bench_speech.py).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PAIRS = 3
SIZE = (1280, 800)
FPS = 60
FADE_MS = 900
ATTRACT_SECONDS = 2 * 2.6             # two periods of the demonstration loop...
ATTRACT_WARM = 6.5                    # ...once it has gone round twice (as it does for hours)
PLAYER_SCALE = 5.0                    # the routine at five times its speed: moves and holds
PLAYER_SECONDS = 14.0
WARM_SECONDS = 0.5                    # after showing, before measuring
ROOT = Path(__file__).resolve().parent.parent
from kiosk.core.ports import SilentSpeaker as CoreSilentSpeaker  # noqa: E402 (after the constants it reads)


class SilentSpeaker(CoreSilentSpeaker):
    """The Speaker port, saying nothing but counted as on (this measures the figure, not the voice)."""

    @property
    def available(self) -> bool:
        return True


def _player_moves(scale: float, seconds: float) -> list[float]:
    """Real seconds from the session's start at which the player's figure changes pose."""
    from kiosk.core.loader import load_routines
    from kiosk.core.timeline import compile_routine
    from kiosk.paths import bundled_dir

    routine = next(iter(load_routines(bundled_dir("routines")).routines.values()))
    moves, shown = [], None
    for cue in compile_routine(routine).cues:
        if cue.pose and (cue.pose, cue.mirrored) != shown:
            if shown is not None and cue.at / scale < seconds:
                moves.append(cue.at / scale)
            shown = (cue.pose, cue.mirrored)
    return moves


def _count_paints(widget) -> list[int]:
    from PySide6.QtCore import QEvent, QObject

    count = [0]

    class Counter(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                count[0] += 1
            return False

    counter = Counter(widget)
    widget.installEventFilter(counter)
    widget._paint_counter = counter
    return count


def _count_hold_paints(controller, figure) -> dict[str, int]:
    """Paints of the figure during the holds, from each hold's first count on (its glide in is over by then:
    checked), as tests/gui/test_figure_repaints.py counts them; nothing on the figure moves there."""
    from PySide6.QtCore import QEvent, QObject

    seen = {"holds": 0, "counts": 0, "paints": 0, "holding": False, "counting": False}

    class HoldPaints(QObject):
        def eventFilter(self, watched, event):
            if seen["counting"] and event.type() == QEvent.Type.Paint:
                seen["paints"] += 1
            return False

    def on_cue(cue) -> None:
        if cue.kind == "hold":
            seen["holding"], seen["counting"] = True, False
            seen["holds"] += 1
        elif seen["holding"] and cue.kind == "count":
            if not seen["counting"] and not figure.is_animating():
                seen["counting"] = True
            seen["counts"] += seen["counting"]
        else:
            seen["holding"] = seen["counting"] = False

    figure._hold_paints = HoldPaints(figure)
    figure.installEventFilter(figure._hold_paints)
    controller.cue_reached.connect(on_cue)      # after the player's own slot: what it shows
    return seen


def _measure(app, window, counted, seconds: float, warm: float = WARM_SECONDS) -> None:
    """Show, wait `warm` seconds, then report CPU seconds and paints of `counted` over `seconds` of exec()."""
    from PySide6.QtCore import QTimer

    window.resize(*SIZE)
    window.show()
    began: dict = {}

    def begin() -> None:
        began["paints"] = _count_paints(counted)
        began["cpu"] = time.process_time()

    def end() -> None:
        print(f"cpu {time.process_time() - began['cpu']:.4f} paints {began['paints'][0]}", flush=True)
        app.quit()

    QTimer.singleShot(int(warm * 1000), begin)
    QTimer.singleShot(int((warm + seconds) * 1000), end)
    app.exec()


def _bare(moves_ms: list[float], period_ms: float | None, seconds: float, warm: float = WARM_SECONDS):
    """A QWidget cross-fading two cached pixmaps at FPS, fading FADE_MS at each move."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtGui import QColor, QPainter, QPixmap
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])

    class CrossFade(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.pixmaps = []
            for colour in ("#F6F3EE", "#7FB3A5"):
                pixmap = QPixmap(*SIZE)
                pixmap.fill(QColor(colour))
                self.pixmaps.append(pixmap)
            self.shown = 0
            self.t = 1.0
            self.clock = QElapsedTimer()
            self.timer = QTimer(self)
            self.timer.setInterval(1000 // FPS)
            self.timer.timeout.connect(self.frame)

        def fade(self) -> None:
            self.shown = 1 - self.shown
            self.t = 0.0
            self.clock.start()
            self.timer.start()

        def frame(self) -> None:
            self.t = min(1.0, self.clock.elapsed() / FADE_MS)
            if self.t >= 1.0:
                self.timer.stop()
            self.update()

        def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
            painter = QPainter(self)
            painter.drawPixmap(0, 0, self.pixmaps[1 - self.shown])
            painter.setOpacity(self.t)
            painter.drawPixmap(0, 0, self.pixmaps[self.shown])
            painter.end()

    widget = CrossFade()
    if period_ms is not None:                          # a loop: a move at every period
        loop = QTimer(widget)
        loop.timeout.connect(widget.fade)
        loop.start(int(period_ms))
    else:
        for at in moves_ms:
            QTimer.singleShot(int(at + WARM_SECONDS * 1000), widget, widget.fade)
    _measure(app, widget, widget, seconds, warm)


def _attract(seconds: float) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from kiosk.ui.screens.attract import AttractScreen

    screen = AttractScreen()
    _measure(app, screen, screen.pose, seconds, ATTRACT_WARM)
    screen.stop_demo()


def _player(scale: float, seconds: float) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from kiosk.core.loader import load_routines
    from kiosk.core.timeline import compile_routine
    from kiosk.paths import bundled_dir
    from kiosk.ui.screens.player import PlayerScreen
    from kiosk.ui.session_controller import SessionController

    routine = next(iter(load_routines(bundled_dir("routines")).routines.values()))
    timeline = compile_routine(routine)
    screen = PlayerScreen()
    controller = SessionController(SilentSpeaker(), scale, parent=screen)
    controller.cue_reached.connect(screen.show_cue)
    screen.begin(timeline, controller.remaining_seconds)
    screen.show_cue(timeline.cues[0])
    from PySide6.QtCore import QTimer

    QTimer.singleShot(int(WARM_SECONDS * 1000), controller, lambda: controller.start(timeline))
    holds = _count_hold_paints(controller, screen.pose)
    _measure(app, screen, screen.pose, seconds)
    print(f"holds {holds['holds']} counted {holds['counts']} hold_paints {holds['paints']}", flush=True)
    controller.stop()
    screen.end()


def _child(kind: str) -> None:
    from kiosk.ui.screens.attract import DEMO_PERIOD_MS

    if kind == "attract":
        _attract(ATTRACT_SECONDS)
    elif kind == "bare-attract":
        _bare([], DEMO_PERIOD_MS, ATTRACT_SECONDS, ATTRACT_WARM)
    elif kind == "player":
        _player(PLAYER_SCALE, PLAYER_SECONDS)
    elif kind == "bare-player":
        _bare([at * 1000 for at in _player_moves(PLAYER_SCALE, PLAYER_SECONDS)], None, PLAYER_SECONDS)


def _run(kind: str) -> tuple[float, int]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run([sys.executable, __file__, "--child", kind], capture_output=True, text=True,
                            env=env, timeout=300)
    line = next((l for l in result.stdout.splitlines() if l.startswith("cpu ")), None)
    if line is None:
        raise RuntimeError(f"{kind}: {result.stderr[-2000:]}")
    words = line.split()
    held = next((l.split() for l in result.stdout.splitlines() if l.startswith("holds ")), None)
    if held is not None:
        _HOLDS.append((int(held[1]), int(held[3]), int(held[5])))
    return float(words[1]), int(words[3])


_HOLDS: list[tuple[int, int, int]] = []       # the player runs' (holds, counts watched, paints during them)


def main() -> int:
    for name, seconds in (("attract", ATTRACT_SECONDS), ("player", PLAYER_SECONDS)):
        apps, bares = [], []
        for _ in range(PAIRS):                           # interleaved, so noise hits both
            bares.append(_run(f"bare-{name}"))
            apps.append(_run(name))
        app_cpu = statistics.median(cpu for cpu, _ in apps)
        bare_cpu = statistics.median(cpu for cpu, _ in bares)
        ratio = app_cpu / bare_cpu
        pairs = sorted(a[0] / b[0] for a, b in zip(apps, bares))
        print(f"{name}: CPU over {seconds:.1f} s: app {app_cpu * 1000:.0f} ms ({app_cpu / seconds:.1%} of a core), "
              f"bare cross-fade {bare_cpu * 1000:.0f} ms (medians of {PAIRS}); figure paints "
              f"{statistics.median(p for _, p in apps):.0f}, baseline paints {statistics.median(p for _, p in bares):.0f}")
        print(f"  ratio app/bare = {ratio:.2f} (target <= 2): {'OK' if ratio <= 2 else 'OVER TARGET'}; "
              f"run by run {pairs[0]:.2f}-{pairs[-1]:.2f} (the machine is shared: noise)")
    holds, counts, paints = (sum(run[i] for run in _HOLDS) for i in range(3))
    print(f"player's figure during holds: {paints} paints over {counts} counts of {holds} holds in {len(_HOLDS)} "
          f"runs (target 0): {'OK' if paints == 0 and counts > 0 else 'OVER TARGET'}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2])
        sys.exit(0)
    sys.exit(main())
