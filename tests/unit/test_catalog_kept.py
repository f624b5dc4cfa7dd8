"""A checkout's catalog, compiled by Babel once, is kept beside its .po and read back while the .po is unchanged."""

from __future__ import annotations

import gettext
import io

from kiosk.core.translations import (
    catalog_paths, compile_po, compiled_here, keep_compiled, kept_path, load_catalog,
)
from test_translations import gettext_catalog_saying


def _checkout(tmp_path):
    """A locale folder holding the real Spanish .po and no .mo, as a checkout does."""
    po, _ = catalog_paths("es")
    folder = tmp_path / "locale"
    target_po, target_mo = catalog_paths("es", folder)
    target_po.parent.mkdir(parents=True)
    target_po.write_bytes(po.read_bytes())
    return folder, target_po, target_mo


def _saying(po, english: str, translated: str) -> bytes:
    """The compiled .po with one sentence changed, to tell a kept copy from a fresh compile."""
    catalog = gettext.GNUTranslations(io.BytesIO(compile_po(po)))
    assert catalog.gettext(english) != english
    return gettext_catalog_saying(english, translated)


def test_the_compiled_catalog_is_kept_and_read_back_while_the_po_is_unchanged(tmp_path):
    folder, po, mo = _checkout(tmp_path)
    fresh = load_catalog("es", folder)                       # compiled now (Babel)
    assert fresh.gettext("Hold.") == "Mantenga la posición."
    assert compiled_here("es", folder)
    assert keep_compiled("es", folder)
    kept = kept_path(po, po.read_bytes())
    assert kept.parent == po.parent and kept.name.startswith(".kiosk.") and kept.suffix == ".mo"
    assert sorted(p.name for p in po.parent.iterdir()) == sorted([kept.name, "kiosk.po"])   # no temporary left
    assert gettext.GNUTranslations(io.BytesIO(kept.read_bytes())).gettext("Hold.") == "Mantenga la posición."
    kept.write_bytes(_saying(po, "Hold.", "KEPT"))
    assert load_catalog("es", folder).gettext("Hold.") == "KEPT"          # the next start reads the kept copy


def test_a_changed_po_is_compiled_again_and_the_old_copy_dropped(tmp_path):
    folder, po, mo = _checkout(tmp_path)
    load_catalog("es", folder)
    keep_compiled("es", folder)
    old = kept_path(po, po.read_bytes())
    old.write_bytes(_saying(po, "Hold.", "OLD"))
    po.write_bytes(po.read_bytes().replace('msgstr "Mantenga la posición."'.encode(), 'msgstr "NUEVO"'.encode()))
    assert load_catalog("es", folder).gettext("Hold.") == "NUEVO"          # the edited source, not the old copy
    assert keep_compiled("es", folder)
    assert not old.exists() and kept_path(po, po.read_bytes()).exists()


def test_a_damaged_copy_is_compiled_again_and_a_built_mo_comes_first(tmp_path):
    folder, po, mo = _checkout(tmp_path)
    kept_path(po, po.read_bytes()).write_bytes(b"not a catalog")
    assert load_catalog("es", folder).gettext("Hold.") == "Mantenga la posición."
    mo.write_bytes(_saying(po, "Hold.", "BUILT"))
    assert load_catalog("es", folder).gettext("Hold.") == "BUILT"          # a wheel's .mo, as before


def test_nothing_is_kept_for_a_catalog_read_from_a_mo(tmp_path):
    folder, po, mo = _checkout(tmp_path)
    po.unlink()
    mo.write_bytes(_saying(catalog_paths("es")[0], "Hold.", "BUILT"))
    assert load_catalog("es", folder).gettext("Hold.") == "BUILT"
    assert not compiled_here("es", folder) and not keep_compiled("es", folder)
    assert sorted(p.name for p in mo.parent.iterdir()) == ["kiosk.mo"]
