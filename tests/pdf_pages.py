"""Reading a PDF back with poppler-utils (pdftotext, pdfinfo, pdftoppm): its words, pages and pixels."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import numpy as np

from prerequisites import missing

TOOLS = ("pdftotext", "pdfinfo", "pdftoppm")


def need_poppler() -> None:
    """Skip (fail in CI) unless poppler-utils is installed (packaging/system-deps.sh test)."""
    absent = [tool for tool in TOOLS if shutil.which(tool) is None]
    if absent:
        missing(f"poppler-utils ({', '.join(absent)}) is not installed: apt-get install poppler-utils")


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


def flat(text: str) -> str:
    """Text with every run of white space one space, and compatibility characters (ligatures) spelled out."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def pdf_text(path: Path, page: int | None = None) -> str:
    """The words of the PDF (or of one page, from 1) in the order they were drawn, white space flattened."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return flat(_run("pdftotext", "-raw", *pages, str(path), "-"))


def pdf_info(path: Path) -> dict[str, str]:
    info = {}
    for line in _run("pdfinfo", str(path)).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def page_count(path: Path) -> int:
    return int(pdf_info(path)["Pages"])


def _read_pgm(data: bytes) -> np.ndarray:
    """A binary PGM (P5) image as a 2-D array of grey levels."""
    fields = []
    pos = 0
    while len(fields) < 4:                          # magic, width, height, maximum; comments skipped
        match = re.compile(rb"\s*(#[^\n]*\n\s*)*(\S+)").match(data, pos)
        fields.append(match.group(2))
        pos = match.end()
    assert fields[0] == b"P5", "not a binary PGM"
    width, height = int(fields[1]), int(fields[2])
    pixels = np.frombuffer(data, dtype=np.uint8, count=width * height, offset=pos + 1)
    return pixels.reshape(height, width)


def grey_pages(path: Path, dpi: int, out_dir: Path) -> list[np.ndarray]:
    """Every page rendered by pdftoppm in greyscale (as a black-and-white printer would have it)."""
    prefix = out_dir / path.stem
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), str(path), str(prefix)], check=True, timeout=120)
    files = sorted(out_dir.glob(f"{path.stem}-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [_read_pgm(file.read_bytes()) for file in files]


def crop(page: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """The part of a rendered page inside a box given as (left, top, width, height) fractions of the sheet."""
    h, w = page.shape
    left, top, width, height = box
    x0, y0 = int(round(left * w)) + 2, int(round(top * h)) + 2       # inside the box's border line
    x1, y1 = int(round((left + width) * w)) - 2, int(round((top + height) * h)) - 2
    return page[y0:y1, x0:x1]
