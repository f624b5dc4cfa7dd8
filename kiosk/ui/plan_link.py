"""The window's link to the person's plan: reads, proposals and answers run on the store's thread, results on the GUI's."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timezone

from PySide6.QtCore import QObject, Signal

from kiosk.core.plan import plan_routine

log = logging.getLogger(__name__)


class PlanLink(QObject):
    """Runs a call on the person's DiaryPlans (services.plans) through their journal; `then(value)` gets
    its value on the GUI thread (None when the journal keeps nothing, the diary has no plan, or the call
    failed, which is logged)."""

    _answered = Signal(object, object)       # (then, value), queued from the store's thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._answered.connect(lambda then, value: then(value))

    def run(self, journal, library, call: Callable, then: Callable[[object], None]) -> None:
        from kiosk.services.plans import DiaryPlans

        def on_writer(profile) -> None:
            """On the store's thread: the call, then its value queued to the GUI thread (no Future waited on)."""
            try:
                value = call(DiaryPlans(profile, library))
            except BaseException as error:   # noqa: BLE001 - the screens go on without the plan
                log.error("the plan could not be read or changed: %s", error)
                value = None
            try:
                self._answered.emit(then, value)
            except RuntimeError:             # the window was closed meanwhile
                log.info("a plan answer came after the window closed")

        try:
            future = journal.run_with_profile(on_writer)
        except Exception as error:           # noqa: BLE001 - the data folder could not be opened: no plan
            log.error("the plan could not be read: %s", error)
            future = None
        if future is None:
            then(None)

    def read_routine(self, journal, library, then: Callable[[object], None]) -> None:
        """The person's plan as the routine "my-plan" (None: no plan)."""
        self.run(journal, library, lambda plans: plans.routine(), then)

    def ask_progression(self, journal, library, then: Callable[[object], None]) -> None:
        """Progression's proposal after the latest session (None: nothing to offer)."""
        self.run(journal, library, lambda plans: plans.proposal(), then)

    def answer(self, journal, library, proposal, accept: bool, by: str, then: Callable[[object], None]) -> None:
        """Accept or decline; `then` gets the plan after it as a routine (None: no plan)."""
        def change(plans):
            plan = plans.answer(proposal, accept, by=by, now=datetime.now(timezone.utc))
            return plan_routine(plan, library) if plan is not None and plan.items else None
        self.run(journal, library, change, then)
