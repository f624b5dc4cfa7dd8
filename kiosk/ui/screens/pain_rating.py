"""The 0-10 pain rating screen: one touch records, Undo stays a few seconds, bounces never count."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, texts
from kiosk.ui.theme import DEFAULT, Palette, window_look, window_unit
from kiosk.ui.widgets.pain_faces import FACE_PAIN_LEVELS, PainFace
from kiosk.ui.widgets.responsive import ACROSS, TurnWithWindow
from kiosk.ui.widgets.touch_button import BOUNCE_MS, BounceGuard, TouchButton, screen_touch_target_px

DEFAULT_QUESTION = N_("How is your pain right now?")
TOUCH_THE_NUMBER = N_("Touch the number that matches your pain.")
UNDONE = N_("Undone. Touch the number that matches your pain.")
UNDO_MS = 5000
PAIN_VALUES = tuple(range(11))

# (background, text) for 0..10, calm mint to deep wine; every pair has at least 4.5:1 contrast.
# Dark text is the palette's text colour (the normal look's here; high contrast's is darker still).
RATING_COLOURS: tuple[tuple[str, str], ...] = (
    ("#A8DCC8", DEFAULT.text),   # 0   9.6:1
    ("#B9E0A5", DEFAULT.text),   # 1   9.9:1
    ("#D3E79A", DEFAULT.text),   # 2  10.9:1
    ("#EAE68A", DEFAULT.text),   # 3  11.3:1
    ("#F7DA7A", DEFAULT.text),   # 4  10.6:1
    ("#F7C56E", DEFAULT.text),   # 5   9.2:1
    ("#F4A765", DEFAULT.text),   # 6   7.4:1
    ("#E8845C", DEFAULT.text),   # 7   5.5:1
    ("#B8322A", "#FFFFFF"),      # 8   6.0:1
    ("#9C1F2E", "#FFFFFF"),      # 9   7.9:1
    ("#7A1838", "#FFFFFF"),      # 10 10.4:1
)
COLUMN_CHOICES = (11, 6, 4, 3)      # buttons per row: one band, or bands of 6 + 5, 4 + 4 + 3, 3 + 3 + 3 + 2
NUMBER_ROOM_PX = 24                 # a number's room inside its button: the chosen border, 7 px each side, and air


def _number_px(unit: int, columns: int) -> int:
    """The numbers' size: a little smaller when they are on more than one row."""
    return round(unit * (2.6 if columns == len(PAIN_VALUES) else 2.2))


PRESSED_COLOURS = ("#86C9B0", "#9DD186", "#BFD977", "#DCD765", "#F0C955", "#F1B04B",
                   "#EE9244", "#DF7A4E", "#982820", "#7E1824", "#5E112A")


def pain_words(value: int) -> str:
    """What a value means in words, in the language of the screens: "no pain", "mild pain", ...
    "worst pain imaginable"."""
    _ = texts().gettext
    if value == 0:
        return _("no pain")
    if value == 10:
        return _("worst pain imaginable")
    if value <= 3:
        return _("mild pain")
    if value <= 6:
        return _("moderate pain")
    return _("severe pain")


def _scale_style_sheet(number_px: int, radius: int, palette: Palette = DEFAULT) -> str:
    """Colours, type and chosen/focus marks of the eleven rating buttons, in `palette`."""
    rules = [f"""
    QPushButton[rating="true"] {{
        min-height: 0px; min-width: 0px; padding: 0px; font-size: {number_px}px; font-weight: bold;
        border-radius: {radius}px; border: 3px solid transparent;
    }}
    QPushButton[rating="true"]:focus {{ border: 4px dashed {palette.text}; }}
    QPushButton[rating="true"][chosen="true"] {{ border: 7px solid {palette.text}; }}
    """]
    for value, (background, text) in enumerate(RATING_COLOURS):
        text = palette.text if text == DEFAULT.text else text
        rules.append(
            f'QPushButton[pain="{value}"] {{ background: {background}; color: {text}; }}\n'
            f'QPushButton[pain="{value}"]:pressed {{ background: {PRESSED_COLOURS[value]}; }}\n'
        )
    return "".join(rules)


