"""The home screen: the routines to choose from, each with a picture and its length, and Start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QBoxLayout, QGridLayout, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from kiosk.core.languages import LANGUAGES
from kiosk.core.notice import Notice
from kiosk.core.routine_index import RoutineChoice, format_minutes
from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, current_language, texts
from kiosk.ui.theme import window_look, window_unit
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.choice_group import OneChoiceGroup
from kiosk.ui.widgets.controls import SCROLL_BAR_ALWAYS_OFF, TOP_LEFT, make_button, make_label, set_button_text
from kiosk.ui.widgets.pose_picture import PosePicture
from kiosk.ui.widgets.responsive import ACROSS, DOWN, TurnWithWindow, is_portrait

if TYPE_CHECKING:
    from kiosk.ui.picture_cache import PictureCache

# No `Qt` enums before the first paint (see controls.py): keys are looked at when one is pressed.

TITLE = N_("Gentle exercises for sacroiliac joint pain")
INTRO = N_("Choose a routine, then press Start. The voice will guide you; you can stop at any moment.")
NOTHING_LOADED = N_("No routine could be loaded. Ask for help, or check the routine files with "
                    "`kiosk routines validate`.")


def _is_activate_key(key: int) -> bool:
    from PySide6.QtCore import Qt

    return key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


class RoutineCard(QPushButton):
    """A checkable card: the routine's picture, title, length and summary."""

    def __init__(self, routine: RoutineChoice, pictures: PictureCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.routine = routine
        self._minimum = 0
        self.setCheckable(True)
        self.setProperty("role", "card")
        minutes = format_minutes(routine.seconds, current_language())
        self.setAccessibleName(routine.title)
        self.setAccessibleDescription(f"{minutes}. {routine.summary}")      # the routine's texts: its library's
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        self.picture = PosePicture(routine.picture, pictures, self)
        self.picture.setMinimumHeight(80)
        # The picture takes the height that is left, rather than asking for its full size.
        self.picture.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.title = make_label(routine.title, "heading")
        self.minutes = make_label(minutes, "muted")
        self.summary = make_label(routine.summary)
        for child in (self.picture, self.title, self.minutes, self.summary):
            layout.addWidget(child)      # they leave presses to the card
        for label in (self.title, self.summary):
            label.setProperty("alignment", TOP_LEFT)   # as high as the highest beside it (_reflow): words at the top
        layout.setStretch(0, 3)

    def keep_minimum_height(self, height: int) -> None:
        """This tall at least, also after the style sheet puts its (smaller) button minimum back on polish."""
        self._minimum = height
        self.setMinimumHeight(height)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.Polish, QEvent.Type.StyleChange) and self._minimum:
            self.setMinimumHeight(self._minimum)
        return handled

    def needed_height(self, width: int, unit: int) -> int:
        """The height that shows the picture's minimum and every line of text at this width (on a
        small screen the home screen then scrolls, rather than squeezing text over the picture)."""
        layout = self.layout()
        margins = layout.contentsMargins()
        labels = [label for label in (self.title, self.minutes, self.summary) if not label.isHidden()]
        inner = self.text_width(width, unit)
        text = sum(max(label.minimumHeight(), label.heightForWidth(inner)) for label in labels)
        return (margins.top() + margins.bottom() + unit + self.picture.minimumHeight() + text
                + layout.spacing() * len(labels))

    def text_width(self, width: int, unit: int) -> int:
        """How wide its words are in a card `width` wide: less the card's padding and border."""
        margins = self.layout().contentsMargins()
        return width - margins.left() - margins.right() - unit


