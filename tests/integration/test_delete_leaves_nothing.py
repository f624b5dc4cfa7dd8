"""Delete deletes: after a diary's visit (notes, a spoken summary, an export, a saved chart), each way of
deleting it (the CLI, the admin screen, My data) leaves nothing of it anywhere in the data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from audio import QT_AUDIO_NOISE
from integration.conftest import espeak_missing
from kiosk.core.admin_pin import AdminPinPolicy
from kiosk.core.diary_number import spaced
from kiosk.core.loader import load_routines
from kiosk.core.plan import Plan, PlanItem
from kiosk.core.ports import SilentSpeaker
from kiosk.core.records import PainRating
from kiosk.paths import PROJECT_DIR
from kiosk.speech.speaker import QtSpeaker
from kiosk.speech.cache import forget_personal_sentences
from kiosk.store.data_store import DataStore
from kiosk.ui.clinic import ClinicMode
from kiosk.ui.widgets.drive_choice import Volume
from kiosk.services.journal import Journal
from kiosk.services.plans import DiaryPlans
from kiosk.ui.main_window import MainWindow
from prerequisites import missing

pytestmark = [pytest.mark.usefixtures("pulse_server"), pytest.mark.qt_log_ignore(*QT_AUDIO_NOISE, extend=True)]

ADMIN_PIN = "97531"
PIN = "4826"
SHARED = {"profiles.json.bak", "settings.json.bak"}    # backups of the index and settings: made by any write
NOTES = ("sharp-when-climbing-stairs-qx7", "better-after-the-walk-zv9", "plan-note-go-gently-pq4")


def type_on(qtbot, pad, digits: str) -> None:
    qtbot.keyClicks(pad, digits)
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    qtbot.waitUntil(pad.parentWidget().isEnabled, timeout=10_000)     # checks run on the store's thread


def files_in(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


def traces(folder: Path, tokens: list[str]) -> list[str]:
    """Every file under `folder` whose path or bytes (text and binary alike) hold one of `tokens`."""
    found = []
    for path in sorted(files_in(folder)):
        data = path.read_bytes()
        for token in tokens:
            if token in str(path.relative_to(folder)) or token.encode() in data:
                found.append(f"{path.relative_to(folder)}: {token}")
    return found


class Visit:
    """One person's visit to the clinic kiosk, then at home, on one data folder."""

    def __init__(self, qtbot, folder: Path, mini_folder: Path, profile_id: str | None) -> None:
        self.qtbot, self.folder = qtbot, folder
        # Composed as the app composes it (kiosk/services/deferred_store.py): deletes forget personal audio.
        self.store = DataStore(folder, forget_personal_audio=forget_personal_sentences)
        AdminPinPolicy(self.store.settings).set_pin(ADMIN_PIN)
        self.before = files_in(folder)
        if profile_id is not None:                      # a diary made elsewhere (the home app's own)
            self.store.profiles.create(profile_id, pin=PIN)
        self.library = load_routines(mini_folder)
        self.window = MainWindow(self.library, SilentSpeaker(), self.store.settings, Journal(), time_scale=50)
        qtbot.addWidget(self.window)
        self.window.resize(1280, 800)
        self.drive = folder.parent / "usb-drive"          # a folder posing as the clinic's USB drive
        self.drive.mkdir(exist_ok=True)
        self.clinic = ClinicMode(self.window, self.store, idle_timeout=600,
                                 volumes=lambda: [Volume(self.drive, "USB")])
        self.window.show()
        qtbot.waitExposed(self.window)
        self.clinic.start()
        self.home = self.speaker = None
        if profile_id is None:
            self.profile_id, self.number = self._new_diary()
        else:
            self.profile_id, self.number = profile_id, self.store.profiles.get(profile_id).number
            self._sign_in()

    def _new_diary(self) -> tuple[str, str]:
        clinic, qtbot = self.clinic, self.qtbot
        qtbot.mouseClick(clinic.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
        qtbot.mouseClick(clinic.sign_in.new_button, Qt.MouseButton.LeftButton)
        type_on(qtbot, clinic.sign_in.pad, PIN)
        type_on(qtbot, clinic.sign_in.pad, PIN)
        qtbot.waitUntil(lambda: self.window.stack.currentWidget() is clinic.new_diary, timeout=10_000)
        number = clinic.new_diary.number.text().replace(" ", "")
        qtbot.mouseClick(clinic.new_diary.continue_button, Qt.MouseButton.LeftButton)
        return clinic.profile_id, number

    def _sign_in(self) -> None:
        clinic, qtbot = self.clinic, self.qtbot
        qtbot.mouseClick(clinic.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
        type_on(qtbot, clinic.sign_in.pad, self.number)
        type_on(qtbot, clinic.sign_in.pad, PIN)
        assert clinic.profile_id == self.profile_id

    def rate_save_and_export(self) -> None:
        """Ratings with notes, the chart saved as a picture, and the clinic export from the admin screen."""
        window, clinic, qtbot = self.window, self.clinic, self.qtbot
        now = datetime.now(timezone.utc)
        for days, pain, note in ((9, 6, NOTES[0]), (2, 4, NOTES[1])):
            window.journal.add_rating(PainRating(now - timedelta(days=days), pain, "before", note=note))
        plan = Plan((PlanItem("bridge", 2, 2, note=NOTES[2]),))         # a plan, with the clinician's note
        window.journal.run_with_profile(lambda profile: DiaryPlans(profile, self.library.exercises).save(
            plan, what="Plan made", reason="First visit", by="staff", now=now)).result(timeout=10)
        window.journal.flush()
        window.show_progress()
        save = window.progress._save
        assert save.isVisible()
        with qtbot.waitSignal(window.progress.picture_saved, timeout=10_000) as saved:
            qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        self.picture = Path(saved.args[0])
        assert self.picture.is_file()
        window.go_home()
        qtbot.mouseClick(self.window_button("Sign out"), Qt.MouseButton.LeftButton)
        self.open_admin()
        assert clinic.admin.select_profile(self.profile_id)
        assert spaced(self.number) in clinic.admin.profile_list.currentItem().text()   # staff see the number
        with qtbot.waitSignal(clinic.admin.profile_exported) as exported:
            qtbot.mouseClick(clinic.admin.export_button, Qt.MouseButton.LeftButton)
        self.export = Path(exported.args[1])
        assert self.export.is_file() and NOTES[0] in self.export.read_text()
        with qtbot.waitSignal(clinic.admin.profile_reported, timeout=20_000) as reported:   # the visit report
            qtbot.mouseClick(clinic.admin.report_button, Qt.MouseButton.LeftButton)
        self.report = Path(reported.args[1].where)
        assert reported.args[1].done and self.report.is_file()
        qtbot.mouseClick(clinic.admin.done_button, Qt.MouseButton.LeftButton)

    def window_button(self, text: str):
        return next(b for b in self.window.home.buttons if b.text() == text)

    def open_admin(self) -> None:
        for _ in range(5):
            self.qtbot.mouseClick(self.window.stack.currentWidget(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
        type_on(self.qtbot, self.clinic.unlock.pad, ADMIN_PIN)
        assert self.window.stack.currentWidget() is self.clinic.admin

    def hear_the_summary_at_home(self) -> Path:
        """The home app on the same diary speaks its progress summary (the real voice): its audio file."""
        qtbot = self.qtbot
        self.speaker = QtSpeaker(self.folder / "speech-cache", self.store.settings)
        qtbot.waitUntil(lambda: bool(self.speaker.voices) or not self.speaker.available, timeout=30_000)
        assert self.speaker.available, self.speaker.status_message
        store = self.store
        self.home = MainWindow(self.library, self.speaker, store.settings,
                               Journal.for_profile(lambda: store, self.profile_id), time_scale=50)
        qtbot.addWidget(self.home)
        self.home.resize(1280, 800)
        self.home.show()
        qtbot.waitExposed(self.home)
        with qtbot.waitSignal(self.speaker.speech_started, timeout=30_000) as started:
            self.home.show_progress()
        assert "pain" in started.args[0].lower()
        audio = Path(self.speaker.wav_path(started.args[0]))
        assert audio.is_file()
        return audio

    def close(self) -> None:
        if self.speaker is not None:
            self.speaker.shutdown()
        self.clinic.leave()
        self.clinic.attract.stop_demo()
        self.store.close()


def delete_by_cli(visit: Visit) -> None:
    visit.close()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT_DIR), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "kiosk", "data", "delete", "--profile", visit.number, "--yes",
                           "--data-dir", str(visit.folder)], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert f"Deleted profile {visit.profile_id}" in done.stderr


def delete_on_the_admin_screen(visit: Visit) -> None:
    clinic, qtbot = visit.clinic, visit.qtbot
    visit.window.show_screen(clinic.attract)
    visit.open_admin()
    assert clinic.admin.select_profile(visit.profile_id)
    qtbot.mouseClick(clinic.admin.delete_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(clinic.profiles_listed, timeout=10_000):       # deleted on the store's thread
        qtbot.mouseClick(clinic.admin.confirm_delete_button, Qt.MouseButton.LeftButton)
    assert not clinic.admin.select_profile(visit.profile_id)
    visit.close()


def delete_in_my_data(visit: Visit) -> None:
    home = visit.home
    home.show_my_data()
    visit.qtbot.mouseClick(home.my_data.delete_button, Qt.MouseButton.LeftButton)
    with visit.qtbot.waitSignal(home.journal.erase_finished, timeout=10_000):   # deleted on the writer
        visit.qtbot.mouseClick(home.my_data.confirm_button, Qt.MouseButton.LeftButton)
    assert "was deleted" in home.my_data.held.text()
    visit.close()


@pytest.mark.parametrize("delete, made_at_home", [
    (delete_by_cli, False), (delete_on_the_admin_screen, False), (delete_in_my_data, True),
], ids=["cli", "admin-screen", "my-data"])
def test_after_a_delete_nothing_of_the_diary_is_left_in_the_data_folder(qtbot, tmp_path, mini_folder,
                                                                          delete, made_at_home):
    reason = espeak_missing()
    if reason:
        missing(reason)
    folder = tmp_path / "data"
    visit = Visit(qtbot, folder, mini_folder, "home" if made_at_home else None)
    try:
        visit.rate_save_and_export()
        audio = visit.hear_the_summary_at_home()
        written = files_in(folder) - visit.before
        assert {visit.picture, audio} <= written
        assert visit.export.parent == visit.drive and visit.export.is_file()   # on the drive, not in the folder
        assert visit.report.parent == visit.drive
        id_tokens = ([visit.profile_id] if visit.profile_id != "home"          # "home" is a common word:
                     else ['"home"', "profile-home", "pain-diary-home", "pictures/home"])   # look for its uses
        tokens = [visit.number, spaced(visit.number), *NOTES, *id_tokens]
        assert traces(folder, tokens)                  # the search finds the diary before the delete
        delete(visit)
    finally:
        if visit.store._lock.held:
            visit.close()
    assert traces(folder, tokens) == []
    if delete is delete_on_the_admin_screen:           # the drive was still chosen: its export and report went too
        assert not visit.export.exists() and not visit.report.exists()
    left = {str(p.relative_to(folder)) for p in written & files_in(folder)}
    assert left <= SHARED                  # the whole kiosk's files, searched above like all the others
