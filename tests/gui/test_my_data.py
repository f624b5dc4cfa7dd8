"""Your data at home: what is kept, and deleting it all from the disk (asked twice)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt

from kiosk.core.loader import load_routines
from kiosk.core.records import AerobicEntry, PainRating
from kiosk.services.journal import Journal
from kiosk.ui.main_window import MainWindow
from kiosk.services.voice_controls import NoVoiceControls

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def home_window(qtbot, store, speaker, mini_folder):
    journal = Journal.for_profile(lambda: store, "home")
    window = MainWindow(load_routines(mini_folder), speaker, store.settings, journal, time_scale=50,
                        picture_folder=store.folder / "pictures")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _home_button(window, text):
    return next(b for b in window.home.buttons if b.text() == text)


def _show(qtbot, window, show, screen_name):
    """Ask for a screen that needs the records (it comes once they are in memory)."""
    show()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is getattr(window, screen_name), timeout=5000)


def _delete_through_the_screen(qtbot, window):
    """My data, Delete my data, Delete for good; returns once the writer has done it (or failed)."""
    _show(qtbot, window, window.show_my_data, "my_data")
    window.my_data.delete_button.click()
    with qtbot.waitSignal(window.journal.erase_finished, timeout=10_000):
        window.my_data.confirm_button.click()


def _profile_files(store):
    return sorted(p.name for p in store.folder.iterdir() if p.name.startswith("profile-"))


def test_deleting_my_data_removes_it_from_disk_and_the_next_rating_starts_afresh(qtbot, home_window, store):
    window = home_window
    window.journal.add_rating(PainRating(T0, 6, "before"))
    window.journal.add_rating(PainRating(T0 + timedelta(hours=1), 4, "after"))
    window.journal.add_aerobic(AerobicEntry(T0, "walking", 20))
    window.journal.flush()
    _show(qtbot, window, window.show_progress, "progress")      # a screen that holds the data
    assert _profile_files(store) == ["profile-home.json", "profile-home.json.bak"]
    assert "No pain ratings yet" not in window.progress.summary_text()

    _show(qtbot, window, lambda: qtbot.mouseClick(_home_button(window, "My data"), Qt.MouseButton.LeftButton),
          "my_data")
    screen = window.my_data
    assert screen.held.text() == "This computer keeps your 2 pain ratings, 0 sessions, 1 activity entry."
    qtbot.mouseClick(screen.delete_button, Qt.MouseButton.LeftButton)
    assert screen.question.isVisible() and screen.keep_button.hasFocus()    # asked again, safe answer first
    with qtbot.waitSignal(window.journal.erase_finished, timeout=10_000):
        qtbot.mouseClick(screen.confirm_button, Qt.MouseButton.LeftButton)

    assert "deleted" in screen.held.text()
    assert not screen.delete_button.isEnabled()
    assert _profile_files(store) == []                           # the file, its backup: gone
    assert not any("home" in p.name for p in store.folder.iterdir() if p.suffix != ".lock")
    assert not store.profiles.exists("home")
    assert window.journal.ratings() == []
    assert "No pain ratings yet" in window.progress.summary_text()     # no screen still shows them
    window.journal.add_rating(PainRating(T0 + timedelta(days=1), 3, "before"))
    window.journal.flush()
    assert [r.pain for r in store.open_profile("home").ratings.list()] == [3]


def test_keep_my_data_deletes_nothing(qtbot, home_window, store):
    window = home_window
    window.journal.add_rating(PainRating(T0, 6, "before"))
    window.journal.flush()
    _show(qtbot, window, window.show_my_data, "my_data")
    qtbot.mouseClick(window.my_data.delete_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.my_data.keep_button, Qt.MouseButton.LeftButton)
    assert not window.my_data.question.isVisible()
    assert [r.pain for r in store.open_profile("home").ratings.list()] == [6]


def test_nothing_to_delete_offers_nothing(qtbot, home_window):
    _show(qtbot, home_window, home_window.show_my_data, "my_data")
    assert home_window.my_data.held.text().startswith("This computer keeps no")
    assert not home_window.my_data.delete_button.isEnabled()


def test_a_failed_delete_says_so_and_keeps_the_data(qtbot, home_window, store, monkeypatch):
    window = home_window
    window.journal.add_rating(PainRating(T0, 6, "before"))
    window.journal.flush()

    def refuse(profile_id):
        raise OSError("read-only file system")

    monkeypatch.setattr(store, "delete_profile", refuse)
    _delete_through_the_screen(qtbot, window)
    assert "could be deleted (read-only file system)" in window.my_data.held.text()
    qtbot.waitUntil(lambda: window.journal.is_ready, timeout=5000)        # read again from the disk
    assert [r.pain for r in window.journal.ratings()] == [6]


def test_a_delete_that_fails_half_way_leaves_a_working_journal_and_can_be_tried_again(
        qtbot, home_window, store, monkeypatch):
    window = home_window
    window.journal.add_rating(PainRating(T0, 6, "before"))
    window.journal.flush()
    real_delete = store.delete_profile

    def close_then_fail(profile_id):
        store.close_profile(profile_id)                 # the profile's file is closed, then the disk fails
        raise OSError("disk went away")

    monkeypatch.setattr(store, "delete_profile", close_then_fail)
    _delete_through_the_screen(qtbot, window)
    assert "Please try again" in window.my_data.held.text()
    qtbot.waitUntil(lambda: window.journal.is_ready, timeout=5000)
    assert [r.pain for r in window.journal.ratings()] == [6]       # reopened, not a closed database
    monkeypatch.setattr(store, "delete_profile", real_delete)
    _delete_through_the_screen(qtbot, window)
    assert "deleted" in window.my_data.held.text()
    assert _profile_files(store) == []


def test_writes_still_queued_are_deleted_too(qtbot, home_window, store):
    window = home_window
    for hour in range(20):                              # not flushed: still on the writer's queue
        window.journal.add_rating(PainRating(T0 + timedelta(hours=hour), 5, "before"))
    window.journal.erase()
    store.writer.flush()
    assert _profile_files(store) == []
    assert not store.profiles.exists("home")


def test_deleting_also_forgets_the_spoken_sentences(qtbot, store, speaker, mini_folder):
    class RecordingControls(NoVoiceControls):
        forgotten = 0

        def forget_what_was_said(self) -> int:
            self.forgotten += 1
            return 3

    controls = RecordingControls()
    window = MainWindow(load_routines(mini_folder), speaker, store.settings, Journal.for_profile(lambda: store, "home"),
                        time_scale=50, voice_controls=controls)
    qtbot.addWidget(window)
    window.journal.add_rating(PainRating(T0, 6, "before"))
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    _delete_through_the_screen(qtbot, window)
    assert controls.forgotten == 1


def test_the_clinic_and_guests_have_no_my_data_button(qtbot, speaker, store, mini_folder):
    window = MainWindow(load_routines(mini_folder), speaker, store.settings, Journal(), time_scale=50)
    qtbot.addWidget(window)
    assert "My data" not in [b.text() for b in window.home.buttons]
