"""The voice settings screen: voice on or off, which voice, speed and volume, with a spoken sample."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout, QScrollArea, QScroller, QVBoxLayout, QWidget,
)

from kiosk.core.local_formats import decimal
from kiosk.core.ports import SettingsStore, Speaker
from kiosk.core.translations import N_
from kiosk.speech.messages import SAMPLE_SENTENCE
from kiosk.speech.voices import SPEED_RATES, VoiceInfo, VoiceSettings
from kiosk.services.voice_controls import NoVoiceControls, VoiceControls
from kiosk.ui.language import FollowsLanguage, current_language, texts
from kiosk.ui.theme import window_look, window_unit
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.choice_group import OneChoiceGroup
from kiosk.ui.widgets.controls import make_label, scrolling, set_button_text
from kiosk.ui.widgets.responsive import ACROSS, TurnWithWindow
from kiosk.ui.widgets.touch_button import ChipButton, TouchButton, chip_style_sheet, screen_touch_target_px
from kiosk.ui.widgets.voice_list import VoiceList

SPEED_LABELS = {"slow": N_("Slow"), "normal": N_("Normal"), "fast": N_("Fast")}
ENABLED_LABELS = {"on": N_("Voice on"), "off": N_("Voice off")}
VOLUME_STEP = 0.1


class VoiceSettingsScreen(FollowsLanguage, QWidget):
    """Big buttons only (no drop-downs): every change is saved at once and used by the speaker.

    Works with any Speaker; voices, volume and re-rendering need a QtSpeaker (`voices`,
    `voices_changed`, `apply_settings`). It lists the voices of the language in use, and the one chosen
    for it (`language` at first, then the screens' language, kiosk/ui/language.py).

    Signals:
        settings_changed(VoiceSettings): the person changed something (already saved).
        done_requested(): "Done" was touched.
    """

    settings_changed = Signal(object)
    done_requested = Signal()

    def __init__(self, speaker: Speaker, store: SettingsStore, language: str = "en",
                 parent: QWidget | None = None, controls: VoiceControls | None = None) -> None:
        """`controls`: the speaker's voice controls, when it has them (kiosk/services/voice_controls.py)."""
        super().__init__(parent)
        self._speaker = speaker
        self._controls = controls or NoVoiceControls(self)
        self._store = store
        self._language = language
        self._settings = VoiceSettings.load(store, language)
        self._unit = 0
        self._look = None                   # the unit and look it is styled for
        touch = screen_touch_target_px(self)

        layout = QVBoxLayout(self)
        self.title = make_label("", "title")
        layout.addWidget(self.title)
        self.notice = make_label("", "notice", name="Voice notice")
        layout.addWidget(self.notice)

        columns = QBoxLayout(ACROSS)        # portrait: the voices under the rest
        self._turn = TurnWithWindow(self, columns)
        left = QVBoxLayout()
        right = QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout.addWidget(scrolling(columns, self), 1)
        self._column_layouts = (columns, left, right)

        self.enabled_group, row = self._choice_row(
            [(ENABLED_LABELS[value], value) for value in ENABLED_LABELS], "on" if self._settings.enabled else "off",
            touch)
        self.headings = {name: make_label(name, "heading") for name in
                         (N_("Spoken guidance"), N_("Speed"), N_("Volume"), N_("Voice"))}
        left.addWidget(self.headings["Spoken guidance"])
        left.addWidget(row)
        self.enabled_group.idToggled.connect(self._on_enabled_toggled)

        left.addWidget(self.headings["Speed"])
        self.speed_group, row = self._choice_row(
            [(SPEED_LABELS[speed], speed) for speed in SPEED_RATES], self._settings.speed, touch)
        left.addWidget(row)
        self.speed_group.idToggled.connect(self._on_speed_toggled)

        left.addWidget(self.headings["Volume"])
        self.quieter_button = TouchButton("Quieter", None, touch, self)
        self.louder_button = TouchButton("Louder", None, touch, self)
        self.volume_label = make_label("", "heading")
        self.volume_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(ButtonRow([(self.quieter_button, 2), (self.volume_label, 1), (self.louder_button, 2)]))
        left.addStretch(1)
        self.quieter_button.clicked.connect(self._quieter)  # bound methods: a lambda holding self would
        self.louder_button.clicked.connect(self._louder)    # keep the screen alive through its children

        right.addWidget(self.headings["Voice"])
        self.voice_group = OneChoiceGroup(self)
        self._voice_box = VoiceList(self.voice_group, touch, self)       # every engine's, by language
        self._voice_box.listen_requested.connect(self._listen)
        self._voice_list = self._voice_box.layout()
        self._voice_scroll = QScrollArea(self)
        self._voice_scroll.setWidgetResizable(True)
        self._voice_scroll.setWidget(self._voice_box)
        self._voice_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self._voice_scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        right.addWidget(self._voice_scroll, 1)
        self.voice_group.buttonToggled.connect(self._on_voice_toggled)
        self._touch = touch

        self.sample_button = TouchButton("Hear a sample", "primary", touch, self)
        self.done_button = TouchButton("Done", None, touch, self)
        self.sample_button.clicked.connect(self.play_sample)
        self.done_button.clicked.connect(self._done)
        layout.addWidget(ButtonRow([(self.sample_button, 2), (self.done_button, 1)]))   # stacked when too wide

        self._layout = layout
        self._controls.voices_changed.connect(self.show_voices)
        self._controls.availability_changed.connect(self._on_availability_changed)
        self.show_voices(self._controls.voices)
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.setAccessibleName(_("Voice settings"))
        self.title.setText(_("Voice settings"))
        for name, label in self.headings.items():
            label.setText(_(name))
        for group, labels in ((self.enabled_group, ENABLED_LABELS), (self.speed_group, SPEED_LABELS)):
            for button in group.buttons():
                set_button_text(button, _(labels[button.value]))
        set_button_text(self.quieter_button, _("Quieter"))
        set_button_text(self.louder_button, _("Louder"))
        set_button_text(self.sample_button, _("Hear a sample"))
        set_button_text(self.done_button, _("Done"))
        if self.isVisible():
            self._follow_language()
        self.show_voices(self._controls.voices)     # its headings in the language too

    def _follow_language(self) -> None:
        """The voices of the language in use, and the one chosen for it (read when the screen is shown)."""
        language = current_language()
        if language != self._language:
            self._language = language
            self._settings = VoiceSettings.load(self._store, language)
            self.show_voices(self._controls.voices)

    @property
    def settings(self) -> VoiceSettings:
        return self._settings

    def show_voices(self, voices: list[VoiceInfo]) -> None:
        """Offer the installed voices that speak the language, as big buttons, by language, each with "Listen"."""
        chosen = self._controls.voice
        chosen_id = self._settings.voice_id or (chosen.id if chosen else "")
        self._voice_box.show_voices(list(voices), self._language, chosen_id)
        for button in self._voice_box.chips():
            button.setIconSize(self._icon_size())
        self._refresh()

    def _listen(self, voice: VoiceInfo) -> None:
        """A short sample of one voice, whichever is chosen."""
        self._controls.preview(voice)

    def add_listen_panel(self, panel: QWidget) -> None:
        """Voice commands (issue 16): the "Listen for my voice" panel, under the volume."""
        left = self._column_layouts[1]
        left.insertWidget(left.count() - 1, panel)       # above the stretch

    def play_sample(self) -> None:
        """Speak the sample sentence with the current settings."""
        self._speaker.say(texts().gettext(SAMPLE_SENTENCE))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        unit, look = window_unit(self), window_look(self)
        if (unit, look) != (self._unit, self._look):
            self._unit, self._look = unit, look
            margin, spacing = round(unit * 1.2), max(6, round(unit * 0.5))
            self._layout.setContentsMargins(margin, margin, margin, margin)
            for each in (self._layout, *self._column_layouts, self._voice_list):
                each.setSpacing(spacing)
            self._column_layouts[0].setSpacing(margin * 2)
            self.setStyleSheet(chip_style_sheet(unit, look.palette) + f"""
            QScrollBar:vertical {{ width: {round(unit * 1.6)}px; }}
            QScrollBar::handle:vertical {{ min-height: {round(unit * 3)}px; background: {look.palette.muted};
                                           border-radius: {round(unit * 0.4)}px; }}
            """)
            for button in self.findChildren(ChipButton):
                button.setIconSize(self._icon_size())

    def _icon_size(self) -> QSize:
        side = round(max(self._unit, 16) * 1.3)
        return QSize(side, side)

    def showEvent(self, event) -> None:
        """Start with the focus on the screen itself: no focus ring that looks like a choice."""
        self._follow_language()
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def hideEvent(self, event) -> None:
        self._speaker.stop()
        super().hideEvent(event)

    # ------------------------------------------------------------------ internals

    def _choice_row(self, choices: list[tuple[str, str]], checked: str, touch: int):
        group = OneChoiceGroup(self)
        chips = []
        for index, (label, value) in enumerate(choices):
            button = ChipButton(label, value, touch, self)
            button.setChecked(value == checked)
            group.addButton(button, index)
            chips.append((button, 1))
        return group, ButtonRow(chips)         # on more rows when the labels do not fit side by side

    def _on_enabled_toggled(self, button_id: int, checked: bool) -> None:
        if checked:
            self._update(enabled=self.enabled_group.button(button_id).value == "on")

    def _on_speed_toggled(self, button_id: int, checked: bool) -> None:
        if checked:
            self._update(speed=self.speed_group.button(button_id).value)

    def _on_voice_toggled(self, button, checked: bool) -> None:
        if checked:
            self._update(voice_id=button.value)

    def _on_availability_changed(self, _available: bool, _message: str) -> None:
        self._refresh()

    def _quieter(self) -> None:
        self._change_volume(-VOLUME_STEP)

    def _louder(self) -> None:
        self._change_volume(+VOLUME_STEP)

    def _change_volume(self, step: float) -> None:
        self._update(volume=round(min(1.0, max(0.1, self._settings.volume + step)), 2))

    def _update(self, **changes) -> None:
        self._settings = replace(self._settings, **changes)
        self._settings.save(self._store)
        self._controls.apply_settings(self._settings)
        self._refresh()
        self.settings_changed.emit(self._settings)

    def _refresh(self) -> None:
        enabled = self._settings.enabled
        self.volume_label.setText(texts().gettext("{percent}%").format(percent=decimal(
            round(self._settings.volume * 100), current_language(), digits=0)))
        self.quieter_button.setEnabled(enabled and self._settings.volume > 0.1 + 1e-6)
        self.louder_button.setEnabled(enabled and self._settings.volume < 1.0 - 1e-6)
        for button in self.speed_group.buttons() + self.voice_group.buttons():
            button.setEnabled(enabled)
        for button in self._voice_box.listen_buttons:
            button.setEnabled(enabled and self._speaker.available)
        message = self._speaker.status_message
        self.notice.setText(message)
        self.notice.setVisible(bool(message))
        self.sample_button.setEnabled(self._speaker.available)

    def _done(self) -> None:
        self._speaker.stop()
        self.done_requested.emit()
