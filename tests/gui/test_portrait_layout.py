"""Portrait screens get their own arrangement, and a window turned on the fly re-arranges itself."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from kiosk.core.visit import AskRating


def _settle():
    for _ in range(4):
        QApplication.processEvents()


def _top_left(widget, window) -> QPoint:
    return widget.mapTo(window, QPoint(0, 0))


def _show_player(window):
    from kiosk.ui import screenshots

    screenshots._stage_player(window, "floor", "bridge", "count")
    _settle()


def test_home_cards_go_into_a_column_in_portrait_and_back_across(make_window, bundled_routines):
    window = make_window(folder=bundled_routines, size=(1920, 1080))
    _settle()
    corners = [_top_left(card, window) for card in window.home.cards]
    assert len({corner.y() for corner in corners}) == 1          # four across
    window.resize(1080, 1920)
    _settle()
    corners = [_top_left(card, window) for card in window.home.cards]
    assert len({corner.x() for corner in corners}) == 1          # one above the other
    assert [c.y() for c in corners] == sorted(c.y() for c in corners)
    assert all(card.width() > 0.8 * window.width() for card in window.home.cards)
    window.resize(1920, 1080)
    _settle()
    assert len({_top_left(card, window).y() for card in window.home.cards}) == 1


def test_player_puts_the_figure_above_the_controls_in_portrait(make_window, bundled_routines):
    window = make_window(folder=bundled_routines, size=(1920, 1080))
    _show_player(window)
    player = window.player
    count = player.countdown
    assert _top_left(player.pose, window).x() + player.pose.width() <= _top_left(count, window).x()
    window.resize(1080, 1920)
    _settle()
    pose_bottom = _top_left(player.pose, window).y() + player.pose.height()
    assert pose_bottom <= _top_left(count, window).y()                      # the count is under the figure
    assert player.pose.width() > 0.9 * (window.width() - 2 * 24)          # and the figure spans the width
    hurt = player.hurt_button
    assert _top_left(hurt, window).y() + hurt.height() <= window.height()
    window.player.end()


def player_side_scroll(player, size) -> int:
    """How far the count and cautions' area scrolls with the window at `size`."""
    player.window().resize(*size)
    _settle()
    return player.side_area.verticalScrollBar().maximum()


def test_a_tall_portrait_screen_grows_the_count_to_be_read_from_the_mat(make_window, bundled_routines):
    from kiosk.ui.screens.player import TALL_COUNT_MOST

    window = make_window(folder=bundled_routines, size=(1920, 1080))
    _show_player(window)
    player = window.player
    usual = player.countdown.fontInfo().pixelSize()
    window.resize(1080, 1920)
    _settle()
    grown = player.countdown.fontInfo().pixelSize()
    assert 2 * usual <= grown <= round(TALL_COUNT_MOST * usual) + 1
    count_bottom = _top_left(player.countdown, window).y() + player.countdown.height()
    assert count_bottom <= _top_left(player.side_area, window).y() + player.side_area.height()   # whole, in its area
    window.resize(480, 800)                   # a small portrait screen: the count grows only into room to spare,
    _settle()                                 # so it never makes the cautions scroll out of sight
    small = player.countdown.fontInfo().pixelSize()
    window.resize(800, 480)
    _settle()
    assert small == player.countdown.fontInfo().pixelSize() or player_side_scroll(player, (480, 800)) == 0
    window.resize(1920, 1080)
    _settle()
    assert player.countdown.fontInfo().pixelSize() == usual
    window.player.end()


def test_a_small_portrait_screen_gives_the_cautions_the_room_a_lying_figure_does_not_use(make_window, bundled_routines):
    """480x800: the bridge's picture is no higher than its frame needs for the width (it once stood in 0.6 of
    the width, empty above and below the figure), so its cautions and what comes next show unscrolled."""
    window = make_window(folder=bundled_routines, size=(480, 800))
    _show_player(window)
    player = window.player
    aspect = player.pose.frame_aspect()
    assert aspect is not None and aspect < 0.6                               # a lying figure: wider than high
    assert player.pose.height() <= player.pose.width() * aspect + 1
    assert not player.cautions.isHidden() and player.cautions.text().startswith("⚠")
    assert player_side_scroll(player, (480, 800)) == 0
    from kiosk.ui import screenshots
    from kiosk.ui.screens.player import PORTRAIT_POSE_HEIGHT

    screenshots._stage_player(window, "waiting-room", "seated_figure_four", "step")   # a sitting figure: taller
    _settle()
    aspect = player.pose.frame_aspect()
    assert aspect is not None and aspect > PORTRAIT_POSE_HEIGHT
    assert player.pose.maximumHeight() == round(window.width() * PORTRAIT_POSE_HEIGHT)   # the picture grows back
    window.player.end()


@pytest.mark.parametrize("size, columns", [((1920, 1080), (11,)), ((1080, 1920), (11, 6)), ((480, 800), (4, 3))])
def test_rating_buttons_wrap_into_rows_that_fit_the_width(make_window, bundled_routines, size, columns):
    window = make_window(folder=bundled_routines, size=size)
    window.do((AskRating("before"),))          # the rating screen as the visit asks for it
    _settle()
    rating = window.rating
    assert rating.columns in columns
    for value in range(11):
        button = rating.rating_button(value)
        left = _top_left(button, window).x()
        assert left >= 0 and left + button.width() <= window.width(), value
        text = button.fontMetrics().horizontalAdvance(button.text())
        assert text <= button.width() - 12, (value, text, button.width())
    assert rating.minimumSizeHint().width() <= size[0]
