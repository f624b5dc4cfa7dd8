"""The weekly pain chart: average with its range, before/after, sessions and aerobic minutes (pyqtgraph)."""

from __future__ import annotations

import html
import math
from datetime import datetime, timezone

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.languages import SOURCE_LANGUAGE
from kiosk.core.local_formats import decimal, month, weekday_day
from kiosk.core.translations import N_
from kiosk.core.trends import AEROBIC_GOAL_MINUTES, TrendReport, WeekStats
from kiosk.ui.language import FollowsLanguage, current_language, texts
from kiosk.ui.theme import DEFAULT, Palette

DAY = 24 * 3600
WEEK = 7 * DAY
MONTH = 30.44 * DAY
HOME_WINDOW_WEEKS = 26          # at home the chart opens on the last half year
MIN_SPAN = 4 * WEEK             # the narrowest window: a lone week does not fill the screen


class ChartColours:
    """Okabe-Ito colours: told apart with every common kind of colour blindness."""

    mean = "#0072B2"            # blue
    band = "#56B4E9"            # sky blue, translucent
    before = "#D55E00"          # vermillion, squares
    after = "#009E73"           # bluish green, triangles
    sessions = "#E69F00"        # orange bars
    aerobic = "#CC79A7"         # reddish purple bars
    zone = "#009E73"            # bluish green, very light
    baseline = "#000000"
    goal = "#000000"
    selected = "#F0E442"        # yellow, translucent


LEGEND = (
    (ChartColours.mean, "&#9679;&#9473;", N_("average pain each week")),
    ("#9CCFEF", "&#9608;", N_("lowest to highest")),
    (ChartColours.before, "&#9632;", N_("before a session")),
    (ChartColours.after, "&#9650;", N_("after a session")),
    ("#A3D9C6", "&#9608;", N_("meaningful improvement")),
    ("#000000", "- - -", N_("where you started")),
    (ChartColours.sessions, "&#9608;", N_("sessions")),
    (ChartColours.aerobic, "&#9608;", N_("aerobic minutes")),
)


class LocalDateAxis(pg.DateAxisItem):
    """pyqtgraph's date axis, its months and weekdays written in the language of the screens."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph's name)
        language = current_language()
        spec = next((s for s in self.zoomLevel.tickSpecs if s.spacing == spacing), None) if self.zoomLevel else None
        if language == SOURCE_LANGUAGE or spec is None or spec.format not in ("%Y", "%b", "%d", "%a %d"):
            return super().tickStrings(values, scale, spacing)
        days = [datetime.fromtimestamp(v, tz=timezone.utc).date() for v in values]
        if spec.format == "%Y":
            return [str(day.year) for day in days]
        if spec.format == "%b":
            return [month(day, language) for day in days]
        if spec.format == "%d":
            return [str(day.day) for day in days]
        return [weekday_day(day, language) for day in days]


def _ticks(values, language: str) -> list:
    """Whole-number ticks, written the language's way."""
    return [[(v, decimal(v, language, 0)) for v in values], []]


def week_x(week: WeekStats) -> float:
    """The x position of a week: the middle of it (Thursday noon), in seconds since 1970 (UTC)."""
    monday = datetime(week.start.year, week.start.month, week.start.day, tzinfo=timezone.utc)
    return monday.timestamp() + 3.5 * DAY


