"""Larger text on a 1024 x 600 screen: every screen fits the window, no button label is cut, It hurts is in sight."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea

from kiosk.core.ports import SilentSpeaker
from kiosk.ui import screenshots
from kiosk.ui.main_window import MainWindow


def _label_fits(button: QPushButton) -> bool:
    """The label and its icon fit inside the button's border (they may use some of its padding;
    a label longer than that is drawn cut)."""
    text = button.fontMetrics().horizontalAdvance(button.text())
    icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
    return text + icon <= button.width() - 12      # borders, up to 6 px each side when focused


def _visible_box(widget, page) -> QRect:
    """Where the widget shows on the page: clipped by every area around it that scrolls."""
    box = QRect(widget.mapTo(page, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        box = box.intersected(QRect(parent.mapTo(page, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return box


def _scroll_area_around(widget, page):
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _settle():
    for _ in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize("look", [{}, {"look.large_text": True}, {"look.large_text": True, "look.high_contrast": True}])
def test_every_screen_fits_a_small_window(qtbot, bundled_routines, store, look):
    from kiosk.core.loader import load_routines
    from kiosk.store.data_store import DataStore
    from kiosk.ui.clinic import ClinicMode
    from kiosk.ui.journal import Journal

    journal = Journal.for_profile(lambda: store, "home")        # home mode: with My data on the home screen
    window = MainWindow(load_routines(bundled_routines), SilentSpeaker("off"), screenshots._Settings(look),
                        journal, time_scale=1)
    assert "My data" in [button.text() for button in window.home.buttons]
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    qtbot.waitExposed(window)
    with tempfile.TemporaryDirectory() as folder:
        store = DataStore(Path(folder))
        clinic = ClinicMode(window, store)
        try:
            for name, stage in screenshots._stages(window) + screenshots._clinic_stages(window, clinic):
                stage()
                _settle()
                page = window.stack.currentWidget()
                assert (window.width(), window.height()) == (1024, 600), name          # nothing pushed it
                assert page.minimumSizeHint().height() <= 600, name
                buttons = [b for b in page.findChildren(QPushButton) if b.isVisible() and b.text()]
                for button in buttons:
                    assert _label_fits(button), (name, button.text(), button.width())
                    if _scroll_area_around(button, page) is None:        # actions are never scrolled away
                        box = _visible_box(button, page)
                        assert box.size() == button.size(), (name, button.text(), "out of sight")
                boxes = [(b.text(), _visible_box(b, page)) for b in buttons]
                for index, (text, box) in enumerate(boxes):
                    for other, other_box in boxes[index + 1:]:
                        assert not box.intersects(other_box), (name, text, other)
                if name.startswith("player"):
                    hurt = window.player.hurt_button
                    corner = hurt.mapTo(window, hurt.rect().bottomRight())
                    assert hurt.isVisible() and corner.y() < 600 and corner.x() < 1024, name
        finally:
            window.player.end()
            clinic.still_there.stop_countdown()
            clinic.attract.stop_demo()
            store.close()
