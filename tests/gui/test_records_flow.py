"""Ratings, sessions and activity saved through the real window into real TinyDB files."""

from __future__ import annotations

import json
from datetime import timedelta

from PySide6.QtCore import Qt

from kiosk.core.records import SessionRecord
from kiosk.ui.main_window import local_now
from test_player_flow import button, finish_after_rating


def profile_file(store) -> dict:
    store.writer.flush()
    return json.loads((store.folder / "profile-home.json").read_text())


def rate(window, qtbot, pain: int) -> None:
    """Touch a rating and let its undo window pass."""
    qtbot.mouseClick(window.rating.rating_button(pain), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is not window.rating, timeout=10_000)


def test_before_and_after_ratings_with_details_are_saved(make_window, qtbot, store):
    window = make_window(scale=200)
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    assert window.rating.question().startswith("Before you start")
    rate(window, qtbot, 4)
    assert window.stack.currentWidget() is window.player
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.rating, timeout=20_000)
    rate(window, qtbot, 6)
    assert window.stack.currentWidget() is window.details
    qtbot.mouseClick(window.details.side_button("left"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.details.worse_button("stairs"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(window, "Done"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.summary
    assert "Pain before: 4, after: 6" in window.summary.counts.text()
    assert window.summary.advice.text().startswith("Your pain is higher than before")   # stop and rest

    data = profile_file(store)
    ratings = sorted(data["ratings"].values(), key=lambda r: r["timestamp"])
    assert [(r["pain"], r["moment"]) for r in ratings] == [(4, "before"), (6, "after")]
    assert ratings[1]["side"] == "left" and ratings[1]["worse_with"] == ["stairs"]
    (session,) = data["sessions"].values()
    assert session["completed"] is True and session["done"] == ["knee_hug", "bridge"]
    assert ratings[0]["session_id"] == ratings[1]["session_id"] == session["session_id"]


def test_it_hurts_records_exercise_side_and_optional_rating(make_window, qtbot, store):
    window = make_window(scale=20)
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(window, "Skip"), Qt.MouseButton.LeftButton)
    qtbot.keyClick(window.player, Qt.Key.Key_Right)                   # knee hug, right side
    qtbot.keyClick(window.player, Qt.Key.Key_H)
    qtbot.mouseClick(button(window, "Rate this pain"), Qt.MouseButton.LeftButton)
    assert window.rating.question() == "How strong is the pain right now?"
    rate(window, qtbot, 7)
    assert window.stack.currentWidget() is window.hurt
    assert window.hurt.where.text() == "Knee hug, right side: pain 7 noted"
    qtbot.mouseClick(button(window, "End the session"), Qt.MouseButton.LeftButton)
    finish_after_rating(window, qtbot)
    data = profile_file(store)
    (during,) = data["ratings"].values()
    assert (during["pain"], during["moment"], during["exercise"], during["side"]) == (7, "during", "knee_hug", "right")
    (session,) = data["sessions"].values()
    assert session["hurt"] == ["knee_hug:right"] and session["completed"] is False


def test_an_exercise_that_hurt_twice_in_a_row_is_offered_as_skipped(make_window, qtbot, store):
    profile = store.open_profile("home", create=True)
    for days in (2, 1):
        start = local_now() - timedelta(days=days)
        profile.sessions.add(SessionRecord(f"s{days}", "mini", start, start + timedelta(minutes=2),
                                           done=("knee_hug",), hurt=("bridge",)))
    window = make_window(scale=200)
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.skip_offer
    assert "Bridge" in window.skip_offer.names.text()
    qtbot.mouseClick(button(window, "Leave them out"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(window, "Skip"), Qt.MouseButton.LeftButton)
    assert [e.id for e in window.controller.session.timeline.routine.exercises] == ["knee_hug"]


def test_keeping_them_in_keeps_the_routine_whole(make_window, qtbot, store):
    profile = store.open_profile("home", create=True)
    for days in (2, 1):
        start = local_now() - timedelta(days=days)
        profile.sessions.add(SessionRecord(f"s{days}", "mini", start, start, hurt=("bridge",)))
    window = make_window(scale=200)
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(window, "Keep them in"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(window, "Skip"), Qt.MouseButton.LeftButton)
    assert [e.id for e in window.controller.session.timeline.routine.exercises] == ["knee_hug", "bridge"]


def test_aerobic_minutes_are_logged(make_window, qtbot, store):
    window = make_window()
    qtbot.mouseClick(button(window, "Log activity"), Qt.MouseButton.LeftButton)
    window.aerobic_log.set_activity("walking")
    window.aerobic_log.set_minutes(30)
    qtbot.mouseClick(button(window, "Save"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home
    (entry,) = profile_file(store)["aerobic"].values()
    assert (entry["activity"], entry["minutes"]) == ("walking", 30)


def test_progress_screen_is_reachable_from_home_and_summary(make_window, qtbot, speaker):
    window = make_window(scale=200)
    qtbot.mouseClick(button(window, "My progress"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.progress
    qtbot.mouseClick(button(window, "Back"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home
    qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    rate(window, qtbot, 3)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.rating, timeout=20_000)
    rate(window, qtbot, 2)
    qtbot.mouseClick(button(window, "Skip"), Qt.MouseButton.LeftButton)          # no details
    qtbot.mouseClick(button(window, "My progress"), Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.progress
    assert window.progress.report.latest == 2.5


def test_save_picture_writes_the_chart_as_png(make_window, qtbot, store):
    from kiosk.core.records import PainRating

    profile = store.open_profile("home", create=True)
    for day, pain in enumerate((6, 5, 4)):
        profile.ratings.add(PainRating(local_now() - timedelta(days=7 * (3 - day)), pain, "before"))
    window = make_window()
    qtbot.mouseClick(button(window, "My progress"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.progress.picture_saved) as saved:
        qtbot.mouseClick(button(window, "Save picture"), Qt.MouseButton.LeftButton)
    path = saved.args[0]
    assert path.startswith(str(store.folder / "pictures")) and path.endswith(".png")
    with open(path, "rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"


def test_start_goes_on_when_the_diary_cannot_be_read(qtbot, store, speaker, mini_folder):
    """The skip offer needs the past sessions; a profile that cannot be opened says so and is not retried forever."""
    from kiosk.core.loader import load_routines
    from kiosk.store.queued_settings import QueuedSettings
    from kiosk.services.journal import Journal
    from kiosk.ui.main_window import MainWindow

    tries = []

    def unreadable():
        tries.append(True)
        raise OSError("Input/output error")

    journal = Journal(opener=lambda: (store.writer, unreadable))
    settings = QueuedSettings(store.settings, store.writer)
    settings.set("safety.accepted", True)
    window = MainWindow(load_routines(mini_folder), speaker, settings, journal, time_scale=50)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(journal.save_failed, timeout=5000):
        qtbot.mouseClick(button(window, "Start"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.rating, timeout=5000)
    qtbot.wait(200)
    assert len(tries) == 1
    assert "Input/output error" in window.home.notice.text()