class TrendChart(FollowsLanguage, QWidget):
    """Weekly pain chart with a legend in words.

    Signals:
        week_selected(WeekStats): a week was touched or clicked (or chosen with `select_week`).
    """

    week_selected = Signal(object)

    def __init__(self, parent: QWidget | None = None, locked: bool = True) -> None:
        super().__init__(parent)
        self._report = TrendReport()
        self._xs = np.zeros(0)
        self._locked = locked
        self._unit = 22
        self._palette = DEFAULT
        self._selected: int | None = None
        self._marker_size: int | None = None

        self._legend = QLabel(self)
        self._legend.setWordWrap(True)
        self._legend.setTextFormat(Qt.TextFormat.RichText)

        self._view = pg.GraphicsLayoutWidget(self)
        self._view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._view.ci.setSpacing(4)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self._legend)
        layout.addWidget(self._view, 1)

        self.pain_plot = self._view.addPlot(row=0, col=0, axisItems={"bottom": LocalDateAxis(utcOffset=0)})
        self.sessions_plot = self._view.addPlot(row=1, col=0)
        self.aerobic_plot = self._view.addPlot(row=2, col=0)
        self._plots = (self.pain_plot, self.sessions_plot, self.aerobic_plot)
        rows = self._view.ci.layout
        for row, stretch in enumerate((6, 2, 2)):
            rows.setRowStretchFactor(row, stretch)
        for plot in self._plots[1:]:
            plot.setXLink(self.pain_plot)
            plot.hideAxis("bottom")
        for plot in self._plots:
            plot.hideButtons()
            plot.setMenuEnabled(False)
            plot.getViewBox().setDefaultPadding(0.0)
        self.pain_plot.setYRange(0, 10, padding=0)
        self.pain_plot.getViewBox().setLimits(yMin=0, yMax=10)

        self._build_items()
        self.set_unit(self._unit)
        self.set_locked(locked)
        self._view.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.pain_plot.getViewBox().sigRangeChanged.connect(self._update_marker_sizes)
        self.pain_plot.getViewBox().sigResized.connect(self._update_marker_sizes)
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.setAccessibleName(_("Weekly pain chart"))
        self._legend.setAccessibleName(_("Chart legend"))
        self._baseline_label.setFormat(_("where you started"))
        self._goal_label.setFormat(_("goal {minutes} min a week").format(minutes=AEROBIC_GOAL_MINUTES))
        self._set_ticks()
        self.set_unit(self._unit, self._palette)           # the axes' labels and the legend
        for plot in self._plots:
            for name in ("left", "bottom"):
                axis = plot.getAxis(name)
                axis.picture = None                        # pyqtgraph keeps the drawn ticks: draw them again
                axis.update()

    # -- public API ------------------------------------------------------------------------------

    @property
    def report(self) -> TrendReport:
        return self._report

    @property
    def locked(self) -> bool:
        return self._locked

    @property
    def selected_week(self) -> WeekStats | None:
        return None if self._selected is None else self._report.weeks[self._selected]

    def set_report(self, report: TrendReport) -> None:
        """Draw this report; clears the selected week."""
        self._report = report
        self._selected = None
        self._selection.hide()
        weeks = report.weeks
        self._xs = np.fromiter((week_x(w) for w in weeks), dtype=float, count=len(weeks))
        xs = self._xs
        nan = math.nan
        means = np.fromiter((nan if w.mean is None else w.mean for w in weeks), dtype=float, count=len(weeks))
        self._mean_curve.setData(xs, means, connect="finite")
        self._set_scatter(self._before, weeks, "mean_before")
        self._set_scatter(self._after, weeks, "mean_after")
        self._band.setPath(self._band_path(weeks))

        if report.baseline is None:
            self._baseline.hide()
            self._zone.hide()
        else:
            self._baseline.setValue(report.baseline)
            self._baseline.show()
            threshold = report.improvement_threshold
            if threshold is None:
                self._zone.hide()
            else:
                self._zone.setRegion((0, threshold))
                self._zone.show()

        sessions = np.fromiter((w.sessions for w in weeks), dtype=float, count=len(weeks))
        minutes = np.fromiter((w.aerobic_minutes for w in weeks), dtype=float, count=len(weeks))
        self._sessions_bars.setOpts(x=xs, height=sessions, width=5 * DAY)
        self._aerobic_bars.setOpts(x=xs, height=minutes, width=5 * DAY)
        most = max(7, int(sessions.max()) if len(weeks) else 0)
        self.sessions_plot.setYRange(0, most, padding=0.05)
        top = max(AEROBIC_GOAL_MINUTES * 1.4, float(minutes.max()) * 1.1 if len(weeks) else 0.0)
        self.aerobic_plot.setYRange(0, top, padding=0)
        self._scales = (most, top)
        self._set_ticks()
        self._apply_x_range()

    def _set_ticks(self) -> None:
        """The numbers on the three left axes, in the language in use."""
        language = current_language()
        most, top = getattr(self, "_scales", (7, AEROBIC_GOAL_MINUTES * 1.4))
        self.pain_plot.getAxis("left").setTicks(_ticks(range(0, 11, 2), language))
        step = 2 if most <= 10 else 5 * math.ceil(most / 25)
        self.sessions_plot.getAxis("left").setTicks(_ticks(range(0, most + 1, step), language))
        step = AEROBIC_GOAL_MINUTES if top < 3 * AEROBIC_GOAL_MINUTES else 2 * AEROBIC_GOAL_MINUTES
        self.aerobic_plot.getAxis("left").setTicks(_ticks(range(0, int(top) + 1, step), language))

    def set_locked(self, locked: bool) -> None:
        """Kiosk (locked): whole history, no pan, zoom or menu. Home: scroll through the months."""
        self._locked = locked
        for plot in self._plots:
            plot.setMouseEnabled(x=not locked, y=False)
        self._apply_x_range()

    def set_unit(self, unit: int, palette: Palette = DEFAULT) -> None:
        """Scale fonts and lines to the base text size `unit` in pixels; text and axes in `palette`."""
        self._unit = unit
        self._palette = palette
        _ = texts().gettext
        self._legend.setStyleSheet(f"background: {palette.surface}; padding: 4px;")
        self._view.setBackground(palette.surface)
        font = QFont()
        font.setPixelSize(unit)
        small = QFont()
        small.setPixelSize(max(12, round(unit * 0.85)))
        axis_pen = pg.mkPen(palette.text, width=max(2, unit // 10))
        left_width = round(unit * 4.2)
        labels = ((_("Pain (0-10)"), self.pain_plot), (_("Sessions"), self.sessions_plot),
                  (_("Aerobic min"), self.aerobic_plot))
        for text, plot in labels:
            for name in ("left", "bottom"):
                axis = plot.getAxis(name)
                axis.setPen(axis_pen)
                axis.setTextPen(pg.mkPen(palette.text))
                axis.setTickFont(font if plot is self.pain_plot else small)
                axis.setStyle(tickLength=-max(6, unit // 3), tickTextOffset=max(4, unit // 4))
            plot.getAxis("left").setWidth(left_width)
            plot.setLabel("left", text, **{"font-size": f"{round(unit * 0.85)}px", "color": palette.text})
        self.pain_plot.getAxis("bottom").setHeight(round(unit * 2.2))
        line = max(3, round(unit / 5))
        self._mean_curve.setPen(pg.mkPen(ChartColours.mean, width=line))
        self._update_marker_sizes()
        self._baseline.setPen(pg.mkPen(ChartColours.baseline, width=max(2, line // 2), style=Qt.PenStyle.DashLine))
        self._goal.setPen(pg.mkPen(ChartColours.goal, width=max(2, line // 2), style=Qt.PenStyle.DashLine))
        for label in (self._baseline_label, self._goal_label):
            label.textItem.setFont(small)
            label.setColor(palette.text)
        self._legend.setText(self._legend_html(unit))

    def select_week(self, index: int | None) -> None:
        """Highlight week `index` of the report (None clears) and announce it."""
        if index is None or not 0 <= index < len(self._report.weeks):
            self._selected = None
            self._selection.hide()
            return
        self._selected = index
        x = self._xs[index]
        self._selection.setRegion((x - 3.5 * DAY, x + 3.5 * DAY))
        self._selection.show()
        self.week_selected.emit(self._report.weeks[index])

    def week_index_at(self, x: float) -> int | None:
        """The index of the week drawn at time `x` (seconds), or None outside the weeks."""
        if not len(self._xs):
            return None
        index = round((x - self._xs[0]) / WEEK)
        return index if 0 <= index < len(self._xs) else None

    def week_x_of(self, index: int) -> float:
        """The x position (seconds since 1970, UTC) where week `index` of the report is drawn."""
        return float(self._xs[index])

    def week_scene_pos(self, index: int) -> QPointF:
        """Where week `index` sits on the pain plot, in scene coordinates (for tests and tours)."""
        return self.pain_plot.getViewBox().mapViewToScene(QPointF(self._xs[index], 5.0))

    def scroll_months(self, months: float) -> None:
        """Move the visible window by this many months (negative is earlier); home mode only."""
        if self._locked or not len(self._xs):
            return
        low, high = self.pain_plot.getViewBox().viewRange()[0]
        shift = months * MONTH
        first, last = self._full_range()
        shift = max(first - low, min(last - high, shift))
        self.pain_plot.setXRange(low + shift, high + shift, padding=0)

    def visible_range(self) -> tuple[float, float]:
        low, high = self.pain_plot.getViewBox().viewRange()[0]
        return low, high

    def picture(self):
        """The chart with its legend as a QImage (taken on the GUI thread; write it anywhere)."""
        return self.grab().toImage()

    def save_png(self, path: str) -> bool:
        """Write the chart with its legend as a PNG picture; True when it was written."""
        return self.grab().save(str(path), "PNG")

    # -- drawing ----------------------------------------------------------------------------------

    def _build_items(self) -> None:
        zone_brush = QColor(ChartColours.zone)
        zone_brush.setAlpha(45)
        self._zone = pg.LinearRegionItem((0, 0), orientation="horizontal", movable=False,
                                         brush=zone_brush, pen=pg.mkPen(None))
        self._zone.setZValue(-20)
        self.pain_plot.addItem(self._zone, ignoreBounds=True)

        self._selection = pg.LinearRegionItem((0, 0), orientation="vertical", movable=False,
                                              brush=QColor(240, 228, 66, 110), pen=pg.mkPen(None))
        self._selection.setZValue(-15)
        self._selection.hide()
        self.pain_plot.addItem(self._selection, ignoreBounds=True)

        band = QColor(ChartColours.band)
        band.setAlpha(110)
        self._band = QGraphicsPathItem()
        self._band.setBrush(QBrush(band))
        self._band.setPen(QPen(Qt.PenStyle.NoPen))
        self._band.setZValue(-10)
        self.pain_plot.addItem(self._band, ignoreBounds=True)

        self._baseline = pg.InfiniteLine(angle=0, movable=False)
        self._baseline_label = pg.InfLineLabel(self._baseline, "", position=0.99,
                                               anchors=[(1, 1), (1, 1)], color=DEFAULT.text,
                                               fill=pg.mkBrush(255, 255, 255, 200))
        self._baseline.setZValue(7)         # its label stays readable above the markers
        self.pain_plot.addItem(self._baseline, ignoreBounds=True)

        self._mean_curve = pg.PlotDataItem(symbol="o", symbolBrush=ChartColours.mean,
                                           symbolPen=pg.mkPen(ChartColours.mean), antialias=True)
        self._mean_curve.setZValue(5)
        self.pain_plot.addItem(self._mean_curve)
        self._before = pg.ScatterPlotItem(symbol="s", brush=ChartColours.before, pen=pg.mkPen("#000000", width=1.5))
        self._after = pg.ScatterPlotItem(symbol="t1", brush=ChartColours.after, pen=pg.mkPen("#000000", width=1.5))
        for item in (self._before, self._after):
            item.setZValue(6)
            self.pain_plot.addItem(item)

        self._sessions_bars = pg.BarGraphItem(x=[], height=[], width=5 * DAY, brush=ChartColours.sessions,
                                              pen=pg.mkPen(None))
        self.sessions_plot.addItem(self._sessions_bars)
        self._aerobic_bars = pg.BarGraphItem(x=[], height=[], width=5 * DAY, brush=ChartColours.aerobic,
                                             pen=pg.mkPen(None))
        self.aerobic_plot.addItem(self._aerobic_bars)
        self._goal = pg.InfiniteLine(pos=AEROBIC_GOAL_MINUTES, angle=0, movable=False)
        self._goal_label = pg.InfLineLabel(self._goal, "", position=0.01,
                                           anchors=[(0, 1), (0, 1)], color=DEFAULT.text,
                                           fill=pg.mkBrush(255, 255, 255, 200))
        self.aerobic_plot.addItem(self._goal, ignoreBounds=True)

    def _update_marker_sizes(self, *_args) -> None:
        """Big markers for a few weeks, smaller ones when many weeks share the width."""
        box = self.pain_plot.getViewBox()
        low, high = box.viewRange()[0]
        weeks_visible = max(1.0, (high - low) / WEEK)
        per_week = max(1.0, box.width()) / weeks_visible
        size = max(5, min(round(self._unit * 0.9), round(per_week * 0.75)))
        if size != self._marker_size:
            self._marker_size = size
            self._mean_curve.setSymbolSize(round(size * 0.8))
            self._before.setSize(size)
            self._after.setSize(round(size * 1.1))

    @staticmethod
    def _set_scatter(item: pg.ScatterPlotItem, weeks: tuple[WeekStats, ...], field: str) -> None:
        points = [(week_x(w), getattr(w, field)) for w in weeks if getattr(w, field) is not None]
        if points:
            xs, ys = zip(*points)
            item.setData(x=np.array(xs), y=np.array(ys))
        else:
            item.setData(x=[], y=[])

    @staticmethod
    def _band_path(weeks: tuple[WeekStats, ...]) -> QPainterPath:
        """One closed shape per run of rated weeks, from each week's lowest to its highest rating."""
        path = QPainterPath()
        run: list[WeekStats] = []
        for week in (*weeks, None):
            if week is not None and week.count:
                run.append(week)
                continue
            if run:
                xs = [week_x(w) for w in run]
                if len(run) == 1:       # a lone week: a small bar as wide as the week's bar
                    xs_low, xs_high = [xs[0] - 1.5 * DAY], [xs[0] + 1.5 * DAY]
                    run = run * 2
                    xs = xs_low + xs_high
                path.moveTo(xs[0], run[0].max)
                for x, w in zip(xs[1:], run[1:]):
                    path.lineTo(x, w.max)
                for x, w in zip(reversed(xs), reversed(run)):
                    path.lineTo(x, w.min)
                path.closeSubpath()
                run = []
        return path

    def _full_range(self) -> tuple[float, float]:
        if not len(self._xs):
            now = datetime.now(timezone.utc).timestamp()
            return now - 4 * WEEK, now
        first, last = float(self._xs[0] - 4 * DAY), float(self._xs[-1] + 4 * DAY)
        short = MIN_SPAN - (last - first)
        if short > 0:                   # a few weeks: keep them in the middle of a wider window
            first, last = first - short / 2, last + short / 2
        return first, last

    def _apply_x_range(self) -> None:
        first, last = self._full_range()
        for plot in self._plots:
            plot.getViewBox().setLimits(xMin=first, xMax=last, minXRange=MIN_SPAN)
        if self._locked or last - first <= HOME_WINDOW_WEEKS * WEEK:
            self.pain_plot.setXRange(first, last, padding=0)
        else:
            self.pain_plot.setXRange(last - HOME_WINDOW_WEEKS * WEEK, last, padding=0)

    def _on_scene_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.scenePos()
        for plot in self._plots:
            box = plot.getViewBox()
            if box.sceneBoundingRect().contains(pos):
                index = self.week_index_at(box.mapSceneToView(pos).x())
                if index is not None:
                    self.select_week(index)
                return

    def _legend_html(self, unit: int) -> str:
        size = round(unit * 0.9)
        _ = texts().gettext
        parts = [f"<span style='color:{colour}; font-size:{size}px'>{symbol}</span>&nbsp;{html.escape(_(text))}"
                 for colour, symbol, text in LEGEND]
        return f"<span style='font-size:{size}px'>" + "&nbsp;&nbsp;&nbsp; ".join(parts) + "</span>"
