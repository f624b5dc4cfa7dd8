"""High contrast and larger text: switched on the home screen, applied at once to every screen, remembered."""

from __future__ import annotations

import re
import sys

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.ui import theme
from kiosk.ui.theme import DEFAULT, HIGH_CONTRAST, NORMAL, Look
from test_player_flow import button

# Every screen the main window builds on first use (the clinic adds its own).
SCREENS = ("safety", "skip_offer", "rating", "details", "player", "hurt", "summary", "aerobics",
           "aerobic_log", "progress", "my_data", "voice")
COLOUR = re.compile(r"#[0-9A-Fa-f]{6}\b")
NORMAL_ONLY = {c.upper() for c in DEFAULT} - {c.upper() for c in HIGH_CONTRAST}   # colours high contrast drops


def test_high_contrast_and_larger_text_apply_at_once_and_persist(make_window, qtbot, store):
    window = make_window(size=(1920, 1080))
    before = window.home.start_button.fontInfo().pixelSize()
    qtbot.mouseClick(button(window, "High contrast"), Qt.MouseButton.LeftButton)
    assert window.look == Look(high_contrast=True)
    assert HIGH_CONTRAST.background in window.styleSheet()
    store.writer.flush()                                  # saved on the writer thread
    assert store.settings.get("look.high_contrast") is True
    qtbot.mouseClick(button(window, "Larger text"), Qt.MouseButton.LeftButton)
    after = window.home.start_button.fontInfo().pixelSize()
    assert after >= round(before * 1.4)
    # A screen built after the switch uses the new look too.
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    assert window.rating.rating_button(5).fontInfo().pixelSize() >= round(before * 1.4)
    assert not NORMAL_ONLY & _own_colours(window.details)
    assert HIGH_CONTRAST.text in window.details.styleSheet()
    window.close()
    again = make_window(size=(1920, 1080))
    assert again.home.contrast_button.isChecked() and again.home.large_text_button.isChecked()
    assert again.look == Look(high_contrast=True, large_text=True)
    assert HIGH_CONTRAST.background in again.styleSheet()


