"""What the app needs of its display: a missing one and a screen under 800 x 480 are said plainly."""

from __future__ import annotations

import pytest

from kiosk.ui.screen_needs import NO_DISPLAY, display_problem, size_problem


@pytest.mark.parametrize("environ", [
    {},
    {"QT_QPA_PLATFORM": "wayland"},
    {"QT_QPA_PLATFORM": "wayland;xcb"},
    {"QT_QPA_PLATFORM": "xcb", "XDG_SESSION_TYPE": "wayland"},
])
def test_no_display_is_said_when_qt_would_need_one(environ):
    assert display_problem(environ, "linux") == NO_DISPLAY


@pytest.mark.parametrize("environ", [
    {"WAYLAND_DISPLAY": "wayland-0"},
    {"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland;xcb"},
    {"WAYLAND_SOCKET": "5"},
    {"QT_QPA_PLATFORM": "offscreen"},
    {"QT_QPA_PLATFORM": "eglfs"},
    {"QT_QPA_PLATFORM": "vnc:size=800x480"},
])
def test_a_display_or_a_platform_without_one_is_left_to_qt(environ):
    assert display_problem(environ, "linux") is None


def test_other_systems_are_left_to_qt():
    assert display_problem({}, "win32") is None


@pytest.mark.parametrize("size", [(800, 480), (480, 800), (1280, 720), (1920, 1080)])
def test_screens_of_800_by_480_or_more_either_way_up_are_fine(size):
    assert size_problem(*size) is None


@pytest.mark.parametrize("size", [(799, 480), (800, 479), (640, 400), (320, 240)])
def test_a_smaller_screen_is_named_with_its_size(size):
    message = size_problem(*size)
    assert message is not None
    assert f"{size[0]} x {size[1]}" in message and "800 x 480" in message
