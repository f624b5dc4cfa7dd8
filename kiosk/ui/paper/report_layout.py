"""Page primitives for the visit report: a cursor that flows wrapped text down pages measured in points."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPen

POINTS_PER_INCH = 72
MARGIN_PT = 42                   # about 15 mm: inside what every office printer can reach
FONT_FAMILY = "DejaVu Sans"      # fonts-dejavu-core (packaging/system-deps.sh): full Unicode, clear at 9 pt
PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
WRAP = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)


def page_layout(paper: str) -> QPageLayout:
    """A portrait page of `paper` ("a4" or "letter") with MARGIN_PT margins all round."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    return QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Portrait,
                       QMarginsF(MARGIN_PT, MARGIN_PT, MARGIN_PT, MARGIN_PT), QPageLayout.Unit.Point)


def font(size: int, bold: bool = False, italic: bool = False) -> QFont:
    """The report's font at `size` points (the painter is scaled so that one unit is one point)."""
    chosen = QFont(FONT_FAMILY)
    chosen.setPixelSize(size)
    chosen.setBold(bold)
    chosen.setItalic(italic)
    chosen.setFeature(QFont.Tag("liga"), 0)     # "first", not "ﬁrst": the text copies and searches as typed
    return chosen


@dataclass
class Style:
    """Type sizes in points."""

    title: int = 17
    heading: int = 12
    body: int = 10
    small: int = 8


class PageFlow:
    """Lays blocks down the printable area of a device's pages, one after another, at most `max_pages`.

    The painter is scaled to points with the origin at the top left of the printable area. In a dry
    run (`drawing` False) nothing is drawn and no page is added: the same measures tell how many
    pages the real run will take.
    """

    def __init__(self, painter: QPainter, device: QPagedPaintDevice, max_pages: int, drawing: bool) -> None:
        self.painter = painter
        self.device = device
        self.max_pages = max_pages
        self.drawing = drawing
        self.style = Style()
        layout = device.pageLayout()
        size = layout.paintRect(QPageLayout.Unit.Point).size()
        self.width, self.height = size.width(), size.height()
        self.page = 1
        self.y = 0.0
        self.on_new_page: Callable[[PageFlow], None] = lambda flow: None

    @property
    def left(self) -> float:
        return self.height - self.y

    def text_height(self, text: str, size: int, width: float | None = None, bold: bool = False,
                    italic: bool = False) -> float:
        self.painter.setFont(font(size, bold, italic))
        rect = self.painter.boundingRect(QRectF(0, 0, width or self.width, 100000), WRAP, text)
        return rect.height()

    def fits(self, height: float) -> bool:
        return self.y + height <= self.height

    def room_for(self, height: float) -> bool:
        """Make room for a block `height` tall: on this page, else on a new one; False when no page is left."""
        if self.fits(height):
            return True
        if self.page >= self.max_pages:
            return False
        self.new_page()
        return True

    def new_page(self) -> None:
        if self.drawing:
            self.device.newPage()
        self.page += 1
        self.y = 0.0
        self.on_new_page(self)

    def text(self, text: str, size: int | None = None, bold: bool = False, italic: bool = False,
             indent: float = 0.0, after: float = 3.0, width: float | None = None) -> bool:
        """Wrapped text at the cursor (moved below it); False (nothing drawn) when it does not fit."""
        size = size or self.style.body
        width = (width or self.width) - indent
        height = self.text_height(text, size, width, bold, italic)
        if not self.room_for(height):
            return False
        if self.drawing:
            self.painter.setFont(font(size, bold, italic))
            self.painter.setPen(QPen(Qt.GlobalColor.black))
            self.painter.drawText(QRectF(indent, self.y, width, height), WRAP, text)
        self.y += height + after
        return True

    def heading(self, text: str) -> bool:
        """A section heading; kept with at least two lines of what follows."""
        needed = self.text_height(text, self.style.heading, bold=True) + 2 * self.text_height("X", self.style.body)
        if not self.fits(needed + 8) and not self.room_for(needed + 8):
            return False
        self.y += 6
        return self.text(text, self.style.heading, bold=True, after=2)

    def block(self, height: float, draw: Callable[[QRectF], None]) -> bool:
        """A drawn block of `height` the full width; False when it does not fit."""
        if not self.room_for(height):
            return False
        if self.drawing:
            draw(QRectF(0, self.y, self.width, height))
        self.y += height
        return True

    def skip(self, points: float) -> None:
        self.y = min(self.height, self.y + points)


def paint_pages(device: QPagedPaintDevice, max_pages: int, lay_out: Callable[[PageFlow], None],
                footer: Callable[[PageFlow, int, int], None]) -> int:
    """Lay out once without drawing, to count the pages, then draw; returns the pages drawn.

    `lay_out(flow)` puts every block; `footer(flow, page, pages)` draws one page's footer (in the
    bottom margin, below the flow's height).
    """
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the page could not be drawn on (printer or file not ready)")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dots = device.resolution() / POINTS_PER_INCH
        # QPainter on a paged device starts at the printable area's top left (QPdfWriter and QPrinter alike)
        painter.scale(dots, dots)
        dry = PageFlow(painter, device, max_pages, drawing=False)
        lay_out(dry)
        pages = dry.page
        flow = PageFlow(painter, device, max_pages, drawing=True)
        flow.on_new_page = lambda f: footer(f, f.page, pages)
        footer(flow, 1, pages)
        lay_out(flow)
        return flow.page
    finally:
        painter.end()
