"""The home screen's routine cards: every line of text shown whole, never drawn over the picture."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication



def _settle():
    for _ in range(4):
        QApplication.processEvents()


@pytest.mark.parametrize("size, larger_text", [((1920, 1080), False), ((1024, 600), False),
                                               ((1920, 1080), True), ((1024, 600), True),
                                               ((1080, 1920), False), ((480, 800), True), ((800, 480), True)])
def test_card_text_is_whole_and_below_the_picture(make_window, bundled_routines, size, larger_text):
    window = make_window(folder=bundled_routines, size=size)
    if larger_text:
        window.home.large_text_button.click()
    _settle()
    assert len(window.home.cards) == 4
    for card in window.home.cards:
        labels = [label for label in (card.title, card.minutes, card.summary) if label.isVisible()]
        assert card.picture.geometry().bottom() < card.title.geometry().top(), card.routine.id
        for label in labels:
            assert label.height() >= label.heightForWidth(label.width()), (card.routine.id, label.text())
            assert label.geometry().bottom() <= card.contentsRect().bottom(), (card.routine.id, label.text())
        assert card.picture.height() >= 80
    roomy = size[1] >= 700 and not larger_text
    assert all(card.summary.isVisible() == roomy for card in window.home.cards)
    assert all(card.accessibleDescription().endswith(card.routine.summary) for card in window.home.cards)
