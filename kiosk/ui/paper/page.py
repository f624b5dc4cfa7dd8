"""Pages for paper: A4 or Letter with margins, and a flow of headings, wrapped paragraphs and pictures.

A document is a list of items (`Text`, `Space`, `Rule`, `Stack`, `Row`, `Balanced`, `Picture`,
`Strip`, `Beside`, `Shortest`). `paginate` puts them on pages top to bottom; an item never breaks
across pages, so a `Stack` (an exercise's block) stays on one page. `render` paints the pages on any
paged device: a QPdfWriter or a QPrinter.
Sizes are given in millimetres and points; painting happens in the device's own units (its dots),
so text is measured and drawn at the device's resolution.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPen,
)

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 14.0
FOOTER_MM = 8.0                 # room kept at the foot of every page for its footer line
INK = QColor("#000000")
GREY_INK = QColor("#444444")    # dark enough to read on any printer
FONT_FAMILY = "DejaVu Sans"     # installed with the app (packaging/system-deps.sh); Qt falls back otherwise


def set_up_page(device: QPagedPaintDevice, paper: str | None) -> None:
    """Give the device our margins and, when `paper` is named ("a4" or "letter"), that paper size."""
    if paper is not None:
        if paper not in PAPERS:
            raise ValueError(f"unknown paper {paper!r} (known: {', '.join(PAPERS)})")
        device.setPageSize(QPageSize(PAPERS[paper]))
    device.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)


class Typesetter:
    """Millimetres and fonts for one device; `scale` shrinks every size a little to fit more on a page."""

    def __init__(self, device: QPagedPaintDevice, scale: float = 1.0) -> None:
        self.device = device
        self.dots_per_mm = device.logicalDpiY() / 25.4
        self.scale = scale
        self._heights: dict[tuple, float] = {}      # a layout measures the same paragraph many times
        self._fonts: dict[tuple, QFont] = {}
        self.page = 0                                # while painting: the page being painted (1, 2, ...)
        self.drawn: list[DrawnPicture] = []          # while painting: where each picture went

    def mm(self, millimetres: float) -> float:
        """Millimetres in device units, scaled."""
        return millimetres * self.dots_per_mm * self.scale

    def font(self, points: float, bold: bool = False, italic: bool = False) -> QFont:
        key = (points, bold, italic)
        if key not in self._fonts:
            self._fonts[key] = self._new_font(points, bold, italic)
        return self._fonts[key]

    def _new_font(self, points: float, bold: bool, italic: bool) -> QFont:
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(points * self.scale)
        font.setBold(bold)
        font.setItalic(italic)
        font.setFeature(QFont.Tag("liga"), 0)        # "fl", "fi" stay two letters when the text is copied or read aloud
        return font

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.device)

    def text_height(self, text: str, font: QFont, width: float) -> float:
        """The height of `text` wrapped to `width` in `font` (remembered)."""
        key = (text, font.key(), round(width, 2))
        if key not in self._heights:
            self._heights[key] = self.metrics(font).boundingRect(QRectF(0, 0, width, 1e7), _WRAP, text).height()
        return self._heights[key]

    def page_fraction(self, box: QRectF) -> tuple[float, float, float, float]:
        """A box in painter coordinates as (left, top, width, height) fractions of the whole sheet."""
        layout = self.device.pageLayout()
        dpi = self.device.logicalDpiX()
        sheet = layout.fullRectPixels(dpi)
        inside = layout.paintRectPixels(dpi)
        return ((inside.left() + box.left()) / sheet.width(), (inside.top() + box.top()) / sheet.height(),
                box.width() / sheet.width(), box.height() / sheet.height())

    def page_rect(self) -> QRectF:
        """The area inside the margins, in device units, as the painter's coordinates see it (origin 0, 0)."""
        rect = self.device.pageLayout().paintRectPixels(self.device.logicalDpiX())
        return QRectF(0, 0, rect.width(), rect.height())


