"""The disk waits (and print painting) a GUI thread must never do, wrapped so that each one done on the main thread is recorded."""

from __future__ import annotations

import builtins
import concurrent.futures
import hashlib
import io
import os
import threading
import traceback

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class MainThreadIO:
    """Records every watched call made on the main thread while `watching` is on."""

    def __init__(self) -> None:
        self.watching = False
        self.calls: list[str] = []

    def note(self, what: str) -> None:
        if self.watching and threading.current_thread() is threading.main_thread():
            where = "".join(traceback.format_stack(limit=8)[:-2])
            self.calls.append(f"{what}\n{where}")

    def check(self) -> None:
        assert not self.calls, f"{len(self.calls)} disk waits on the GUI thread; the first:\n{self.calls[0]}"


def _open_for_writing(file, mode="r", *args, **kwargs):
    return f"open({file!r}, {mode!r})" if any(c in mode for c in "wax+") else None


def _os_open_for_writing(path, flags, *args, **kwargs):
    return f"os.open({path!r}, {flags:#o})" if flags & WRITE_FLAGS else None


def watch_disk_waits(guard: MainThreadIO, setattr_=setattr) -> None:
    """Wrap os.fsync, os.replace, os.open/open for writing, hashlib.scrypt, Future.result, the Qt
    picture writers and the painting of a handout or visit report (Qt writes the PDF or print job
    inside it, where the wrappers above cannot see) so that each call tells `guard`; `setattr_` puts a
    wrapper in place (pytest's `monkeypatch.setattr` to undo it after the test)."""
    from PySide6.QtGui import QImage, QPixmap

    from kiosk.ui.paper import handout, report

    def wrap(owner, name, describe=None):
        real = getattr(owner, name)

        def watched(*args, **kwargs):
            what = describe(*args, **kwargs) if describe else name
            if what:
                guard.note(what)
            return real(*args, **kwargs)

        setattr_(owner, name, watched)

    wrap(os, "fsync")
    wrap(os, "replace")
    wrap(os, "open", _os_open_for_writing)
    wrap(builtins, "open", _open_for_writing)
    wrap(io, "open", _open_for_writing)
    wrap(hashlib, "scrypt")
    wrap(concurrent.futures.Future, "result", lambda self, *a, **k: "Future.result")
    wrap(QImage, "save", lambda self, *a, **k: "QImage.save")
    wrap(QPixmap, "save", lambda self, *a, **k: "QPixmap.save")
    wrap(handout, "paint_handout")           # the screens' print paths reach these through their modules
    wrap(report, "paint_report")
