"""The app's own spoken and shown phrases in Spanish: one for every English key, number words, sides."""

from __future__ import annotations

import string

import pytest

from kiosk.core.phrases import PHRASES_EN, number_word, phrase, side_word, side_words
from kiosk.core.spanish_numbers import spanish_number_word
from kiosk.core.translations import translation


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(PHRASES_EN))
def test_every_english_phrase_has_its_spanish(key):
    english = PHRASES_EN[key]
    spanish = translation("es").gettext(english)
    assert spanish.strip(), key
    if english != "{title}.":                       # the only one that is the same in both: a title and a dot
        assert spanish != english, f"{key!r} has no Spanish: {english!r}"
    assert placeholders(spanish) == placeholders(english), key


def test_the_phrases_fill_in_and_start_with_a_capital():
    assert phrase("rep_count", "es", count=number_word(1, "es", feminine=True),
                  total=number_word(8, "es", feminine=True)) == "Una de ocho."
    assert phrase("alternate_side", "es", side=side_word("right", "es")) == "Lado derecho."
    assert phrase("side_first", "es", side=side_word("left", "es")) == "Empezamos con el lado izquierdo."
    assert phrase("rest_between", "es", title="Puente") == "Descanse un momento. A continuación: Puente."


def test_english_stays_as_it_was():
    assert phrase("alternate_side", side=side_word("right")) == "Right side."
    assert phrase("rep_count", count=number_word(1), total=number_word(8)) == "One of eight."
    assert phrase("hold") == "Hold." and phrase("welcome") == PHRASES_EN["welcome"]
    assert side_words("right") == {"side": "right", "other": "left", "side_f": "right", "other_f": "left",
                                   "side_en": "right", "other_en": "left"}


def test_the_sides_agree_with_the_noun():
    # "el lado derecho", "el pie izquierdo" / "la rodilla derecha", "la mano izquierda"
    assert side_words("right", "es") == {"side": "derecho", "other": "izquierdo", "side_f": "derecha",
                                         "other_f": "izquierda", "side_en": "right", "other_en": "left"}
    assert side_words("left", "es") == {"side": "izquierdo", "other": "derecho", "side_f": "izquierda",
                                        "other_f": "derecha", "side_en": "left", "other_en": "right"}


@pytest.mark.parametrize(("n", "masculine", "feminine"), [
    (0, "cero", "cero"), (1, "uno", "una"), (2, "dos", "dos"), (5, "cinco", "cinco"), (10, "diez", "diez"),
    (11, "once", "once"), (15, "quince", "quince"), (16, "dieciséis", "dieciséis"),
    (19, "diecinueve", "diecinueve"), (20, "veinte", "veinte"), (21, "veintiuno", "veintiuna"),
    (22, "veintidós", "veintidós"), (23, "veintitrés", "veintitrés"), (26, "veintiséis", "veintiséis"),
    (30, "treinta", "treinta"), (31, "treinta y uno", "treinta y una"), (45, "cuarenta y cinco", "cuarenta y cinco"),
    (61, "sesenta y uno", "sesenta y una"), (77, "setenta y siete", "setenta y siete"), (90, "noventa", "noventa"),
    (99, "noventa y nueve", "noventa y nueve"),
])
def test_spanish_number_words(n, masculine, feminine):
    assert number_word(n, "es") == masculine
    assert number_word(n, "es", feminine=True) == feminine


def test_every_spanish_number_word_from_0_to_99_is_distinct_and_spanish():
    words = [spanish_number_word(n) for n in range(100)]
    assert len(set(words)) == 100
    assert all(not any(ch.isdigit() for ch in word) for word in words)
    english = {number_word(n) for n in range(100)}
    assert not set(words) & english
    # Only the words ending in "uno" have a feminine form.
    changed = [n for n in range(100) if spanish_number_word(n, feminine=True) != words[n]]
    assert changed == [1, 21, 31, 41, 51, 61, 71, 81, 91]


def test_outside_0_to_99_the_digits():
    assert spanish_number_word(100) == "100" and spanish_number_word(-1) == "-1"


def test_the_countdown_in_spanish():
    assert [number_word(n, "es") for n in range(5, 0, -1)] == ["cinco", "cuatro", "tres", "dos", "uno"]
