"""A damaged data file: the app still starts, says what happened on the home screen, loses nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from kiosk.core.loader import load_routines
from kiosk.core.records import PainRating
from kiosk.store.data_store import DataStore
from kiosk.services.journal import Journal
from kiosk.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def test_a_corrupt_profile_is_set_aside_and_the_backup_shown_restored(qtbot, tmp_path, speaker, mini_folder):
    folder = tmp_path / "data"
    with DataStore(folder) as store:
        ratings = store.open_profile("home", create=True).ratings
        ratings.add(PainRating(datetime(2026, 3, 2, 9, tzinfo=timezone.utc), 4, "before"))
        ratings.add(PainRating(datetime(2026, 3, 3, 9, tzinfo=timezone.utc), 3, "before"))
    (folder / "profile-home.json").write_text('{"ratings": {"1": {"pain": 4,')       # cut off mid-write
    with DataStore(folder) as store:
        profile = store.open_profile("home")
        window = MainWindow(load_routines(mini_folder), speaker, store.settings,
                            Journal(profile, store.writer), notices=store.notices)
        qtbot.addWidget(window)
        window.show()
        assert window.home.notice.isVisible()
        text = window.home.notice.text()
        assert "profile-home.json" in text and "backup" in text.lower()
        assert [r.pain for r in window.journal.ratings()] == [4]      # the previous generation
        window.close()
    aside = [p.name for p in folder.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1                                            # moved aside, never deleted
    assert (folder / aside[0]).read_text().startswith('{"ratings"')


def test_a_second_app_on_the_same_folder_stops_with_a_clear_message(tmp_path):
    folder = tmp_path / "data"
    with DataStore(folder):
        result = subprocess.run([sys.executable, "-m", "kiosk", "run", "--windowed", "--data-dir", str(folder)],
                                cwd=ROOT, capture_output=True, text=True, timeout=60,
                                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 2
    assert str(folder) in result.stderr and "in use" in result.stderr.lower()
