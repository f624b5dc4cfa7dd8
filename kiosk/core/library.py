"""The routines folder as the app uses it: loaded in full on first use, its home choices from the index before that."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property, partial
from pathlib import Path

from kiosk import __version__
from kiosk.core.routine_index import Choices, files_stamp, read_index, write_index


class RoutineLibrary:
    """Offers what `LoadResult` offers (routines, exercises, aerobics, errors, choices), loading on demand.

    `choices()` answers from the index file while the routine files are unchanged since it was
    written, without reading any TOML; anything else loads and validates the whole folder once,
    and writes the index for the next start: through `write_later(job)` when given (the app's
    cache thread, so that the GUI thread never waits for the disk), else at once.
    """

    def __init__(self, folder: Path, index_path: Path | None = None,
                 write_later: Callable[[Callable[[], object]], object] | None = None,
                 language: str = "en") -> None:
        self.folder = Path(folder)
        self.language = language                  # the texts' language: its translation files are read too
        self.index_path = index_path
        self._write_later = write_later or (lambda job: job())
        self._stamp: list | None = None
        self._indexed: Choices | None = None      # what the index said, when it was current

    @property
    def is_loaded(self) -> bool:
        return "result" in self.__dict__

    @cached_property
    def result(self):
        """The loaded folder (a LoadResult), loading it now if need be (the index is brought up to
        date by the next `choices()`: working out the choices compiles every routine)."""
        from kiosk.core.loader import load_routines

        self._files_stamp()                     # taken before reading: a file changed meanwhile shows next time
        return load_routines(self.folder, language=self.language)

    def choices(self) -> Choices:
        if not self.is_loaded and self.index_path is not None and self._files_stamp():
            self._indexed = read_index(self.index_path, self._files_stamp())
            if self._indexed is not None:
                return self._indexed
        choices = self.result.choices()
        if self.index_path is not None and self._files_stamp() and choices != self._indexed:
            self._write_later(partial(write_index, self.index_path, self._files_stamp(), choices))
            self._indexed = choices
        return choices

    @property
    def routines(self):
        return self.result.routines

    @property
    def exercises(self):
        return self.result.exercises

    @property
    def aerobics(self):
        return self.result.aerobics

    @property
    def errors(self):
        return self.result.errors

    def _files_stamp(self) -> list:
        if self._stamp is None:
            try:
                self._stamp = files_stamp(self.folder, __version__)
                if self.language != "en":     # the translation files too: a changed one makes the index stale
                    self._stamp += files_stamp(self.folder / self.language, self.language)
            except OSError:
                self._stamp = []
        return self._stamp
