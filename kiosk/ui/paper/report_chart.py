"""The weekly pain chart drawn for print with QPainter: black on white, told apart by line style and marker.

Drawn here rather than by rendering the screen's pyqtgraph chart: print needs vector lines in points,
type in points, no colour to carry meaning and no widget or scene behind it (the CLI draws it with no
window); the screen chart's colours, pixel sizes and touch-sized markers are made for a screen.
Its words (legend, axis names, week labels) are in the `language` asked for (default English).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF

from kiosk.core.languages import SOURCE_LANGUAGE
from kiosk.core.translations import N_, translation
from kiosk.core.trends import AEROBIC_GOAL_MINUTES, TrendReport, WeekStats
from kiosk.ui.paper.report_layout import font

BLACK = QColor(0, 0, 0)
GREY = QColor(150, 150, 150)
LIGHT = QColor(215, 215, 215)
AXIS_WIDTH = 34.0               # points left of the plots for the axis numbers and names
LEGEND = (("mean", N_("average pain each week")), ("range", N_("lowest to highest")),
          ("before", N_("before a session")), ("after", N_("after a session")),
          ("baseline", N_("first week's average")), ("zone", N_("meaningful improvement below")))
LEGEND_ROW = 12.0               # points between the legend's rows


def _pen(width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine, colour: QColor = BLACK) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def _square(painter: QPainter, centre: QPointF, size: float) -> None:
    painter.drawRect(QRectF(centre.x() - size / 2, centre.y() - size / 2, size, size))


def _triangle(painter: QPainter, centre: QPointF, size: float) -> None:
    half = size * 0.6
    painter.drawPolygon(QPolygonF([QPointF(centre.x(), centre.y() - half),
                                   QPointF(centre.x() + half, centre.y() + half * 0.8),
                                   QPointF(centre.x() - half, centre.y() + half * 0.8)]))


def _legend_symbol(painter: QPainter, kind: str, at: QPointF, size: float) -> None:
    painter.save()
    painter.setBrush(QBrush(Qt.GlobalColor.white))
    if kind == "mean":
        painter.setPen(_pen(1.6))
        painter.drawLine(QPointF(at.x() - 7, at.y()), QPointF(at.x() + 7, at.y()))
        painter.setBrush(QBrush(BLACK))
        painter.drawEllipse(at, size / 2, size / 2)
    elif kind == "range":
        painter.setPen(_pen(0.8))
        painter.drawLine(QPointF(at.x(), at.y() - 5), QPointF(at.x(), at.y() + 5))
        painter.drawLine(QPointF(at.x() - 2.5, at.y() - 5), QPointF(at.x() + 2.5, at.y() - 5))
        painter.drawLine(QPointF(at.x() - 2.5, at.y() + 5), QPointF(at.x() + 2.5, at.y() + 5))
    elif kind == "before":
        painter.setPen(_pen(0.9))
        _square(painter, at, size)
    elif kind == "after":
        painter.setPen(_pen(0.9))
        _triangle(painter, at, size)
    elif kind == "baseline":
        painter.setPen(_pen(1.0, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(at.x() - 9, at.y()), QPointF(at.x() + 9, at.y()))
    elif kind == "zone":
        painter.setPen(_pen(1.0, Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(at.x() - 9, at.y()), QPointF(at.x() + 9, at.y()))
    painter.restore()


def _week_labels(weeks: tuple[WeekStats, ...], width: float,
                 language: str = SOURCE_LANGUAGE) -> list[tuple[int, str]]:
    """(index, label) for the weeks that get a label: as many as fit, the year shown where it changes."""
    room = max(1, int(width // 44))                 # a label is about 40 points wide at 7 points
    step = max(1, math.ceil(len(weeks) / room))
    chosen, year = [], None
    # TRANSLATORS: a short week label under the chart: W for week, then the ISO week number (W09)
    short = translation(language).gettext("W{week}")
    for index in range(0, len(weeks), step):
        week = weeks[index]
        label = short.format(week=f"{week.iso_week:02d}")
        if week.iso_year != year:
            label = f"{week.iso_year} {label}"
            year = week.iso_year
        chosen.append((index, label))
    return chosen


def draw_weekly_chart(painter: QPainter, rect: QRectF, report: TrendReport,
                      plan_days_per_week: int | None = None, language: str = SOURCE_LANGUAGE) -> None:
    """The weekly chart of `report` in `rect` (points): pain 0-10 on top, sessions and aerobic minutes below,
    its words in `language`."""
    catalog = translation(language)
    _ = catalog.gettext
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    weeks = report.weeks
    legend = [(kind, _(text)) for kind, text in LEGEND]
    legend_height = 2 + LEGEND_ROW * _legend_rows(painter, rect, legend)     # 26 points for two rows
    _draw_legend(painter, QRectF(rect.left(), rect.top(), rect.width(), legend_height), legend)
    plots = QRectF(rect.left() + AXIS_WIDTH, rect.top() + legend_height + 4,
                   rect.width() - AXIS_WIDTH - 4, rect.height() - legend_height - 4 - 22)
    pain = QRectF(plots.left(), plots.top(), plots.width(), plots.height() * 0.62)
    gap = 8.0
    strip = (plots.height() - pain.height() - 2 * gap) / 2
    sessions = QRectF(plots.left(), pain.bottom() + gap, plots.width(), strip)
    aerobic = QRectF(plots.left(), sessions.bottom() + gap, plots.width(), strip)
    if not weeks:
        painter.setFont(font(10))
        painter.setPen(_pen(0.8))
        painter.drawRect(pain)
        painter.drawText(pain, int(Qt.AlignmentFlag.AlignCenter), _("No records in these weeks."))
        painter.restore()
        return
    column = plots.width() / len(weeks)
    centre = [plots.left() + column * (i + 0.5) for i in range(len(weeks))]

    def pain_y(value: float) -> float:
        return pain.bottom() - value / 10 * pain.height()

    # the pain plot: grid, axis, the first week's line and the meaningful-improvement line
    painter.setFont(font(7))
    for value in range(0, 11, 2):
        y = pain_y(value)
        painter.setPen(_pen(0.4, Qt.PenStyle.SolidLine, LIGHT))
        painter.drawLine(QPointF(pain.left(), y), QPointF(pain.right(), y))
        painter.setPen(_pen(0.6))
        painter.drawText(QRectF(pain.left() - 16, y - 5, 12, 10),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(value))
    _axis_name(painter, QRectF(rect.left(), pain.top(), 12, pain.height()), _("Pain (0 to 10)"))
    if report.baseline is not None:
        painter.setPen(_pen(1.0, Qt.PenStyle.DashLine))
        y = pain_y(report.baseline)
        painter.drawLine(QPointF(pain.left(), y), QPointF(pain.right(), y))
        threshold = report.improvement_threshold
        if threshold is not None:
            painter.setPen(_pen(1.0, Qt.PenStyle.DotLine))
            y = pain_y(threshold)
            painter.drawLine(QPointF(pain.left(), y), QPointF(pain.right(), y))
    marker = max(2.5, min(6.0, column * 0.32))
    for i, week in enumerate(weeks):                      # lowest to highest
        if week.count:
            painter.setPen(_pen(0.8))
            x = centre[i]
            top, bottom = pain_y(week.max), pain_y(week.min)
            cap = min(2.5, column * 0.2)
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
            painter.drawLine(QPointF(x - cap, top), QPointF(x + cap, top))
            painter.drawLine(QPointF(x - cap, bottom), QPointF(x + cap, bottom))
    path = QPainterPath()                                 # the weekly average, broken over weeks without ratings
    drawing = False
    for i, week in enumerate(weeks):
        if week.mean is None:
            drawing = False
            continue
        point = QPointF(centre[i], pain_y(week.mean))
        if drawing:
            path.lineTo(point)
        else:
            path.moveTo(point)
            drawing = True
    painter.setPen(_pen(1.6))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    offset = min(column * 0.28, 5.0)
    for i, week in enumerate(weeks):
        if week.mean_before is not None:
            painter.setPen(_pen(0.9))
            painter.setBrush(QBrush(Qt.GlobalColor.white))
            _square(painter, QPointF(centre[i] - offset, pain_y(week.mean_before)), marker)
        if week.mean_after is not None:
            painter.setPen(_pen(0.9))
            painter.setBrush(QBrush(Qt.GlobalColor.white))
            _triangle(painter, QPointF(centre[i] + offset, pain_y(week.mean_after)), marker)
        if week.mean is not None:
            painter.setPen(_pen(0.6))
            painter.setBrush(QBrush(BLACK))
            painter.drawEllipse(QPointF(centre[i], pain_y(week.mean)), marker * 0.45, marker * 0.45)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_pen(0.8))
    painter.drawRect(pain)

    # sessions a week, with the plan's days when there is a plan
    most = max([week.sessions for week in weeks] + [plan_days_per_week or 0, 3]) * 1.3   # room for the counts
    plan_label = catalog.ngettext("plan: {count} day a week", "plan: {count} days a week",
                                  plan_days_per_week or 0).format(count=plan_days_per_week)
    plan_box = _goal_box(painter, sessions, plan_days_per_week / most, plan_label) if plan_days_per_week else None
    _bars(painter, sessions, centre, column, [week.sessions for week in weeks], most,
          QBrush(GREY), label_values=len(weeks) <= 26, keep_clear=plan_box)
    _axis_name(painter, QRectF(rect.left(), sessions.top(), 12, sessions.height()), _("Sessions"))
    if plan_days_per_week:
        _goal_line(painter, sessions, plan_days_per_week / most, plan_label)

    # aerobic minutes a week against the goal
    minutes = [week.aerobic_minutes for week in weeks]
    top = max(max(minutes), AEROBIC_GOAL_MINUTES) * 1.15
    _bars(painter, aerobic, centre, column, minutes, top, QBrush(BLACK, Qt.BrushStyle.BDiagPattern),
          label_values=False)
    _axis_name(painter, QRectF(rect.left(), aerobic.top(), 12, aerobic.height()), _("Aerobic"))
    _goal_line(painter, aerobic, AEROBIC_GOAL_MINUTES / top,
               _("goal: {minutes} minutes a week").format(minutes=AEROBIC_GOAL_MINUTES))

    # the weeks along the bottom
    painter.setFont(font(7))
    painter.setPen(_pen(0.6))
    for index, label in _week_labels(weeks, plots.width(), language):
        x = centre[index]
        painter.drawLine(QPointF(x, aerobic.bottom()), QPointF(x, aerobic.bottom() + 3))
        painter.drawText(QRectF(x - 30, aerobic.bottom() + 4, 60, 10), int(Qt.AlignmentFlag.AlignHCenter), label)
    painter.drawText(QRectF(plots.left(), aerobic.bottom() + 13, plots.width(), 10),
                     int(Qt.AlignmentFlag.AlignHCenter), _("ISO weeks (Monday to Sunday)"))
    painter.restore()


def _axis_name(painter: QPainter, rect: QRectF, text: str) -> None:
    painter.save()
    painter.setFont(font(7))
    painter.setPen(_pen(0.6))
    painter.translate(rect.center())
    painter.rotate(-90)
    painter.drawText(QRectF(-rect.height() / 2, -rect.width() / 2, rect.height(), rect.width()),
                     int(Qt.AlignmentFlag.AlignCenter), text)
    painter.restore()


def _bars(painter: QPainter, rect: QRectF, centre: list[float], column: float, values: list[int],
          top: float, brush: QBrush, label_values: bool, keep_clear: QRectF | None = None) -> None:
    """One bar a week, its value above it when there is room (and not where `keep_clear` is: a goal's label)."""
    width = max(0.8, min(column * 0.6, 14.0))      # a lone week is a bar, not a block
    painter.setFont(font(6))
    for x, value in zip(centre, values):
        if value <= 0:
            continue
        height = min(1.0, value / top) * rect.height()
        bar = QRectF(x - width / 2, rect.bottom() - height, width, height)
        painter.setPen(_pen(0.5))
        painter.setBrush(brush)
        painter.drawRect(bar)
        label = QRectF(x - 10, bar.top() - 8, 20, 8)
        if label_values and column >= 9 and not (keep_clear is not None and _value_box(painter, label, value)
                                                 .intersects(keep_clear)):
            painter.setPen(_pen(0.5))
            painter.drawText(label, int(Qt.AlignmentFlag.AlignHCenter), str(value))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_pen(0.8))
    painter.drawRect(rect)


