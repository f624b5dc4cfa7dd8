"""Every screen in Spanish, the clinic's too, with no English left: each visible text against the same
widget's text in an English walk of the same screens, and against every English sentence of the catalog."""

from __future__ import annotations

import re

import screen_walk
from babel.messages.pofile import read_po

from kiosk.core.languages import LANGUAGES
from kiosk.core.translations import catalog_paths

SIZE = (1280, 720)
# The same in both languages on purpose: no letters (numbers, times, signs), "OK", and unit symbols; and
# the language button, which names the other language in its own words ("English" on a Spanish screen).
UNITS = {"s", "min", "mm", "cm", "kg", "h", "OK"}
LANGUAGE_NAMES = set(LANGUAGES.values())


def _no_words(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text)
    return all(word in UNITS for word in words)


def _catalog() -> tuple[dict[str, str], set[str]]:
    """The Spanish catalog's sentences ({English: Spanish}) and those the same in both languages on purpose."""
    with catalog_paths("es")[0].open("rb") as handle:
        catalog = read_po(handle)
    spanish, same = {}, set()
    for message in catalog:
        if not message.id:
            continue
        for english, translated in zip(*(
                (message.id, message.string) if isinstance(message.id, tuple) else ((message.id,), (message.string,)))):
            spanish[english] = translated
            if english == translated:
                same.add(english)
    return spanish, same


def test_no_english_is_left_on_any_screen_in_spanish(qapp):
    english, spanish = {}, {}
    assert not screen_walk.walk(SIZE, "normal", language="en", texts=english)
    assert not screen_walk.walk(SIZE, "normal", language="es", texts=spanish)
    assert english.keys() == spanish.keys() and len(spanish) >= 30          # every screen, both walks
    catalog, same = _catalog()
    left = []
    for screen, texts in spanish.items():
        changed = 0
        for path, text in texts.items():
            if _no_words(text) or text in same or text in LANGUAGE_NAMES:
                continue
            if english[screen].get(path) == text:
                left.append(f"{screen}: {text!r} is the same as in English ({path})")
            elif catalog.get(text, text) != text:
                left.append(f"{screen}: {text!r} is an English sentence of the catalog ({path})")
            else:
                changed += 1
        if not changed:
            left.append(f"{screen}: no text in Spanish at all")
    assert not left, "\n".join(left)


def test_the_walk_finds_english_where_it_is_left():
    """The check itself: an English text in the Spanish walk is found, a number or a unit is not."""
    catalog, same = _catalog()
    assert catalog["End the session"] == "Terminar la sesión"
    assert not _no_words("End the session") and _no_words("12:30") and _no_words("5 s") and _no_words("4.5")
    assert "End the session" not in same
