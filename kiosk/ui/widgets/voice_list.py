"""The list of voices to choose from: grouped by language, every engine's voices, each with "Listen"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.speech.messages import engine_name, language_variant_name
from kiosk.speech.voices import VoiceInfo, voices_for
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.choice_group import OneChoiceGroup
from kiosk.ui.language import current_language, texts
from kiosk.ui.widgets.controls import make_label
from kiosk.ui.widgets.touch_button import ChipButton, TouchButton


def group_by_language(voices: list[VoiceInfo], language: str) -> list[tuple[str, str, list[VoiceInfo]]]:
    """The voices that speak `language`, best first, in groups (language tag, engine, voices) by their
    own language tag ("en-us", "en-gb", ...) and engine; the groups in the order of their best voice."""
    groups: dict[tuple[str, str], list[VoiceInfo]] = {}
    for voice in voices_for(voices, language):
        tag = next((code for code in voice.languages if VoiceInfo("", "", (code,)).speaks(language)), language)
        groups.setdefault((tag.lower(), voice.engine), []).append(voice)
    return [(tag, engine, members) for (tag, engine), members in groups.items()]


def two_lines(name: str) -> str:
    """A long voice name on two lines, before its parenthesis ("Spanish\n(Latin America)") or after its
    first comma ("Rms,\nAmerican man"), so that its chip fits a narrow screen in larger text; a short one
    as it is."""
    if len(name) <= LONG_NAME:
        return name
    if " (" in name:
        return name.replace(" (", "\n(", 1)
    return name.replace(", ", ",\n", 1)


LONG_NAME = 16                  # characters: longer voice names go on two lines


class VoiceList(QWidget):
    """A heading per language and engine ("American English · Flite"), then one row per voice: a chip
    to choose it ("Kal, American man") and a "Listen" button that plays a short sample of it.

    The chips belong to `group`, which the screen owns (its toggles save the choice).

    Signals:
        listen_requested(VoiceInfo): a voice's "Listen" was touched.
    """

    listen_requested = Signal(object)

    def __init__(self, group: OneChoiceGroup, touch_px: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self._touch = touch_px
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.listen_buttons: list[TouchButton] = []
        self._voices: dict[str, VoiceInfo] = {}

    def show_voices(self, voices: list[VoiceInfo], language: str, chosen_id: str) -> None:
        """Replace the list with these voices (those that speak `language`), `chosen_id` checked."""
        for button in list(self.group.buttons()):
            self.group.removeButton(button)
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()             # out of sight now (deleted once control returns to Qt)
                item.widget().deleteLater()
        self.listen_buttons = []
        self._voices = {}
        self.group.blockSignals(True)
        shown = current_language()                 # the headings' language (the voices': `language`)
        for tag, engine, members in group_by_language(voices, language):
            name = language_variant_name(tag, shown)
            name = name[:1].upper() + name[1:]          # a heading: "Español (es-419)"
            heading = f"{name} · {engine_name(engine)}" if engine else name
            self._layout.addWidget(make_label(heading, "muted", self))
            for voice in members:
                self._layout.addWidget(self._row(voice, voice.id == chosen_id))
        self._layout.addStretch(1)
        self.group.blockSignals(False)

    def chips(self) -> list[ChipButton]:
        return [button for button in self.group.buttons() if isinstance(button, ChipButton)]

    def _on_listen(self) -> None:
        voice = self._voices.get(str(self.sender().property("voice_id")))
        if voice is not None:
            self.listen_requested.emit(voice)

    def _row(self, voice: VoiceInfo, checked: bool) -> QWidget:
        """The voice's chip and its Listen button side by side, or Listen under it when both do not fit."""
        label = voice.name
        chip = ChipButton(two_lines(label), voice.id, self._touch, self)
        chip.setAccessibleName(label)
        chip.setChecked(checked)
        self.group.addButton(chip)
        _ = texts().gettext
        listen = TouchButton(_("Listen"), None, self._touch, self)
        listen.setAccessibleName(_("Listen to {voice}").format(voice=label)
                                 + (f", {engine_name(voice.engine)}" if voice.engine else ""))
        listen.setProperty("voice_id", voice.id)
        listen.clicked.connect(self._on_listen)     # a bound method: a lambda would keep this list alive
        self._voices[voice.id] = voice
        self.listen_buttons.append(listen)
        return ButtonRow([(chip, 3), (listen, 1)], self)