def _value_box(painter: QPainter, cell: QRectF, value: int) -> QRectF:
    """Where a bar's value is written within its `cell` (centred, in the values' 6-point type)."""
    painter.save()
    painter.setFont(font(6))
    width = painter.fontMetrics().horizontalAdvance(str(value))
    painter.restore()
    return QRectF(cell.center().x() - width / 2, cell.top(), width, cell.height())


def _goal_box(painter: QPainter, rect: QRectF, fraction: float, label: str) -> QRectF:
    """The white box a goal line's label is written in, at the right end of the line."""
    y = rect.bottom() - min(1.0, fraction) * rect.height()
    painter.save()
    painter.setFont(font(7))
    metrics_width = 8 + painter.fontMetrics().horizontalAdvance(label)
    painter.restore()
    return QRectF(rect.right() - metrics_width - 2, y - 9, metrics_width, 8.5)


def _goal_line(painter: QPainter, rect: QRectF, fraction: float, label: str) -> None:
    y = rect.bottom() - min(1.0, fraction) * rect.height()
    painter.setPen(_pen(1.0, Qt.PenStyle.DashLine))
    painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
    painter.setFont(font(7))
    box = _goal_box(painter, rect, fraction, label)
    painter.fillRect(box, Qt.GlobalColor.white)
    painter.setPen(_pen(0.6))
    painter.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label)


