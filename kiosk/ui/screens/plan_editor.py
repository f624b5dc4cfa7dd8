"""The plan editor: "My plan" at home and the staff's plan of a diary (moves in or out, numbers within the article's ranges)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QFrame, QLineEdit, QVBoxLayout, QWidget

from kiosk.core.plan import NOTE_MAX, Plan, PlanChange, PlanItem, item_from_exercise, plan_from_routine
from kiosk.core.plan_edit import SIDE_WORDS, describe_edit
from kiosk.core.plan_ranges import days_range, dose_ranges
from kiosk.core.routine import Exercise, Routine
from kiosk.ui.theme import window_look, window_unit
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.controls import make_label, scrolling
from kiosk.ui.widgets.number_stepper import NumberStepper
from kiosk.ui.widgets.responsive import ACROSS, DOWN
from kiosk.ui.widgets.touch_button import ChipButton, TouchButton, chip_style_sheet, screen_touch_target_px

SIDE_LABELS = {"each": "Both sides", "left": "Left only", "right": "Right only"}
MOVE_NOTES = ("Go gently", "Small movements", "Stop if it hurts")       # a kiosk has no keyboard: pick one
PLAN_NOTES = ("Go gently", "Rest a day between", "Stop if pain is over 5")
HISTORY_SHOWN = 12
SHORT_PX = 600             # a window lower than this: the title as a heading
NARROW_UNITS = 38          # narrower than this many text units: a move's reps above its hold
TIGHT_UNITS = 26           # narrower than this: a move's "In the plan" under its name
BY_WORDS = {"staff": "staff", "person": "you", "file": "a plan file", "progression": "you"}


def _note_edit(text: str, name: str, touch: int) -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(NOTE_MAX)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(f"Up to {NOTE_MAX} characters, or touch a note below")
    edit.setMinimumHeight(touch)
    edit.setText(text)
    return edit


def _note_picks(edit: QLineEdit, notes: Sequence[str], touch: int) -> ButtonRow:
    """Buttons that put a common note in `edit` (the clinic's kiosk has no keyboard)."""
    buttons = []
    for note in notes:
        button = TouchButton(note, None, touch)
        button.setAccessibleDescription(f"Note: {note}")
        button.clicked.connect(lambda _c=False, n=note: edit.setText(n))
        buttons.append((button, 1))
    clear = TouchButton("No note", None, touch)
    clear.clicked.connect(edit.clear)
    buttons.append((clear, 1))
    return ButtonRow(buttons)


class MoveCard(QFrame):
    """One exercise of the library: in the plan or left out; its reps, hold and sides, its cautions, its note.

    Signals: changed()
    """

    changed = Signal()

    def __init__(self, exercise: Exercise, touch: int, staff: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("move_card")
        self.exercise = exercise
        self._staff = staff
        self._base: PlanItem = item_from_exercise(exercise)
        ranges = dose_ranges(exercise)
        self.title = make_label(exercise.title, "heading")
        self.include = ChipButton("In the plan", exercise.id, touch)
        self.include.setAccessibleDescription(f"{exercise.title}: in the plan, or left out")
        self.include.toggled.connect(self._included)
        self.left_out = make_label("Left out", "muted")
        self.reps = NumberStepper("Reps", ranges.reps, self._base.reps, "", touch)
        self.hold = NumberStepper("Hold", ranges.hold, self._base.hold, " s", touch)
        for stepper in (self.reps, self.hold):
            stepper.context = f"{exercise.title}: "
            stepper.value_changed.connect(self.changed)
        numbers = QBoxLayout(ACROSS)
        numbers.setContentsMargins(0, 0, 0, 0)
        numbers.addWidget(self.reps, 1)
        numbers.addWidget(self.hold, 1)
        self.side_chips: dict[str, ChipButton] = {}
        for side in ranges.sides if len(ranges.sides) > 1 else ():
            chip = ChipButton(SIDE_LABELS[side], side, touch)
            chip.clicked.connect(lambda _c=False, s=side: self._side_chosen(s))
            self.side_chips[side] = chip
        self.sides_row = ButtonRow([(chip, 1) for chip in self.side_chips.values()]) if self.side_chips else None
        cautions = " ".join([*exercise.cautions, exercise.stop_if]).strip()
        self.cautions = make_label(f"Take care: {cautions}" if cautions else "", "notice", name="Cautions")
        self.note_label = make_label("", "caption", name="Note")
        self.note_edit = self.note_picks = None
        if staff:
            self.note_edit = _note_edit("", f"{exercise.title}: note", touch)
            self.note_edit.textChanged.connect(self.changed)
            self.note_picks = _note_picks(self.note_edit, MOVE_NOTES, touch)

        self.sides_words = make_label("", "caption", name="Sides")
        self.body = QWidget()
        self.body.setObjectName("move_body")
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(numbers)
        if self.sides_row is not None:
            body.addWidget(self.sides_row)
        body.addWidget(self.sides_words)
        body.addWidget(self.cautions)
        if staff:
            body.addWidget(make_label("Note for this move", "caption"))
            body.addWidget(self.note_edit)
            body.addWidget(self.note_picks)
        else:
            body.addWidget(self.note_label)
        layout = QVBoxLayout(self)
        head = QBoxLayout(ACROSS)
        head.addWidget(self.title, 1)
        head.addWidget(self.left_out)
        head.addWidget(self.include)
        layout.addLayout(head)
        layout.addWidget(self.body)
        self._layouts = (layout, body, numbers, head)
        self._turning = (numbers, head)          # one above the other on a narrow screen
        self.cautions.setVisible(bool(cautions))  # once inside the card (a label without a parent is a window)
        chain = [self.include, self.reps, self.reps.minus_button, self.reps.plus_button,
                 self.hold, self.hold.minus_button, self.hold.plus_button, *self.side_chips.values()]
        if staff:
            chain += [self.note_edit, *self.note_picks.findChildren(TouchButton)]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)                # Tab: the chip, reps, hold, sides, note
        self.set_item(None)

    def set_item(self, item: PlanItem | None) -> None:
        """Show this move as in the plan with these numbers, or left out (None)."""
        if item is not None:
            self._base = item
        self.include.blockSignals(True)
        self.include.setChecked(item is not None)
        self.include._show_tick(item is not None)
        self.include.blockSignals(False)
        base = self._base
        self._apply_sides(base.sides)
        self.reps.set_range(dose_ranges(self.exercise, base.sides).reps, base.reps)
        self.hold.set_value(base.hold)
        self.note_label.setText(f"Note from your clinician: {base.note}" if base.note else "")
        self.note_label.setVisible(bool(base.note))
        if self.note_edit is not None:
            self.note_edit.blockSignals(True)
            self.note_edit.setText(base.note)
            self.note_edit.blockSignals(False)
        self._show_included()

    def item(self) -> PlanItem | None:
        """The move as shown: None when left out."""
        if not self.include.isChecked():
            return None
        note = self.note_edit.text().strip()[:NOTE_MAX] if self.note_edit is not None else self._base.note
        return replace(self._base, reps=self.reps.value, hold=self.hold.value, sides=self._sides(), note=note)

    def set_editable(self, editable: bool) -> None:
        """Editable, or shown only (a plan locked by staff, at home): no buttons then, the sides in words."""
        self.include.setVisible(editable)
        for stepper in (self.reps, self.hold):
            stepper.set_read_only(not editable)
        if self.sides_row is not None:
            self.sides_row.setVisible(editable)
        self.sides_words.setText(SIDE_WORDS[self._sides()].capitalize() if self.side_chips else "")
        self.sides_words.setVisible(not editable and bool(self.side_chips))

    def set_narrow(self, narrow: bool, tight: bool) -> None:
        numbers, head = self._turning
        numbers.setDirection(DOWN if narrow else ACROSS)
        head.setDirection(DOWN if tight else ACROSS)

    def set_spacing(self, spacing: int) -> None:
        for layout in self._layouts:
            layout.setSpacing(spacing)

    def _sides(self) -> str:
        return next((side for side, chip in self.side_chips.items() if chip.isChecked()), "each")

    def _apply_sides(self, sides: str) -> None:
        for side, chip in self.side_chips.items():
            chip.setChecked(side == sides)
            chip._show_tick(side == sides)

    def _side_chosen(self, sides: str) -> None:
        self._apply_sides(sides)
        self.reps.set_range(dose_ranges(self.exercise, sides).reps)
        self.changed.emit()

    def _included(self, on: bool) -> None:
        self._show_included()
        self.changed.emit()

    def _show_included(self) -> None:
        on = self.include.isChecked()
        self.body.setVisible(on)
        self.left_out.setVisible(not on)


class PlanEditorScreen(QWidget):
    """The plan of one diary: every library move in the article's order, in or out, with its numbers
    (each with its range beside it), its cautions and note; days a week; the history of changes.

    A view only: `show_plan(plan, history)` fills it; the window (or the clinic) reads and saves on the
    store's thread. At home (`staff=False`) a locked plan is shown read-only with the reason; staff
    (`staff=True`) also write notes, lock or unlock, and remove the plan.

    Signals:
        save_requested(object plan, str what): the plan as shown, and what changed in words.
        remove_requested(): staff confirmed "Remove the plan".
        back_requested()
    """

    save_requested = Signal(object, str)
    remove_requested = Signal()
    back_requested = Signal()
    print_requested = Signal(object)         # the saved plan, for its handout

    def __init__(self, library: Mapping[str, Exercise], routines: Mapping[str, Routine], staff: bool = False,
                 physical_dpi: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.routines = routines
        self.staff = staff
        self.setAccessibleName("Plan" if staff else "My plan")
        self.touch_px = touch = screen_touch_target_px(self, physical_dpi)
        self._unit, self._look = 0, None
        self._narrow: tuple[bool, bool] | None = None
        self._saved: Plan | None = None
        self._start: Plan | None = None            # what the screen started from (saved, or a routine's)
        self._history: list[PlanChange] = []
        self._editable = False

        self.title = make_label("Plan" if staff else "My plan", "title")
        self.notice = make_label("", "notice", name="Plan notice")
        self.notice.hide()

        self.starter = QWidget()
        starter = QVBoxLayout(self.starter)
        starter.setContentsMargins(0, 0, 0, 0)
        starter.addWidget(make_label("No plan yet. Start from one of these routines, then change the numbers "
                                     "or leave moves in or out:" if not staff else
                                     "This diary has no plan. Start from a routine:", "caption"))
        self.routine_buttons: dict[str, TouchButton] = {}
        for routine_id, routine in routines.items():
            button = TouchButton(routine.title, None, touch)
            button.setProperty("small", True)          # a long routine title fits a narrow screen
            button.clicked.connect(lambda _c=False, r=routine_id: self.start_from_routine(r))
            self.routine_buttons[routine_id] = button
        starter.addWidget(ButtonRow([(b, 1) for b in self.routine_buttons.values()]))

        self.cards: dict[str, MoveCard] = {}
        for exercise in library.values():
            card = MoveCard(exercise, touch, staff)
            card.changed.connect(self._changed)
            self.cards[exercise.id] = card

        self.days = NumberStepper("Days a week", replace(days_range(), text=""), 3, "", touch)
        self.days.value_changed.connect(self._changed)
        self.plan_note_label = make_label("", "caption", name="Note for the plan")
        self.plan_note = self.plan_note_picks = None
        self.lock_chip = None
        if staff:
            self.plan_note = _note_edit("", "Note for the plan", touch)
            self.plan_note.textChanged.connect(self._changed)
            self.plan_note_picks = _note_picks(self.plan_note, PLAN_NOTES, touch)
            self.lock_chip = ChipButton("Locked (staff only)", "locked", touch)
            self.lock_chip.setAccessibleDescription("Only staff can change a locked plan; nothing is proposed")
            self.lock_chip.toggled.connect(self._changed)

        self.history_box = QVBoxLayout()
        self.remove_button = TouchButton("Remove the plan", "danger", touch) if staff else None
        self.confirm = QFrame()
        self.confirm.setObjectName("confirm_panel")
        confirm = QVBoxLayout(self.confirm)
        confirm.addWidget(make_label("Remove this diary's plan? Its history is kept.", "heading"))
        self.keep_button = TouchButton("Keep it", "primary", touch)
        self.confirm_remove_button = TouchButton("Remove it", "danger", touch)
        confirm.addWidget(ButtonRow([(self.keep_button, 1), (self.confirm_remove_button, 1)]))
        self.confirm.hide()
        self.keep_button.clicked.connect(self._cancel_remove)
        self.confirm_remove_button.clicked.connect(self._confirm_remove)
        if self.remove_button is not None:
            self.remove_button.clicked.connect(self._ask_remove)

        content = QVBoxLayout()
        content.addWidget(self.starter)
        self.moves_heading = make_label("Moves, easiest first", "heading")
        content.addWidget(self.moves_heading)
        for card in self.cards.values():
            content.addWidget(card)
        content.addWidget(self.days)
        if staff:
            content.addWidget(make_label("Note for the plan", "heading"))
            content.addWidget(self.plan_note)
            content.addWidget(self.plan_note_picks)
            content.addWidget(self.lock_chip)
            content.addWidget(self.remove_button)
            content.addWidget(self.confirm)
        else:
            content.addWidget(self.plan_note_label)
        self.history_heading = make_label("Changes to the plan", "heading")
        content.addWidget(self.history_heading)
        content.addLayout(self.history_box)
        content.addStretch(1)
        self.scroll = scrolling(content, self)

        self.back_button = TouchButton("Back", None, touch)
        self.save_button = TouchButton("Save the plan" if staff else "Save my plan", "primary", touch)
        self.print_button = TouchButton("Print handout", None, touch)
        self.print_button.setAccessibleDescription("The saved plan on paper: its moves, numbers, notes and cautions")
        self.back_button.clicked.connect(self.back_requested)
        self.save_button.clicked.connect(self._save)
        self.print_button.clicked.connect(lambda: self._saved is not None and self.print_requested.emit(self._saved))
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.notice)
        self._layout.addWidget(self.scroll, 1)
        self._layout.addWidget(ButtonRow([(self.back_button, 1), (self.print_button, 1), (self.save_button, 2)]))
        self._content = content
        self.show_reading()

    # -- what it shows ---------------------------------------------------------------------------
    def set_title(self, text: str) -> None:
        self.title.setText(text)

    def show_reading(self) -> None:
        """Nothing to change until the plan is read."""
        self._saved = self._start = None
        self._history = []
        self._editable = False
        self._say("Reading the plan\u2026")
        self._show_parts(starter=False, cards=False)
        self.save_button.setEnabled(False)
        self.print_button.setVisible(False)

    def show_no_diary(self) -> None:
        """A guest (or nobody): plans belong to a diary."""
        self.show_reading()
        self._say("A plan belongs to a diary. Sign in with your diary number to have one.")

    def show_problem(self, text: str) -> None:
        self._say(text)
        self._refresh_save()

    def show_plan(self, plan: Plan | None, history: Sequence[PlanChange] = (), message: str = "") -> None:
        """The diary's plan as saved (None: it has none) and its history, newest shown first."""
        self._saved = self._start = plan
        self._history = list(history)
        self._cancel_remove()
        self._fill(plan)
        self._show_history()
        locked = plan is not None and plan.locked and not self.staff
        self._editable = not locked
        for card in self.cards.values():
            card.set_editable(self._editable)
        self.days.setEnabled(self._editable)
        self._show_parts(starter=plan is None, cards=True)
        self.save_button.setVisible(self._editable)
        self.print_button.setVisible(plan is not None)        # the plan as saved: what the paper shows
        if self.remove_button is not None:
            self.remove_button.setVisible(plan is not None)
        words = [message] if message else []
        if locked:
            words.append(self.lock_words())
        elif plan is not None and plan.locked:
            words.append("Locked: the person cannot change this plan, and no changes are proposed.")
        self._say(" ".join(words))
        self._refresh_save()

    def lock_words(self) -> str:
        """Why the plan cannot be changed here: who locked it, when and why."""
        change = next((c for c in reversed(self._history) if c.kind == "locked"), None)
        when = f" on {change.when:%d %b %Y}" if change is not None else ""
        why = f" ({change.reason})" if change is not None and change.reason else ""
        return f"Your plan was locked by staff{when}{why}. Ask them if you would like it changed."

    def start_from_routine(self, routine_id: str) -> None:
        """A routine's moves and numbers as a new plan, not saved yet."""
        plan = plan_from_routine(self.routines[routine_id], self.library)
        if self._saved is not None:
            plan = replace(plan, locked=self._saved.locked, note=self._saved.note,
                           days_a_week=self._saved.days_a_week)
        self._start = plan
        self._fill(plan)
        self._show_parts(starter=True, cards=True)
        self._say(f"Started from \u201c{self.routines[routine_id].title}\u201d. Not saved yet: change what you "
                  f"like, then {self.save_button.text()}.")
        self._refresh_save()

    def edited_plan(self) -> Plan | None:
        """The plan as shown now (None: no move in it)."""
        items = [item for card in self.cards.values() if (item := card.item()) is not None]
        if not items:
            return None
        base = self._saved or self._start or Plan(items=())
        note = self.plan_note.text().strip()[:NOTE_MAX] if self.plan_note is not None else base.note
        locked = self.lock_chip.isChecked() if self.lock_chip is not None else base.locked
        return replace(Plan.in_library_order(items, self.library), days_a_week=self.days.value, note=note,
                       locked=locked, start=base.start, title=base.title, rest_between=base.rest_between)

    def what_changed(self) -> str:
        plan = self.edited_plan()
        return describe_edit(self._saved, plan, self.library) if plan is not None else "No change"

    def reset(self) -> None:
        """Forget the diary shown (sign-out, staff left)."""
        self.show_reading()
        for card in self.cards.values():
            card.set_item(None)
        self._show_history()

    # -- inside ----------------------------------------------------------------------------------
    def _fill(self, plan: Plan | None) -> None:
        for exercise_id, card in self.cards.items():
            card.set_item(plan.item(exercise_id) if plan is not None else None)
        self.days.set_value(plan.days_a_week if plan is not None else 3)
        note = plan.note if plan is not None else ""
        self.plan_note_label.setText(f"Note from your clinician: {note}" if note else "")
        self.plan_note_label.setVisible(bool(note))
        if self.plan_note is not None:
            self.plan_note.blockSignals(True)
            self.plan_note.setText(note)
            self.plan_note.blockSignals(False)
        if self.lock_chip is not None:
            self.lock_chip.blockSignals(True)
            self.lock_chip.setChecked(plan is not None and plan.locked)
            self.lock_chip._show_tick(plan is not None and plan.locked)
            self.lock_chip.blockSignals(False)

    def _show_parts(self, *, starter: bool, cards: bool) -> None:
        self.starter.setVisible(starter)
        self.moves_heading.setVisible(cards)
        for card in self.cards.values():
            in_plan = card.include.isChecked()
            card.setVisible(cards and (self._editable or in_plan))     # read-only: only what is in it
        self.days.setVisible(cards)
        for widget in (self.lock_chip, self.plan_note, self.plan_note_picks):
            if widget is not None:
                widget.setEnabled(cards)

    def _show_history(self) -> None:
        while self.history_box.count():
            widget = self.history_box.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        shown = list(reversed(self._history))[:HISTORY_SHOWN]
        for change in shown:
            who = BY_WORDS.get(change.by, change.by)
            line = f"{change.when:%d %b %Y}, by {who}: {change.what}."
            if change.reason:
                line += f" Why: {change.reason}."
            self.history_box.addWidget(make_label(line, "caption", name="Change"))
        self.history_heading.setVisible(bool(shown))

    def _changed(self, *_args) -> None:
        self._refresh_save()

    def _refresh_save(self) -> None:
        plan = self.edited_plan()
        self.save_button.setEnabled(self._editable and plan is not None and plan != self._saved)

    def _save(self) -> None:
        plan = self.edited_plan()
        if plan is None or not self._editable:
            return
        self.save_button.setEnabled(False)
        self._say("Saving\u2026")
        self.save_requested.emit(plan, describe_edit(self._saved, plan, self.library))

    def _ask_remove(self) -> None:
        self.confirm.show()
        self.remove_button.setEnabled(False)
        self.keep_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll.ensureWidgetVisible(self.confirm)

    def _cancel_remove(self) -> None:
        self.confirm.hide()
        if self.remove_button is not None:
            self.remove_button.setEnabled(True)

    def _confirm_remove(self) -> None:
        self.confirm.hide()
        self._say("Removing the plan\u2026")
        self.remove_requested.emit()

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setAccessibleName(text or "Plan notice")
        self.notice.setVisible(bool(text))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        unit, look = window_unit(self), window_look(self)
        width = self.window().width()
        narrow = (width < max(NARROW_UNITS * unit, 7 * self.touch_px), width < TIGHT_UNITS * unit)
        if narrow != self._narrow:
            self._narrow = narrow
            for card in self.cards.values():
                card.set_narrow(*narrow)
        role = "heading" if self.window().height() < SHORT_PX else "title"      # more room to scroll
        if self.title.property("role") != role:
            self.title.setProperty("role", role)
            self.title.style().unpolish(self.title)
            self.title.style().polish(self.title)
        if (unit, look) == (self._unit, self._look):
            return
        self._unit, self._look = unit, look
        palette = look.palette
        margin, spacing = round(unit * 1.0), max(6, round(unit * 0.5))
        self._layout.setContentsMargins(margin, margin, margin, margin)
        self._layout.setSpacing(spacing)
        self._content.setSpacing(spacing)
        for card in self.cards.values():
            card.set_spacing(spacing)
        self.setStyleSheet(chip_style_sheet(unit, palette) + f"""
        QFrame#move_card {{ border: 2px solid {palette.edge}; border-radius: {round(unit * 0.6)}px;
                            background: {palette.surface}; }}
        QFrame#move_card QLabel, QWidget#move_body {{ background: transparent; }}
        QFrame#move_card QLabel[role="notice"] {{ background: {palette.notice}; }}
        QFrame[stepper="true"] {{ border: 2px solid transparent; background: transparent; border-radius: {round(unit * 0.4)}px; }}
        QFrame[stepper="true"]:focus {{ border: 4px solid {palette.focus}; }}
        QFrame#confirm_panel {{ border: 3px solid {palette.danger}; border-radius: {round(unit * 0.6)}px; }}
        QLineEdit {{ font-size: {unit}px; padding: {round(unit * 0.3)}px; border: 2px solid {palette.edge};
                     background: {palette.surface}; color: {palette.text}; }}
        QLineEdit:focus {{ border: 4px solid {palette.focus}; }}
        QPushButton[small="true"] {{ font-size: {unit}px; }}
        QPushButton:disabled {{ background: {palette.secondary}; color: {palette.muted};
                                border: 2px dashed {palette.muted}; }}
        """)
