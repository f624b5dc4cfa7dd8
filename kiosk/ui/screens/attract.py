"""The attract screen: a welcome, "Touch to start", and a looping demonstration. Nothing personal, ever."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.widgets.controls import make_label
from kiosk.ui.widgets.pose_view import PoseView
from kiosk.ui.widgets.tap_anywhere import TapAnywhereScreen
from kiosk.ui.widgets.touch_button import TouchButton

DEMO_POSES = ("hook_lying", "one_knee_to_chest")
DEMO_TITLE = "One knee to chest"
DEMO_PERIOD_MS = 2600


class AttractScreen(TapAnywhereScreen):
    """What a stranger sees first. The whole screen is one big target.

    Signals:
        start_requested(): the screen was touched (anywhere), or Enter/Space pressed.
    """

    start_requested = Signal()

    def __init__(self, physical_dpi: float | None = None, demo_poses: tuple[str, ...] = DEMO_POSES,
                 demo_title: str = DEMO_TITLE, parent: QWidget | None = None) -> None:
        super().__init__(physical_dpi, parent)
        self.setAccessibleName("Welcome")
        self.setAccessibleDescription("Touch anywhere to start")
        self._demo_poses = list(demo_poses)

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
        self.start_button.clicked.connect(self._activate)
        self.setFocusProxy(self.start_button)

        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.subtitle)
        self._layout.addWidget(self.pose, 1)
        self._layout.addWidget(self.demo_caption)
        self._layout.addWidget(self.start_button)
        self.pose.frame_tightly(self._demo_poses)
        self.pose.show_pose(self._demo_poses[0], transition_ms=0)

    # -- public API -----------------------------------------------------------------------
    def start_demo(self) -> None:
        self.pose.set_loop(self._demo_poses, period_ms=DEMO_PERIOD_MS)

    def stop_demo(self) -> None:
        self.pose.stop()

    # -- inside ---------------------------------------------------------------------------
    def _activated(self) -> None:
        self.start_requested.emit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._guard.clear()
        self.start_demo()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        self.stop_demo()           # no animation running behind other screens
        super().hideEvent(event)

    def _rescale(self, unit: int) -> None:
        margin = round(unit * 1.2)
        self._layout.setContentsMargins(margin, margin, margin, margin)
        self._layout.setSpacing(round(unit * 0.6))
        self.demo_caption.setStyleSheet(f"font-size: {round(unit * 1.2)}px;")
        self._size_big_button(self.start_button, unit, height_units=4, font_units=2.0)
