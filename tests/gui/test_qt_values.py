"""The Qt enum values the first screen sets by number (to paint before PySide6 builds `Qt`) are the right ones."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.ui.widgets import controls


def test_each_value_is_its_enum():
    assert controls.STRONG_FOCUS == Qt.FocusPolicy.StrongFocus.value
    assert controls.PLAIN_TEXT == Qt.TextFormat.PlainText.value
    assert controls.NO_TEXT_INTERACTION == Qt.TextInteractionFlag.NoTextInteraction.value
    assert controls.SCROLL_BAR_ALWAYS_OFF == Qt.ScrollBarPolicy.ScrollBarAlwaysOff.value
    assert controls.TOP_LEFT == (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop).value


def test_labels_and_buttons_get_them(qapp):
    label = controls.make_label("<b>not bold</b>")
    button = controls.make_button("Start")
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    assert Qt.FocusPolicy(button.focusPolicy()) == Qt.FocusPolicy.StrongFocus
