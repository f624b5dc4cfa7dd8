"""The home screen: the routines to choose from, each with a picture and its length, and Start."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.routine import Routine
from kiosk.core.timeline import format_minutes
from kiosk.ui.widgets.choice_group import OneChoiceGroup
from kiosk.ui.widgets.controls import make_button, make_label
from kiosk.ui.widgets.pose_view import PoseView

_ACTIVATE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


class RoutineCard(QPushButton):
    """A checkable card: the routine's picture, title, length and summary."""

    def __init__(self, routine: Routine, seconds: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.routine = routine
        self.setCheckable(True)
        self.setProperty("role", "card")
        minutes = format_minutes(seconds)
        self.setAccessibleName(routine.title)
        self.setAccessibleDescription(f"{minutes}. {routine.summary}")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        self.picture = PoseView(self)
        self.picture.show_pose(routine.picture, transition_ms=0)
        self.picture.setMinimumHeight(80)
        self.title = make_label(routine.title, "heading")
        self.minutes = make_label(minutes, "muted")
        self.summary = make_label(routine.summary)
        for child in (self.picture, self.title, self.minutes, self.summary):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(child)
        layout.setStretch(0, 3)
        self.setMinimumHeight(150)


class HomeScreen(QWidget):
    """Choose a routine and start it.

    Signals:
        start_requested(Routine): Start (or Enter/Space on a routine) was pressed
        aerobics_requested(): the light-aerobics page was asked for
    """

    start_requested = Signal(object)
    aerobics_requested = Signal()

    def __init__(self, routines: list[Routine], lengths: dict[str, float], notices: list[str] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Home")
        layout = QVBoxLayout(self)
        layout.addWidget(make_label("Gentle exercises for sacroiliac joint pain", "title"))
        layout.addWidget(make_label("Choose a routine, then press Start. The voice will guide you; "
                                    "you can stop at any moment.", "muted"))
        self.notice = make_label("\n".join(notices), "notice", name="Notice")
        self.notice.setVisible(bool(notices))
        layout.addWidget(self.notice)

        grid = QGridLayout()
        self.group = OneChoiceGroup(self)
        self.cards: list[RoutineCard] = []
        for index, routine in enumerate(routines):
            card = RoutineCard(routine, lengths.get(routine.id, 0.0), self)
            card.installEventFilter(self)
            self.group.addButton(card)
            self.cards.append(card)
            grid.addWidget(card, 0, index)
        if not routines:
            grid.addWidget(make_label("No routine could be loaded. Ask for help, or check the "
                                      "routine files with `kiosk routines validate`.", "notice"), 0, 0)
        layout.addLayout(grid, 1)

        buttons = QHBoxLayout()
        self.aerobics_button = make_button("Light aerobics")
        self.aerobics_button.clicked.connect(self.aerobics_requested)
        buttons.addWidget(self.aerobics_button, 1)
        layout.addLayout(buttons)
        self.extra_buttons = buttons   # the main window adds its own (My progress, Voice) here
        self.start_button = make_button("Start", "primary")
        self.start_button.clicked.connect(self._start)
        self.start_button.setEnabled(bool(routines))
        layout.addWidget(self.start_button)
        if self.cards:
            self.group.choose(self.cards[0])

    def show_notice(self, text: str) -> None:
        """Add a line to the notice above the routines (a recovery, a failed save)."""
        lines = [line for line in self.notice.text().splitlines() if line] + [text]
        self.notice.setText("\n".join(lines))
        self.notice.setVisible(True)

    def selected(self) -> Routine | None:
        card = self.group.checkedButton()
        return card.routine if card else None

    def select(self, routine_id: str) -> None:
        for card in self.cards:
            if card.routine.id == routine_id:
                self.group.choose(card)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, RoutineCard):
            if event.type() == QEvent.Type.FocusIn:
                self.group.choose(watched)
            elif event.type() == QEvent.Type.KeyPress and event.key() in _ACTIVATE_KEYS:
                self.group.choose(watched)
                self._start()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event) -> None:
        if event.key() in _ACTIVATE_KEYS:
            self._start()
            return
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self.cards:
            step = 1 if event.key() == Qt.Key.Key_Right else -1
            current = self.cards.index(self.group.checkedButton()) if self.group.checkedButton() else 0
            self.group.choose(self.cards[(current + step) % len(self.cards)])
            return
        super().keyPressEvent(event)

    def _start(self) -> None:
        routine = self.selected()
        if routine is not None:
            self.start_requested.emit(routine)
