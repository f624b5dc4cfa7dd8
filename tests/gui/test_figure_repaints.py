"""On small hardware the figure is not drawn again while nothing on it moves: no paint during a hold."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractButton


class PaintCounter(QObject):
    """Counts the paint events a widget gets while `counting` is on."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.counting = False
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):
        if self.counting and event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def _click(window, qtbot, name: str) -> None:
    found = [b for b in window.findChildren(QAbstractButton) if b.accessibleName() == name and b.isVisible()]
    assert len(found) == 1, name
    qtbot.mouseClick(found[0], Qt.MouseButton.LeftButton)


def test_the_figure_is_not_painted_during_a_hold_while_the_countdown_counts(make_window, qtbot):
    window = make_window(scale=4.0)             # the routine four times faster; a glide still takes 0.9 s
    figure = window.player.pose
    counter = PaintCounter(figure)
    seen: list[str] = []                        # the countdown shown at each count of the first hold
    state = {"holding": False, "over": False}

    def on_cue(cue) -> None:
        if state["over"]:
            return
        if cue.kind == "hold":
            state["holding"] = True
        elif state["holding"] and cue.kind == "count":
            if not counter.counting:            # from the first count on, the glide in is long over
                assert not figure.is_animating()
                counter.counting = True
            seen.append(window.player.countdown.text())
        elif state["holding"]:
            counter.counting, state["over"] = False, True    # the hold is over: the figure may move

    window.controller.cue_reached.connect(on_cue)        # after the player's own slot: what it shows
    _click(window, qtbot, "Start")
    _click(window, qtbot, "Skip")                        # the 'before' rating
    qtbot.waitUntil(lambda: state["over"], timeout=20_000)
    window.go_home()
    assert seen == ["2", "1"]                  # counted through the hold, the countdown changing on screen
    assert counter.paints == 0
