"""The gettext catalogs of kiosk/locale/: the translated sentences of every language, plurals included.

A catalog is `kiosk/locale/<language>/LC_MESSAGES/kiosk.po`; the build (setup.py, the PyInstaller spec)
compiles it to `kiosk.mo` beside it. A source checkout has no `.mo`: the `.po` is compiled in memory
on first use (Babel, ~60 ms), and `keep_compiled` (the app's cache thread, after a start in the language)
keeps the result beside it in a hidden `.kiosk.<checksum>.mo`, which the next start reads instead while the
`.po` is unchanged (ignored by git; a wheel and the sdist leave out every `*.mo` but the built one).
English is the source language: its "translation" is the text itself.
"""

from __future__ import annotations

import gettext
import io
import os
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
    """The compiled catalog when there is one (a wheel, a bundle), else the source's compiled copy kept by
    an earlier start, else the source compiled now (a checkout, which never holds a `.mo`: .gitignore)."""
    po, mo = catalog_paths(language, folder)
    try:
        if mo.is_file():
            with mo.open("rb") as handle:
                return gettext.GNUTranslations(handle)
        if po.is_file():
            source = po.read_bytes()
            try:
                return gettext.GNUTranslations(io.BytesIO(kept_path(po, source).read_bytes()))
            except Exception:                   # noqa: BLE001 - none kept for this source yet, or damaged
                pass
            compiled = compile_po(po)
            _compiled_now[po] = (source, compiled)
            return gettext.GNUTranslations(io.BytesIO(compiled))
    except OSError:
        pass
    return gettext.NullTranslations()


_compiled_now: dict[Path, tuple[bytes, bytes]] = {}     # .po -> (its source, compiled) in this process


def kept_path(po: Path, source: bytes) -> Path:
    """Where a checkout keeps the compiled copy of the `.po` holding `source`: beside it, named by its checksum."""
    import zlib

    return po.with_name(f".{po.stem}.{zlib.crc32(source):08x}{len(source):x}.mo")


def compiled_here(language: str, folder: Path = LOCALE_DIR) -> bool:
    """Whether this process compiled the catalog of `language` from its `.po` (a copy to keep)."""
    return catalog_paths(language, folder)[0] in _compiled_now


def keep_compiled(language: str, folder: Path = LOCALE_DIR) -> bool:
    """Keep the catalog of `language` compiled in this process beside its `.po` (and drop older copies), so
    the next start need not compile it; True when written. For a thread that writes caches: never the GUI's."""
    po, _ = catalog_paths(language, folder)
    if po not in _compiled_now:                 # read from a .mo, or from a kept copy: nothing to keep
        return False
    source, compiled = _compiled_now[po]
    target = kept_path(po, source)
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(compiled)
        os.replace(temporary, target)
        for old in po.parent.glob(f".{po.stem}.*.mo"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:                             # a read-only checkout: compiled again next start
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        return False
    return True


def compile_po(po: Path) -> bytes:
    """The `.mo` bytes of a `.po` file (fuzzy entries left out, as `pybabel compile` does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()