class RatingButton(TouchButton):
    """One number of the scale; its height follows the screen, never below the touch target."""

    def __init__(self, value: int, touch_px: int, parent: QWidget | None = None) -> None:
        self._preferred_height = touch_px     # before the base class asks for the size hint
        super().__init__(str(value), None, touch_px, parent)
        self.value = value
        self.setProperty("rating", True)
        self.setProperty("pain", value)
        self.setProperty("chosen", False)
        self.describe()
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def describe(self) -> None:
        """Its accessible description in the language in use: "3, mild pain"."""
        self.setAccessibleDescription(texts().gettext("{value}, {words}").format(
            value=self.value, words=pain_words(self.value)))

    def set_preferred_height(self, px: int) -> None:
        self._preferred_height = px
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(self.touch_px, max(self.touch_px, self._preferred_height))

    def minimumSizeHint(self) -> QSize:
        text_width = self.fontMetrics().horizontalAdvance(self.text()) + 12
        return QSize(max(self.touch_px, text_width), self.touch_px)

    def set_chosen(self, chosen: bool) -> None:
        self.setProperty("chosen", chosen)
        self.repolish()


class _Face(PainFace):
    """A face whose size the screen sets."""

    def __init__(self, pain: int, parent: QWidget | None = None) -> None:
        super().__init__(pain, parent=parent)
        self._px = 64
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def set_face_px(self, px: int) -> None:
        self._px = px
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(self._px, self._px)