class Item:
    """Something placed on a page: measured for a width, then painted at a place."""

    def measure(self, ts: Typesetter, width: float) -> float:
        raise NotImplementedError

    def paint(self, ts: Typesetter, painter: QPainter, x: float, y: float, width: float) -> None:
        raise NotImplementedError


_WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)


@dataclass
class Text(Item):
    """A wrapped paragraph; `bullet` hangs in the left margin of an indented paragraph."""

    text: str
    points: float = 10.5
    bold: bool = False
    italic: bool = False
    bullet: str = ""
    indent_mm: float = 0.0
    after_mm: float = 1.0
    colour: QColor = field(default_factory=lambda: INK)

    def _font(self, ts: Typesetter) -> QFont:
        return ts.font(self.points, self.bold, self.italic)

    def _text_width(self, ts: Typesetter, width: float) -> float:
        return max(1.0, width - ts.mm(self.indent_mm))

    def measure(self, ts: Typesetter, width: float) -> float:
        if not self.text:
            return 0.0
        return ts.text_height(self.text, self._font(ts), self._text_width(ts, width)) + ts.mm(self.after_mm)

    def paint(self, ts: Typesetter, painter: QPainter, x: float, y: float, width: float) -> None:
        if not self.text:
            return
        painter.setFont(self._font(ts))
        painter.setPen(self.colour)
        indent = ts.mm(self.indent_mm)
        if self.bullet:
            painter.drawText(QRectF(x, y, indent, 1e6), _WRAP, self.bullet)
        painter.drawText(QRectF(x + indent, y, self._text_width(ts, width), 1e6), _WRAP, self.text)


def heading(text: str, points: float = 15.0, after_mm: float = 1.5) -> Text:
    """A bold heading line."""
    return Text(text, points=points, bold=True, after_mm=after_mm)


@dataclass
class Space(Item):
    """Empty space of a fixed height."""

    mm: float

    def measure(self, ts: Typesetter, width: float) -> float:
        return ts.mm(self.mm)

    def paint(self, ts: Typesetter, painter: QPainter, x: float, y: float, width: float) -> None:
        pass


@dataclass
class Rule(Item):
    """A thin horizontal line, with space below it."""

    after_mm: float = 2.0
    thickness_mm: float = 0.35

    def measure(self, ts: Typesetter, width: float) -> float:
        return ts.mm(self.thickness_mm + self.after_mm)

    def paint(self, ts: Typesetter, painter: QPainter, x: float, y: float, width: float) -> None:
        pen = QPen(INK, ts.mm(self.thickness_mm))
        painter.setPen(pen)
        half = ts.mm(self.thickness_mm) / 2
        painter.drawLine(x, y + half, x + width, y + half)


