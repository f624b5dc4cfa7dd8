"""Walk every screen at one window size and look, and list what breaks the layout rules.

The rules, on every screen: the window keeps its size (nothing pushes it past the screen), no
button label or text is cut, no two buttons overlap, every button outside a scrolling area is
wholly in sight, every button is at least the 15 mm touch target of the screen, and It hurts is
in sight while an exercise plays.

The walk runs in one language (English or Spanish: the layout rules hold in both) and can collect
every visible text of every screen (`texts`), for the Spanish walk's check that no English is left.

Run as a script (a device pixel ratio is per process: QT_SCALE_FACTOR) it walks the sizes, looks
and languages given and prints one JSON object: {"dpr": ..., "dpi": ..., "walks": n, "problems": [...]}.
The offscreen platform's screen claims 100 logical pixels per real inch (at ratio 2, 50: the touch
target falls to its 44 px floor); SCREEN_WALK_DPI gives it a real panel's (its EDID size, as
QScreen.physicalDotsPerInch reports it under Wayland or X11), so the 15 mm targets are those of that panel.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QLabel, QPushButton, QWidget

LOOKS = {
    "normal": {},
    "contrast": {"look.high_contrast": True},
    "large": {"look.large_text": True},
    "large-contrast": {"look.large_text": True, "look.high_contrast": True},
}


def label_fits(button: QPushButton) -> bool:
    """The label and its icon fit inside the button's border (they may use some of its padding;
    a label longer than that is drawn cut)."""
    lines = button.text().split("\n")
    text = max(button.fontMetrics().horizontalAdvance(line) for line in lines)
    icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
    return text + icon <= button.width() - 12      # borders, up to 6 px each side when focused


def visible_box(widget: QWidget, page: QWidget) -> QRect:
    """Where the widget shows on the page: clipped by every widget around it (scroll areas too)."""
    box = QRect(widget.mapTo(page, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        box = box.intersected(QRect(parent.mapTo(page, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return box.intersected(page.rect())


def scroll_area_around(widget: QWidget, page: QWidget):
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _across_fits(widget: QWidget, area: QAbstractScrollArea) -> bool:
    """The widget is wholly inside the area's width (areas here scroll up and down only)."""
    left = widget.mapTo(area.viewport(), QPoint(0, 0)).x()
    return left >= 0 and left + widget.width() <= area.viewport().width()


