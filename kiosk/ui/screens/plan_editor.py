"""The plan editor: "My plan" at home and the staff's plan of a diary (moves in or out, numbers within the article's ranges)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QFrame, QLineEdit, QVBoxLayout, QWidget

from kiosk.core.plan import NOTE_MAX, Plan, PlanChange, PlanItem, item_from_exercise, plan_from_routine
from kiosk.core.languages import SOURCE_LANGUAGE
from kiosk.core.local_formats import long_date
from kiosk.core.plan_edit import describe_edit
from kiosk.core.plan_ranges import days_range, dose_ranges
from kiosk.core.routine import Exercise, Routine
from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, current_language, texts
from kiosk.ui.theme import window_look, window_unit
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.controls import make_label, scrolling
from kiosk.ui.widgets.number_stepper import NumberStepper
from kiosk.ui.widgets.responsive import ACROSS, DOWN
from kiosk.ui.widgets.touch_button import ChipButton, TouchButton, chip_style_sheet, screen_touch_target_px

SIDE_LABELS = {"each": N_("Both sides"), "left": N_("Left only"), "right": N_("Right only")}
SIDE_SENTENCES = {"each": N_("Both sides"), "left": N_("Left side only"), "right": N_("Right side only")}
MOVE_NOTES = (N_("Go gently"), N_("Small movements"), N_("Stop if it hurts"))    # a kiosk has no keyboard: pick one
PLAN_NOTES = (N_("Go gently"), N_("Rest a day between"), N_("Stop if pain is over 5"))
HISTORY_SHOWN = 12
SHORT_PX = 600             # a window lower than this: the title as a heading
NARROW_UNITS = 38          # narrower than this many text units: a move's reps above its hold
TIGHT_UNITS = 26           # narrower than this: a move's "In the plan" under its name
BY_WORDS = {"staff": N_("staff"), "person": N_("you"), "file": N_("a plan file"), "progression": N_("you")}


def _note_edit(text: str, touch: int) -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(NOTE_MAX)
    edit.setMinimumHeight(touch)
    edit.setText(text)
    return edit


def _label_note_edit(edit: QLineEdit, name: str) -> None:
    """The note field's accessible name and its hint, in the language in use."""
    edit.setAccessibleName(name)
    edit.setPlaceholderText(texts().gettext("Up to {count} characters, or touch a note below").format(count=NOTE_MAX))


def _day(when) -> str:
    """The day of a change: as before in English ("02 Mar 2026"), in words in another language."""
    language = current_language()
    return f"{when:%d %b %Y}" if language == SOURCE_LANGUAGE else long_date(when.date(), language)


class NotePicks(FollowsLanguage, ButtonRow):
    """Buttons that put a common note (in the language in use) in `edit` (the clinic's kiosk has no keyboard)."""

    def __init__(self, edit: QLineEdit, notes: Sequence[str], touch: int) -> None:
        self._notes = list(notes)                   # the English, marked N_
        self._note_buttons = [TouchButton("", None, touch) for _note in self._notes]
        clear = TouchButton("", None, touch)
        super().__init__([(button, 1) for button in (*self._note_buttons, clear)])
        self._clear = clear
        for button, note in zip(self._note_buttons, self._notes):
            button.clicked.connect(lambda _c=False, n=note: edit.setText(texts().gettext(n)))
        clear.clicked.connect(edit.clear)
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        for button, note in zip(self._note_buttons, self._notes):
            button.set_label(_(note))
            button.setAccessibleDescription(_("Note: {note}").format(note=_(note)))
        self._clear.set_label(_("No note"))
        self.refit()


def _note_picks(edit: QLineEdit, notes: Sequence[str], touch: int) -> NotePicks:
    return NotePicks(edit, notes, touch)


