"""The big PIN keypad, and the screen frame that puts it beside a title, the PIN dots and a message."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout, QGridLayout, QLabel, QLayout, QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, texts
from kiosk.ui.theme import DEFAULT, Palette, window_look, window_unit
from kiosk.ui.widgets.controls import make_label, scrolling
from kiosk.ui.widgets.responsive import ACROSS, TurnWithWindow, is_portrait
from kiosk.ui.widgets.touch_button import BounceGuard, TouchButton, screen_touch_target_px

TIGHT_RATIO = 0.8         # a word key's letters when its word does not fit at the usual size
KEY_BOUNCE_MS = 200       # the same key twice within this is a touchscreen bounce, not two digits
FILLED, EMPTY = "\u25CF", "\u25CB"
DELETE_KEY = "Delete"     # the keys' names in `PinPad.keys` stay English; their labels follow the language
PIN = N_("PIN")


class KeypadButton(TouchButton):
    """One key of the pad: grows with the room it is given, never below the touch target (its border box)."""

    def __init__(self, text: str, role: str | None, touch_px: int, parent: QWidget | None = None) -> None:
        super().__init__(text, role, touch_px, parent)
        self.setProperty("keypad", True)
        self.setProperty("word", not text.isdigit())     # Delete, OK: smaller than the digits
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Roomier than the target where the screen has the room (the pad grows into it)."""
        return QSize(round(self.touch_px * 1.6), round(self.touch_px * 1.2))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """The touch target, no more: a small screen gets 15 mm keys (a word too long gets smaller letters)."""
        return self.touch_minimum()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.fit_word()

    def fit_word(self) -> None:
        """A word key whose word (in a longer language) does not fit gets smaller letters ("tight")."""
        if self.text().isdigit():
            return
        font = self.font()
        if self.property("tight") and font.pixelSize() > 0:       # measured at the usual size
            font.setPixelSize(round(font.pixelSize() / TIGHT_RATIO))
        tight = QFontMetrics(font).horizontalAdvance(self.text()) > self.width() - 12
        if bool(self.property("tight")) != tight:
            self.setProperty("tight", tight)
            self.repolish()


