"""The light-aerobics page: gentle activities, the weekly goal, and what to avoid."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QScroller, QVBoxLayout, QWidget

from kiosk.core.routine import AerobicsPage
from kiosk.ui.language import FollowsLanguage, current_language, texts
from kiosk.ui.widgets.controls import make_button, make_label, set_button_text
from kiosk.ui.widgets.pose_view import PoseView


class AerobicsScreen(FollowsLanguage, QWidget):
    """The page's texts are the routine library's, in its language: `page_for(language)` (when given)
    gives the page in the language the screens change to, or `set_page` hands a new one over.

    Signals: back_requested()
    """

    back_requested = Signal()

    def __init__(self, page: AerobicsPage | None, parent: QWidget | None = None,
                 page_for: Callable[[str], AerobicsPage | None] | None = None) -> None:
        super().__init__(parent)
        self._page = page
        self._page_for = page_for
        self._language = current_language()
        outer = QVBoxLayout(self)
        self.title = make_label("", "title")
        outer.addWidget(self.title)
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self._scroll.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        outer.addWidget(self._scroll, 1)
        self.back_button = make_button("", "primary")
        self.back_button.clicked.connect(self.back_requested)
        outer.addWidget(self.back_button)
        self.retranslate()

    def set_page(self, page: AerobicsPage | None) -> None:
        """Show this page (the library's, loaded in the language in use)."""
        self._page = page
        self._build()

    def retranslate(self) -> None:
        language = current_language()
        if self._page_for is not None and language != self._language:
            self._page = self._page_for(language)
        self._language = language
        _ = texts().gettext
        self.setAccessibleName(_("Light aerobics"))
        set_button_text(self.back_button, _("Back"))
        self._build()

    def _build(self) -> None:
        _ = texts().gettext
        page = self._page
        self.title.setText(page.title if page else _("Light aerobics"))
        body = QWidget()
        layout = QVBoxLayout(body)
        if page is None:
            layout.addWidget(make_label(_("This page could not be loaded."), "notice"))
        else:
            layout.addWidget(make_label(page.intro, "caption"))
            layout.addWidget(make_label(_("Goal: {minutes} minutes a week, built up slowly, at your own pace.").format(
                minutes=page.weekly_goal_minutes), "heading"))
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
            layout.addWidget(make_label(_("Better avoided"), "heading"))
            for item in page.avoid:
                layout.addWidget(make_label(f"•  {item}"))
        layout.addStretch(1)
        old = self._scroll.takeWidget()
        self._scroll.setWidget(body)
        if old is not None:
            old.deleteLater()
