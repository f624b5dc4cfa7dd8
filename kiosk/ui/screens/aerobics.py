"""The light-aerobics page: gentle activities, the weekly goal, and what to avoid."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QScroller, QVBoxLayout, QWidget

from kiosk.core.routine import AerobicsPage
from kiosk.ui.widgets.controls import make_button, make_label
from kiosk.ui.widgets.pose_view import PoseView


class AerobicsScreen(QWidget):
    """Signals: back_requested()"""

    back_requested = Signal()

    def __init__(self, page: AerobicsPage | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Light aerobics")
        outer = QVBoxLayout(self)
        outer.addWidget(make_label(page.title if page else "Light aerobics", "title"))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        if page is None:
            layout.addWidget(make_label("This page could not be loaded.", "notice"))
        else:
            layout.addWidget(make_label(page.intro, "caption"))
            layout.addWidget(make_label(f"Goal: {page.weekly_goal_minutes} minutes a week, built up slowly, "
                                        "at your own pace.", "heading"))
            for activity in page.activities:
                picture = PoseView(body)
                picture.show_pose(activity.pose, transition_ms=0)
                picture.setFixedSize(150, 130)
                text = QVBoxLayout()
                text.addWidget(make_label(activity.title, "heading"))
                text.addWidget(make_label(activity.text))
                text.addStretch(1)
                row = QHBoxLayout()
                row.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
                row.addLayout(text, 1)
                layout.addLayout(row)
            layout.addWidget(make_label("Better avoided", "heading"))
            for item in page.avoid:
                layout.addWidget(make_label(f"•  {item}"))
        layout.addStretch(1)
        scroll.setWidget(body)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(scroll.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        outer.addWidget(scroll, 1)
        self.back_button = make_button("Back", "primary")
        self.back_button.clicked.connect(self.back_requested)
        outer.addWidget(self.back_button)
