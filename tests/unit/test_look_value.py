"""The look as a value: its palette, its text unit at a window size and its style sheet, without Qt."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.ui import theme
from kiosk.ui.theme import DEFAULT, HIGH_CONTRAST, NORMAL, Look


def test_a_look_is_a_frozen_value_compared_by_what_it_says():
    assert Look() == NORMAL and Look(high_contrast=True) != NORMAL
    assert hash(Look(True, True)) == hash(Look(high_contrast=True, large_text=True))
    with pytest.raises(dataclasses.FrozenInstanceError):
        NORMAL.high_contrast = True                    # a new choice is a new Look


def test_high_contrast_chooses_the_high_contrast_palette():
    assert Look().palette is DEFAULT
    assert Look(large_text=True).palette is DEFAULT
    assert Look(high_contrast=True).palette is HIGH_CONTRAST
    assert HIGH_CONTRAST.text != DEFAULT.text and HIGH_CONTRAST.background != DEFAULT.background


def test_the_text_unit_follows_the_window_s_shorter_side():
    """A portrait screen's text is sized by its width, as the same screen turned landscape."""
    normal = Look()
    assert normal.unit_for_size(1080, 1920) == normal.unit_for_size(1920, 1080) == 22
    assert normal.unit_for_size(480, 800) == normal.unit_for_size(800, 480) == 16
    assert normal.unit_for_size(3840, 2160) == 40
    assert theme.unit_for_size(1920, 1080) == theme.unit_for_height(1080) == 22


def test_larger_text_is_half_again_as_large_but_never_more_than_a_24th_of_the_shorter_side():
    """A 7" panel gets 20 px, not 24, so that every screen still fits."""
    large = Look(large_text=True)
    assert large.unit_for_size(1920, 1080) == 33
    assert large.unit_for_size(1024, 600) == 24
    assert large.unit_for_size(800, 480) == large.unit_for_size(480, 800) == 20
    assert Look(high_contrast=True, large_text=True).unit_for_size(1920, 1080) == 33
    assert Look(high_contrast=True).unit_for_size(1920, 1080) == 22      # contrast leaves the size alone


@pytest.mark.parametrize("size", [(800, 480), (480, 800), (1024, 600), (1280, 800), (1920, 1080),
                                  (3840, 2160), (1080, 1920)])
def test_larger_text_is_larger_at_every_window_size(size):
    assert Look(large_text=True).unit_for_size(*size) > Look().unit_for_size(*size)


def test_the_style_sheet_is_in_the_look_s_colours_and_unit():
    normal, contrast = Look().stylesheet(22), Look(high_contrast=True).stylesheet(22)
    assert f"background: {DEFAULT.background}" in normal and DEFAULT.text in normal
    assert f"background: {HIGH_CONTRAST.background}" in contrast and HIGH_CONTRAST.text in contrast
    assert DEFAULT.background not in contrast
    assert "font-size: 22px" in normal
    assert "font-size: 33px" in Look(large_text=True).stylesheet(33)
    assert Look().stylesheet(22, touch_px=90) == theme.stylesheet(22, DEFAULT, touch_px=90)
    # The contents box: a 90 px border box less 13 px padding and a 2 px border on each side.
    assert "min-height: 60px" in Look().stylesheet(22, touch_px=90)


def test_a_button_s_minimum_is_its_border_box_not_its_contents():
    """min-width / min-height size the contents: the padding and border come off the touch target."""
    assert theme.contents_minimum(79, 16) == 79 - 2 * (16 + 2)
    assert theme.contents_minimum(44, 22, floor=22) == 22            # never below the floor
    sheet = Look().stylesheet(16, touch_px=79)                        # a 7" panel: 16 px text, 79 px targets
    assert f"min-width: {79 - 2 * (16 + 2)}px" in sheet and f"min-height: {79 - 2 * (10 + 2)}px" in sheet


def test_the_theme_keeps_no_state_that_changes():
    """Nothing in the module can be switched: the look in use belongs to the window."""
    for name in ("set_look", "current_look", "PALETTE", "_LOOK"):
        assert not hasattr(theme, name), name
