"""Optional details after a pain rating: which side, what made it worse, and a short note."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QScrollArea, QScroller, QVBoxLayout, \
    QWidget

from kiosk.core.records import SIDES, WORSE_WITH
from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, texts
from kiosk.ui.theme import Palette
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.form_screen import FormScreen, heading_label
from kiosk.ui.widgets.touch_button import ChipButton, TouchButton, chip_style_sheet

NOTE_MAX_CHARS = 200
SIDE_LABELS = {"left": N_("Left"), "right": N_("Right"), "both": N_("Both sides"), "middle": N_("Middle")}
WORSE_WITH_LABELS = {
    "sitting_long": N_("Sitting long"),
    "standing_up": N_("Standing up"),
    "stairs": N_("Stairs"),
    "bending": N_("Bending"),
    "twisting": N_("Twisting"),
    "walking": N_("Walking"),
    "lying_down": N_("Lying down"),
    "rolling_over": N_("Turning in bed"),
}
CHIPS_PER_ROW = 4


class PainDetailsScreen(FollowsLanguage, FormScreen):
    """Asks, all optionally, where the pain is, what made it worse, and for a short note.

    Signals:
        details_given(object, tuple, str): side (one of SIDES or None), the chosen WORSE_WITH
            values in their usual order, and the note (stripped, at most 200 characters).
        skipped(): the person went on without giving details.
    """

    details_given = Signal(object, tuple, str)
    skipped = Signal()
    SPACING_UNITS = 0.5

    def __init__(self, physical_dpi: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(physical_dpi, parent)
        self.setObjectName("pain_details_screen")
        touch_px = self._touch_px

        self._title = title = QLabel()
        title.setProperty("role", "title")
        title.setWordWrap(True)
        self._hint = hint = QLabel()
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)

        self._side_buttons = {side: ChipButton("", side, touch_px) for side in SIDES}
        for button in self._side_buttons.values():
            button.toggled.connect(lambda checked, b=button: self._on_side_toggled(b, checked))
        self._worse_buttons = {value: ChipButton("", value, touch_px)
                               for value in WORSE_WITH}

        self._note = QLineEdit()
        self._note.setObjectName("pain_note")
        self._note.setMaxLength(NOTE_MAX_CHARS)
        self._note.setMinimumHeight(touch_px)
        self._note.returnPressed.connect(self._on_done)

        self._skip = TouchButton("", None, touch_px)
        self._skip.clicked.connect(self._on_skip)
        self._done = TouchButton("", "primary", touch_px)
        self._done.clicked.connect(self._on_done)

        self._side_heading = side_heading = heading_label("")
        side_row = ButtonRow([(button, 1) for button in self._side_buttons.values()])   # on two rows when narrow
        self._side_row = side_row
        self._worse_heading = worse_heading = heading_label("")
        worse_grid = QGridLayout()
        self._chips_per_row = 0
        self._note_heading = note_heading = heading_label("")
        note_heading.setBuddy(self._note)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self._skip)
        buttons_row.addStretch(1)
        buttons_row.addWidget(self._done)
        self._worse_grid = worse_grid

        # The questions scroll when 15 mm chips do not fit (small, dense screens); Skip and Done
        # stay put at the bottom.
        content = QWidget()
        self._content = QVBoxLayout(content)
        self._content.setContentsMargins(0, 0, 0, 0)
        for part in (title, hint, side_heading, side_row, worse_heading, worse_grid,
                     note_heading, self._note):
            if isinstance(part, QWidget):      # (the side row is a widget too)
                self._content.addWidget(part)
            else:
                self._content.addLayout(part)
        self._content.addStretch(1)
        self._spaced_layouts = (self._content, worse_grid, buttons_row)
        self._chips = (*self._side_buttons.values(), *self._worse_buttons.values())
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self._scroll.setWidget(content)
        QScroller.grabGesture(self._scroll.viewport(), QScroller.TouchGesture)

        self._outer = QVBoxLayout(self)
        self._outer.addWidget(self._scroll, 1)
        self._outer.addLayout(buttons_row)

        self._restyle()
        self._place_chips(self.width())
        chain = [*self._side_buttons.values(), *self._worse_buttons.values(), self._note,
                 self._skip, self._done]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self._title.setText(_("Tell us more, if you like"))
        self._hint.setText(_("Everything here is optional. Touch Skip to go on."))
        self._side_heading.setText(_("Where is the pain?"))
        self._worse_heading.setText(_("What made it worse?"))
        self._note_heading.setText(_("A short note"))
        for side, button in self._side_buttons.items():
            button.set_label(_(SIDE_LABELS[side]))
        for value, button in self._worse_buttons.items():
            button.set_label(_(WORSE_WITH_LABELS[value]))
        self._note.setPlaceholderText(_("Optional, up to {count} characters").format(count=NOTE_MAX_CHARS))
        self._note.setAccessibleName(_("A short note"))
        self._skip.set_label(_("Skip"))
        self._done.set_label(_("Done"))
        self._side_row.refit()
        self._chips_per_row = 0                    # the chips' widths changed with their labels
        self._place_chips(self.width())

    # --- public API -------------------------------------------------------------------------

    def side(self) -> str | None:
        return next((s for s, b in self._side_buttons.items() if b.isChecked()), None)

    def worse_with(self) -> tuple[str, ...]:
        return tuple(v for v, b in self._worse_buttons.items() if b.isChecked())

    def note(self) -> str:
        return self._note.text().strip()[:NOTE_MAX_CHARS]

    def side_button(self, side: str) -> ChipButton:
        return self._side_buttons[side]

    def worse_button(self, value: str) -> ChipButton:
        return self._worse_buttons[value]

    @property
    def note_edit(self) -> QLineEdit:
        return self._note

    def reset(self) -> None:
        """Clear every choice and the note."""
        for button in (*self._side_buttons.values(), *self._worse_buttons.values()):
            button.setChecked(False)
        self._note.clear()
        self._guard.clear()

    # --- behaviour ----------------------------------------------------------------------------

    def _on_side_toggled(self, button: ChipButton, checked: bool) -> None:
        """One side at most; touching the chosen side again clears it."""
        if checked:
            for other in self._side_buttons.values():
                if other is not button and other.isChecked():
                    other.setChecked(False)

    def _on_done(self) -> None:
        if self._guard.accept():
            self.details_given.emit(self.side(), self.worse_with(), self.note())

    def _on_skip(self) -> None:
        if self._guard.accept():
            self.skipped.emit()

    # --- layout -------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_chips(event.size().width())

    def _place_chips(self, width: int) -> None:
        """Four chips a row, or fewer when their labels would not fit across."""
        chips = list(self._worse_buttons.values())
        spacing = self._worse_grid.horizontalSpacing()
        usable = width - 2 * round(self._unit * 1.2) - self._scroll.verticalScrollBar().sizeHint().width()
        widest = max(chip.minimumWidth() for chip in chips)
        per_row = max(1, min(CHIPS_PER_ROW, (usable + spacing) // (widest + spacing)))
        if per_row == self._chips_per_row:
            return
        for chip in chips:
            self._worse_grid.removeWidget(chip)
        for column in range(CHIPS_PER_ROW):
            self._worse_grid.setColumnStretch(column, 1 if column < per_row else 0)
        for index, chip in enumerate(chips):
            self._worse_grid.addWidget(chip, *divmod(index, per_row))
        self._chips_per_row = per_row

    def _style(self, unit: int, palette: Palette) -> None:
        pad = round(unit * 0.5)
        p = palette
        self.setStyleSheet(chip_style_sheet(unit, p) + f"""
        QLineEdit#pain_note {{
            background: {p.surface}; color: {p.text}; font-size: {round(unit * 1.3)}px;
            placeholder-text-color: {p.muted};   /* readable hint, not faint grey */
            border: 2px solid {p.muted}; border-radius: {pad}px; padding: 0px {pad}px;
        }}
        QLineEdit#pain_note:focus {{ border: 4px solid {p.focus}; }}
        """)