class PainRatingScreen(FollowsLanguage, QWidget):
    """Asks for a 0-10 pain rating with eleven big coloured buttons.

    Signals:
        rating_chosen(int): a number was touched; it can still be undone.
        rating_undone(): the pending number was taken back.
        rating_confirmed(int): the Undo time ran out (or `confirm_pending` was called); record it.
        skipped(): the person chose not to answer.

    Presses within `bounce_ms` of the last counted one, and presses while a rating is pending,
    are ignored, so a bounce or a double tap never records twice. Buttons react on release.
    """

    rating_chosen = Signal(int)
    rating_undone = Signal()
    rating_confirmed = Signal(int)
    skipped = Signal()

    def __init__(self, question: str = DEFAULT_QUESTION, undo_ms: int = UNDO_MS,
                 bounce_ms: int = BOUNCE_MS, physical_dpi: float | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pain_rating_screen")
        self._physical_dpi = physical_dpi
        self._touch_px = screen_touch_target_px(self, physical_dpi)
        self._guard = BounceGuard(bounce_ms)
        self._pending: int | None = None
        self._question_given = question      # translated when it is a marked English question
        self._status_shown: tuple[str, int | None] = (TOUCH_THE_NUMBER, None)    # to say again in another language
        self._columns = 0
        self._style_key: tuple[int, bool, object] | None = None     # unit, one band, look
        self._placed_unit = self._placed_width = 0
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(undo_ms)
        self._undo_timer.timeout.connect(self.confirm_pending)
        self.setFocusPolicy(Qt.StrongFocus)

        self._question = QLabel()
        self._question.setProperty("role", "title")
        self._question.setWordWrap(True)
        self._question.setAlignment(Qt.AlignCenter)

        self._scale = QWidget()
        self._scale.setObjectName("pain_scale")
        self._grid = QGridLayout(self._scale)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._buttons = [RatingButton(value, self._touch_px) for value in PAIN_VALUES]
        for button in self._buttons:
            button.clicked.connect(lambda _checked=False, v=button.value: self._on_pressed(v))
        self._faces = {value: _Face(value) for value in FACE_PAIN_LEVELS}
        self._no_pain = QLabel()
        self._worst = QLabel()
        for label, align in ((self._no_pain, Qt.AlignLeft), (self._worst, Qt.AlignRight)):
            label.setProperty("role", "heading")
            label.setAlignment(align | Qt.AlignTop)
            label.setWordWrap(True)             # a narrow band (portrait) puts "imaginable" on a line of its own

        self._status = QLabel()
        self._status.setProperty("role", "caption")
        self._status.setWordWrap(True)
        self._undo = TouchButton("", "primary", self._touch_px)
        self._undo.clicked.connect(self.undo)
        keep_space = self._undo.sizePolicy()
        keep_space.setRetainSizeWhenHidden(True)     # the layout never jumps under a finger
        self._undo.setSizePolicy(keep_space)
        self._skip = TouchButton("", None, self._touch_px)
        self._skip.clicked.connect(self._on_skip)

        answer_buttons = QHBoxLayout()
        answer_buttons.addWidget(self._undo)
        answer_buttons.addSpacing(self._touch_px // 2)
        answer_buttons.addWidget(self._skip)
        status_row = QBoxLayout(ACROSS)          # portrait: Undo and Skip under the message
        status_row.addWidget(self._status, 1)
        status_row.addLayout(answer_buttons)
        self._turn = TurnWithWindow(self, status_row)

        self._outer = QVBoxLayout(self)
        self._outer.addWidget(self._question)
        self._outer.addStretch(1)
        self._outer.addWidget(self._scale)
        self._outer.addStretch(1)
        self._outer.addLayout(status_row)
        self._show_idle(TOUCH_THE_NUMBER)
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self._question.setText(_(self._question_given) if self._question_given else "")
        self._no_pain.setText(_("No pain"))
        self._worst.setText(_("Worst pain imaginable"))
        for button in self._buttons:
            button.describe()
        self._undo.set_label(_("Undo"))
        self._undo.setAccessibleDescription(_("Take back the number you just touched"))
        self._skip.set_label(_("Skip"))
        self._skip.setAccessibleDescription(_("Go on without rating your pain"))
        self._show_status()
        self._columns = 0                                # the end captions' lengths changed
        self._relayout(self.width(), self.height())

    def _show_status(self) -> None:
        _ = texts().gettext
        kind, value = self._status_shown
        if kind == "chosen":
            text = _("You chose {value}, {words}. Touch Undo to change it.")
        elif kind == "saved":
            text = _("Saved: {value}, {words}. Thank you.")
        else:
            text = _(kind)
        self._status.setText(text.format(value=value, words=pain_words(value)) if value is not None else text)

    # --- public API -------------------------------------------------------------------------

    @property
    def pending_rating(self) -> int | None:
        """The number touched and not yet confirmed or undone."""
        return self._pending

    @property
    def touch_px(self) -> int:
        """The smallest button side in logical pixels (15 mm on this screen, at least 44)."""
        return self._touch_px

    @property
    def columns(self) -> int:
        """Buttons per row: 11, or 6, 4 or 3 when eleven buttons (15 mm, with a whole "10") do not fit across."""
        return self._columns

    def question(self) -> str:
        return self._question.text()

    def set_question(self, text: str) -> None:
        """Ask `text`: an English question marked for translation is asked in the language in use (and
        again after a change); any other text is shown as given."""
        self._question_given = text
        self._question.setText(texts().gettext(text) if text else "")
        self._relayout(self.width(), self.height())      # a longer question may leave no room for the faces

    def rating_button(self, value: int) -> RatingButton:
        return self._buttons[value]

    def confirm_pending(self) -> None:
        """Confirm the pending rating now (also what the Undo timer does when it runs out)."""
        self._undo_timer.stop()
        if self._pending is None:
            return
        value, self._pending = self._pending, None
        self._undo.hide()
        self._skip.setEnabled(True)
        self._status_shown = ("saved", value)
        self._show_status()
        self.rating_confirmed.emit(value)

    def undo(self) -> None:
        """Take back the pending rating, if there is one."""
        if self._pending is None:
            return
        self._undo_timer.stop()
        self._buttons[self._pending].set_chosen(False)
        self._buttons[self._pending].setFocus()
        self._pending = None
        self._show_idle(UNDONE)
        self.rating_undone.emit()

    def reset(self) -> None:
        """Forget any pending rating silently and show the question afresh."""
        self._undo_timer.stop()
        if self._pending is not None:
            self._buttons[self._pending].set_chosen(False)
        self._pending = None
        self._guard.clear()
        self._show_idle(TOUCH_THE_NUMBER)

    # --- behaviour ----------------------------------------------------------------------------

    def _on_pressed(self, value: int) -> None:
        if self._pending is not None or not self._guard.accept():
            return
        self._pending = value
        self._buttons[value].set_chosen(True)
        self._status_shown = ("chosen", value)
        self._show_status()
        self._skip.setEnabled(False)
        self._undo.show()
        self._undo_timer.start()
        self.rating_chosen.emit(value)

    def _on_skip(self) -> None:
        if self._pending is None:
            self.skipped.emit()

    def _show_idle(self, text: str) -> None:
        self._status_shown = (text, None)
        self._show_status()
        self._undo.hide()
        self._skip.setEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key_0 <= key <= Qt.Key_9 and not event.isAutoRepeat():
            button = self._buttons[key - Qt.Key_0]
            button.setFocus()
            button.click()
            return
        if key in (Qt.Key_Left, Qt.Key_Right):
            focused = self.focusWidget()
            if isinstance(focused, RatingButton):
                step = 1 if key == Qt.Key_Right else -1
                self._buttons[max(0, min(10, focused.value + step))].setFocus()
                return
        if key in (Qt.Key_Backspace, Qt.Key_Escape) and self._pending is not None:
            self.undo()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus(Qt.OtherFocusReason)     # no focus ring that looks like a choice; digits work
        self._relayout(self.width(), self.height())     # styled now: whether the faces fit is known
        touch_px = screen_touch_target_px(self, self._physical_dpi)
        if touch_px != self._touch_px:          # moved to another screen
            self._touch_px = touch_px
            for button in (*self._buttons, self._undo, self._skip):
                button.set_touch_px(touch_px)
            self._columns = 0
            self._relayout(self.width(), self.height())

    # --- layout -------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout(event.size().width(), event.size().height())

    def _relayout(self, width: int, height: int) -> None:
        unit = window_unit(self)
        margin = round(unit * 1.2)
        spacing = max(6, round(unit * 0.5))
        self._outer.setContentsMargins(margin, margin, margin, margin)
        self._outer.setSpacing(spacing)
        self._grid.setHorizontalSpacing(spacing)
        self._grid.setVerticalSpacing(max(4, spacing // 2))

        usable = width - 2 * margin
        columns = self._columns_that_fit(usable, spacing, unit)
        bands = -(-len(PAIN_VALUES) // columns)
        cell = (usable - (columns - 1) * spacing) / columns
        button_px = int(max(self._touch_px, min(cell * 0.9, height * 0.22 / bands)))
        face_px = int(max(28, min(cell * 0.7, height * 0.16 / bands)))
        for button in self._buttons:
            button.set_preferred_height(button_px)
        for face in self._faces.values():
            face.set_face_px(face_px)
        # Room for two lines of status, so that showing a longer message never moves the scale.
        status_line = round(unit * 1.4 * 1.35)
        self._status.setMinimumHeight(max(self._touch_px, 2 * status_line + 4))
        if (columns, unit, usable) != (self._columns, self._placed_unit, self._placed_width):
            self._place(columns, unit, usable)
        # A short window (larger text on a 7" panel, a title bar): numbers only, when the faces
        # would squeeze the scale.
        # Still too short: the question in heading size rather than title size.
        self._set_question_role("title")
        for face in self._faces.values():                # (in the grid by now: never a window of their own)
            face.setVisible(True)
        if self._needed_height(usable) > height:
            for face in self._faces.values():
                face.setVisible(False)
            if self._needed_height(usable) > height:
                self._set_question_role("heading")
        look = window_look(self)
        style = (unit, columns == len(PAIN_VALUES), look)
        if style != self._style_key:
            self._style_key = style
            self._scale.setStyleSheet(_scale_style_sheet(_number_px(unit, columns), round(unit * 0.6), look.palette))
            for button in self._buttons:
                button.repolish()

    def _set_question_role(self, role: str) -> None:
        if self._question.property("role") != role:
            self._question.setProperty("role", role)
            self._question.style().unpolish(self._question)
            self._question.style().polish(self._question)

    def _needed_height(self, usable: int) -> int:
        """The height the screen needs at this width, with the question wrapped to it."""
        self.ensurePolished()            # styled (fonts, button sizes) even before it is first shown
        self._grid.invalidate()
        self._scale.updateGeometry()     # the outer layout keeps the scale's last minimum until told
        self._outer.invalidate()
        question = self._question.heightForWidth(usable) - self._question.minimumSizeHint().height()
        return self._outer.totalMinimumSize().height() + max(0, question)

    def _columns_that_fit(self, usable: int, spacing: int, unit: int) -> int:
        """Eleven across when eleven buttons with a whole "10" fit; else the widest of the rows that do."""
        for columns in COLUMN_CHOICES:
            font = QFont(self.font())
            font.setPixelSize(_number_px(unit, columns))
            font.setBold(True)
            need = max(self._touch_px, QFontMetrics(font).horizontalAdvance("10") + NUMBER_ROOM_PX)
            if usable >= columns * need + (columns - 1) * spacing:
                return columns
        return COLUMN_CHOICES[-1]

    def _place(self, columns: int, unit: int, usable: int) -> None:
        """Put faces, buttons and end captions in bands of `columns` (one band of 11, or 6 and 5, ...)."""
        for widget in (*self._buttons, *self._faces.values(), self._no_pain, self._worst):
            self._grid.removeWidget(widget)
        for column in range(11):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
            self._grid.setColumnMinimumWidth(column, 0)
        for value in PAIN_VALUES:
            band, column = divmod(value, columns)
            row = band * 3
            if value in self._faces:
                self._grid.addWidget(self._faces[value], row, column, Qt.AlignHCenter | Qt.AlignBottom)
            self._grid.addWidget(self._buttons[value], row + 1, column)
        one_band = columns == len(PAIN_VALUES)
        last_band, last_column = divmod(PAIN_VALUES[-1], columns)
        no_pain_span = 4 if one_band else columns
        worst_start, worst_span = (last_column - 3, 4) if one_band else (0, columns)   # under the last row
        self._grid.addWidget(self._no_pain, 2, 0, 1, no_pain_span)
        self._grid.addWidget(self._worst, last_band * 3 + 2, worst_start, 1, worst_span)
        # A narrow band may put "imaginable" on a second line: keep room for it (a grid does not
        # give a spanning label the height its wrapped text needs).
        font = QFont(self.font())
        font.setPixelSize(round(unit * 1.4))
        font.setBold(True)
        metrics = QFontMetrics(font)
        for label, span in ((self._no_pain, no_pain_span), (self._worst, worst_span)):
            room = usable * span / columns - 8
            lines = 1 if metrics.horizontalAdvance(label.text()) <= room else 2
            label.setMinimumHeight(0 if lines == 1 else lines * metrics.lineSpacing() + 2)
        self._columns, self._placed_unit, self._placed_width = columns, unit, usable
        # Tab order follows the numbers, then Undo and Skip.
        chain = [*self._buttons, self._undo, self._skip]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
