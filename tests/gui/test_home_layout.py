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


@pytest.mark.parametrize("size, larger_text", [((3840, 2160), False), ((1280, 800), False), ((1280, 800), True)])
def test_cards_side_by_side_line_up_their_pictures_and_words(make_window, bundled_routines, size, larger_text):
    """A title on two lines (the fourth routine's, at 4K; two in Spanish at 1280x800) once pushed its card's
    words above the others' and made its picture shorter. Larger text at 1280x800: two rows of two."""
    from kiosk.ui.language import set_language

    window = make_window(folder=bundled_routines, size=size)
    if larger_text:
        window.home.large_text_button.click()
    for language in ("en", "es"):
        set_language(language)
        _settle()
        rows: dict[int, list] = {}
        for card in window.home.cards:
            rows.setdefault(card.mapTo(window, card.rect().topLeft()).y(), []).append(card)
        assert sorted(len(row) for row in rows.values()) == ([2, 2] if larger_text else [4])
        for row in rows.values():
            assert len({card.picture.height() for card in row}) == 1, [c.picture.height() for c in row]
            for part in ("title", "minutes", "summary"):
                tops = {getattr(card, part).geometry().top() for card in row if getattr(card, part).isVisible()}
                assert len(tops) <= 1, (language, part, tops)
            for card in row:                                   # no more room than the row's highest title needs
                needed = max(c.title.heightForWidth(c.title.width()) for c in row)
                assert card.title.height() <= needed + 1, (card.routine.id, card.title.height(), needed)
    set_language("en")
