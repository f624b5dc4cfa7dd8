"""The "My progress" screen and its chart, rendered offscreen with real Qt and pyqtgraph."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import random
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.core.records import AerobicEntry, PainRating, SessionRecord
from kiosk.ui.screens.progress import ProgressScreen
from kiosk.ui.theme import stylesheet, unit_for_height

SIZES = [(1920, 1080), (1024, 600)]
TZ = timezone(timedelta(hours=1))


def history(days: int, start: datetime = datetime(2023, 11, 6, 8, tzinfo=TZ), sides: bool = True,
            gap: range = range(0)):
    """Daily before/after ratings that slowly improve, a session a day, a walk every third day."""
    rng = random.Random(7)
    ratings, sessions, aerobic = [], [], []
    for day in range(days):
        if day in gap:
            continue
        when = start + timedelta(days=day)
        level = max(0.0, 7 - day / 150 + rng.uniform(-1.5, 1.5))
        ratings.append(PainRating(when, round(min(10, level + 0.5)), moment="before",
                                  side=("left" if day % 2 else "right") if sides else None))
        ratings.append(PainRating(when + timedelta(minutes=25), round(max(0, level - 1)), moment="after",
                                  side=("left" if day % 2 else "right") if sides else None))
        sessions.append(SessionRecord(f"s{day}", "gentle", when, when + timedelta(minutes=20), completed=True))
        if day % 3 == 0:
            aerobic.append(AerobicEntry(when, "walking", 40))
    return ratings, sessions, aerobic


def make_screen(qtbot, size, locked=True, folder=None) -> ProgressScreen:
    screen = ProgressScreen(locked=locked, picture_folder=folder)
    screen.setStyleSheet(stylesheet(unit_for_height(size[1])))
    qtbot.addWidget(screen)
    screen.resize(*size)
    return screen


def show(qtbot, screen: ProgressScreen) -> None:
    screen.show()
    qtbot.waitExposed(screen)
    qtbot.wait(20)


def named(screen, kind, name):
    found = [w for w in screen.findChildren(kind) if w.accessibleName() == name]
    assert len(found) == 1, f"expected one {kind.__name__} named {name!r}, found {len(found)}"
    return found[0]


def shoot(screen, name: str, size) -> None:
    path = f"/tmp/progress-{name}-{size[0]}x{size[1]}.png"
    assert screen.grab().save(path)


@pytest.mark.parametrize("size", SIZES)
def test_empty_history_shows_a_friendly_empty_state(qtbot, size):
    screen = make_screen(qtbot, size)
    screen.set_data([], [], [])
    show(qtbot, screen)
    shoot(screen, "empty", size)
    assert "No pain ratings yet" in named(screen, QLabel, "Progress summary").text()
    assert named(screen, QLabel, "No progress yet").isVisible()
    assert not screen.chart.isVisible()
    assert not named(screen, QPushButton, "Save picture").isVisible()
    assert not named(screen, QPushButton, "Show left side").isVisible()


@pytest.mark.parametrize("size", SIZES)
def test_one_week_shows_its_average_and_invites_more(qtbot, size):
    screen = make_screen(qtbot, size)
    ratings, sessions, aerobic = history(5, sides=False)
    screen.set_data(ratings, sessions, aerobic)
    show(qtbot, screen)
    shoot(screen, "one-week", size)
    sentence = named(screen, QLabel, "Progress summary").text()
    assert sentence.startswith("This week your pain averaged")
    assert screen.chart.isVisible()
    assert len(screen.report.weeks) == 1
    assert not named(screen, QPushButton, "Show all sides").isVisible()   # no sides recorded


@pytest.mark.parametrize("size", SIZES)
def test_three_years_fit_on_the_locked_kiosk_chart(qtbot, size):
    screen = make_screen(qtbot, size)
    screen.set_data(*history(3 * 365, gap=range(100, 130)))
    show(qtbot, screen)
    shoot(screen, "three-years", size)
    report = screen.report
    assert len(report.weeks) >= 156
    assert any(week.count == 0 for week in report.weeks)        # the gap is there, drawn as a gap
    assert "lower than when you started: a meaningful improvement" in named(
        screen, QLabel, "Progress summary").text()
    low, high = screen.chart.visible_range()
    assert low <= screen.chart.week_x_of(0) and screen.chart.week_x_of(len(report.weeks) - 1) <= high
    assert named(screen, QPushButton, "Show left side").isVisible()
    assert not named(screen, QPushButton, "Show earlier months").isVisible()


def click_week(qtbot, screen: ProgressScreen, index: int) -> None:
    view = screen.chart._view
    scene_pos = screen.chart.week_scene_pos(index)
    point = view.mapFromScene(scene_pos)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point.x(), point.y()))


def test_touching_a_week_shows_its_numbers_in_large_type(qtbot):
    screen = make_screen(qtbot, (1024, 600))
    screen.set_data(*history(60))
    show(qtbot, screen)
    target = screen.report.weeks[4]
    with qtbot.waitSignal(screen.week_selected, timeout=2000) as blocker:
        click_week(qtbot, screen, 4)
    assert blocker.args[0] == target
    text = named(screen, QLabel, "Selected week").text()
    assert f"Week of {target.start.day} " in text and f"average pain {target.mean:.1f}" in text
    assert named(screen, QLabel, "Selected week").property("role") == "caption"
    shoot(screen, "week-selected", (1024, 600))


def test_side_filter_shows_one_side_and_says_so(qtbot):
    screen = make_screen(qtbot, (1920, 1080))
    left = [PainRating(datetime(2026, 3, 2, 9, tzinfo=TZ) + timedelta(days=d), 8 - d // 7 * 3, side="left")
            for d in range(0, 21)]
    right = [PainRating(datetime(2026, 3, 2, 10, tzinfo=TZ) + timedelta(days=d), 5, side="right")
             for d in range(0, 21)]
    screen.set_data(left + right)
    show(qtbot, screen)
    everyone = screen.report
    with qtbot.waitSignal(screen.summary_spoken, timeout=1000) as spoken:
        qtbot.mouseClick(named(screen, QPushButton, "Show left side"), Qt.MouseButton.LeftButton)
    assert screen.side == "left"
    assert screen.report.baseline == 8 and screen.report.latest == 2
    assert "meaningful improvement" in spoken.args[0]
    assert screen.report.baseline != everyone.baseline
    qtbot.mouseClick(named(screen, QPushButton, "Show right side"), Qt.MouseButton.LeftButton)
    assert screen.report.baseline == 5 and screen.report.latest == 5
    assert "about the same" in named(screen, QLabel, "Progress summary").text()
    shoot(screen, "right-side", (1920, 1080))
    qtbot.mouseClick(named(screen, QPushButton, "Show all sides"), Qt.MouseButton.LeftButton)
    assert screen.side is None and screen.report == everyone


def test_locked_chart_ignores_drags_and_has_no_menu(qtbot):
    screen = make_screen(qtbot, (1024, 600), locked=True)
    screen.set_data(*history(400))
    show(qtbot, screen)
    for plot in (screen.chart.pain_plot, screen.chart.sessions_plot, screen.chart.aerobic_plot):
        assert plot.getViewBox().state["mouseEnabled"] == [False, False]
        assert not plot.getViewBox().menuEnabled()
    before = screen.chart.visible_range()
    view = screen.chart._view
    start = view.mapFromScene(screen.chart.week_scene_pos(20))
    end = view.mapFromScene(screen.chart.week_scene_pos(5))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), pos=end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    screen.chart.scroll_months(-3)
    assert screen.chart.visible_range() == before


def test_home_chart_scrolls_through_the_months(qtbot):
    screen = make_screen(qtbot, (1920, 1080), locked=False)
    screen.set_data(*history(3 * 365))
    show(qtbot, screen)
    shoot(screen, "home-mode", (1920, 1080))
    assert screen.chart.pain_plot.getViewBox().state["mouseEnabled"] == [True, False]
    low, high = screen.chart.visible_range()
    assert high - low < 30 * 7 * 24 * 3600                     # about half a year, not all three
    qtbot.mouseClick(named(screen, QPushButton, "Show earlier months"), Qt.MouseButton.LeftButton)
    earlier = screen.chart.visible_range()
    assert earlier[0] < low and earlier[1] - earlier[0] == pytest.approx(high - low)
    qtbot.mouseClick(named(screen, QPushButton, "Show later months"), Qt.MouseButton.LeftButton)
    assert screen.chart.visible_range() == pytest.approx((low, high))


def test_save_picture_writes_a_png_into_the_given_folder(qtbot, tmp_path):
    screen = make_screen(qtbot, (1024, 600), folder=tmp_path)
    screen.set_data(*history(30))
    show(qtbot, screen)
    with qtbot.waitSignal(screen.picture_saved, timeout=1000) as saved:
        qtbot.mouseClick(named(screen, QPushButton, "Save picture"), Qt.MouseButton.LeftButton)
    path = saved.args[0]
    with open(path, "rb") as picture:
        assert picture.read(8) == b"\x89PNG\r\n\x1a\n"
    assert os.path.dirname(path) == str(tmp_path)
    assert "Picture saved" in named(screen, QLabel, "Picture status").text()


def test_save_picture_without_a_folder_asks_for_one(qtbot):
    screen = make_screen(qtbot, (1024, 600))
    screen.set_data(*history(30))
    show(qtbot, screen)
    with qtbot.waitSignal(screen.save_picture_requested, timeout=1000) as asked:
        qtbot.mouseClick(named(screen, QPushButton, "Save picture"), Qt.MouseButton.LeftButton)
    assert asked.args[0].startswith("pain-trend-") and asked.args[0].endswith(".png")


def test_showing_the_screen_offers_the_sentence_to_speak(qtbot):
    screen = make_screen(qtbot, (1024, 600))
    screen.set_data(*history(30))
    with qtbot.waitSignal(screen.summary_spoken, timeout=1000) as spoken:
        show(qtbot, screen)
    assert spoken.args[0] == screen.summary_text()
    assert spoken.args[0].startswith(named(screen, QLabel, "Progress summary").text())


def test_empty_weeks_are_drawn_as_gaps_and_the_yardsticks_are_in_place(qtbot):
    from kiosk.ui.widgets.trend_chart import TrendChart

    chart = TrendChart(locked=True)
    qtbot.addWidget(chart)
    ratings = [PainRating(datetime(2026, 3, 2, 9, tzinfo=TZ) + timedelta(weeks=w), pain)
               for w, pain in ((0, 8), (1, 7), (4, 5), (5, 4))]
    from kiosk.core.trends import analyse

    report = analyse(ratings)
    chart.set_report(report)
    xs, ys = chart._mean_curve.getData()
    assert len(xs) == 6
    assert [y != y for y in ys] == [False, False, True, True, False, False]     # NaN: a gap, not a zero
    assert chart._baseline.value() == 8
    assert chart._zone.getRegion() == pytest.approx((0, 5.6))                   # 30% below 8 is stricter
    assert chart.pain_plot.getViewBox().viewRange()[1] == [0, 10]


def test_the_sentence_knows_what_this_week_is_when_told_today(qtbot):
    from datetime import date

    screen = make_screen(qtbot, (1024, 600))
    ratings, sessions, aerobic = history(21, start=datetime(2026, 3, 2, 8, tzinfo=TZ))
    screen.set_data(ratings, sessions, aerobic, today=date(2026, 4, 20))
    assert named(screen, QLabel, "Progress summary").text().startswith("In the week of 16 March 2026")
    screen.set_data(ratings, sessions, aerobic, today=date(2026, 3, 22))
    assert named(screen, QLabel, "Progress summary").text().startswith("This week")
