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


@pytest.mark.parametrize("size", [(3840, 2160), (1280, 800)])
def test_cards_side_by_side_line_up_their_pictures_and_words(make_window, bundled_routines, size):
    """A title on two lines (the fourth routine's, at 4K; two in Spanish at 1280x800) once pushed its card's
    words above the others' and made its picture shorter."""
    from kiosk.ui.language import set_language

    window = make_window(folder=bundled_routines, size=size)
    for language in ("en", "es"):
        set_language(language)
        _settle()
        cards = window.home.cards
        assert len({card.mapTo(window, card.rect().topLeft()).y() for card in cards}) == 1      # one row
        assert len({card.picture.height() for card in cards}) == 1, [c.picture.height() for c in cards]
        for part in ("title", "minutes", "summary"):
            tops = {getattr(card, part).geometry().top() for card in cards}
            assert len(tops) == 1, (language, part, tops)
    set_language("en")
