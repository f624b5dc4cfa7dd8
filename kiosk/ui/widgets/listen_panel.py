"""The Voice screen's "Listen for my voice" switch, with its "say pause" test and the reason when it is greyed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, texts
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.controls import bring_into_view, make_label, set_button_text
from kiosk.ui.widgets.listening_sign import ListeningSign
from kiosk.ui.widgets.touch_button import ChipButton, TouchButton, screen_touch_target_px

HINT = N_("While a routine plays, say: pause, resume, next, back, repeat, or it hurts.")
PRIVACY = N_("Nothing you say is recorded or kept.")
NOT_ALWAYS = N_("Not every command is heard: the buttons always work.")


class ListenPanel(FollowsLanguage, QWidget):
    """A switch (off by default) and a test. `listening` is the app's VoiceListening."""

    def __init__(self, listening, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._listening = listening
        touch = screen_touch_target_px(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._line: Callable[[], str] = str           # the status line, written in the language in use
        self.heading = make_label("", "heading")
        layout.addWidget(self.heading)
        self.switch = ChipButton("Listen for my voice", "listen", touch, self)
        self.test_button = TouchButton("Test: say pause", None, touch, self)
        layout.addWidget(ButtonRow([(self.switch, 3), (self.test_button, 2)]))
        self.sign = ListeningSign(self)
        layout.addWidget(self.sign)
        self.status = make_label("", "muted", name="Voice commands")
        layout.addWidget(self.status)
        self.switch.toggled.connect(self._switched)
        self.test_button.clicked.connect(self._test)
        listening.changed.connect(self.refresh)
        listening.heard.connect(self._heard)
        listening.level.connect(self.sign.set_level)
        self.refresh()
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.heading.setText(_("Voice commands"))
        set_button_text(self.switch, _("Listen for my voice"))
        self.switch.setAccessibleDescription(_(HINT))
        set_button_text(self.test_button, _("Test: say pause"))
        self.status.setText(self._line())

    def refresh(self) -> None:
        choice = self._listening.choice()
        reason = self._listening.unavailable() or (choice.reason if not choice.on else "")
        self.switch.blockSignals(True)
        self.switch.setChecked(choice.on)
        self.switch._show_tick(choice.on)
        self.switch.blockSignals(False)
        greyed = bool(reason) or self._listening.forced
        self.switch.setEnabled(not greyed)
        self.test_button.setEnabled(not self._listening.unavailable() and choice.on and not self._listening.testing)
        self.sign.set_listening(self._listening.testing)
        if not self._listening.testing:
            self._show(lambda: _status(reason, choice.on))

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._listening.stop_test()
        super().hideEvent(event)

    def _switched(self, on: bool) -> None:
        self._listening.set_person_wants(on)
        self._bring_status_into_view()

    def _test(self) -> None:
        problem = self._listening.start_test()
        self._show(lambda: texts().gettext(problem or N_("Say “pause” now.")))
        self.refresh()
        self._bring_status_into_view()

    def _show(self, line: Callable[[], str]) -> None:
        """The status line: `line()` writes it in the language in use (again after a change)."""
        self._line = line
        self.status.setText(line())

    def _heard(self, words: str) -> None:
        if self._listening.testing:
            self._listening.stop_test()
            self.sign.set_listening(False)
            self._show(lambda: texts().gettext("Heard: {words}. Voice commands work.").format(words=words))
            self._bring_status_into_view()

    def _bring_status_into_view(self) -> None:
        """After the person's own touch (the switch, the test) its answer is in sight: in landscape the status line
        is under the fold of the screen's scrolling area. Only then: a change the app makes on its own does not
        scroll."""
        bring_into_view(self.status)


def _status(reason: str, on: bool) -> str:
    """The switch's status: why it is greyed, else what to say (on) or that it is off."""
    _ = texts().gettext
    if reason:
        return _(reason)
    return f"{_(HINT)} {_(NOT_ALWAYS)} {_(PRIVACY)}" if on else _("Off. {privacy}").format(privacy=_(PRIVACY))
