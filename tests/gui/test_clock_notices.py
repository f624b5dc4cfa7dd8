"""A wrong clock on screen: My progress leaves its ratings out and says so; staff settings say the clock looks wrong."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from PySide6.QtWidgets import QLabel

from kiosk.core.clock import BUILD_DATE
from kiosk.core.records import PainRating
from kiosk.ui.screens.admin import AdminScreen
from kiosk.ui.screens.progress import ProgressScreen

UTC = timezone.utc
START = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


def label(widget, name) -> QLabel:
    (found,) = [w for w in widget.findChildren(QLabel) if w.accessibleName() == name]
    return found


def test_my_progress_leaves_a_1970_rating_out_of_the_chart_and_says_so(qtbot):
    screen = ProgressScreen()
    qtbot.addWidget(screen)
    ratings = [PainRating(START, 6, "before"), PainRating(datetime(1970, 1, 1, tzinfo=UTC), 9),
               PainRating(START + timedelta(weeks=2), 3, "before")]
    screen.set_data(ratings, today=date(2027, 1, 20))
    screen.show()
    qtbot.waitExposed(screen)
    notice = label(screen, "Ratings left out")
    assert notice.isVisible() and notice.text().startswith("1 pain rating has a date that looks wrong")
    assert [week.label for week in screen.report.weeks] == ["2027-W01", "2027-W02", "2027-W03"]
    screen.set_data(ratings[:1], today=date(2027, 1, 20))
    assert not notice.isVisible()


def test_staff_settings_say_the_clock_looks_wrong_only_when_it_does(qtbot):
    screen = AdminScreen([("floor", "Floor")])
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    notice = label(screen, "Clock")
    screen.show_clock(datetime(1970, 1, 1, tzinfo=UTC))
    assert notice.isVisible() and notice.text().startswith("The clock looks wrong")
    screen.show_clock(datetime.combine(BUILD_DATE, datetime.min.time(), UTC) + timedelta(days=30))
    assert not notice.isVisible()
