"""Every screen at every screen shape: landscape and portrait, 800 x 480 to 3840 x 2160, with and without a
30 px title bar, in every look and both languages (Spanish runs about a quarter longer), at device pixel
ratios 1 to 2: the window keeps its size, no label is cut,
no two buttons overlap, buttons are in sight and 15 mm, It hurts is in sight (rules: screen_walk.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import screen_walk

TITLE_BAR = 30
SHAPES = [
    (800, 480), (480, 800),          # the common 7" panel, both ways up
    (1024, 600), (600, 1024),        # 10" tablets
    (1280, 720), (1920, 1080), (3840, 2160),
    (1080, 1920), (2160, 3840),      # totems and wall tablets
]
# 1280 x 720 less the bar: the home app under cage with Qt's own title bar (issue 11's Start below the edge).
WITH_TITLE_BAR = [(width, height - TITLE_BAR) for width, height in SHAPES[:5] + [(1080, 1920)]]
# A device pixel ratio is set per process (QT_SCALE_FACTOR): these window sizes (logical pixels)
# are walked in a process of their own for each ratio.
# The last of each: the smallest landscape window of that ratio less a 30 px title bar.
RATIOS = {
    "1.25": ["1024x600", "1536x864", "864x1536", "1024x570"],
    "1.5": ["800x480", "1280x720", "720x1280", "800x450"],
    "2": ["800x480", "1920x1080", "1080x1920", "800x450"],
}


def _look_ids(size):
    return [f"{size[0]}x{size[1]}-{look}" for look in screen_walk.LOOKS]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", SHAPES + WITH_TITLE_BAR, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits_every_shape_in_every_look(qapp, size, language):
    """DPR 1: every look at every size (high contrast changes colours only, but is walked all the same)."""
    problems = []
    for look in screen_walk.LOOKS:
        problems += screen_walk.walk(size, look, language=language)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("ratio", sorted(RATIOS))
def test_every_screen_fits_at_other_device_pixel_ratios(ratio):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=ratio,
               PYTHONPATH=os.pathsep.join([str(Path(__file__).resolve().parents[2]),
                                           os.environ.get("PYTHONPATH", "")]))
    run = subprocess.run([sys.executable, screen_walk.__file__, ",".join(RATIOS[ratio]), "normal,large", "en,es"],
                         env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["dpr"] == pytest.approx(float(ratio))           # the walk really ran at that ratio
    assert report["walks"] == 2 * 2 * len(RATIOS[ratio])
    assert not report["problems"], "\n".join(report["problems"])


# Real panels' pixels per inch (logical pixels at their usual ratio), where the 15 mm target is larger
# than on the offscreen screen: the common 7" 800 x 480 panel (133 per inch, 79 px targets) both ways up,
# a 10.1" 1024 x 600 tablet, a 27" 3840 x 2160 monitor, a 15.6" 3840 x 2160 panel at ratio 2.
PANELS = {
    "7-inch": ("133", "1", ["800x480", "480x800"]),
    "10.1-inch": ("118", "1", ["1024x600", "600x1024"]),
    "27-inch-4k": ("163", "1", ["3840x2160"]),
    "15.6-inch-4k": ("141", "2", ["1920x1080", "1080x1920"]),
}
# The 7" panel, the tightest, in every look (high contrast too; the others in normal and larger text).
PANEL_LOOKS = {"7-inch": list(screen_walk.LOOKS)}


@pytest.mark.parametrize("panel", sorted(PANELS))
def test_every_screen_fits_real_panels_with_their_15_mm_targets(panel):
    dpi, ratio, sizes = PANELS[panel]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=ratio, SCREEN_WALK_DPI=dpi,
               PYTHONPATH=os.pathsep.join([str(Path(__file__).resolve().parents[2]),
                                           os.environ.get("PYTHONPATH", "")]))
    looks = PANEL_LOOKS.get(panel, ["normal", "large"])
    run = subprocess.run([sys.executable, screen_walk.__file__, ",".join(sizes), ",".join(looks), "en,es"],
                         env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["dpi"] == pytest.approx(float(dpi)) and report["dpr"] == pytest.approx(float(ratio))
    assert report["walks"] == len(looks) * 2 * len(sizes)
    assert not report["problems"], "\n".join(report["problems"])


def test_a_panel_s_dpi_makes_the_walk_ask_for_larger_targets():
    """The control: at a 5" 800 x 480 panel's 187 per inch (110 px targets) the walk finds what does not fit."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SCREEN_WALK_DPI="187",
               PYTHONPATH=os.pathsep.join([str(Path(__file__).resolve().parents[2]),
                                           os.environ.get("PYTHONPATH", "")]))
    run = subprocess.run([sys.executable, screen_walk.__file__, "800x480", "normal"], env=env,
                         capture_output=True, text=True, timeout=900)
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["dpi"] == pytest.approx(187)
    assert any("the window grew" in p or "under the 110 px touch target" in p for p in report["problems"])


def test_the_walk_catches_a_window_too_small_for_the_screens(qapp):
    """The rules can fail: a window narrower than the screens can be is caught (it grows)."""
    problems = screen_walk.walk((240, 480), "large")
    assert any("the window grew" in p or "asks for at least" in p for p in problems)


def test_the_rules_catch_a_cut_label_and_an_overlap(qtbot):
    from PySide6.QtWidgets import QLabel, QPushButton, QWidget

    page = QWidget()
    qtbot.addWidget(page)
    button = QPushButton("I understand, continue", page)
    button.setGeometry(0, 0, 60, 60)
    other = QPushButton("Back", page)
    other.setGeometry(30, 30, 120, 60)
    label = QLabel("A sentence that needs a few lines at this width", page)
    label.setWordWrap(True)
    label.setGeometry(0, 200, 80, 20)
    page.resize(300, 300)
    page.show()
    qtbot.waitExposed(page)
    assert not screen_walk.label_fits(button)
    assert screen_walk.label_fits(other)
    assert screen_walk.visible_box(button, page).intersects(screen_walk.visible_box(other, page))
    assert "text cut" in screen_walk._label_problem(label)
