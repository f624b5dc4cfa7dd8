"""One odd record in the diary: the home screen says it was set aside once, and My progress shows the rest."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from kiosk.core.loader import load_routines
from kiosk.core.records import PainRating
from kiosk.store.data_store import DataStore
from kiosk.services.journal import Journal
from kiosk.ui.main_window import MainWindow

START = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)   # before today: a later date would look ahead


def test_an_odd_rating_is_noticed_on_home_and_my_progress_shows_the_others(qtbot, tmp_path, speaker, mini_folder):
    folder = tmp_path / "data"
    with DataStore(folder) as store:
        ratings = store.open_profile("home", create=True).ratings
        ratings.add(PainRating(START, 6, "before"))
        ratings.add(PainRating(START + timedelta(weeks=1), 4, "before"))
    path = folder / "profile-home.json"
    data = json.loads(path.read_text())
    data["ratings"]["3"] = {"timestamp": "2026-03-10T09:00:00+00:00", "pain": "a lot", "moment": "before"}
    path.write_text(json.dumps(data))
    with DataStore(folder) as store:
        profile = store.open_profile("home")
        window = MainWindow(load_routines(mini_folder), speaker, store.settings,
                            Journal(profile, store.writer), notices=store.notices)
        qtbot.addWidget(window)
        window.show()
        assert window.home.notice.isVisible()
        assert window.home.notice.text().startswith("1 record in profile-home.json could not be read (1 pain rating;")
        window.show_progress()                                  # raised before: the odd rating broke it
        report = window.progress.report
        assert [week.count for week in report.rated_weeks] == [1, 1] and report.baseline == 6.0
        window.close()
    with DataStore(folder) as store:                            # reported once
        store.open_profile("home")
        assert store.notices == []
