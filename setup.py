"""Build step: the top-level routines/ and media/ folders go into the wheel as package data, kiosk/_bundled/;
the gettext catalogs kiosk/locale/*/LC_MESSAGES/*.po are compiled to .mo beside them."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BUNDLED = ("routines", "media")          # top-level folders of the repository (and of the sdist: MANIFEST.in)
TARGET = Path("kiosk", "_bundled")       # where kiosk.paths.bundled_dir() reads them through importlib.resources
CATALOGS = Path("kiosk", "locale")        # <language>/LC_MESSAGES/kiosk.po: kiosk.core.translations reads the .mo


def _wanted(path: Path) -> bool:
    """A file to ship: not hidden, not an editor's backup, not byte code."""
    return not any(part.startswith(".") or part == "__pycache__" for part in path.parts) \
        and not path.name.endswith(("~", ".pyc", ".swp"))


class build_py_with_bundled(build_py):
    """`build_py`, then a copy of each bundled folder into the built package.

    An editable install copies nothing: there kiosk.paths finds the folders beside the package.
    """

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return                       # a checkout compiles its catalogs in memory (kiosk.core.translations)
        self._bundled_outputs = self._compile_catalogs()
        for name in BUNDLED:
            source = Path(name)
            if not source.is_dir():
                raise SystemExit(f"setup.py: the {name}/ folder is missing; the package would hold no {name}")
            for path in sorted(p for p in source.rglob("*") if p.is_file()):
                relative = path.relative_to(source)
                if not _wanted(relative):
                    continue
                target = Path(self.build_lib, TARGET, name, relative)
                self.mkpath(str(target.parent))
                self.copy_file(str(path), str(target), preserve_mode=False)
                self._bundled_outputs.append(str(target))

    def _compile_catalogs(self) -> list[str]:
        """Each .po catalog compiled to its .mo in the built package (pybabel compile; fuzzy entries left out)."""
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        outputs = []
        for po in sorted(CATALOGS.glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as handle:
                catalog = read_po(handle)
            target = Path(self.build_lib, po.with_suffix(".mo"))
            self.mkpath(str(target.parent))
            with target.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
            outputs.append(str(target))
        return outputs

    def get_outputs(self, include_bytecode=True):
        return [*super().get_outputs(include_bytecode), *getattr(self, "_bundled_outputs", [])]


setup(cmdclass={"build_py": build_py_with_bundled})
