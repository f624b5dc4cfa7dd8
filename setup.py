"""Build step: the top-level routines/ and media/ folders go into the wheel as package data, kiosk/_bundled/."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BUNDLED = ("routines", "media")          # top-level folders of the repository (and of the sdist: MANIFEST.in)
TARGET = Path("kiosk", "_bundled")       # where kiosk.paths.bundled_dir() reads them through importlib.resources


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
            return
        self._bundled_outputs = []
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

    def get_outputs(self, include_bytecode=True):
        return [*super().get_outputs(include_bytecode), *getattr(self, "_bundled_outputs", [])]


setup(cmdclass={"build_py": build_py_with_bundled})
