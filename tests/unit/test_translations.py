"""The translation machinery: the gettext catalogs (every marked sentence translated), plurals, numbers, dates."""

from __future__ import annotations

import gettext
import io
import string
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from kiosk.core.clock import clock_notice, left_out_notice
from kiosk.core.languages import LANGUAGES, SOURCE_LANGUAGE, language_code
from kiosk.core.local_formats import decimal, long_date
from kiosk.core.routine_index import format_minutes
from kiosk.core.translations import LOCALE_DIR, catalog_paths, compile_po, load_catalog, translation

ROOT = Path(__file__).resolve().parents[2]
OTHER_LANGUAGES = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def marked_messages() -> set[tuple[str | None, str]]:
    """(context, English text) of every sentence the code marks for translation, as `pybabel extract` finds them."""
    found = set()
    for _, _, message, _, context in extract_from_dir(str(ROOT / "kiosk"), method_map=[("**.py", "python")]):
        found.add((context, message if isinstance(message, str) else message[0]))
    return found


def catalog(language: str):
    with catalog_paths(language)[0].open("rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_marked_sentence_of_the_code_has_its_translation(language):
    po = catalog(language)
    marked = marked_messages()
    assert len(marked) >= 35, marked                   # the phrases, the trends, the clock, the minutes
    missing = []
    for context, text in sorted(marked, key=str):
        entry = po.get(text, context=context)
        if entry is None or entry.fuzzy or not all(entry.string if isinstance(entry.string, tuple)
                                                    else (entry.string,)):
            missing.append((context, text))
    assert not missing, f"{language}: no translation for {missing}"


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_translations_keep_the_placeholders(language):
    for entry in catalog(language):
        if not entry.id:
            continue
        sources = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        for translated in (entry.string if isinstance(entry.string, tuple) else (entry.string,)):
            assert placeholders(translated) == placeholders(sources[-1]), (entry.id, translated)


def test_plurals_through_the_catalog():
    assert format_minutes(60, "es") == "1 minuto"
    assert format_minutes(180, "es") == "3 minutos"
    assert format_minutes(20 * 60, "es") == "20 minutos"
    assert format_minutes(60) == "1 minute" and format_minutes(180) == "3 minutes"
    one, three = left_out_notice(1, "es"), left_out_notice(3, "es")
    assert one.startswith("1 valoración del dolor tiene una fecha") and "no la muestra" in one
    assert three.startswith("3 valoraciones del dolor tienen fechas") and "no las muestra" in three
    assert left_out_notice(0, "es") is None
    assert left_out_notice(1).startswith("1 pain rating has a date")
    assert left_out_notice(2).startswith("2 pain ratings have dates")
    assert clock_notice("es").startswith("El reloj parece estar mal")


def test_the_plural_rule_is_in_the_catalog():
    spanish = translation("es")
    assert spanish.ngettext("{count} minute", "{count} minutes", 1) == "{count} minuto"
    for n in (0, 2, 5, 21, 100):
        assert spanish.ngettext("{count} minute", "{count} minutes", n) == "{count} minutos", n


def test_the_compiled_catalog_says_what_its_source_says(tmp_path):
    po, _ = catalog_paths("es")
    folder = tmp_path / "locale"
    target_po, target_mo = catalog_paths("es", folder)
    target_po.parent.mkdir(parents=True)
    target_po.write_bytes(po.read_bytes())
    from_source = load_catalog("es", folder)                      # a checkout: compiled in memory
    target_mo.write_bytes(compile_po(po))                         # what setup.py and the spec build
    from_mo = load_catalog("es", folder)
    assert isinstance(from_mo, gettext.GNUTranslations)
    for entry in catalog("es"):
        if entry.id and not isinstance(entry.id, tuple) and not entry.context:
            assert from_mo.gettext(entry.id) == from_source.gettext(entry.id) == entry.string
    target_mo.write_bytes(gettext_catalog_saying("Hold.", "COMPILED"))
    assert load_catalog("es", folder).gettext("Hold.") == "COMPILED"       # a built package reads its .mo
    target_po.unlink()
    assert load_catalog("es", folder).gettext("Hold.") == "COMPILED"       # which is all a bundle has


def gettext_catalog_saying(english: str, translated: str) -> bytes:
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    made = Catalog(locale="es")
    made.add(english, translated)
    out = io.BytesIO()
    write_mo(out, made)
    return out.getvalue()


def test_no_catalog_means_english(tmp_path):
    assert load_catalog("es", tmp_path).gettext("Hold.") == "Hold."
    assert translation("en").gettext("Hold.") == "Hold."


def test_numbers_and_dates_the_languages_way():
    assert decimal(4.25) == "4.2" and decimal(4.5, "es") == "4.5"       # the Spanish of the US: a decimal point
    assert decimal(33.333, "es", 0) == "33"
    assert long_date(date(2026, 3, 2), "es") == "2 de marzo de 2026"
    assert long_date(date(2026, 12, 21), "es") == "21 de diciembre de 2026"


@pytest.mark.parametrize(("value", "code"), [
    ("es", "es"), ("es-MX", "es"), ("es_US.UTF-8", "es"), ("en_GB.UTF-8", "en"), ("C", "en"), ("", "en"),
    (None, "en"), ("fr_FR", "en"), ("ES", "es"),
])
def test_language_codes(value, code):
    assert language_code(value) == code


def test_the_catalogs_are_where_the_build_looks():
    assert LOCALE_DIR == ROOT / "kiosk" / "locale"
    for language in OTHER_LANGUAGES:
        assert catalog_paths(language)[0].is_file()
