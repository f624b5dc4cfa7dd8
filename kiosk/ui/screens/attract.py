"""The attract screen: a welcome, "Touch to start", and a looping demonstration. Nothing personal, ever."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QMouseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.theme import unit_for_height
from kiosk.ui.widgets.controls import make_label
from kiosk.ui.widgets.pose_view import PoseView
from kiosk.ui.widgets.touch_button import BounceGuard, TouchButton, screen_touch_target_px

DEMO_POSES = ("hook_lying", "one_knee_to_chest")
DEMO_TITLE = "One knee to chest"
DEMO_PERIOD_MS = 2600


class AttractScreen(QWidget):
    """What a stranger sees first. The whole screen is one big target.

    Signals:
        start_requested(): the screen was touched (anywhere), or Enter/Space pressed.
    """

    start_requested = Signal()

    def __init__(self, physical_dpi: float | None = None, demo_poses: tuple[str, ...] = DEMO_POSES,
                 demo_title: str = DEMO_TITLE, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Welcome")
        self.setAccessibleDescription("Touch anywhere to start")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.touch_px = screen_touch_target_px(self, physical_dpi)
        self._guard = BounceGuard()
        self._demo_poses = list(demo_poses)
        self._unit = 0

        self.title = make_label("Welcome", "title")
        self.subtitle = make_label("Gentle exercises for sacroiliac joint and low back pain, "
                                   "with a calm voice to guide you.", "caption")
        for label in (self.title, self.subtitle):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pose = PoseView(self)
        self.pose.setAccessibleName(f"Demonstration: {DEMO_TITLE.lower()}")
        self.pose.setMinimumSize(200, 120)
        self.demo_caption = make_label(f"Example: {demo_title.lower()}", "muted")
        self.demo_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_button = TouchButton("Touch to start", "primary", self.touch_px)
        self.start_button.setObjectName("attract_start")
        self.start_button.setAccessibleDescription("Begin; nothing about you is shown or spoken")
        self.start_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.start_button.clicked.connect(self._start)
        self.setFocusProxy(self.start_button)

        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.subtitle)
        self._layout.addWidget(self.pose, 1)
        self._layout.addWidget(self.demo_caption)
        self._layout.addWidget(self.start_button)
        self.pose.show_pose(self._demo_poses[0], transition_ms=0)

    # -- public API -----------------------------------------------------------------------
    def start_demo(self) -> None:
        self.pose.set_loop(self._demo_poses, period_ms=DEMO_PERIOD_MS)

    def stop_demo(self) -> None:
        self.pose.stop()

    # -- inside ---------------------------------------------------------------------------
    def _start(self) -> None:
        if self._guard.accept():
            self.start_requested.emit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._guard.clear()
        self.start_demo()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        self.stop_demo()           # no animation running behind other screens
        super().hideEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        event.accept()             # so that the release comes here too

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self.rect().contains(event.position().toPoint()):
            self._start()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._start()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        unit = unit_for_height(max(self.window().height(), 1))
        if unit != self._unit:
            self._unit = unit
            margin = round(unit * 1.2)
            self._layout.setContentsMargins(margin, margin, margin, margin)
            self._layout.setSpacing(round(unit * 0.6))
            self.demo_caption.setStyleSheet(f"font-size: {round(unit * 1.2)}px;")
            self.start_button.setMinimumHeight(0)
            self.start_button.set_touch_px(max(self.touch_px, round(unit * 4)))
            self.start_button.setStyleSheet(f"font-size: {round(unit * 2.0)}px;")
