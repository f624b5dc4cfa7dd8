"""Where staff save a report or an export: a removable drive now mounted, chosen by touch or keyboard (never the kiosk's own disk)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.local_formats import decimal
from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, current_language, texts
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.controls import make_label
from kiosk.ui.widgets.touch_button import ChipButton, TouchButton

#: Where desktops and udisks mount what is plugged in; the system's own volumes live elsewhere.
MOUNT_PARENTS = (Path("/media"), Path("/run/media"), Path("/mnt"))
#: File systems that are never a drive someone can carry away.
NOT_A_DRIVE = frozenset(("tmpfs", "devtmpfs", "ramfs", "overlay", "squashfs", "proc", "sysfs", "devpts",
                         "cgroup", "cgroup2", "autofs", "efivarfs", "securityfs", "debugfs", "tracefs",
                         "fusectl", "mqueue", "hugetlbfs", "pstore", "bpf", "configfs", "nsfs"))
NO_DRIVE_TEXT = N_("No USB drive found. Plug one in, then touch \u201cLook again\u201d.")
CHOOSE_TEXT = N_("Choose the drive to save on.")


@dataclass(frozen=True)
class Volume:
    """One drive staff may save to: its folder, what to call it, and its free space (None: unknown)."""

    root: Path
    name: str
    free_bytes: int | None = None

    @property
    def label(self) -> str:
        """Its name, and its free space on a second line (two short lines fit a narrow column), in the language in use."""
        if self.free_bytes is None:
            return self.name
        return texts().gettext("{name}\n{size} GB free").format(
            name=self.name, size=decimal(self.free_bytes / 1e9, current_language()))


def _is_within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (ValueError, OSError):
        return False


def removable_volumes(storages: Iterable[QStorageInfo] | None = None,
                      not_holding: Sequence[Path] = ()) -> list[Volume]:
    """The writable drives mounted under /media, /run/media or /mnt (what a USB stick becomes), from
    `storages` (default: Qt's `QStorageInfo.mountedVolumes()`). Never /, /boot, a tmpfs or another
    in-memory or system file system, nor a volume holding one of `not_holding` (the data folder)."""
    found = []
    for storage in QStorageInfo.mountedVolumes() if storages is None else storages:
        if not storage.isValid() or not storage.isReady() or storage.isReadOnly():
            continue
        fs_type = bytes(storage.fileSystemType()).decode(errors="replace")
        root = Path(storage.rootPath())
        if fs_type in NOT_A_DRIVE or not any(_is_within(root, parent) and root != parent
                                             for parent in MOUNT_PARENTS):
            continue
        if any(_is_within(Path(kept), root) for kept in not_holding):
            continue
        name = storage.displayName() or storage.name() or root.name
        if name == storage.rootPath():
            name = root.name
        found.append(Volume(root, name, storage.bytesAvailable()))
    return sorted(found, key=lambda volume: str(volume.root))


class DriveChoice(FollowsLanguage, QWidget):
    """Choose the drive a file goes to. The reusable part of "Where files go in the clinic".

    `volumes()` lists the drives (default `removable_volumes`, i.e. Qt's QStorageInfo; tests hand it
    a tmp folder posing as a drive). They are read again whenever the chooser is shown and on "Look
    again". One drive alone is chosen at once; with none, the chooser says so in words.

        choice = DriveChoice(touch_px=screen.touch_px)
        choice.chosen.connect(lambda folder: ...)     # a Path, or None when nothing is chosen
        folder = choice.folder()                      # the same, checked now: None if unplugged

    `folder()` is the drive's top folder (write the file there, off the GUI thread). Nothing here
    writes anything.

    Signals:
        chosen(object): the chosen drive's folder (Path), or None when the choice went away.
    """

    chosen = Signal(object)

    def __init__(self, volumes: Callable[[], list[Volume]] = removable_volumes, touch_px: int = 44,
                 heading: str = N_("Save to"), parent: QWidget | None = None) -> None:
        """`heading`: the English (marked N_), shown in the language in use."""
        super().__init__(parent)
        self._heading_source = heading
        self._volumes = volumes
        self._shown_volumes: list[Volume] = []
        self._touch_px = touch_px
        self._chosen: Path | None = None
        self.buttons: dict[Path, ChipButton] = {}
        self.look_again_button = TouchButton("", None, touch_px)
        self.look_again_button.clicked.connect(self.refresh)
        self.no_drive = make_label("", "notice")
        self.no_drive.hide()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.heading = make_label("", "heading")
        self._layout.addWidget(self.heading)
        self._layout.addWidget(self.no_drive)
        self._row: ButtonRow | None = None
        self.refresh()
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.setAccessibleName(_("Choose a drive"))
        self.heading.setText(_(self._heading_source))
        self.look_again_button.set_label(_("Look again"))
        self.look_again_button.setAccessibleDescription(_("Look for drives again after plugging one in"))
        for volume in self._shown_volumes:
            self._label_drive(self.buttons[volume.root], volume)
        self._say()

    def _label_drive(self, button: ChipButton, volume: Volume) -> None:
        button.set_label(volume.label)
        button.setAccessibleDescription(texts().gettext("Save on the drive at {folder}").format(folder=volume.root))

    # -- public API -----------------------------------------------------------------------
    @property
    def choice(self) -> Path | None:
        """The drive chosen on screen (not checked again: `folder()` does that)."""
        return self._chosen

    def folder(self) -> Path | None:
        """The chosen drive's folder, if it is still there; else None."""
        if self._chosen is None or not self._chosen.is_dir():
            return None
        return self._chosen

    def choose(self, root: Path | None) -> None:
        """Choose the drive at `root` (one of those shown), or nothing (None)."""
        root = root if root in self.buttons else None
        for path, button in self.buttons.items():
            button.setChecked(path == root)
        changed, self._chosen = root != self._chosen, root
        self._say()
        if changed:
            self.chosen.emit(root)

    def refresh(self) -> None:
        """Read the mounted drives again; the chosen one stays chosen while it is there."""
        try:
            volumes = list(self._volumes())
        except OSError:
            volumes = []
        if self._row is not None:
            self._layout.removeWidget(self._row)
            self._row.deleteLater()
        self.buttons = {}
        self._shown_volumes = [volume for volume in volumes]
        for volume in volumes:
            button = ChipButton(volume.label, str(volume.root), self._touch_px)
            self._label_drive(button, volume)
            button.clicked.connect(lambda _c=False, root=volume.root: self.choose(root))
            self.buttons[volume.root] = button
        self._row = ButtonRow([(button, 2) for button in self.buttons.values()] + [(self.look_again_button, 1)])
        self._layout.addWidget(self._row)
        keep = self._chosen if self._chosen in self.buttons else None
        if keep is None and len(volumes) == 1:
            keep = volumes[0].root
        self.choose(keep)

    def _say(self) -> None:
        """No drive, or several and none chosen: say so in words (the export buttons stay off)."""
        _ = texts().gettext
        text = _(NO_DRIVE_TEXT) if not self.buttons else _(CHOOSE_TEXT) if self._chosen is None else ""
        self.no_drive.setText(text)
        self.no_drive.setAccessibleName(text or _("No drive"))
        self.no_drive.setVisible(bool(text))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()
