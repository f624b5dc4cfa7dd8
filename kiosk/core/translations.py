"""The gettext catalogs of kiosk/locale/: the translated sentences of every language, plurals included.

A catalog is `kiosk/locale/<language>/LC_MESSAGES/kiosk.po`; the build (setup.py, the PyInstaller spec)
compiles it to `kiosk.mo` beside it. A source checkout has no `.mo`: the `.po` is compiled in memory
on first use (Babel). English is the source language: its "translation" is the text itself.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path

from kiosk.core.languages import SOURCE_LANGUAGE

DOMAIN = "kiosk"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def N_(text: str) -> str:
    """Marks `text` for extraction (pybabel extract -k N_) where it is translated later, by its value."""
    return text


def catalog_paths(language: str, folder: Path = LOCALE_DIR) -> tuple[Path, Path]:
    """The `.po` source and the compiled `.mo` of `language`."""
    base = folder / language / "LC_MESSAGES" / DOMAIN
    return base.with_suffix(".po"), base.with_suffix(".mo")


@lru_cache(maxsize=None)
def translation(language: str = SOURCE_LANGUAGE) -> gettext.NullTranslations:
    """The catalog of `language`: `gettext`, `ngettext`, `pgettext`, `npgettext` as the standard library has them.

    The source language, and a language without a catalog, answer with the English text.
    """
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return load_catalog(language, LOCALE_DIR)


def load_catalog(language: str, folder: Path) -> gettext.NullTranslations:
    """The compiled catalog when there is one (a wheel, a bundle), else the source compiled now (a checkout,
    which never holds a `.mo`: .gitignore)."""
    po, mo = catalog_paths(language, folder)
    try:
        if mo.is_file():
            with mo.open("rb") as handle:
                return gettext.GNUTranslations(handle)
        if po.is_file():
            return gettext.GNUTranslations(io.BytesIO(compile_po(po)))
    except OSError:
        pass
    return gettext.NullTranslations()


def compile_po(po: Path) -> bytes:
    """The `.mo` bytes of a `.po` file (fuzzy entries left out, as `pybabel compile` does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()
