"""The drive chooser: which mounted volumes it offers (Qt's QStorageInfo), choosing by touch and keyboard, and the
admin screen's CSV and FHIR exports onto the chosen drive (a tmp folder posing as one), never into the data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QStorageInfo, Qt

from kiosk.ui.screens.admin import AdminScreen
from kiosk.ui.widgets.drive_choice import CHOOSE_TEXT, NO_DRIVE_TEXT, DriveChoice, Volume, removable_volumes


class FakeStorage:
    """What removable_volumes reads of a QStorageInfo, for mounts this machine does not have."""

    def __init__(self, root, fs_type="vfat", read_only=False, ready=True, name="", free=8_000_000_000):
        self._root, self._fs, self._ro, self._ready, self._name, self._free = root, fs_type, read_only, ready, name, free

    def isValid(self): return True                          # noqa: E704, N802 - Qt's names
    def isReady(self): return self._ready                   # noqa: E704, N802
    def isReadOnly(self): return self._ro                   # noqa: E704, N802
    def fileSystemType(self): return self._fs.encode()      # noqa: E704, N802
    def rootPath(self): return self._root                   # noqa: E704, N802
    def displayName(self): return self._name or self._root  # noqa: E704, N802
    def name(self): return self._name                       # noqa: E704
    def bytesAvailable(self): return self._free             # noqa: E704, N802


def test_the_real_mounted_volumes_never_offer_the_system_disk_or_memory_file_systems():
    real = QStorageInfo.mountedVolumes()
    assert any(volume.isRoot() for volume in real)            # Qt sees this machine's own disk...
    offered = removable_volumes()                            # ...and the chooser does not offer it
    systems = {Path(v.rootPath()) for v in real if v.isRoot() or v.isReadOnly()
               or bytes(v.fileSystemType()) in (b"tmpfs", b"overlay", b"devtmpfs")}
    assert not systems & {volume.root for volume in offered}
    assert all(str(volume.root).startswith(("/media/", "/run/media/", "/mnt/")) for volume in offered)


def test_only_writable_user_mounts_are_offered_by_name_with_free_space(tmp_path):
    storages = [FakeStorage("/"), FakeStorage("/boot", "ext4"), FakeStorage("/boot/efi"),
                FakeStorage("/run/user/0", "tmpfs"), FakeStorage("/media/kiosk/CDROM", "iso9660", read_only=True),
                FakeStorage("/media/kiosk/RAM", "tmpfs"), FakeStorage("/media/kiosk/LATE", ready=False),
                FakeStorage("/media"), FakeStorage("/media/kiosk/USB STICK", name="USB STICK", free=15_300_000_000),
                FakeStorage("/run/media/ann/CLINIC", "exfat", name="CLINIC"), FakeStorage("/mnt/backup", "ext4")]
    offered = removable_volumes(storages)
    assert [str(v.root) for v in offered] == ["/media/kiosk/USB STICK", "/mnt/backup", "/run/media/ann/CLINIC"]
    assert offered[0].label == "USB STICK\n15.3 GB free" and offered[1].name == "backup"
    assert removable_volumes(storages, not_holding=[Path("/mnt/backup/kiosk-data")])[1].root != Path("/mnt/backup")


def _chooser(qtbot, volumes):
    choice = DriveChoice(lambda: list(volumes), touch_px=60)
    qtbot.addWidget(choice)
    choice.resize(700, 300)
    choice.show()
    qtbot.waitExposed(choice)
    choice.activateWindow()
    qtbot.waitUntil(choice.isActiveWindow)                   # keyboard focus needs an active window
    return choice


def test_no_drive_says_so_and_chooses_nothing(qtbot):
    choice = _chooser(qtbot, [])
    assert choice.no_drive.isVisible() and choice.no_drive.text() == NO_DRIVE_TEXT
    assert choice.folder() is None and choice.buttons == {}


def test_one_drive_is_chosen_at_once_and_a_second_by_touch(qtbot, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    volumes = [Volume(one, "ONE")]
    choice = _chooser(qtbot, volumes)
    assert choice.folder() == one and choice.buttons[one].isChecked() and not choice.no_drive.isVisible()
    volumes.append(Volume(two, "TWO"))
    qtbot.mouseClick(choice.look_again_button, Qt.MouseButton.LeftButton)
    assert choice.folder() == one                            # still there: still chosen
    with qtbot.waitSignal(choice.chosen) as chosen:
        qtbot.mouseClick(choice.buttons[two], Qt.MouseButton.LeftButton)
    assert chosen.args == [two] and choice.folder() == two and not choice.buttons[one].isChecked()
    volumes.clear()                                          # both pulled out
    with qtbot.waitSignal(choice.chosen) as gone:
        qtbot.mouseClick(choice.look_again_button, Qt.MouseButton.LeftButton)
    assert gone.args == [None] and choice.folder() is None and choice.no_drive.isVisible()


def test_a_drive_pulled_out_after_the_choice_is_no_folder(qtbot, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    choice = _chooser(qtbot, [Volume(stick, "STICK")])
    stick.rmdir()
    assert choice.choice == stick and choice.folder() is None


def test_choosing_by_keyboard_tab_and_space(qtbot, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    choice = _chooser(qtbot, [Volume(one, "ONE"), Volume(two, "TWO")])
    assert choice.folder() is None                           # two drives: staff choose
    assert choice.no_drive.isVisible() and choice.no_drive.text() == CHOOSE_TEXT
    choice.buttons[one].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(choice.buttons[one], Qt.Key.Key_Tab)
    assert choice.buttons[two].hasFocus()
    qtbot.keyClick(choice.buttons[two], Qt.Key.Key_Space)
    assert choice.folder() == two and not choice.no_drive.isVisible()
    qtbot.keyClick(choice.buttons[two], Qt.Key.Key_Tab)
    assert choice.look_again_button.hasFocus()


# --- on the admin screen, with the clinic's real export -------------------------------------------

@pytest.fixture
def clinic_admin(qtbot, tmp_path, store, speaker, mini_folder):
    from test_gui_thread_io import started_clinic

    drive = tmp_path / "USB"
    drive.mkdir()
    volumes = [Volume(drive, "USB")]
    clinic = started_clinic(qtbot, store, speaker, mini_folder, idle_timeout=600, volumes=lambda: list(volumes))
    profile = store.profiles.create(pin="4826")
    from datetime import datetime, timedelta, timezone

    from kiosk.core.records import PainRating
    when = datetime(2026, 3, 1, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    store.open_profile(profile.profile_id).ratings.add_many([PainRating(when, 6, "before", "left", note="stiff"),
                                                             PainRating(when + timedelta(minutes=30), 3, "after")])
    clinic.admin.set_profiles(clinic._profile_labels())
    clinic.window.show_screen(clinic.admin)
    yield clinic, profile, drive, volumes
    clinic.leave()


def test_the_admin_screen_exports_csv_and_fhir_onto_the_chosen_drive(qtbot, clinic_admin, store):
    clinic, profile, drive, _volumes = clinic_admin
    admin = clinic.admin
    assert admin.drive.folder() == drive                     # the one drive, chosen at once
    assert not admin.fhir_button.isEnabled()                 # no diary chosen yet
    admin.select_profile(profile.profile_id)
    before = set(store.folder.rglob("*"))
    with qtbot.waitSignal(admin.profile_exported, timeout=10_000) as csv_done:
        qtbot.mouseClick(admin.export_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(admin.profile_exported, timeout=10_000) as fhir_done:
        admin.fhir_button.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(admin.fhir_button, Qt.Key.Key_Return)  # by keyboard
    csv_file, fhir_file = Path(csv_done.args[1]), Path(fhir_done.args[1])
    assert csv_file.parent == drive and fhir_file.parent == drive
    assert csv_file.read_text().splitlines()[1].startswith("2026-03-01T09:00:00+01:00,6,before,left")
    bundle = json.loads(fhir_file.read_text())
    assert bundle["entry"][0]["resource"]["identifier"][0]["value"] == profile.number
    assert [e["resource"].get("valueInteger") for e in bundle["entry"][1:]] == [6, 3]
    assert fhir_file.stat().st_mode & 0o777 == 0o600
    assert not {p for p in set(store.folder.rglob("*")) - before if "diary" in p.name}   # nothing in the data folder
    assert str(fhir_file) in admin.status.accessibleName()                   # the label may break it at each /
    assert str(fhir_file) in admin.status.text().replace("\u200b", "")


def test_without_a_drive_the_admin_screen_says_so_and_cannot_export(qtbot, clinic_admin):
    clinic, profile, _drive, volumes = clinic_admin
    admin = clinic.admin
    volumes.clear()
    qtbot.mouseClick(admin.drive.look_again_button, Qt.MouseButton.LeftButton)
    admin.select_profile(profile.profile_id)
    assert admin.drive.no_drive.isVisible() and "No USB drive" in admin.drive.no_drive.text()
    assert not admin.export_button.isEnabled() and not admin.fhir_button.isEnabled()


def test_a_drive_pulled_out_before_the_touch_is_said_not_written(qtbot, clinic_admin):
    clinic, profile, drive, _volumes = clinic_admin
    admin = clinic.admin
    admin.select_profile(profile.profile_id)
    drive.rmdir()
    with qtbot.assertNotEmitted(admin.profile_exported):
        qtbot.mouseClick(admin.fhir_button, Qt.MouseButton.LeftButton)
    assert "not there any more" in admin.status.text()


def test_the_data_folder_itself_is_never_an_export_target(qtbot, clinic_admin, store):
    clinic, profile, _drive, _volumes = clinic_admin
    answers = []
    clinic._export_profile(profile.profile_id, "fhir", store.folder, lambda where, error: answers.append(error))
    qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
    assert isinstance(answers[0], ValueError) and not list(store.folder.glob("diary-*"))


def test_admin_screen_default_lists_the_real_volumes(qtbot):
    screen = AdminScreen([("floor", "Floor routine")])          # Qt's own list of this machine's mounts
    qtbot.addWidget(screen)
    assert set(screen.drive.buttons) == {volume.root for volume in removable_volumes()}


def test_the_admin_report_goes_onto_the_chosen_drive_not_the_printer(qtbot, clinic_admin, store):
    clinic, profile, drive, _volumes = clinic_admin
    admin = clinic.admin
    printed = []
    clinic.report_step = lambda parent, paint, done: printed.append(paint)   # the printer: must not be used
    admin.select_profile(profile.profile_id)
    with qtbot.waitSignal(admin.profile_reported, timeout=20_000) as reported:
        qtbot.mouseClick(admin.report_button, Qt.MouseButton.LeftButton)
    outcome = reported.args[1]
    assert outcome.done, outcome.message
    files = list(drive.glob("visit-report-*.pdf"))
    assert len(files) == 1 and outcome.where == str(files[0]) and not printed
    assert files[0].stat().st_mode & 0o777 == 0o600
    assert not [p for p in store.folder.rglob("*.pdf")]                     # nothing left in the data folder