class HomeScreen(FollowsLanguage, QWidget):
    """Choose a routine and start it.

    Signals:
        start_requested(str): Start (or Enter/Space on a routine) was pressed; the routine's id
        aerobics_requested(): the light-aerobics page was asked for
        language_requested(str): the language button was touched: the code of the other language
    """

    start_requested = Signal(object)
    aerobics_requested = Signal()
    language_requested = Signal(str)

    def __init__(self, routines: tuple[RoutineChoice, ...], notices: list[str] = (),
                 parent: QWidget | None = None, *, pictures: PictureCache) -> None:
        """`pictures`: the window's cache of drawn poses, for the cards."""
        super().__init__(parent)
        self._pictures = pictures
        self._notices: list[tuple[str, dict]] = []     # (text, its {placeholders}): shown again in a new language
        self._personal: set[tuple[str, tuple]] = set()  # those of the notices about the person using it now
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)              # with larger text on a small screen, it scrolls
        scroll.setWidgetResizable(True)
        scroll.setProperty("horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        layout = QVBoxLayout(body)
        self.title = make_label("", "title")
        title_row = QBoxLayout(ACROSS)             # the language button beside the title (portrait: under it)
        title_row.addWidget(self.title, 1)
        self.language_button = make_button("Español")     # the other language, in its own name; no flag
        self.language_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.language_button.clicked.connect(self._other_language)
        title_row.addWidget(self.language_button)
        layout.addLayout(title_row)
        self._title_row = title_row
        header = QBoxLayout(ACROSS)                # portrait: the look buttons under the words
        self.intro = make_label("", "muted")
        header.addWidget(self.intro, 1)
        self.contrast_button = make_button("High contrast")
        self.large_text_button = make_button("Larger text")
        for button in (self.contrast_button, self.large_text_button):
            button.setCheckable(True)
        self.look_buttons = ButtonRow([(self.contrast_button, 1), (self.large_text_button, 1)])
        header.addWidget(self.look_buttons)
        layout.addLayout(header)
        self._header = header
        self._turn = TurnWithWindow(self, header, on_turn=self._turned)
        self.notice = make_label("", "notice", name="Notice")
        self.notice.setVisible(False)
        layout.addWidget(self.notice)

        self.card_grid = QGridLayout()
        self.group = OneChoiceGroup(self)
        self.cards: list[RoutineCard] = []
        self.nothing_loaded = make_label("", "notice")
        self.card_grid.addWidget(self.nothing_loaded, 0, 0, 1, 4)
        layout.addLayout(self.card_grid, 1)

        self.button_grid = QGridLayout()
        self.aerobics_button = make_button("Light aerobics")
        self.aerobics_button.clicked.connect(self.aerobics_requested)
        self.buttons = [self.aerobics_button]
        layout.addLayout(self.button_grid)
        self._columns = 0
        self._reflow()
        self.start_button = make_button("Start", "primary")
        self.start_button.clicked.connect(self._start)
        outer.addWidget(self.start_button)      # always in sight
        self.set_choices(routines)
        for text in notices:
            self.show_notice(text)
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.setAccessibleName(_("Home"))
        self.title.setText(_(TITLE))
        self.intro.setText(_(INTRO))
        set_button_text(self.contrast_button, _("High contrast"))
        set_button_text(self.large_text_button, _("Larger text"))
        other = self.other_language()
        set_button_text(self.language_button, LANGUAGES[other])
        self.language_button.setAccessibleDescription(_("Show every screen in {language}").format(
            language=LANGUAGES[other]))
        self.nothing_loaded.setText(_(NOTHING_LOADED))
        set_button_text(self.aerobics_button, _("Light aerobics"))
        set_button_text(self.start_button, texts().pgettext("button", "Start"))   # the handout's "Start": a position
        self._show_notices()
        self._columns = 0                    # longer words may need the buttons one above the other
        self._reflow()

    @staticmethod
    def other_language() -> str:
        """The language the language button offers: the first offered one that is not in use."""
        return next(code for code in LANGUAGES if code != current_language())

    def _other_language(self) -> None:
        self.language_requested.emit(self.other_language())

    def set_choices(self, routines: tuple[RoutineChoice, ...]) -> None:
        """Show these routines (the one chosen stays chosen when it is still there)."""
        chosen = self.selected()
        for card in self.cards:
            self.group.removeButton(card)
            self.card_grid.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = []
        for routine in routines:
            card = RoutineCard(routine, self._pictures, self)
            card.installEventFilter(self)
            self.group.addButton(card)
            self.cards.append(card)
        self.nothing_loaded.setVisible(not routines)
        self.start_button.setEnabled(bool(routines))
        self._columns = 0
        self._reflow()
        if self.cards:
            self.select(chosen or self.cards[0].routine.id)

    def add_button(self, button: QPushButton) -> None:
        """Another button in the row under the routines (My progress, Voice, Sign out...)."""
        self.buttons.append(button)
        self._columns = 0
        self._reflow()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._reflow()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        """Four across when they fit; two across with larger text on a narrow screen; one above the
        other on a portrait screen (the buttons under them two across, or one when their words need it)."""
        if not self.isVisible():
            self._columns = 0                # laid out when shown, at the size it is shown at
            return
        self._fit_header()
        unit = window_unit(self)
        if is_portrait(self):
            columns = 1                       # a column of cards, each as wide as the screen
        else:
            columns = 4 if self.width() >= 58 * unit else 2
        card_width = self.width() // columns - unit          # less the grid's spacing and the card's edge
        # With larger text or on a short screen the summary is left to the screen reader (the card's
        # description), so that the routines and the buttons under them fit without scrolling.
        roomy = not window_look(self).large_text and self.window().height() >= 700
        for card in self.cards:
            card.summary.setVisible(roomy)
        # Side by side, each card's title and summary as high as the highest one's in its row, so that their
        # pictures and their words line up (a title on two lines pushed its card's words above the others').
        for start in range(0, len(self.cards), columns):
            row = self.cards[start:start + columns]
            for part in ("title", "summary"):
                labels = [getattr(card, part) for card in row]
                highest = 0
                if columns > 1:
                    highest = max(label.heightForWidth(card.text_width(card_width, unit))
                                  for label, card in zip(labels, row))
                for label in labels:
                    label.setMinimumHeight(highest)
        for card in self.cards:
            card.keep_minimum_height(max(11 * unit, card.needed_height(card_width, unit)))
        # The buttons two (or four) across, or one above the other when a label would not fit half the width.
        widest = max(button.sizeHint().width() for button in self.buttons)
        buttons_across = max(2, columns) if widest <= self.width() // 2 - unit else 1
        if (columns, buttons_across) == self._columns:
            return
        self._columns = columns, buttons_across
        for grid, widgets, across in ((self.card_grid, self.cards, columns),
                                      (self.button_grid, self.buttons, buttons_across)):
            for widget in widgets:
                grid.removeWidget(widget)
            for index, widget in enumerate(widgets):
                grid.addWidget(widget, *divmod(index, across))

    def _turned(self, portrait: bool) -> None:
        """Portrait: the look buttons side by side under the words, as wide as the screen."""
        self._fit_header()

    def _fit_header(self) -> None:
        """The look buttons beside the words while both fit (the words at least 2/5 of the width); else,
        and in portrait, under them, as wide as the screen (longer words: Spanish, larger text)."""
        buttons = (self.contrast_button, self.large_text_button)
        needed = sum(button.sizeHint().width() for button in buttons) + self._header.spacing() * 2
        portrait = is_portrait(self)
        self._title_row.setDirection(DOWN if portrait else ACROSS)      # a narrow title would take many lines
        self.language_button.setSizePolicy(QSizePolicy.Policy.Preferred if portrait else QSizePolicy.Policy.Fixed,
                                           QSizePolicy.Policy.Fixed)
        under = portrait or needed > self.width() * 3 // 5
        self._header.setDirection(DOWN if under else ACROSS)
        self.look_buttons.setSizePolicy(QSizePolicy.Policy.Preferred if under else QSizePolicy.Policy.Maximum,
                                        QSizePolicy.Policy.Fixed)

    def show_notice(self, text: str, **values: object) -> None:
        """Add a line to the notice above the routines (a recovery, a failed save); a line shown already
        is not repeated. `text` is English marked with N_() (shown in the language in use, again after a
        change, its `{placeholders}` filled from `values`), or a sentence already written in it."""
        if (text, values) in self._notices:
            return
        self._notices.append((text, values))
        self._show_notices()

    def show_personal_notice(self, text: str, **values: object) -> None:
        """A line about the person using the kiosk now (a save, a print, their diary's records): the same as
        `show_notice`, and gone with `forget_personal_notices` when they leave."""
        self._personal.add((text, tuple(sorted(values.items()))))
        self.show_notice(text, **values)

    def forget_personal_notices(self) -> None:
        """Take off every line about the last person (sign-out, idle reset); the kiosk's own lines stay."""
        kept = [(text, values) for text, values in self._notices
                if (text, tuple(sorted(values.items()))) not in self._personal]
        self._personal.clear()
        if kept != self._notices:
            self._notices = kept
            self._show_notices()

    def drop_notice(self, text: str, **values: object) -> None:
        """Take a line shown by `show_notice` off the notice (one that said what was under way)."""
        if (text, values) in self._notices:
            self._notices.remove((text, values))
            self._show_notices()

    def _show_notices(self) -> None:
        _, language = texts().gettext, current_language()
        lines = list(dict.fromkeys(text.in_language(language) if isinstance(text, Notice)      # a store's notice
                                   else _(text).format(**values) if values else _(text)
                                   for text, values in self._notices))
        self.notice.setText("\n".join(lines))
        self.notice.setVisible(bool(lines))

    def selected(self) -> str | None:
        """The id of the chosen routine."""
        card = self.group.checkedButton()
        return card.routine.id if card else None

    def select(self, routine_id: str) -> None:
        for card in self.cards:
            if card.routine.id == routine_id:
                self.group.choose(card)
                return
        if self.cards:
            self.group.choose(self.cards[0])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, RoutineCard):
            if event.type() == QEvent.Type.FocusIn:
                self.group.choose(watched)
            elif event.type() == QEvent.Type.KeyPress and _is_activate_key(event.key()):
                self.group.choose(watched)
                self._start()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event) -> None:
        from PySide6.QtCore import Qt

        if _is_activate_key(event.key()):
            focused = self.focusWidget()
            if focused in self.buttons:          # Enter on a button under the routines presses that button
                focused.click()
            else:
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