class MoveCard(FollowsLanguage, QFrame):
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
        self.include = ChipButton("", exercise.id, touch)
        self.include.toggled.connect(self._included)
        self.left_out = make_label("", "muted")
        self.reps = NumberStepper(N_("Reps"), ranges.reps, self._base.reps, "", touch)
        self.hold = NumberStepper(N_("Hold"), ranges.hold, self._base.hold, " s", touch)
        for stepper in (self.reps, self.hold):
            stepper.context = f"{exercise.title}: "
            stepper.value_changed.connect(self.changed)
        numbers = QBoxLayout(ACROSS)
        numbers.setContentsMargins(0, 0, 0, 0)
        numbers.addWidget(self.reps, 1)
        numbers.addWidget(self.hold, 1)
        self.side_chips: dict[str, ChipButton] = {}
        for side in ranges.sides if len(ranges.sides) > 1 else ():
            chip = ChipButton("", side, touch)
            chip.clicked.connect(lambda _c=False, s=side: self._side_chosen(s))
            self.side_chips[side] = chip
        self.sides_row = ButtonRow([(chip, 1) for chip in self.side_chips.values()]) if self.side_chips else None
        cautions = " ".join([*exercise.cautions, exercise.stop_if]).strip()
        self._caution_text = cautions
        self.cautions = make_label("", "notice")
        self.note_label = make_label("", "caption")
        self.note_edit = self.note_picks = None
        self.note_heading = make_label("", "caption")
        if staff:
            self.note_edit = _note_edit("", touch)
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
            body.addWidget(self.note_heading)
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
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        title = self.exercise.title
        self.include.set_label(_("In the plan"))
        self.include.setAccessibleDescription(_("{exercise}: in the plan, or left out").format(exercise=title))
        self.left_out.setText(_("Left out"))
        for side, chip in self.side_chips.items():
            chip.set_label(_(SIDE_LABELS[side]))
        if self.sides_row is not None:
            self.sides_row.refit()
        self.cautions.setText(_("Take care: {cautions}").format(cautions=self._caution_text)
                              if self._caution_text else "")
        self.cautions.setAccessibleName(_("Cautions"))
        self.note_label.setAccessibleName(_("Note"))
        self._show_note()
        self.note_heading.setText(_("Note for this move"))
        if self.note_edit is not None:
            _label_note_edit(self.note_edit, _("{exercise}: note").format(exercise=title))
        self.sides_words.setAccessibleName(_("Sides"))
        self._show_sides_words()

    def _show_note(self) -> None:
        note = self._base.note
        self.note_label.setText(texts().gettext("Note from your clinician: {note}").format(note=note) if note else "")

    def _show_sides_words(self) -> None:
        self.sides_words.setText(texts().gettext(SIDE_SENTENCES[self._sides()]) if self.side_chips else "")

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
        self._show_note()
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
        self._show_sides_words()
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


