"""The attract screen: a welcome, "Touch to start", and a looping demonstration. Nothing personal, ever."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, texts
from kiosk.ui.widgets.controls import make_label
from kiosk.ui.widgets.other_language_button import OtherLanguageButton
from kiosk.ui.widgets.pose_view import PoseView
from kiosk.ui.widgets.responsive import ACROSS, TurnWithWindow
from kiosk.ui.widgets.tap_anywhere import TapAnywhereScreen
from kiosk.ui.widgets.touch_button import TouchButton

DEMO_POSES = ("hook_lying", "one_knee_to_chest")
DEMO_TITLE = N_("One knee to chest")
DEMO_PERIOD_MS = 2600


class _Balance(QWidget):
    """Empty room as wide as the language button on the title's other side; it gives way on a narrow screen."""

    def __init__(self) -> None:
        super().__init__()
        self._width = 0
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_width(self, width: int) -> None:
        self._width = width
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self._width, 1)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(0, 1)


class AttractScreen(FollowsLanguage, TapAnywhereScreen):
    """What a stranger sees first. The whole screen is one big target, but for the language button.

    Signals:
        start_requested(): the screen was touched (anywhere), or Enter/Space pressed.
        language_chosen(str): the language button was touched (the code of the language it names).
    """

    start_requested = Signal()
    language_chosen = Signal(str)

    def __init__(self, physical_dpi: float | None = None, demo_poses: tuple[str, ...] = DEMO_POSES,
                 demo_title: str = DEMO_TITLE, parent: QWidget | None = None) -> None:
        super().__init__(physical_dpi, parent)
        self._demo_poses = list(demo_poses)
        self._demo_title = demo_title             # the English (marked N_), shown in the language in use
        self._fitted = None                       # what "Touch to start" was last sized for

        self.title = make_label("", "title")
        self.subtitle = make_label("", "caption")
        for label in (self.title, self.subtitle):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.language_button = OtherLanguageButton(self.touch_px)
        self.language_button.language_chosen.connect(self.language_chosen)
        self.pose = PoseView(self)
        self.pose.setMinimumSize(200, 120)
        self.demo_caption = make_label("", "muted")
        self.demo_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_button = TouchButton("", "primary", self.touch_px)
        self.start_button.setObjectName("attract_start")
        self.start_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.start_button.clicked.connect(self._activate)
        self.setFocusProxy(self.start_button)

        self._layout = QVBoxLayout(self)
        top = QBoxLayout(ACROSS)             # the title centred, the language button at the right (portrait: above)
        self._balance = _Balance()           # as wide as the button when there is room: the title in the middle
        top.addWidget(self._balance)
        top.addWidget(self.title, 1)
        top.addWidget(self.language_button, 0, Qt.AlignmentFlag.AlignTop)
        self._layout.addLayout(top)
        self._top = top
        self._turn = TurnWithWindow(self, top, on_turn=self._turned)
        self._layout.addWidget(self.subtitle)
        self._layout.addWidget(self.pose, 1)
        self._layout.addWidget(self.demo_caption)
        self._layout.addWidget(self.start_button)
        self.pose.frame_tightly(self._demo_poses)
        self.pose.show_pose(self._demo_poses[0], transition_ms=0)
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.setAccessibleName(_("Welcome"))
        self.setAccessibleDescription(_("Touch anywhere to start"))
        self.title.setText(_("Welcome"))
        self.subtitle.setText(_("Gentle exercises for sacroiliac joint and low back pain, "
                                "with a calm voice to guide you."))
        demo = _(self._demo_title).lower()
        self.pose.setAccessibleName(_("Demonstration: {exercise}").format(exercise=demo))
        self.demo_caption.setText(_("Example: {exercise}").format(exercise=demo))
        self.start_button.set_label(_("Touch to start"))
        self.start_button.setAccessibleDescription(_("Begin; nothing about you is shown or spoken"))
        self._balance.set_width(self.language_button.minimumWidth())
        self._fit_start_button()

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

    def _turned(self, portrait: bool) -> None:
        """Portrait: the language button above the title, at the right; no balance needed."""
        if portrait:
            self._top.setDirection(QBoxLayout.Direction.BottomToTop)
        self._balance.setVisible(not portrait)
        self._top.setAlignment(self.language_button, Qt.AlignmentFlag.AlignRight if portrait
                               else Qt.AlignmentFlag.AlignTop)

    def _fitting_font(self, button: TouchButton, units: float, unit: int, margin: int) -> float:
        """`units` of text, or fewer, so the button's words fit across the window (a longer language)."""
        room = self.window().width() - 2 * margin - 4 * unit       # the button's own padding and border
        font = QFont(button.font())
        font.setBold(True)
        while units > 1.2:
            font.setPixelSize(round(unit * units))
            if QFontMetrics(font).horizontalAdvance(button.text()) <= room:
                break
            units -= 0.1
        return units

    def _fit_start_button(self) -> None:
        """"Touch to start" as large as fits across the window, in the language in use."""
        if self._styled_for is None:
            return
        unit = self._styled_for[0]
        key = (unit, self.window().width(), self.start_button.text())
        if key != self._fitted:
            self._fitted = key
            units = self._fitting_font(self.start_button, 2.0, unit, round(unit * 1.2))
            self._size_big_button(self.start_button, unit, height_units=4, font_units=units)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_start_button()

    def _rescale(self, unit: int) -> None:
        margin = round(unit * 1.2)
        self._layout.setContentsMargins(margin, margin, margin, margin)
        self._layout.setSpacing(round(unit * 0.6))
        self.demo_caption.setStyleSheet(f"font-size: {round(unit * 1.2)}px;")
        self._fitted = None
        self.language_button.setStyleSheet(f"font-size: {round(unit * 1.4)}px;")
        self.language_button.set_touch_px(max(self.touch_px, round(unit * 3.2)))
        self.language_button.set_min_width(round(unit * 9))
        self._balance.set_width(self.language_button.minimumWidth())
        self._fit_start_button()
