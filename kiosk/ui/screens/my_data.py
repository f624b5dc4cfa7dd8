"""Your data: what this computer keeps about you, and deleting all of it (asked twice, never undone)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, texts
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.controls import make_button, make_label, scrolling, set_button_text

QUESTION = N_("Delete all your pain ratings, sessions and activity from this computer? "
              "This cannot be undone.")
KEPT_NOTHING = N_("This computer keeps no pain ratings, sessions or activity of yours.")
ERASED = N_("Your data was deleted from this app. Pictures or copies you saved yourself are not touched.")


def held_words(ratings: int, sessions: int, activities: int) -> str:
    """What this computer keeps, in a sentence in the language of the screens."""
    catalog = texts()
    if not (ratings or sessions or activities):
        return catalog.gettext(KEPT_NOTHING)
    return catalog.gettext("This computer keeps your {ratings}, {sessions}, {activities}.").format(
        ratings=catalog.ngettext("{count} pain rating", "{count} pain ratings", ratings).format(count=ratings),
        sessions=catalog.ngettext("{count} session", "{count} sessions", sessions).format(count=sessions),
        activities=catalog.ngettext("{count} activity entry", "{count} activity entries",
                                    activities).format(count=activities))


class MyDataScreen(FollowsLanguage, QWidget):
    """Signals:
        back_requested(): the person went back home
        erase_confirmed(): they asked to delete everything, and said yes when asked again
    """

    back_requested = Signal()
    erase_confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._held: tuple = ("counts", 0, 0, 0)     # what `held` says: counts, erased, or a problem's text
        layout = QVBoxLayout(self)
        self.title = make_label("", "title")
        layout.addWidget(self.title)
        words = QVBoxLayout()
        self.held = make_label("", "caption")
        words.addWidget(self.held)
        self.where = make_label("", "muted")
        words.addWidget(self.where)
        self.question = make_label("", "notice")
        words.addWidget(self.question)
        words.addStretch(1)
        layout.addWidget(scrolling(words, self), 1)     # larger text on a small screen: it scrolls
        self.back_button = make_button("")
        self.back_button.clicked.connect(self.back_requested)
        self.delete_button = make_button("", "danger")
        self.delete_button.clicked.connect(self._ask)
        self.keep_button = make_button("")
        self.keep_button.clicked.connect(self._keep)
        self.confirm_button = make_button("", "danger")
        self.confirm_button.clicked.connect(self._confirm)
        self.buttons = ButtonRow([(self.back_button, 1), (self.delete_button, 1), (self.keep_button, 2),
                                  (self.confirm_button, 1)])
        layout.addWidget(self.buttons)
        self._keep()
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.setAccessibleName(_("Your data"))
        self.title.setText(_("Your data"))
        self.held.setAccessibleName(_("What is kept"))
        self.where.setText(_("It stays on this computer, readable only by your user account; "
                             "nothing is ever sent anywhere."))
        self.question.setText(_(QUESTION))
        self.question.setAccessibleName(_("Delete everything?"))
        set_button_text(self.back_button, _("Back"))
        set_button_text(self.delete_button, _("Delete my data"))
        set_button_text(self.keep_button, _("Keep my data"))
        set_button_text(self.confirm_button, _("Delete for good"))
        self._show_held()
        self.buttons.refit()

    def show_counts(self, ratings: int, sessions: int, activities: int) -> None:
        """Say what is kept, and offer to delete it when there is anything."""
        self._held = ("counts", ratings, sessions, activities)
        self._show_held()
        self._keep()
        self.delete_button.setEnabled(bool(ratings or sessions or activities))

    def show_erased(self) -> None:
        self.show_counts(0, 0, 0)
        self._held = ("erased",)
        self._show_held()
        self.back_button.setFocus()

    def show_problem(self, text: str, **values) -> None:
        """Show `text`: a marked English text (with its `{name}` values) in the language in use, and again in
        another after a change; any other text as given."""
        self._held = ("problem", text, values)
        self._show_held()

    def _show_held(self) -> None:
        kind, *values = self._held
        if kind == "counts":
            self.held.setText(held_words(*values))
        elif kind == "erased":
            self.held.setText(texts().gettext(ERASED))
        else:
            text, named = values
            shown = texts().gettext(text) if text else ""
            self.held.setText(shown.format(**named) if named else shown)

    def _ask(self) -> None:
        self._asking(True)
        self.keep_button.setFocus()             # the safe answer is the one under the finger

    def _keep(self) -> None:
        self._asking(False)

    def _confirm(self) -> None:
        self._asking(False)
        self.erase_confirmed.emit()

    def _asking(self, asking: bool) -> None:
        self.question.setVisible(asking)
        for button in (self.keep_button, self.confirm_button):
            button.setVisible(asking)
        for button in (self.back_button, self.delete_button):
            button.setVisible(not asking)
        self.buttons.refit()