class PlanEditorScreen(FollowsLanguage, QWidget):
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
        self._title_source: Callable[[], str] = (lambda: texts().gettext("Plan")) if staff else \
            (lambda: texts().gettext("My plan"))
        self._notice_source: Callable[[], str] = lambda: ""
        self.touch_px = touch = screen_touch_target_px(self, physical_dpi)
        self._unit, self._look = 0, None
        self._narrow: tuple[bool, bool] | None = None
        self._saved: Plan | None = None
        self._start: Plan | None = None            # what the screen started from (saved, or a routine's)
        self._history: list[PlanChange] = []
        self._editable = False

        self.title = make_label("", "title")
        self.notice = make_label("", "notice")
        self.notice.hide()

        self.starter = QWidget()
        starter = QVBoxLayout(self.starter)
        starter.setContentsMargins(0, 0, 0, 0)
        self.starter_words = make_label("", "caption")
        starter.addWidget(self.starter_words)
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

        self.days = NumberStepper(N_("Days a week"), replace(days_range(), text=""), 3, "", touch)
        self.days.value_changed.connect(self._changed)
        self.plan_note_label = make_label("", "caption")
        self._plan_note_text = ""
        self.plan_note = self.plan_note_picks = None
        self.lock_chip = None
        if staff:
            self.plan_note = _note_edit("", touch)
            self.plan_note.textChanged.connect(self._changed)
            self.plan_note_picks = _note_picks(self.plan_note, PLAN_NOTES, touch)
            self.lock_chip = ChipButton("", "locked", touch)
            self.lock_chip.toggled.connect(self._changed)

        self.history_box = QVBoxLayout()
        self.remove_button = TouchButton("", "danger", touch) if staff else None
        self.confirm = QFrame()
        self.confirm.setObjectName("confirm_panel")
        confirm = QVBoxLayout(self.confirm)
        self.confirm_question = make_label("", "heading")
        confirm.addWidget(self.confirm_question)
        self.keep_button = TouchButton("", "primary", touch)
        self.confirm_remove_button = TouchButton("", "danger", touch)
        confirm.addWidget(ButtonRow([(self.keep_button, 1), (self.confirm_remove_button, 1)]))
        self.confirm.hide()
        self.keep_button.clicked.connect(self._cancel_remove)
        self.confirm_remove_button.clicked.connect(self._confirm_remove)
        if self.remove_button is not None:
            self.remove_button.clicked.connect(self._ask_remove)

        content = QVBoxLayout()
        content.addWidget(self.starter)
        self.moves_heading = make_label("", "heading")
        self.plan_note_heading = make_label("", "heading")
        content.addWidget(self.moves_heading)
        for card in self.cards.values():
            content.addWidget(card)
        content.addWidget(self.days)
        if staff:
            content.addWidget(self.plan_note_heading)
            content.addWidget(self.plan_note)
            content.addWidget(self.plan_note_picks)
            content.addWidget(self.lock_chip)
            content.addWidget(self.remove_button)
            content.addWidget(self.confirm)
        else:
            content.addWidget(self.plan_note_label)
        self.history_heading = make_label("", "heading")
        content.addWidget(self.history_heading)
        content.addLayout(self.history_box)
        content.addStretch(1)
        self.scroll = scrolling(content, self)

        self.back_button = TouchButton("", None, touch)
        self.save_button = TouchButton("", "primary", touch)
        self.print_button = TouchButton("", None, touch)
        self.back_button.clicked.connect(self._back)
        self.save_button.clicked.connect(self._save)
        self.leave = QFrame()                   # Back with changes not saved: leave them, or keep editing
        self.leave.setObjectName("confirm_panel")
        leave = QVBoxLayout(self.leave)
        leave.setContentsMargins(8, 6, 8, 8)         # room for the question on a short screen
        leave.setSpacing(6)
        self.leave_question = make_label("", "heading")
        leave.addWidget(self.leave_question)
        self.keep_editing_button = TouchButton("", "primary", touch)
        self.leave_button = TouchButton("", None, touch)
        leave.addWidget(ButtonRow([(self.keep_editing_button, 1), (self.leave_button, 1)]))
        self.leave.hide()
        self.keep_editing_button.clicked.connect(self._keep_editing)
        self.leave_button.clicked.connect(self._leave_unsaved)
        self.print_button.clicked.connect(lambda: self._saved is not None and self.print_requested.emit(self._saved))
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.notice)
        self._layout.addWidget(self.scroll, 1)
        self._layout.addWidget(self.leave)
        self._layout.addWidget(ButtonRow([(self.back_button, 1), (self.print_button, 1), (self.save_button, 2)]))
        self._content = content
        self._bottom_row = self._layout.itemAt(self._layout.count() - 1).widget()
        self.show_reading()
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        staff = self.staff
        self._show_title()
        self.starter_words.setText(_("This diary has no plan. Start from a routine:") if staff else
                                   _("No plan yet. Start from one of these routines, then change the numbers "
                                     "or leave moves in or out:"))
        self.plan_note_label.setAccessibleName(_("Note for the plan"))
        self._show_plan_note()
        if self.plan_note is not None:
            _label_note_edit(self.plan_note, _("Note for the plan"))
        if self.lock_chip is not None:
            self.lock_chip.set_label(_("Locked (staff only)"))
            self.lock_chip.setAccessibleDescription(_("Only staff can change a locked plan; nothing is proposed"))
        if self.remove_button is not None:
            self.remove_button.set_label(_("Remove the plan"))
        self.confirm_question.setText(_("Remove this diary's plan? Its history is kept."))
        self.keep_button.set_label(_("Keep it"))
        self.confirm_remove_button.set_label(_("Remove it"))
        self.leave_question.setText(_("Your changes are not saved yet."))
        self.keep_editing_button.set_label(_("Keep editing"))
        self.leave_button.set_label(_("Leave without saving"))
        self.moves_heading.setText(_("Moves, easiest first"))
        self.plan_note_heading.setText(_("Note for the plan"))
        self.history_heading.setText(_("Changes to the plan"))
        self.back_button.set_label(_("Back"))
        self.save_button.set_label(_("Save the plan") if staff else _("Save my plan"))
        self.print_button.set_label(_("Print handout"))
        self.print_button.setAccessibleDescription(_("The saved plan on paper: its moves, numbers, notes and cautions"))
        self._bottom_row.refit()
        self._show_history()
        self._show_notice()

    # -- what it shows ---------------------------------------------------------------------------
    def set_title(self, text: str | Callable[[], str]) -> None:
        """The title; given as a function it is made again in a new language."""
        self._title_source = text if callable(text) else (lambda: text)
        self._show_title()

    def _show_title(self) -> None:
        title = self._title_source()
        self.title.setText(title)
        self.setAccessibleName(title)

    def show_reading(self) -> None:
        """Nothing to change until the plan is read."""
        self._saved = self._start = None
        self._history = []
        self._editable = False
        self._ask_leave(False)
        self._say(N_("Reading the plan\u2026"))
        self._show_parts(starter=False, cards=False)
        self.save_button.setEnabled(False)
        self.print_button.setVisible(False)

    def show_no_diary(self) -> None:
        """A guest (or nobody): plans belong to a diary."""
        self.show_reading()
        self._say(N_("A plan belongs to a diary. Sign in with your diary number to have one."))

    def show_problem(self, text: str | Callable[[], str]) -> None:
        """Say what went wrong: the English (marked N_; translated when the catalog has it), or a function
        that makes it in the language in use."""
        self._say(text)
        self._refresh_save()

    def show_plan(self, plan: Plan | None, history: Sequence[PlanChange] = (), message: str = "") -> None:
        """The diary's plan as saved (None: it has none) and its history, newest shown first; `message`: the
        English (marked N_) said first, such as "Saved."."""
        self._saved = self._start = plan
        self._history = list(history)
        self._cancel_remove()
        self._ask_leave(False)
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
        staff_locked = plan is not None and plan.locked and not locked

        def words() -> str:
            _ = texts().gettext
            said = [_(message)] if message else []
            if locked:
                said.append(self.lock_words())
            elif staff_locked:
                said.append(_("Locked: the person cannot change this plan, and no changes are proposed."))
            return " ".join(said)

        self._say(words)
        self._refresh_save()

    def lock_words(self) -> str:
        """Why the plan cannot be changed here: who locked it, when and why."""
        _ = texts().gettext
        change = next((c for c in reversed(self._history) if c.kind == "locked"), None)
        if change is None:
            return _("Your plan was locked by staff. Ask them if you would like it changed.")
        when = _day(change.when)
        if change.reason:
            return _("Your plan was locked by staff on {date} ({reason}). Ask them if you would like it "
                     "changed.").format(date=when, reason=change.reason)
        return _("Your plan was locked by staff on {date}. Ask them if you would like it changed.").format(date=when)

    def start_from_routine(self, routine_id: str) -> None:
        """A routine's moves and numbers as a new plan, not saved yet."""
        plan = plan_from_routine(self.routines[routine_id], self.library)
        if self._saved is not None:
            plan = replace(plan, locked=self._saved.locked, note=self._saved.note,
                           days_a_week=self._saved.days_a_week)
        self._start = plan
        self._fill(plan)
        self._show_parts(starter=True, cards=True)
        title = self.routines[routine_id].title
        self._say(lambda: texts().gettext("Started from \u201c{routine}\u201d. Not saved yet: change what you "
                                          "like, then {save}.").format(routine=title, save=self.save_button.text()))
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
        self._plan_note_text = note
        self._show_plan_note()
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

    def _show_plan_note(self) -> None:
        note = self._plan_note_text
        self.plan_note_label.setText(texts().gettext("Note from your clinician: {note}").format(note=note)
                                     if note else "")

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
        _ = texts().gettext
        for change in shown:
            who = _(BY_WORDS[change.by]) if change.by in BY_WORDS else change.by
            when = _day(change.when)
            if change.reason:
                line = _("{date}, by {who}: {what}. Why: {reason}.").format(date=when, who=who, what=change.what,
                                                                           reason=change.reason)
            else:
                line = _("{date}, by {who}: {what}.").format(date=when, who=who, what=change.what)
            self.history_box.addWidget(make_label(line, "caption", name=_("Change")))
        self.history_heading.setVisible(bool(shown))

    def _changed(self, *_args) -> None:
        self._ask_leave(False)
        self._refresh_save()

    def has_unsaved_changes(self) -> bool:
        """Whether Save would keep something that Back would lose."""
        plan = self.edited_plan()
        return self._editable and plan is not None and plan != self._saved

    def _back(self) -> None:
        if not self.has_unsaved_changes():
            self._ask_leave(False)
            self.back_requested.emit()
            return
        self._ask_leave(True)
        self.keep_editing_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _ask_leave(self, ask: bool) -> None:
        """The question in place of the Back, Print and Save row while it is asked (room on a small screen)."""
        self.leave.setVisible(ask)
        self._bottom_row.setVisible(not ask)

    def _keep_editing(self) -> None:
        self._ask_leave(False)
        self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _leave_unsaved(self) -> None:
        self._ask_leave(False)
        self.back_requested.emit()

    def _refresh_save(self) -> None:
        plan = self.edited_plan()
        self.save_button.setEnabled(self._editable and plan is not None and plan != self._saved)

    def _save(self) -> None:
        plan = self.edited_plan()
        if plan is None or not self._editable:
            return
        self.save_button.setEnabled(False)
        self._say(N_("Saving\u2026"))
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
        self._say(N_("Removing the plan\u2026"))
        self.remove_requested.emit()

    def _say(self, text: str | Callable[[], str]) -> None:
        """Show the notice: the English (translated when the catalog has it) or a function that makes it."""
        self._notice_source = text if callable(text) else (lambda: texts().gettext(text) if text else "")
        self._show_notice()

    def _show_notice(self) -> None:
        text = self._notice_source()
        self.notice.setText(text)
        self.notice.setAccessibleName(text or texts().gettext("Plan notice"))
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