class PinPad(FollowsLanguage, QWidget):
    """Digits 0-9, Delete and OK; `dots` (a label for the screen to place) shows the digits as dots,
    or, for a number that is not a secret (`set_entry(..., visible=True)`), the digits themselves.

    Keys typed on a keyboard work too: digits, Backspace or Delete, Enter.

    Signals:
        submitted(str): OK with at least `min_digits` digits; the pad is cleared afterwards.
        changed(int): the number of digits entered changed.
    """

    submitted = Signal(str)
    changed = Signal(int)

    def __init__(self, touch_px: int, min_digits: int = 4, max_digits: int = 6,
                 ok_label: str = "OK", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_digits, self.max_digits = min_digits, max_digits
        self.visible_digits = False
        self._what = PIN              # the English of what is typed; shown in the language in use
        self._digits = ""
        self._guards: dict[str, BounceGuard] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.dots = make_label("", "title", wrap=False)
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots.setObjectName("pin_dots")

        grid = QGridLayout()
        grid.setSpacing(max(8, touch_px // 6))
        self.keys: dict[str, TouchButton] = {}
        order = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "Delete", "0", ok_label]
        for index, text in enumerate(order):
            role = "primary" if text == ok_label else None
            button = KeypadButton(text, role, touch_px)
            self.keys[text] = button
            grid.addWidget(button, index // 3, index % 3)
            button.clicked.connect(lambda _c=False, t=text: self._pressed(t))
        self.ok_button = self.keys[ok_label]
        self.delete_button = self.keys["Delete"]
        self._ok_label = ok_label

        grid.setContentsMargins(0, 0, 0, 0)
        self.setLayout(grid)          # the screen places `dots` where it likes
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.delete_button.set_label(_("Delete"))
        if self._ok_label == "OK":
            self.ok_button.set_label(_("OK"))
        for key in (self.delete_button, self.ok_button):
            key.fit_word()
        self.delete_button.setAccessibleDescription(_("Remove the last digit"))
        self._describe_ok()
        self._refresh()

    def _describe_ok(self) -> None:
        _ = texts().gettext
        what = _(self._what).lower()
        if self.min_digits != self.max_digits:
            text = _("Confirm the {what} ({low} to {high} digits)").format(what=what, low=self.min_digits,
                                                                          high=self.max_digits)
        else:
            text = _("Confirm the {what} ({count} digits)").format(what=what, count=self.min_digits)
        self.ok_button.setAccessibleDescription(text)

    # -- public API -----------------------------------------------------------------------
    @property
    def digit_count(self) -> int:
        return len(self._digits)

    def clear(self) -> None:
        """Forget the digits entered (nothing about them is kept)."""
        self._digits = ""
        self._refresh()

    def set_entry(self, what: str, min_digits: int, max_digits: int, *, visible: bool = False,
                  digits: str = "") -> None:
        """Ask for something else: `what` (the English, marked N_: "PIN", "Diary number") of `min_digits` to `max_digits` digits,
        shown as digits when `visible`, starting with `digits` already typed."""
        self._what, self.visible_digits = what, visible
        self.dots.setProperty("digits", visible)           # the style sheet sets digits a little smaller
        self.dots.style().unpolish(self.dots)
        self.dots.style().polish(self.dots)
        self.min_digits, self.max_digits = min_digits, max_digits
        self._describe_ok()
        self._digits = digits[:max_digits] if digits.isdigit() else ""
        self._refresh()

    def type_digit(self, digit: str) -> None:
        if digit.isdigit() and len(digit) == 1 and len(self._digits) < self.max_digits:
            self._digits += digit
            self._refresh()

    def delete_digit(self) -> None:
        if self._digits:
            self._digits = self._digits[:-1]
            self._refresh()

    def submit(self) -> None:
        if len(self._digits) < self.min_digits:
            return
        pin, self._digits = self._digits, ""
        self._refresh()
        self.submitted.emit(pin)

    # -- inside ---------------------------------------------------------------------------
    def _pressed(self, text: str) -> None:
        guard = self._guards.setdefault(text, BounceGuard(KEY_BOUNCE_MS))
        if not guard.accept():
            return
        if text == DELETE_KEY:
            self.delete_digit()
        elif text == self._ok_label:
            self.submit()
        else:
            self.type_digit(text)

    def _refresh(self) -> None:
        _ = texts().gettext
        what = _(self._what)
        count = len(self._digits)
        slots = max(self.min_digits, count)
        if self.visible_digits:
            shown = list(self._digits) + ["_"] * (slots - count)
            self.dots.setText(" ".join(shown[:4]) + ("  " + " ".join(shown[4:]) if len(shown) > 4 else ""))
            self.dots.setAccessibleName(_("{what}: {digits} entered").format(what=what, digits=" ".join(self._digits))
                                        if self._digits else _("{what}: nothing entered").format(what=what))
        else:
            self.dots.setText(" ".join([FILLED] * count + [EMPTY] * (slots - count)))
            self.dots.setAccessibleName(texts().ngettext("{what}: {count} digit entered", "{what}: {count} digits entered",
                                                         count).format(what=what, count=count))
        self.ok_button.setEnabled(count >= self.min_digits)
        self.delete_button.setEnabled(count > 0)
        self.changed.emit(count)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        text = event.text()
        if text and text.isdigit() and len(text) == 1 and "0" <= text <= "9":
            self.type_digit(text)
        elif event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.delete_digit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        else:
            super().keyPressEvent(event)


def keypad_style_sheet(unit: int, palette: Palette = DEFAULT) -> str:
    """Big digits on the keypad and a visible focus ring, in `palette`."""
    return f"""
    QPushButton[keypad="true"] {{ font-size: {round(unit * 2.0)}px; min-height: 0px; padding: 0px; }}
    QPushButton[keypad="true"][word="true"] {{ font-size: {round(unit * 1.3)}px; }}
    QPushButton[keypad="true"][word="true"][tight="true"] {{ font-size: {round(unit * 1.3 * TIGHT_RATIO)}px; }}
    QPushButton[keypad="true"]:disabled {{ color: {palette.muted}; background: #ECEFF2; }}
    QLabel[role="notice"] {{ font-size: {round(unit * 1.25)}px; font-weight: bold; }}
    QLabel#pin_dots {{ font-size: {round(unit * 2.6)}px; letter-spacing: {unit // 3}px; color: {palette.text}; }}
    QLabel#pin_dots[digits="true"] {{ font-size: {round(unit * 2.0)}px; letter-spacing: {unit // 6}px; }}
    """


class WordsArea(QScrollArea):
    """The scrolling words beside the keypad (above it in portrait). It asks for room only down to the
    last of `shown` in sight (the title, the explanation, the digits typed, a message), not for all it
    holds: a portrait screen's keypad and buttons get their room first, what follows (the language
    button) scrolls. (A column with wrapped text is laid out at its preferred height, so a larger
    preference here would squeeze the keypad under its 15 mm keys.)"""

    def __init__(self, shown: Sequence[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown = list(shown)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().sizeHint()
        body = self.widget()
        layout = body.layout() if body is not None else None
        if layout is None:
            return hint
        width = max(1, self.viewport().width())
        need, last = 0, None
        for index in range(layout.count()):
            widget = layout.itemAt(index).widget()
            if widget is None or widget.isHidden():
                continue
            if widget not in self._shown:
                break
            item = layout.itemAt(index)
            need += (item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height())
            need += layout.spacing() if last is not None else 0
            last = widget
        frame = 2 * self.frameWidth()
        return QSize(hint.width(), max(self.minimumSizeHint().height(), min(hint.height(), need + frame)))


class PinPadScreen(FollowsLanguage, QWidget):
    """A PinPad on the right (below in portrait); on the left (above) a title, an explanation, the PIN dots and a message.

    A subclass makes its own widgets after this constructor (they may use `touch_px`), then calls
    `_lay_out`. `title` is the English (marked N_), shown in the language in use; a message is shown
    again in a new language (`_show_message` takes a function that makes it). Typed keys go to the pad while it is enabled; the keypad style and the margins
    follow the window height.
    """

    def __init__(self, title: str, max_digits: int, physical_dpi: float | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title_source = title
        self._message_source: Callable[[], str] | None = None
        self.touch_px = screen_touch_target_px(self, physical_dpi)
        self._styled_for = None          # the unit, look and portrait-or-not it is laid out for
        self.pad = PinPad(self.touch_px, min_digits=4, max_digits=max_digits)
        self.pad.changed.connect(self._digits_changed)
        self._title = make_label("", "title")
        self.message = make_label("", "notice", name="Message")
        keep = self.message.sizePolicy()
        keep.setRetainSizeWhenHidden(True)
        self.message.setSizePolicy(keep)
        self.message.hide()
        self._show_title()

    def retranslate(self) -> None:
        """The title and the message shown; a subclass adds its own texts (and calls this)."""
        self._show_title()
        if self._message_source is not None:
            text = self._message_source()
            self.message.setText(text)
            self.message.setAccessibleName(text)

    def _set_title(self, title: str) -> None:
        """Show `title` (the English, marked N_) in the language in use, now and after a change."""
        self._title_source = title
        self._show_title()

    def _show_title(self) -> None:
        title = texts().gettext(self._title_source)
        self._title.setText(title)
        self.setAccessibleName(title)

    def _lay_out(self, explain: QLabel, upper: Sequence[QWidget] = (),
                 lower: Sequence[QWidget | QLayout | int] = ()) -> None:
        """Left column: title, `explain`, dots, message, `upper`, a stretch, `lower` (ints are spacing,
        layouts a row of their own)."""
        words = QVBoxLayout()
        for widget in (self._title, explain, self.pad.dots, self.message, *upper):
            words.addWidget(widget)
        words.addStretch(1)
        left = QVBoxLayout()
        self._words = WordsArea([self._title, explain, self.pad.dots, self.message], self)
        left.addWidget(scrolling(words, self, self._words), 1)   # a short screen scrolls the words; buttons stay
        for part in lower:
            if isinstance(part, int):
                left.addSpacing(part)
            elif isinstance(part, QLayout):
                left.addLayout(part)
            else:
                left.addWidget(part)
        self._row = QBoxLayout(ACROSS, self)      # portrait: the keypad under the rest
        self._turn = TurnWithWindow(self, self._row)
        self._row.addLayout(left, 4)
        self._row.addSpacing(self.touch_px // 2)
        self._gap = self._row.itemAt(self._row.count() - 1).spacerItem()
        self._row.addWidget(self.pad, 5)
        self.setFocusProxy(self.pad)

    def _show_message(self, text: str | Callable[[], str]) -> None:
        """Show a message; given as a function it is made again in a new language."""
        self._message_source = text if callable(text) else (lambda: text)
        text = self._message_source()
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.show()
        self._words.updateGeometry()

    def _digits_changed(self, count: int) -> None:
        if count and not self.message.isHidden():
            self.message.hide()
            self._words.updateGeometry()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if self.pad.isEnabled():
            self.pad.keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        unit, look, portrait = window_unit(self), window_look(self), is_portrait(self)
        if (unit, look, portrait) != self._styled_for:
            if self._styled_for is None or self._styled_for[:2] != (unit, look):
                self.setStyleSheet(keypad_style_sheet(unit, look.palette))
            self._styled_for = (unit, look, portrait)
            # Portrait: the keypad under the words, the screen's height shared by both; margins and the gap
            # between them narrower, so that the words and 15 mm keys fit a 7" panel stood on end.
            margin = round(unit * (0.6 if portrait else 1.2))
            self._row.setContentsMargins(margin, margin, margin, margin)
            gap = self.touch_px // (4 if portrait else 2)
            if portrait:
                self._gap.changeSize(0, gap, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            else:
                self._gap.changeSize(gap, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
            self._row.invalidate()