def _label_problem(label: QLabel) -> str | None:
    """Why the label's text does not show whole, or None."""
    text = label.text()
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    if label.wordWrap():
        if label.height() < label.heightForWidth(label.width()) - 1:
            return f"text cut: {label.height()} px high, needs {label.heightForWidth(label.width())}"
        return None
    margins = label.contentsMargins()
    room = label.width() - margins.left() - margins.right()
    widest = max(label.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
    if widest > room + 1:
        return f"text cut: {room} px wide, needs {widest}"
    return None


def widget_path(widget: QWidget, page: QWidget) -> str:
    """Where the widget is in the page: class names and places among siblings (the same in every language)."""
    parts = []
    while widget is not None and widget is not page:
        parent = widget.parentWidget()
        siblings = [c for c in (parent.children() if parent else []) if type(c) is type(widget)]
        parts.append(f"{type(widget).__name__}[{siblings.index(widget) if widget in siblings else 0}]")
        widget = parent
    return "/".join(reversed(parts))


def page_texts(window) -> dict[str, str]:
    """Every text the page shown now puts in sight (labels and buttons), by the widget's path."""
    page = window.stack.currentWidget()
    texts = {}
    for widget in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
        text = widget.text().strip()
        if text and widget.isVisible() and not visible_box(widget, page).isEmpty():
            texts[widget_path(widget, page)] = text
    return texts


def settle() -> None:
    """Let the layouts settle as they do on screen: each round of events carries a layout request one level
    further up (a card's steppers in a scrolling page need more rounds than three)."""
    for _ in range(10):
        QApplication.processEvents()


def check_page(window, name: str, size: tuple[int, int], touch_px: int) -> list[str]:
    """What breaks the rules on the screen shown now."""
    problems = []
    width, height = size
    page = window.stack.currentWidget()

    def say(text: str) -> None:
        problems.append(f"{name}: {text}")

    if (window.width(), window.height()) != size:
        say(f"the window grew to {window.width()}x{window.height()}")
    hint = window.minimumSizeHint()
    if hint.width() > width or hint.height() > height:
        say(f"the window asks for at least {hint.width()}x{hint.height()}")
    buttons = [b for b in page.findChildren(QPushButton) if b.isVisible()]
    for button in buttons:
        label = button.text() or button.accessibleName()
        if button.text() and not label_fits(button):
            say(f"{label!r} cut ({button.width()} px wide)")
        if min(button.width(), button.height()) < touch_px:
            say(f"{label!r} is {button.width()}x{button.height()}, under the {touch_px} px touch target")
        area = scroll_area_around(button, page)
        if area is None and visible_box(button, page).size() != button.size():
            say(f"{label!r} out of sight")
        elif area is not None and not _across_fits(button, area):
            say(f"{label!r} runs off the side of its scrolling area (it scrolls only up and down)")
    boxes = [(b.text() or b.accessibleName(), visible_box(b, page)) for b in buttons]
    for index, (text, box) in enumerate(boxes):
        for other, other_box in boxes[index + 1:]:
            if box.intersects(other_box):
                say(f"{text!r} overlaps {other!r}")
    for label in page.findChildren(QLabel):
        if not label.isVisible() or isinstance(label.parentWidget(), QPushButton):
            continue
        if label.text():
            box = visible_box(label, page)
            for text, other_box in boxes:
                if box.intersects(other_box):
                    say(f"label {label.text()[:40]!r} overlaps {text!r}")
        why = _label_problem(label)
        if why:
            say(f"label {label.text()[:40]!r}: {why}")
        elif label.text() and scroll_area_around(label, page) is None \
                and visible_box(label, page).size() != label.size():
            say(f"label {label.text()[:40]!r} out of sight")
    if name.startswith("player"):
        hurt = window.player.hurt_button
        corner = hurt.mapTo(window, hurt.rect().bottomRight())
        if not (hurt.isVisible() and 0 <= corner.y() < height and 0 <= corner.x() < width):
            say("It hurts is not in sight")
    return problems


def walk(size: tuple[int, int], look: str, shoot_to: Path | None = None, language: str = "en",
         texts: dict | None = None) -> list[str]:
    """Every screen (the clinic's too) at this window size and look, in `language`; the problems found.
    With `shoot_to`, each screen is also saved there as <screen>-<W>x<H>-<look>[-<language>].png;
    with `texts`, every screen's visible texts are put in it ({screen: {widget path: text}})."""
    from kiosk.core.loader import load_routines
    from kiosk.core.ports import SilentSpeaker
    from kiosk.paths import bundled_dir
    from kiosk.store.data_store import DataStore
    from kiosk.ui import screenshots
    from kiosk.services.journal import Journal
    from kiosk.ui.clinic import ClinicMode
    from kiosk.ui.language import set_language
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.widgets.drive_choice import Volume
    from kiosk.ui.widgets.touch_target import screen_touch_target_px

    problems: list[str] = []
    set_language(language)
    tag = "" if language == "en" else f" {language}"
    with tempfile.TemporaryDirectory() as home_folder, tempfile.TemporaryDirectory() as clinic_folder:
        home_store = DataStore(Path(home_folder))
        clinic_store = DataStore(Path(clinic_folder))
        journal = Journal.for_profile(lambda: home_store, "home")     # at home: My data is on the home screen
        window = MainWindow(load_routines(bundled_dir("routines"), language=language), SilentSpeaker(screenshots.silent_reason(language)),
                            screenshots._Settings(LOOKS[look]), journal, time_scale=1)
        window.resize(*size)
        window.show()
        settle()
        drives: list = []                                            # the admin screen's drive chooser
        clinic = ClinicMode(window, clinic_store, volumes=lambda: list(drives))
        (Path(clinic_folder) / "USB").mkdir()
        clinic.test_drive = Volume(Path(clinic_folder) / "USB", "USB STICK", 15_300_000_000)
        touch_px = screen_touch_target_px(window)
        try:
            for name, stage in screenshots._stages(window) + screenshots._clinic_stages(window, clinic, drives):
                stage()
                settle()
                problems += [f"{size[0]}x{size[1]} {look}{tag} {p}" for p in check_page(window, name, size, touch_px)]
                if texts is not None:
                    texts[name] = page_texts(window)
                if shoot_to is not None:
                    suffix = "" if language == "en" else f"-{language}"
                    window.grab().save(str(shoot_to / f"{name}-{size[0]}x{size[1]}-{look}{suffix}.png"))
        finally:
            window.player.end()
            clinic.still_there.stop_countdown()
            clinic.attract.stop_demo()
            window.close()
            window.deleteLater()
            settle()
            home_store.close()
            clinic_store.close()
            set_language("en")
    return problems


def main(argv: list[str]) -> int:
    """`screen_walk.py WxH[,WxH...] look[,look...] [language[,language...]] [folder for screenshots]`"""
    if os.environ.get("SCREEN_WALK_DPI"):
        from PySide6.QtGui import QScreen

        panel_dpi = float(os.environ["SCREEN_WALK_DPI"])
        QScreen.physicalDotsPerInch = lambda _screen: panel_dpi     # offscreen has no setting for it
    app = QApplication.instance() or QApplication(argv[:1])
    sizes = [tuple(int(n) for n in each.split("x")) for each in argv[1].split(",")]
    looks = argv[2].split(",")
    languages = argv[3].split(",") if len(argv) > 3 else ["en"]
    shoot_to = Path(argv[4]) if len(argv) > 4 else None
    if shoot_to:
        shoot_to.mkdir(parents=True, exist_ok=True)
    problems, walks = [], 0
    for size in sizes:
        for look in looks:
            for language in languages:
                problems += walk(size, look, shoot_to, language)
                walks += 1
    screen = app.primaryScreen()
    print(json.dumps({"dpr": screen.devicePixelRatio(), "dpi": screen.physicalDotsPerInch(), "walks": walks,
                      "problems": problems}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
