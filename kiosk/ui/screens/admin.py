"""Staff screens: the admin PIN prompt after the hidden gesture, and the admin settings screen."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFrame,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.clock import CLOCK_NOTICE, clock_looks_wrong
from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, current_language, texts
from kiosk.ui.theme import window_look, window_unit
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.controls import make_label
from kiosk.ui.widgets.drive_choice import DriveChoice, Volume, removable_volumes
from kiosk.ui.widgets.pin_pad import PinPadScreen
from kiosk.ui.widgets.responsive import TurnWithWindow
from kiosk.ui.widgets.touch_button import ChipButton, TouchButton, chip_style_sheet, screen_touch_target_px

log = logging.getLogger(__name__)

IDLE_CHOICES = (60, 90, 120, 180)
VOLUME_STEP = 10
MIN_VOLUME = 10          # as on the voice settings screen: "on" is never silent
STACK_BELOW_PX = 1280     # narrower than this, the profiles go below the settings


def _choose_one(chips: dict, chosen) -> None:
    """Check one chip and uncheck the rest. Not an exclusive QButtonGroup: Tab would skip the
    unchosen chips of one (Qt's radio-group rule), and every choice must be reachable by Tab."""
    for key, chip in chips.items():
        chip.setChecked(key == chosen)


class AdminUnlockScreen(PinPadScreen):
    """Asks staff for the admin PIN after the hidden gesture.

    Signals:
        pin_entered(str): check it with AdminPinPolicy.check and call show_wrong/show_locked.
        cancelled(): back to where the kiosk was.
    """

    pin_entered = Signal(str)
    cancelled = Signal()

    def __init__(self, physical_dpi: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(N_("Staff only"), max_digits=8, physical_dpi=physical_dpi, parent=parent)
        self.pad.submitted.connect(self.pin_entered)
        self.explain = make_label("", "caption")
        self.cancel_button = TouchButton("", None, self.touch_px)
        self.cancel_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.cancel_button.clicked.connect(self._cancel)
        self._lay_out(self.explain, lower=[self.cancel_button])
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        super().retranslate()
        self.explain.setText(_("Enter the admin PIN."))
        self.cancel_button.set_label(_("Cancel"))

    def reset(self) -> None:
        self.pad.clear()
        self.pad.setEnabled(True)
        self.message.hide()

    def show_wrong(self, tries_left: int | None = None) -> None:
        """The PIN was wrong; say how many tries are left before the lock, when known."""
        def text() -> str:
            if tries_left is None:
                return texts().gettext("That PIN is not right.")
            return texts().ngettext("That PIN is not right. {count} try left.",
                                    "That PIN is not right. {count} tries left.", tries_left).format(count=tries_left)

        self._show_message(text)

    def show_problem(self) -> None:
        """The PIN could not be checked: the keypad is back, with a message."""
        self.pad.setEnabled(True)
        self._show_message(lambda: texts().gettext("The PIN could not be checked. Please try again."))

    def show_locked(self, seconds: int) -> None:
        """Too many wrong PINs: the keypad is off; try again after `seconds`."""
        minutes = max(1, math.ceil(seconds / 60))
        self.pad.clear()
        self.pad.setEnabled(False)
        self._show_message(lambda: texts().ngettext("Too many wrong PINs. Try again in {count} minute.",
                                                    "Too many wrong PINs. Try again in {count} minutes.",
                                                    minutes).format(count=minutes))
        self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _cancel(self) -> None:
        self.reset()
        self.cancelled.emit()


ExportDone = Callable[[Path | str | None, BaseException | None], None]   # where it went, or the error
ReportDone = Callable[[object], None]       # a kiosk.ui.paper.report_printing.PrintOutcome
EXPORT_FORMATS = ("csv", "fhir")
ZERO_WIDTH_SPACE = "\u200b"


class AdminScreen(FollowsLanguage, QWidget):
    """Staff settings for the clinic kiosk. Nothing here is a modal dialog.

    `routines` is [(routine id, title)], shown as choices for the default routine.
    `export_profile(profile_id, fmt, folder, done)` writes the profile's data as `fmt` ("csv" or
    "fhir") into `folder`, the drive staff chose (off the GUI thread), and then calls `done(where,
    None)`, or `done(None, error)`, on the GUI thread. `volumes()` lists the drives offered
    (default: the removable ones mounted now; see widgets.drive_choice). Nothing is exported without
    a drive: never into the kiosk's own data folder. `report_profile(profile_id, done)`
    makes the diary's visit report (onto the chosen drive, else the default printer, no dialog) and
    calls `done(outcome)` with a PrintOutcome on the GUI thread.

    Signals:
        done_requested(): back to the kiosk (attract screen).
        leave_requested(): leave kiosk mode (release the lock, show the normal app).
        idle_timeout_chosen(int): seconds, one of 60/90/120/180.
        default_routine_chosen(str): routine id.
        voice_toggled(bool): voice on (True) or off.
        listen_toggled(bool): voice commands for patients allowed (True) or not (the setting clinic.listen).
        volume_changed(int): percent, 10-100 in steps of 10 (VoiceSettings.volume is this / 100).
        profile_exported(str, str): profile id, where the file went.
        profile_reported(str, object): profile id, the PrintOutcome of its visit report.
        delete_confirmed(str): profile id; delete it, then call set_profiles with the rest.
        plan_requested(str, str): profile id and its label: show that diary's plan.
    """

    done_requested = Signal()
    leave_requested = Signal()
    idle_timeout_chosen = Signal(int)
    default_routine_chosen = Signal(str)
    voice_toggled = Signal(bool)
    listen_toggled = Signal(bool)
    volume_changed = Signal(int)
    profile_exported = Signal(str, str)
    profile_reported = Signal(str, object)
    delete_confirmed = Signal(str)
    plan_requested = Signal(str, object)    # profile id, its label (a str): open the diary's plan

    def __init__(self, routines: Sequence[tuple[str, str]] = (),
                 export_profile: Callable[[str, str, Path, ExportDone], None] | None = None,
                 report_profile: Callable[[str, ReportDone], None] | None = None,
                 physical_dpi: float | None = None, parent: QWidget | None = None,
                 volumes: Callable[[], list[Volume]] = removable_volumes) -> None:
        super().__init__(parent)
        self.touch_px = touch = screen_touch_target_px(self, physical_dpi)
        self._export_profile = export_profile
        self._report_profile = report_profile
        self._volume = 80
        self._styled_for = None          # the unit and look of its style sheet
        self._pending_delete: str | None = None
        self._status_source = None                   # makes the status line again in a new language
        self._listen_reason = ""                     # why voice commands cannot work here ("" when they can)
        self._labels: dict[str, str] = {}            # each listed diary's label, by profile id

        # top bar
        self.title = title = make_label("", "title")
        self.done_button = TouchButton("", "primary", touch)
        self.leave_button = TouchButton("", "danger", touch)
        self.done_button.clicked.connect(self._done)
        self.leave_button.clicked.connect(self.leave_requested)
        top = QBoxLayout(QBoxLayout.Direction.LeftToRight)     # portrait: the buttons under the title
        self._turn = TurnWithWindow(self, top)
        top.addWidget(title, 1)
        top.addWidget(ButtonRow([(self.done_button, 1), (self.leave_button, 1)]), 2)

        # idle time-out
        self.idle_buttons: dict[int, ChipButton] = {}
        for seconds in IDLE_CHOICES:
            chip = ChipButton("", str(seconds), touch)
            self.idle_buttons[seconds] = chip
            chip.clicked.connect(lambda _c=False, s=seconds: self._idle_chosen(s))
        idle_row = ButtonRow([(chip, 1) for chip in self.idle_buttons.values()])

        # default routine
        self.routine_buttons: dict[str, ChipButton] = {}
        for routine_id, routine_title in routines:
            chip = ChipButton(routine_title, routine_id, touch)
            self.routine_buttons[routine_id] = chip
            chip.clicked.connect(lambda _c=False, r=routine_id: self._routine_chosen(r))
        routine_grid = ButtonRow([(chip, 1) for chip in self.routine_buttons.values()])

        # voice and volume
        self.voice_button = ChipButton("", "voice", touch)
        self.voice_button.setChecked(True)
        self.voice_button.toggled.connect(self._voice_toggled)
        self.quieter_button = TouchButton("", None, touch)
        self.louder_button = TouchButton("", None, touch)
        self.volume_label = make_label("", "heading")
        self.volume_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.volume_label.setMinimumWidth(touch)
        self.quieter_button.clicked.connect(lambda: self._step_volume(-VOLUME_STEP))
        self.louder_button.clicked.connect(lambda: self._step_volume(VOLUME_STEP))
        voice_row = ButtonRow([(self.voice_button, 2), (self.quieter_button, 2), (self.volume_label, 1),
                               (self.louder_button, 2)])

        # voice commands for patients (issue 16): off by default, greyed with the reason when they cannot work
        self.listen_button = ChipButton("", "listen", touch)
        self.listen_button.toggled.connect(self._listen_toggled)
        self.listen_note = make_label("", "muted")

        self.idle_heading = make_label("", "heading")
        self.routine_heading = make_label("", "heading")
        self.voice_heading = make_label("", "heading")
        self.listen_heading = make_label("", "heading")
        settings_column = QVBoxLayout()
        settings_column.addWidget(self.idle_heading)
        settings_column.addWidget(idle_row)
        settings_column.addWidget(self.routine_heading)
        settings_column.addWidget(routine_grid)
        settings_column.addWidget(self.voice_heading)
        settings_column.addWidget(voice_row)
        settings_column.addWidget(self.listen_heading)
        settings_column.addWidget(self.listen_button)
        settings_column.addWidget(self.listen_note)
        settings_column.addStretch(1)

        # profiles
        self.profile_list = QListWidget()
        self.profile_list.setWordWrap(True)            # a long label (Spanish) wraps on a narrow screen
        self.profile_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.profile_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.profile_list.setMinimumHeight(touch * 2)
        QScroller.grabGesture(self.profile_list.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.profile_list.currentItemChanged.connect(self._selection_changed)
        self.drive = DriveChoice(volumes, touch, heading=N_("Save exports to"))
        self.drive.chosen.connect(self._selection_changed)
        self.export_button = TouchButton("", None, touch)
        self.fhir_button = TouchButton("", None, touch)
        self.delete_button = TouchButton("", "danger", touch)
        self.plan_button = TouchButton("", None, touch)
        self.report_button = TouchButton("", None, touch)
        self.export_button.clicked.connect(lambda: self._export("csv"))
        self.fhir_button.clicked.connect(lambda: self._export("fhir"))
        self.report_button.clicked.connect(self._report)
        self.delete_button.clicked.connect(self._ask_delete)
        self.plan_button.clicked.connect(self._open_plan)
        profile_buttons = ButtonRow([(self.plan_button, 1), (self.export_button, 1), (self.fhir_button, 1),
                                     (self.report_button, 1), (self.delete_button, 1)])
        self.status = make_label("", "notice")
        self.status.hide()

        self.confirm_panel = QFrame()
        self.confirm_panel.setObjectName("confirm_panel")
        self.confirm_question = make_label("", "heading")
        self.confirm_delete_button = TouchButton("", "danger", touch)
        self.keep_button = TouchButton("", "primary", touch)
        self.confirm_delete_button.clicked.connect(self._confirm_delete)
        self.keep_button.clicked.connect(self._cancel_delete)
        confirm_row = ButtonRow([(self.keep_button, 1), (self.confirm_delete_button, 1)])
        confirm_layout = QVBoxLayout(self.confirm_panel)
        confirm_layout.addWidget(self.confirm_question)
        confirm_layout.addWidget(confirm_row)
        self.confirm_panel.hide()

        profile_column = QVBoxLayout()
        self.profiles_heading = make_label("", "heading")
        profile_column.addWidget(self.profiles_heading)
        profile_column.addWidget(self.profile_list, 1)
        profile_column.addWidget(self.drive)
        profile_column.addWidget(profile_buttons)
        profile_column.addWidget(self.confirm_panel)
        profile_column.addWidget(self.status)

        columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        columns.addLayout(settings_column, 3)
        columns.addSpacing(touch // 2)
        columns.addLayout(profile_column, 2)
        self._columns = columns

        content = QWidget()
        content.setObjectName("admin_content")
        self._content_layout = QVBoxLayout(content)
        self._content_layout.addLayout(top)
        self.clock_notice = make_label("", "notice")   # shown by show_clock
        self.clock_notice.hide()
        self._content_layout.addWidget(self.clock_notice)
        self._content_layout.addLayout(columns, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        QScroller.grabGesture(scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.scroll = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._show_volume()
        self._selection_changed()
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.setAccessibleName(_("Staff settings"))
        self.title.setText(_("Staff settings"))
        self.done_button.set_label(_("Back to the kiosk"))
        self.leave_button.set_label(_("Leave kiosk mode"))
        self.leave_button.setAccessibleDescription(_("Unlock the screen and show the normal app"))
        for seconds, chip in self.idle_buttons.items():
            chip.set_label(_("{seconds} s").format(seconds=seconds))
            chip.setAccessibleDescription(texts().ngettext("{seconds} second", "{seconds} seconds",
                                                           seconds).format(seconds=seconds))
        self.idle_heading.setText(_("Start over after no touch for"))
        self.routine_heading.setText(_("Default routine"))
        self.voice_heading.setText(_("Voice and volume"))
        self._label_voice(self.voice_button.isChecked())
        self.quieter_button.set_label(_("Quieter"))
        self.louder_button.set_label(_("Louder"))
        self._show_volume()
        self.listen_heading.setText(_("Voice commands"))
        self.listen_button.set_label(_("Voice commands for patients"))
        self.listen_button.setAccessibleDescription(_("Patients may say pause, resume, next, back, repeat or "
                                                      "it hurts while a routine plays"))
        self._show_listen()
        self.profiles_heading.setText(_("Profiles"))
        self.profile_list.setAccessibleName(_("Profiles"))
        for row in range(self.profile_list.count()):
            item = self.profile_list.item(row)
            profile_id = item.data(Qt.ItemDataRole.UserRole)
            label = self._labels.get(profile_id)
            if hasattr(label, "in_language"):            # made again in the language in use
                label = self._labels[profile_id] = label.in_language(current_language())
                item.setText(label)
        self.export_button.set_label(_("Export CSV"))
        self.export_button.setAccessibleDescription(_("The pain ratings as a spreadsheet file, on the chosen drive"))
        self.fhir_button.set_label(_("Export FHIR"))
        self.fhir_button.setAccessibleDescription(_("The whole diary for a clinic's records system (FHIR R4), "
                                                    "on the chosen drive"))
        self.delete_button.set_label(_("Delete profile"))
        self.plan_button.set_label(_("Plan"))
        self.report_button.set_label(_("Report"))
        self.report_button.setAccessibleDescription(_("This diary's visit report for the doctor, on the chosen "
                                                      "drive, or printed when no drive is chosen"))
        self.status.setAccessibleName(_("Status"))
        if self._status_source is not None:
            self._show_status()
        self.confirm_question.setAccessibleName(_("Confirm delete"))
        self._ask_text()
        self.confirm_delete_button.set_label(_("Delete for good"))
        self.keep_button.set_label(_("Keep it"))
        self.clock_notice.setText(_(CLOCK_NOTICE))
        self.clock_notice.setAccessibleName(_("Clock"))

    # -- public API -----------------------------------------------------------------------
    def show_clock(self, now: datetime) -> None:
        """Say "The clock looks wrong" when `now` is before this version's build date (core.clock)."""
        self.clock_notice.setVisible(clock_looks_wrong(now))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.show_clock(datetime.now().astimezone())

    def set_state(self, *, idle_timeout: int | None = None, default_routine: str | None = None,
                  voice_on: bool | None = None, volume: int | None = None) -> None:
        """Show the current settings (no signals are emitted)."""
        if idle_timeout in self.idle_buttons:
            _choose_one(self.idle_buttons, idle_timeout)
        if default_routine in self.routine_buttons:
            _choose_one(self.routine_buttons, default_routine)
        if voice_on is not None:
            self.voice_button.set_checked_quietly(voice_on)
            self._label_voice(voice_on)
        if volume is not None:
            self._volume = max(MIN_VOLUME, min(100, int(volume)))
            self._show_volume()

    def set_listen(self, on: bool, reason: str = "") -> None:
        """Show the staff's voice-command switch (no signal): on or off, greyed with `reason` when listening
        cannot work here (no microphone, no recognizer)."""
        self._listen_reason = reason
        self.listen_button.set_checked_quietly(on and not reason)
        self._show_listen()

    def _show_listen(self) -> None:
        _ = texts().gettext
        self.listen_button.setEnabled(not self._listen_reason)
        if self._listen_reason:
            note = _(self._listen_reason)
        elif self.listen_button.isChecked():
            note = _("On: patients may say the commands while a routine plays. Nothing they say is recorded or kept.")
        else:
            note = _("Off: the kiosk does not listen. Nothing anyone says is recorded or kept.")
        self.listen_note.setText(note)
        self.listen_note.setAccessibleName(note)

    def _listen_toggled(self, on: bool) -> None:
        self._show_listen()
        self.listen_toggled.emit(on)

    def set_profiles(self, profiles: Sequence[tuple[str, str]]) -> None:
        """[(profile id, label for staff)]; the guest profile should not be among them. A label with an
        `in_language(code)` (the clinic's DiaryLabel) is made again when the language changes."""
        self.profile_list.clear()
        self._labels = dict(profiles)                 # as given: a label may remake itself (Qt keeps only text)
        for profile_id, label in profiles:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, profile_id)
            self.profile_list.addItem(item)
        self._cancel_delete()
        self._selection_changed()

    def selected_profile(self) -> str | None:
        item = self.profile_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def select_profile(self, profile_id: str) -> bool:
        for row in range(self.profile_list.count()):
            if self.profile_list.item(row).data(Qt.ItemDataRole.UserRole) == profile_id:
                self.profile_list.setCurrentRow(row)
                return True
        return False

    def reset(self) -> None:
        """Clear messages, the delete question and the selection (when staff leave the screen)."""
        self._cancel_delete()
        self.status.hide()
        self._status_source = None
        self.profile_list.setCurrentRow(-1)
        self.profile_list.clearSelection()
        self.scroll.verticalScrollBar().setValue(0)

    # -- inside ---------------------------------------------------------------------------
    def _done(self) -> None:
        self.reset()
        self.done_requested.emit()

    def _idle_chosen(self, seconds: int) -> None:
        _choose_one(self.idle_buttons, seconds)
        self.idle_timeout_chosen.emit(seconds)

    def _routine_chosen(self, routine_id: str) -> None:
        _choose_one(self.routine_buttons, routine_id)
        self.default_routine_chosen.emit(routine_id)

    def _label_voice(self, on: bool) -> None:
        self.voice_button.set_label(texts().gettext("Voice on") if on else texts().gettext("Voice off"))
        self.quieter_button.setEnabled(on)
        self.louder_button.setEnabled(on)

    def _voice_toggled(self, on: bool) -> None:
        self._label_voice(on)
        self.voice_toggled.emit(on)

    def _step_volume(self, step: int) -> None:
        volume = max(MIN_VOLUME, min(100, self._volume + step))
        if volume != self._volume:
            self._volume = volume
            self._show_volume()
            self.volume_changed.emit(volume)

    def _show_volume(self) -> None:
        self.volume_label.setText(texts().gettext("{percent}%").format(percent=self._volume))
        self.volume_label.setAccessibleName(texts().gettext("Volume {percent} percent").format(percent=self._volume))

    def _selection_changed(self, *_args) -> None:
        chosen = self.selected_profile() is not None
        can_export = chosen and self._export_profile is not None and self.drive.choice is not None
        self.export_button.setEnabled(can_export)
        self.fhir_button.setEnabled(can_export)
        self.report_button.setEnabled(chosen and self._report_profile is not None)
        self.delete_button.setEnabled(chosen)
        self.plan_button.setEnabled(chosen)
        if self._pending_delete is not None and self._pending_delete != self.selected_profile():
            self._cancel_delete()

    def _say(self, text, *, path_breaks: bool = False) -> None:
        """Show a status line: `text` is a function that makes it in the language in use (or a plain string);
        `path_breaks`: a long path in it may wrap after each slash."""
        self._status_source = (text if callable(text) else (lambda: text), path_breaks)
        self._show_status()
        self.status.show()

    def _show_status(self) -> None:
        make, path_breaks = self._status_source
        text = make()
        self.status.setAccessibleName(text)
        self.status.setText(text.replace("/", "/" + ZERO_WIDTH_SPACE) if path_breaks else text)

    def _export(self, fmt: str = "csv") -> None:
        profile_id = self.selected_profile()
        if profile_id is None or self._export_profile is None or fmt not in EXPORT_FORMATS:
            return
        folder = self.drive.folder()
        if folder is None:
            self.drive.refresh()
            self._say(lambda: texts().gettext("The drive is not there any more. Plug it in, then choose it again."))
            return
        self._say(lambda: texts().gettext("Saving the export\u2026"))
        try:
            self._export_profile(profile_id, fmt, folder,
                                 lambda where, error: self._exported(profile_id, where, error))
        except Exception as error:      # noqa: BLE001 - shown to staff, never a crash
            self._exported(profile_id, None, error)

    def _exported(self, profile_id: str, where: Path | str | None, error: BaseException | None) -> None:
        """The export's answer (on the GUI thread): where it was saved, or why it was not."""
        if error is not None or where is None:
            log.error("export of a profile failed: %s", error)
            self._say(lambda: texts().gettext("Export failed: {error}").format(error=error))
            return
        self._say(lambda: texts().gettext("Saved to {path}").format(path=where), path_breaks=True)   # a long path wraps
        self.profile_exported.emit(profile_id, str(where))

    def _report(self) -> None:
        profile_id = self.selected_profile()
        if profile_id is None or self._report_profile is None:
            return
        self._say(lambda: texts().gettext("Printing the report\u2026"))
        try:
            self._report_profile(profile_id, lambda outcome: self._reported(profile_id, outcome))
        except Exception as error:      # noqa: BLE001 - shown to staff, never a crash
            log.error("the visit report failed: %s", error)
            self._say(lambda: texts().gettext("The report could not be printed: {error}").format(error=error))

    def _reported(self, profile_id: str, outcome) -> None:
        self._say(outcome.message)
        self.profile_reported.emit(profile_id, outcome)

    def _open_plan(self) -> None:
        item = self.profile_list.currentItem()
        if item is not None:
            profile_id = item.data(Qt.ItemDataRole.UserRole)
            self.plan_requested.emit(profile_id, self._labels.get(profile_id, item.text()))

    def _ask_delete(self) -> None:
        item = self.profile_list.currentItem()
        if item is None:
            return
        self._pending_delete = item.data(Qt.ItemDataRole.UserRole)
        self._ask_text()
        self.status.hide()
        self.confirm_panel.show()
        self.export_button.setEnabled(False)
        self.report_button.setEnabled(False)
        self.fhir_button.setEnabled(False)
        self.delete_button.setEnabled(False)
        self.plan_button.setEnabled(False)
        self.keep_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll.ensureWidgetVisible(self.confirm_panel)

    def _ask_text(self) -> None:
        item = self.profile_list.currentItem()
        if self._pending_delete is None or item is None:
            return
        self.confirm_question.setText(texts().gettext("Delete {profile} and all its data? This cannot be undone.")
                                      .format(profile=item.text()))

    def _confirm_delete(self) -> None:
        profile_id, self._pending_delete = self._pending_delete, None
        self.confirm_panel.hide()
        if profile_id is not None:
            self.delete_confirmed.emit(profile_id)
            self._say(lambda: texts().gettext("The profile and its data were deleted."))
        self._selection_changed()

    def _cancel_delete(self) -> None:
        self._pending_delete = None
        self.confirm_panel.hide()
        self._selection_changed()

    @property
    def stacked(self) -> bool:
        """True when the profiles sit below the settings (narrow screens) instead of beside them."""
        return self._columns.direction() == QBoxLayout.Direction.TopToBottom

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        narrow = event.size().width() < STACK_BELOW_PX
        if narrow != self.stacked:
            self._columns.setDirection(QBoxLayout.Direction.TopToBottom if narrow
                                       else QBoxLayout.Direction.LeftToRight)
            self.profile_list.setMinimumHeight(self.touch_px * (4 if narrow else 2))
        unit, look = window_unit(self), window_look(self)
        if (unit, look) != self._styled_for:
            self._styled_for = (unit, look)
            margin = round(unit * 1.0)
            self._content_layout.setContentsMargins(margin, margin, margin, margin)
            self.setStyleSheet(chip_style_sheet(unit, look.palette) + f"""
            QFrame#confirm_panel {{ background: #FBE9E7; border: 3px solid {look.palette.danger};
                                    border-radius: {round(unit * 0.6)}px; }}
            QFrame#confirm_panel QLabel {{ background: transparent; }}
            QPushButton:disabled {{ background: #ECEFF2; color: {look.palette.muted}; border: 2px dashed #B8C2CC; }}
            QListWidget::item {{ min-height: {self.touch_px - 2 * round(unit * 0.6)}px; }}
            QPushButton[chip="true"] {{ font-size: {unit}px; }}  /* long routine titles fit a narrow screen */
            """)