def test_turning_them_off_restores_the_default_look(make_window, qtbot):
    window = make_window()
    normal_sheet = window.styleSheet()
    qtbot.mouseClick(button(window, "High contrast"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(window, "High contrast"), Qt.MouseButton.LeftButton)
    assert window.look == NORMAL
    assert window.styleSheet() == normal_sheet
    assert DEFAULT.background in window.styleSheet()


def test_a_widget_finds_its_window_s_look_and_one_on_its_own_the_normal_one(qapp):
    window, alone = QWidget(), QWidget()
    child = QLabel("text", QWidget(window))
    assert theme.window_look(child) is NORMAL and theme.window_look(alone) is NORMAL
    window.resize(1920, 1080)
    window.setProperty(theme.LOOK_PROPERTY, Look(high_contrast=True, large_text=True))
    assert theme.window_look(child) == Look(True, True)
    assert theme.window_unit(child) == 33 and theme.window_unit(alone) == theme.unit_for_size(640, 480)
    window.setProperty(theme.LOOK_PROPERTY, "not a look")
    assert theme.window_look(child) is NORMAL


def _text_widgets(page: QWidget) -> list[QWidget]:
    return [w for w in page.findChildren(QWidget) if isinstance(w, (QLabel, QAbstractButton)) and w.text()]


def _own_colours(page: QWidget) -> set[str]:
    """The colours in the style sheets the screen and its parts set on themselves."""
    sheets = [page.styleSheet()] + [w.styleSheet() for w in page.findChildren(QWidget)]
    return {c.upper() for sheet in sheets for c in COLOUR.findall(sheet)}


class _OutsideWrites:
    """Records every private attribute (`_name`) of a kiosk widget set by code that is not one of its own
    methods: `widget._unit = 0` from the main window is recorded; `self._unit = unit` is not."""

    def __init__(self, monkeypatch, objects) -> None:
        self.found: list[str] = []
        classes = {cls for obj in objects for cls in type(obj).__mro__ if cls.__module__.startswith("kiosk.")}
        for cls in classes:
            qt_setattr = next(base for base in cls.__mro__ if not base.__module__.startswith("kiosk.")).__setattr__
            monkeypatch.setattr(cls, "__setattr__", self._guard(qt_setattr))

    def _guard(self, qt_setattr):
        def guarded(obj, name, value):
            if name.startswith("_") and not name.startswith("__"):
                caller = sys._getframe(1)
                if caller.f_locals.get("self") is not obj:
                    self.found.append(f"{type(obj).__name__}.{name} set by {caller.f_code.co_qualname}")
            qt_setattr(obj, name, value)
        return guarded


@pytest.mark.parametrize("size", [(1280, 800), (800, 480)])
def test_both_look_buttons_restyle_every_screen_at_once_and_write_nothing_private(
        make_window, qtbot, store, monkeypatch, size):
    from kiosk.ui.clinic import ClinicMode

    window = make_window(size=size)
    clinic = ClinicMode(window, store)                    # its screens: attract, sign-in, PIN pads, staff
    for name in SCREENS:
        getattr(window, name)
    window.plan_screens.editor, window.plan_screens.offer_screen          # My plan and the progression offer
    pages = [window.stack.widget(i) for i in range(window.stack.count())]
    assert len(pages) == 1 + len(SCREENS) + 2 + 8                         # the clinic's 8 with the staff plan editor
    writes = _OutsideWrites(monkeypatch, [window, *window.findChildren(QObject)])
    window.home._probe = 1                                 # the audit can fail: this test writes one
    assert writes.found == ["HomeScreen._probe set by test_both_look_buttons_restyle_every_screen_at_once_"
                            "and_write_nothing_private"]
    writes.found.clear()

    def state(page):
        for widget in (page, *page.findChildren(QWidget)):
            widget.ensurePolished()                        # styled, also when not shown yet
        fonts = {w: w.fontInfo().pixelSize() for w in _text_widgets(page)}
        return page.palette().color(QPalette.ColorRole.Window).name().upper(), _own_colours(page), fonts

    normal = {page: state(page) for page in pages}
    for page, (background, colours, fonts) in normal.items():
        assert background == DEFAULT.background.upper(), page
        assert fonts, page

    qtbot.mouseClick(button(window, "High contrast"), Qt.MouseButton.LeftButton)
    contrast = {page: state(page) for page in pages}
    for page in pages:
        background, colours, fonts = contrast[page]
        assert background == HIGH_CONTRAST.background.upper(), page
        assert not NORMAL_ONLY & colours, (page, NORMAL_ONLY & colours)     # no own style sheet left behind
        assert fonts == normal[page][2], page                              # contrast keeps the sizes
    styled_themselves = [p for p in pages if normal[p][1] != contrast[p][1]]
    assert {type(p).__name__ for p in styled_themselves} >= {
        "PainRatingScreen", "PainDetailsScreen", "AerobicLogScreen", "VoiceSettingsScreen", "AdminScreen",
        "SignInScreen", "AdminUnlockScreen", "AdminSetupScreen", "NewDiaryScreen"}
    chart_axis = window.progress.chart.pain_plot.getAxis("left")
    assert chart_axis.pen().color().name().upper() == HIGH_CONTRAST.text.upper()

    qtbot.mouseClick(button(window, "Larger text"), Qt.MouseButton.LeftButton)
    for page in pages:
        background, colours, fonts = state(page)
        assert background == HIGH_CONTRAST.background.upper(), page
        before = contrast[page][2]
        smaller = [f"{w.text()!r}: {before[w]} -> {px}" for w, px in fonts.items() if w in before and px <= before[w]]
        assert not smaller, (type(page).__name__, smaller)
    assert window.look == Look(high_contrast=True, large_text=True)
    assert writes.found == []
    clinic.still_there.stop_countdown()
    clinic.attract.stop_demo()