def _legend_places(painter: QPainter, rect: QRectF, legend) -> list[tuple[str, str, QPointF, float]]:
    """(kind, text, symbol centre, width) of each legend entry, in rows as wide as `rect`."""
    painter.setFont(font(7))
    metrics = painter.fontMetrics()
    x, y = rect.left() + AXIS_WIDTH + 8, rect.top() + 6
    places = []
    for kind, text in legend:
        width = 22 + metrics.horizontalAdvance(text) + 12
        if x + width > rect.right():
            x, y = rect.left() + AXIS_WIDTH + 8, y + LEGEND_ROW
        places.append((kind, text, QPointF(x, y), width))
        x += width
    return places


def _legend_rows(painter: QPainter, rect: QRectF, legend) -> int:
    """How many rows the legend takes across `rect` (two at least, as the chart has always kept)."""
    places = _legend_places(painter, rect, legend)
    return max(2, 1 + round((places[-1][2].y() - places[0][2].y()) / LEGEND_ROW))


def _draw_legend(painter: QPainter, rect: QRectF, legend) -> None:
    for kind, text, at, width in _legend_places(painter, rect, legend):
        _legend_symbol(painter, kind, at, 5.0)
        painter.setPen(_pen(0.6))
        painter.drawText(QRectF(at.x() + 12, at.y() - 5, width, 10), int(Qt.AlignmentFlag.AlignVCenter), text)
