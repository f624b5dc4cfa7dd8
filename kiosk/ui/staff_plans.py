"""The clinic's plan editor for staff: a chosen diary's plan, read and saved through PlanService on the store's thread."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from kiosk.core.plan_edit import edit_kind
from kiosk.core.translations import N_
from kiosk.ui.language import current_language, texts
from kiosk.ui.plan_screens import now

log = logging.getLogger(__name__)
STAFF_REASON = "Changed by staff on the clinic's admin screen"
REMOVE_REASON = "Removed by staff on the clinic's admin screen"


class StaffPlans(QObject):
    """The staff's plan editor (PlanEditorScreen, staff mode) for one diary at a time.

    `back()` shows the admin screen again. Every read and write runs on the store's writer
    (`PlanService`); the answers come back on the GUI thread through `_answered`.
    """

    _answered = Signal(object, object)        # (then, the call's value or the exception it raised)

    def __init__(self, window, store, back) -> None:
        super().__init__(window)
        from kiosk.services.plans import PlanService
        from kiosk.ui.screens.plan_editor import PlanEditorScreen

        self.window, self.store = window, store
        library = window.library
        self.service = PlanService(store, library.exercises)
        self.editor = window.add_screen(PlanEditorScreen(library.exercises, library.routines, staff=True))
        self.profile_id: str | None = None
        self._answered.connect(lambda then, value: then(value))
        self.editor.back_requested.connect(back)
        self.editor.save_requested.connect(self.save)
        self.editor.remove_requested.connect(self.remove)
        self.editor.print_requested.connect(self.print_handout)

    def open(self, profile_id: str, label: str) -> None:
        """Show this diary's plan (read on the store's thread)."""
        self.profile_id = profile_id

        def title() -> str:
            shown = label.in_language(current_language()) if hasattr(label, "in_language") else label
            return texts().gettext("Plan: {diary}").format(diary=shown.split(",")[0])
        self.editor.set_title(title)
        self.editor.show_reading()
        self.window.show_screen(self.editor)
        self._run(self._read_call(profile_id), lambda value: self._show(profile_id, value))

    def save(self, plan, what: str) -> None:
        profile_id = self.profile_id
        if profile_id is None:
            return
        service = self.service

        def save():
            kind = edit_kind(service.plan(profile_id), plan)
            service.save(profile_id, plan, what=what, reason=STAFF_REASON, by="staff", now=now(), kind=kind)
            return service.plan(profile_id), service.history(profile_id)
        self._run(save, lambda value: self._show(profile_id, value, N_("Saved.")))

    def remove(self) -> None:
        profile_id = self.profile_id
        if profile_id is None:
            return
        service = self.service

        def remove():
            service.remove(profile_id, reason=REMOVE_REASON, by="staff", now=now())
            return service.plan(profile_id), service.history(profile_id)
        self._run(remove, lambda value: self._show(profile_id, value, N_("The plan was removed.")))

    def print_handout(self, plan) -> None:
        """The diary's plan on the default printer (no dialog on a kiosk), with its diary number."""
        profile_id = self.profile_id
        if profile_id is None:
            return
        store = self.store
        self._run(lambda: store.profiles.get(profile_id).number,
                  lambda number: self._print(profile_id, plan, number))

    def _print(self, profile_id: str, plan, number) -> None:
        from kiosk.core.plan import plan_routine

        if profile_id != self.profile_id:
            return
        from kiosk.ui.language import current_language            # the handout in the screens' language
        message = self.window.handout_printing.print_routine(
            plan_routine(plan, self.window.library.exercises), clinic=True, days_per_week=plan.days_a_week,
            language=current_language(),
            notes={item.exercise: item.note for item in plan.items if item.note}, clinician_note=plan.note,
            diary_number=None if isinstance(number, BaseException) else number,
            done=lambda said: profile_id == self.profile_id and self.editor.show_problem(said))
        if message:
            self.editor.show_problem(message)

    def reset(self) -> None:
        """Nothing of the last diary stays on screen."""
        self.profile_id = None
        self.editor.reset()

    # -- inside ----------------------------------------------------------------------------------
    def _read_call(self, profile_id: str):
        service = self.service
        return lambda: (service.plan(profile_id), service.history(profile_id))

    def _show(self, profile_id: str, value, message: str = "") -> None:
        if profile_id != self.profile_id:          # staff left, or chose another diary meanwhile
            return
        if isinstance(value, BaseException):
            log.error("a diary's plan could not be read or saved: %r", value)
            self.editor.show_problem(lambda: texts().gettext("That did not work: {error}").format(error=value))
            return
        plan, history = value
        self.editor.show_plan(plan, history, message)

    def _run(self, call, then) -> None:
        def on_writer() -> None:
            """On the store's thread: the call, its value (or error) queued to the GUI thread."""
            try:
                value = call()
            except BaseException as error:          # noqa: BLE001 - shown to staff on the GUI thread
                value = error
            try:
                self._answered.emit(then, value)
            except RuntimeError:                    # the kiosk was closed meanwhile
                log.info("a plan answer came after the kiosk closed")

        try:
            self.store.writer.submit(on_writer)
        except Exception as error:                  # noqa: BLE001 - a closed store: say so
            then(error)
