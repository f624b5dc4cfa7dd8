"""High contrast and larger text: switched on the home screen, applied at once, remembered."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.ui import theme
from test_player_flow import button


def test_high_contrast_and_larger_text_apply_at_once_and_persist(make_window, qtbot, store):
    window = make_window(size=(1920, 1080))
    before = window.home.start_button.fontInfo().pixelSize()
    qtbot.mouseClick(button(window, "High contrast"), Qt.MouseButton.LeftButton)
    assert theme.HIGH_CONTRAST.background in window.styleSheet()
    store.writer.flush()                                  # saved on the writer thread
    assert store.settings.get("look.high_contrast") is True
    qtbot.mouseClick(button(window, "Larger text"), Qt.MouseButton.LeftButton)
    after = window.home.start_button.fontInfo().pixelSize()
    assert after >= round(before * 1.4)
    # A screen built after the switch uses the new look too.
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    assert window.rating.rating_button(5).fontInfo().pixelSize() > 0
    window.close()
    theme.set_look()
    again = make_window(size=(1920, 1080))
    assert again.home.contrast_button.isChecked() and again.home.large_text_button.isChecked()
    assert theme.current_look().palette is theme.HIGH_CONTRAST


def test_turning_them_off_restores_the_default_look(make_window, qtbot):
    window = make_window()
    qtbot.mouseClick(button(window, "High contrast"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(window, "High contrast"), Qt.MouseButton.LeftButton)
    assert theme.current_look().palette is theme.DEFAULT
    assert theme.DEFAULT.background in window.styleSheet()


def test_the_text_unit_follows_the_window_s_shorter_side():
    """A portrait screen's text is sized by its width, as the same screen turned landscape; larger text
    is 1.5 times that, but never more than a 24th of the shorter side (a 7" panel gets 20 px, not 24)."""
    from kiosk.ui import theme

    assert theme.unit_for_size(1080, 1920) == theme.unit_for_size(1920, 1080) == 22
    assert theme.unit_for_size(480, 800) == theme.unit_for_size(800, 480) == 16
    assert theme.unit_for_size(3840, 2160) == 40
    theme.set_look(large_text=True)
    try:
        assert theme.unit_for_size(1920, 1080) == 33
        assert theme.unit_for_size(1024, 600) == 24
        assert theme.unit_for_size(800, 480) == 20
        assert theme.unit_for_size(480, 800) == 20
    finally:
        theme.set_look()
