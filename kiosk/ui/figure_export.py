"""Exports every pose as SVG and renders a labelled contact sheet PNG (`python -m kiosk.ui.figure_export DIR`)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from kiosk.core.poses import POSES
from kiosk.ui.figure import BACKGROUND, OUTLINE, paint_pose

SVG_SIZE = (600, 400)


def svg_name(name: str, mirrored: bool) -> str:
    """File name of a pose's SVG: NAME.svg for the right side, NAME-left.svg for the mirror image."""
    return f"{name}-left.svg" if mirrored else f"{name}.svg"


def _write_svg(path: Path, name: str, mirrored: bool) -> None:
    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(QSize(*SVG_SIZE))
    gen.setViewBox(QRectF(0, 0, *SVG_SIZE))
    side = "left side" if mirrored else ("right side" if POSES[name].sided else "")
    gen.setTitle(name.replace("_", " ") + (f" ({side})" if side else ""))
    gen.setDescription("Exercise illustration, original work of the SI-joint kiosk project")
    painter = QPainter(gen)
    painter.fillRect(QRectF(0, 0, *SVG_SIZE), BACKGROUND)
    paint_pose(painter, POSES[name], QRectF(0, 0, *SVG_SIZE), mirrored=mirrored)
    painter.end()


def export_svgs(out_dir: Path) -> list[Path]:
    """Write NAME.svg for every pose, plus NAME-left.svg for poses that have a side; return the paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in sorted(POSES):
        for mirrored in (False, True) if POSES[name].sided else (False,):
            path = out_dir / svg_name(name, mirrored)
            _write_svg(path, name, mirrored)
            written.append(path)
    return written


def contact_sheet(path: Path, size: tuple[int, int] = (1920, 1080), names: list[str] | None = None) -> Path:
    """Render the poses (all by default, in file order) in a labelled grid to a PNG file."""
    names = list(names) if names is not None else list(POSES)
    w, h = size
    cols = max(1, math.ceil(math.sqrt(len(names) * w / h * 2 / 3)))
    rows = math.ceil(len(names) / cols)
    cell_w, cell_h = w / cols, h / rows
    label_h = max(14.0, cell_h * 0.14)
    image = QImage(w, h, QImage.Format.Format_RGB32)
    image.fill(BACKGROUND)
    painter = QPainter(image)
    font = QFont()
    longest = max((len(n) for n in names), default=1)
    font.setPixelSize(max(8, int(min(label_h * 0.7, cell_w / (longest * 0.62)))))
    font.setBold(True)
    painter.setFont(font)
    for i, name in enumerate(names):
        x, y = (i % cols) * cell_w, (i // cols) * cell_h
        cell = QRectF(x + 4, y + 4, cell_w - 8, cell_h - 8)
        painter.setPen(QColor("#D9D2C5"))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(cell)
        paint_pose(painter, POSES[name], cell.adjusted(4, 4, -4, -label_h))
        painter.setPen(OUTLINE)
        painter.drawText(QRectF(cell.left(), cell.bottom() - label_h, cell.width(), label_h),
                         Qt.AlignmentFlag.AlignCenter, name)
    painter.end()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def main(argv: list[str] | None = None) -> int:
    """Regenerate the SVGs and contact-sheet.png in the given folder (default media/poses)."""
    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0]) if args else Path("media/poses")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    paths = export_svgs(out_dir)
    sheet = contact_sheet(out_dir / "contact-sheet.png")
    print(f"wrote {len(paths)} SVG files and {sheet}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