@dataclass
class Stack(Item):
    """Items one under the other, kept on one page; `frame` draws a box round them (with padding)."""

    items: Sequence[Item]
    frame: bool = False
    padding_mm: float = 0.0
    after_mm: float = 0.0

    def _pad(self, ts: Typesetter) -> float:
        return ts.mm(self.padding_mm)

    def measure(self, ts: Typesetter, width: float) -> float:
        inner = width - 2 * self._pad(ts)
        return (sum(item.measure(ts, inner) for item in self.items) + 2 * self._pad(ts)
                + ts.mm(self.after_mm))

    def paint(self, ts: Typesetter, painter: QPainter, x: float, y: float, width: float) -> None:
        pad = self._pad(ts)
        inner = width - 2 * pad
        if self.frame:
            painter.setPen(QPen(INK, ts.mm(0.4)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(x, y, width, self.measure(ts, width) - ts.mm(self.after_mm)),
                                    ts.mm(1.5), ts.mm(1.5))
        top = y + pad
        for item in self.items:
            item.paint(ts, painter, x + pad, top, inner)
            top += item.measure(ts, inner)


@dataclass
class Row(Item):
    """Items side by side, each given a share of the width; as tall as the tallest."""

    columns: Sequence[tuple[float, Item]]
    gap_mm: float = 4.0

    def _widths(self, ts: Typesetter, width: float) -> list[float]:
        free = width - ts.mm(self.gap_mm) * (len(self.columns) - 1)
        total = sum(share for share, _ in self.columns) or 1.0
        return [free * share / total for share, _ in self.columns]

    def measure(self, ts: Typesetter, width: float) -> float:
        widths = self._widths(ts, width)
        return max((item.measure(ts, w) for (_, item), w in zip(self.columns, widths)), default=0.0)

    def paint(self, ts: Typesetter, painter: QPainter, x: float, y: float, width: float) -> None:
        left = x
        for (_, item), w in zip(self.columns, self._widths(ts, width)):
            item.paint(ts, painter, left, y, w)
            left += w + ts.mm(self.gap_mm)


@dataclass
class Balanced(Item):
    """Two items side by side, the width split where the taller of them is lowest (within `shares`)."""

    left: Item
    right: Item
    gap_mm: float = 4.0
    shares: Sequence[float] = (0.4, 0.45, 0.5, 0.55, 0.6)

    def _row(self, ts: Typesetter, width: float) -> Row:
        key = (id(ts), ts.scale, round(width, 2))
        if getattr(self, "_chosen", (None,))[0] != key:
            rows = [Row([(share, self.left), (1.0 - share, self.right)], gap_mm=self.gap_mm) for share in self.shares]
            self._chosen = (key, min(rows, key=lambda row: row.measure(ts, width)))
        return self._chosen[1]

    def measure(self, ts: Typesetter, width: float) -> float:
        return self._row(ts, width).measure(ts, width)

    def paint(self, ts: Typesetter, painter: QPainter, x: float, y: float, width: float) -> None:
        self._row(ts, width).paint(ts, painter, x, y, width)


PaintInRect = Callable[[QPainter, QRectF], None]


@dataclass(frozen=True)
class DrawnPicture:
    """Where a picture was painted: its page (from 1), its tag, and its box as fractions of the sheet."""

    page: int
    tag: str
    caption: str
    box: tuple[float, float, float, float]


@dataclass
class Picture(Item):
    """A drawing scaled into a box of the given width and aspect (width / height), with a caption under it."""

    draw: PaintInRect
    aspect: float = 1.5
    caption: str = ""
    caption_points: float = 8.5
    border: bool = True
    tag: str = ""                   # says whose picture it is in `Typesetter.drawn`

    def _caption(self) -> Text:
        return Text(self.caption, points=self.caption_points, bold=True, after_mm=0.0)

    def measure(self, ts: Typesetter, width: float) -> float:
        return width / self.aspect + ts.mm(0.8) + self._caption().measure(ts, width)

    def paint(self, ts: Typesetter, painter: QPainter, x: float, y: float, width: float) -> None:
        box = QRectF(x, y, width, width / self.aspect)
        ts.drawn.append(DrawnPicture(ts.page, self.tag, self.caption, ts.page_fraction(box)))
        painter.save()
        painter.setClipRect(box)
        self.draw(painter, box)
        painter.restore()
        if self.border:
            painter.setPen(QPen(GREY_INK, ts.mm(0.25)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(box)
        if self.caption:
            caption = self._caption()
            painter.setFont(caption._font(ts))
            painter.setPen(INK)
            painter.drawText(QRectF(x, box.bottom() + ts.mm(0.8), width, 1e6),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                             self.caption)


@dataclass
class Strip(Item):
    """Pictures in one row, left to right, `height_mm` tall (lower when they would not fit across);
    each picture as wide as its own aspect asks."""

    pictures: Sequence[Picture]
    height_mm: float = 26.0
    gap_mm: float = 2.5

    def _box_height(self, ts: Typesetter, width: float) -> float:
        """The pictures' common height: `height_mm`, or less so that all of them fit across."""
        if not self.pictures:
            return 0.0
        free = width - ts.mm(self.gap_mm) * (len(self.pictures) - 1)
        return min(ts.mm(self.height_mm), free / sum(picture.aspect for picture in self.pictures))

    def natural_width(self, ts: Typesetter, width: float) -> float:
        """How much of `width` the pictures take, side by side."""
        h = self._box_height(ts, width)
        gaps = ts.mm(self.gap_mm) * max(0, len(self.pictures) - 1)
        return sum(h * picture.aspect for picture in self.pictures) + gaps

    def measure(self, ts: Typesetter, width: float) -> float:
        h = self._box_height(ts, width)
        return max((picture.measure(ts, h * picture.aspect) for picture in self.pictures), default=0.0)

    def paint(self, ts: Typesetter, painter: QPainter, x: float, y: float, width: float) -> None:
        h = self._box_height(ts, width)
        for picture in self.pictures:
            picture.paint(ts, painter, x, y, h * picture.aspect)
            x += h * picture.aspect + ts.mm(self.gap_mm)


@dataclass
class Beside(Item):
    """A strip of pictures at its own width with another item to its right, given the rest of the width;
    not possible (infinitely tall) when less than `least_mm` would be left for that item."""

    strip: Strip
    right: Item
    gap_mm: float = 5.0
    least_mm: float = 70.0

    def _right_width(self, ts: Typesetter, width: float) -> float:
        return width - self.strip.natural_width(ts, width) - ts.mm(self.gap_mm)

    def measure(self, ts: Typesetter, width: float) -> float:
        rest = self._right_width(ts, width)
        if rest < ts.mm(self.least_mm):
            return float("inf")
        return max(self.strip.measure(ts, width), self.right.measure(ts, rest))

    def paint(self, ts: Typesetter, painter: QPainter, x: float, y: float, width: float) -> None:
        rest = self._right_width(ts, width)
        self.strip.paint(ts, painter, x, y, width)
        self.right.paint(ts, painter, x + width - rest, y, rest)


@dataclass
class Shortest(Item):
    """Whichever of these arrangements of the same content is the least tall at this width."""

    choices: Sequence[Item]

    def _best(self, ts: Typesetter, width: float) -> Item:
        return min(self.choices, key=lambda item: item.measure(ts, width))

    def measure(self, ts: Typesetter, width: float) -> float:
        return self._best(ts, width).measure(ts, width)

    def paint(self, ts: Typesetter, painter: QPainter, x: float, y: float, width: float) -> None:
        self._best(ts, width).paint(ts, painter, x, y, width)


@dataclass(frozen=True)
class Placed:
    """An item on a page: where its top is and how tall it is (device units)."""

    item: Item
    y: float
    height: float


def paginate(items: Sequence[Item], ts: Typesetter) -> list[list[Placed]]:
    """Items on pages, top to bottom, none broken across two; an item taller than a page gets one to itself."""
    area = ts.page_rect()
    bottom = area.height() - ts.mm(FOOTER_MM)
    pages: list[list[Placed]] = [[]]
    y = 0.0
    for item in items:
        height = item.measure(ts, area.width())
        if y + height > bottom and pages[-1]:
            pages.append([])
            y = 0.0
        pages[-1].append(Placed(item, y, height))
        y += height
    return pages


Footer = Callable[[int, int], str]


def render(device: QPagedPaintDevice, pages: list[list[Placed]], ts: Typesetter,
           footer: Footer | None = None) -> None:
    """Paint the pages on the device (a new page between them); `footer(page, pages)` is the line at
    each page's foot, e.g. "Page 1 of 2"."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("could not start painting on the page (is the file or printer writable?)")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        area = ts.page_rect()
        ts.drawn.clear()
        for number, page in enumerate(pages, start=1):
            if number > 1 and not device.newPage():
                raise OSError("could not start a new page")
            ts.page = number
            for placed in page:
                placed.item.paint(ts, painter, 0.0, placed.y, area.width())
            if footer is not None:
                text = Text(footer(number, len(pages)), points=8.5, colour=GREY_INK, after_mm=0.0)
                text.paint(ts, painter, 0.0, area.height() - ts.mm(FOOTER_MM) + ts.mm(3.0), area.width())
    finally:
        painter.end()
