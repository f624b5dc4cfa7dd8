"""The window's plan screens: My plan (read and saved on the store's thread) and the progression offer after a session."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject

from kiosk.core import visit as v
from kiosk.core.translations import N_
from kiosk.core.visit import Step
from kiosk.ui.language import texts

PERSON_REASON = "Changed on My plan"          # kept in the plan's history (data, in English)
NOT_READ = N_("Your plan could not be read just now. Please try again later.")
NOT_SAVED = N_("Your plan could not be saved ({reason}). Nothing was changed.")
NO_DATA_FOLDER = N_("the data folder could not be reached")


def now() -> datetime:
    return datetime.now().astimezone()


def read_plan_and_history(plans):
    """On the store's thread: the diary's plan and its history."""
    return plans.plan(), plans.history()


def save_call(plan, what: str, by: str, reason: str):
    """On the store's thread: save, then the plan and history as they are now; a refusal is returned
    (not raised) so that the screen can say why."""
    from kiosk.core.plan_file import PlanFileError
    from kiosk.services.plans import PlanLocked

    def save(plans):
        try:
            plans.save(plan, what=what, reason=reason, by=by, now=now(), kind=_kind(plans.plan(), plan))
        except (PlanLocked, PlanFileError) as refused:
            return refused
        return read_plan_and_history(plans)
    return save


def _kind(old, new) -> str:
    from kiosk.core.plan_edit import edit_kind

    return edit_kind(old, new)


class HomePlanScreens(QObject):
    """My plan (Step.MY_PLAN) and the progression offer, for `window` (a MainWindow)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self._editor = None
        self._offer = None

    @property
    def editor(self):
        if self._editor is None:
            from kiosk.ui.screens.plan_editor import PlanEditorScreen

            library = self.window.library
            self._editor = self.window.add_screen(PlanEditorScreen(library.exercises, library.routines))
            self._editor.back_requested.connect(self.window.go_home)
            self._editor.save_requested.connect(self.save)
            self._editor.print_requested.connect(self.print_handout)
        return self._editor

    @property
    def offer_screen(self):
        if self._offer is None:
            from kiosk.ui.screens.progression_offer import ProgressionOfferScreen

            self._offer = self.window.add_screen(ProgressionOfferScreen(exercises_for=self.window.exercises_in))
            self._offer.answered.connect(self.answered)
        return self._offer

    # -- My plan ---------------------------------------------------------------------------------
    def show(self) -> None:
        """The editor, filled once the plan is read on the store's thread."""
        window, journal = self.window, self.window.journal
        editor = self.editor
        editor.show_reading()
        window.show_screen(editor)
        if not journal.keeps_records:
            editor.show_no_diary()
            return
        window.plan_link.run(journal, window.library.exercises, read_plan_and_history,
                             lambda value: self._read(journal, value))

    def _still_here(self, journal) -> bool:
        return journal is self.window.journal and self.window.visit.step is Step.MY_PLAN

    def _read(self, journal, value, message: str = "") -> None:
        if not self._still_here(journal):
            return
        if value is None:
            self.editor.show_problem(NOT_READ)
            return
        plan, history = value
        self.editor.show_plan(plan, history, message)

    def save(self, plan, what: str) -> None:
        window, journal = self.window, self.window.journal
        window.plan_link.run(journal, window.library.exercises, save_call(plan, what, "person", PERSON_REASON),
                             lambda value: self._saved(journal, value))

    def _saved(self, journal, value) -> None:
        if journal is not self.window.journal:
            return
        if value is None or isinstance(value, Exception):
            if self._still_here(journal):
                self.editor.show_problem(lambda: texts().gettext(NOT_SAVED).format(
                    reason=value or texts().gettext(NO_DATA_FOLDER)))
            return
        self._read(journal, value, N_("Saved."))
        self.window.do((v.ReadPlan(),))          # the home screen's My plan card follows

    def print_handout(self, plan) -> None:
        """The saved plan's handout (the print dialog at home); what happened is said on the editor."""
        from kiosk.core.plan import plan_routine

        from kiosk.ui.language import current_language            # the handout in the screens' language
        journal = self.window.journal
        message = self.window.handout_printing.print_routine(
            plan_routine(plan, self.window.library.exercises), clinic=False, days_per_week=plan.days_a_week,
            language=current_language(),
            notes={item.exercise: item.note for item in plan.items if item.note}, clinician_note=plan.note,
            done=lambda said: self._still_here(journal) and self.editor.show_problem(said))
        if message:
            self.editor.show_problem(message)

    def reset(self) -> None:
        """The person left: nothing of their plan stays on these screens."""
        if self._editor is not None:
            self._editor.reset()
        if self._offer is not None:
            self._offer.clear()

    # -- the progression offer -------------------------------------------------------------------
    def offer(self, proposal) -> None:
        self.offer_screen.offer(proposal)
        self.window.show_screen(self.offer_screen)

    def answered(self, accept: bool) -> None:
        window = self.window
        proposal = window.visit.proposal
        effects = window.visit.progression_answered(accept)
        if proposal is not None and effects:
            window.summary.show_plan_outcome(proposal, accept)         # said again in another language
        if window.visit.step is Step.SUMMARY:
            window.show_screen(window.summary)
        window.do(effects)
