"""The end of a session: what was done, skipped or hurt, and how long it took."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.session import Summary
from kiosk.ui.widgets.controls import make_button, make_label, scrolling

STATUS_TEXT = {
    "done": "✓ Done",
    "skipped": "→ Skipped",
    "hurt": "✗ Hurt: stopped",
    "not_reached": "– Not reached",
}


def format_duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


class SummaryScreen(QWidget):
    """Signals: home_requested()"""

    home_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Session summary")
        layout = QVBoxLayout(self)
        self.heading = make_label("", "title")
        self.duration = make_label("", "heading", name="Duration")
        self.counts = make_label("", "muted", name="Counts")
        layout.addWidget(self.heading)
        layout.addWidget(self.duration)
        layout.addWidget(self.counts)
        self.table = QGridLayout()
        self.table.setColumnStretch(2, 1)          # keep each status next to its exercise
        self.table.setHorizontalSpacing(40)
        table = QVBoxLayout()
        table.addLayout(self.table)
        table.addStretch(1)
        layout.addWidget(scrolling(table, self), 1)     # a long routine or larger text: it scrolls
        self.advice = make_label("", "notice", name="Advice")
        self.advice.hide()
        layout.addWidget(self.advice)
        self.plan_answer = make_label("", "notice", name="Your plan")    # after the progression offer
        self.plan_answer.hide()
        layout.addWidget(self.plan_answer)
        buttons = QHBoxLayout()
        self.home_button = make_button("Home", "primary")
        self.home_button.clicked.connect(self.home_requested)
        buttons.addWidget(self.home_button)
        self.buttons = buttons
        layout.addLayout(buttons)

    def clear(self) -> None:
        """Forget the last person's results."""
        while self.table.count():
            item = self.table.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for label in (self.heading, self.duration, self.counts, self.advice, self.plan_answer):
            label.clear()
        self.advice.hide()
        self.plan_answer.hide()

    def show_plan_answer(self, text: str) -> None:
        """What became of the change to the plan that was offered after this session."""
        self.plan_answer.setText(text)
        self.plan_answer.setVisible(bool(text))

    def show_summary(self, summary: Summary, real_seconds: float, pain_before: int | None = None,
                     pain_after: int | None = None) -> None:
        self.clear()
        self.heading.setText("Well done!" if summary.completed else "Session ended")
        self.duration.setText(f"Time: {format_duration(real_seconds)}")
        tally = {status: len(summary.ids(status)) for status in STATUS_TEXT}
        counts = f"{tally['done']} done, {tally['skipped']} skipped, {tally['hurt']} hurt"
        if pain_before is not None and pain_after is not None:
            counts += f".  Pain before: {pain_before}, after: {pain_after}"
        self.counts.setText(counts)
        for row, outcome in enumerate(summary.outcomes):
            status = STATUS_TEXT[outcome.status]
            if outcome.hurt_sides:
                status += f" ({', '.join(outcome.hurt_sides)} side)"
            self.table.addWidget(make_label(outcome.title, "caption"), row, 0)
            self.table.addWidget(make_label(status, "caption"), row, 1)
        advice = []
        if pain_before is not None and pain_after is not None and pain_after > pain_before:
            advice.append("Your pain is higher than before the session. Stop for today and rest. "
                          "If it stays higher, tell your doctor.")
        if summary.ids("hurt"):
            advice.append("Something hurt today. Leave that exercise out next time, and tell your "
                          "doctor if the pain stays.")
        self.advice.setText("\n".join(advice))
        self.advice.setVisible(bool(advice))
        self.home_button.setFocus(Qt.FocusReason.OtherFocusReason)
