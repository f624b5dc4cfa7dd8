"""The printed exercise handout: each move of a routine with its pictures, steps, numbers and cautions.

Entry points (a Qt GUI application must exist; `kiosk handout` starts an offscreen one):

    write_handout(path, routine, *, paper="a4", notes={}, days_per_week=None,
                  clinician_note="", diary_number=None) -> Printed     # .pages, .pictures
    print_handout(printer, routine, *, paper=None, ...same extras...) -> Printed
    handout_pdf(routine, *, ...same...) -> (bytes, Printed)

`routine` is a `kiosk.core.routine.Routine`, loaded in the handout's language (`load_routines(folder,
language=...)`): every function also takes `language` (default English) for the handout's own words. a personal plan comes as a Routine too, its exercises
carrying the plan's reps, hold and sides, where `sides` may also be "left" or "right" (that side
only). `notes` maps an exercise id to the clinician's note for that move; `clinician_note` is one
note for the whole handout; `diary_number` (never a name) is printed in the heading when given.

Per exercise: the key-position pictures (the same painter as the screens, `kiosk.ui.figure`;
mirrored for the left side, both sides for "each side"), the steps in plain words with the side
filled in, repetitions, hold, sides, the cautions and when to stop beside the move, and its note.
Nothing is told by colour alone: every fact is in words, and the figures keep their dark outlines
so they print in greyscale. Up to six exercises fit on two pages of A4 or Letter: when they would
not at full size, the sizes step down a little (never below `SMALLEST_SCALE`).
The PDF is written to a private temporary file (0600) and moved into place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QPagedPaintDevice, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter

from kiosk.core.diary_number import is_diary_number, spaced
from kiosk.core.languages import SOURCE_LANGUAGE
from kiosk.core.local_formats import decimal
from kiosk.core.phrases import side_words
from kiosk.core.poses import POSES, mirrored
from kiosk.core.routine import Exercise, Routine
from kiosk.core.translations import N_, translation
from kiosk.ui.figure import framing, paint_pose
from kiosk.ui.paper.page import (
    Balanced, Beside, DrawnPicture, Item, Picture, Rule, Shortest, Space, Stack, Strip, Text, Typesetter,
    heading, paginate, render, set_up_page,
)
from kiosk.ui.paper.private_file import write_private

PAPER_SIDES = ("none", "each", "alternate", "left", "right")
MOST_ON_TWO_PAGES = 6                 # up to this many exercises fit on two pages
SCALES = (1.0, 0.95, 0.9, 0.86, 0.82)  # tried in turn until the handout fits
SMALLEST_SCALE = SCALES[-1]
PICTURE_HEIGHT_MM = 23.0              # the key-position pictures' height, unless a row of them would not fit
ASPECTS = (1.2, 2.4)                  # the narrowest and the widest picture box (width / height)
PAPER_TINT = 0.5                      # fills half way to white: the figure's shape is in its dark outlines
RESOLUTION = 300                      # dots per inch of the PDF's coordinates (the drawing stays vector)

STOP_LINE = N_("Stop and rest if your pain rises.")
SAFETY_TEXT = N_(
    "Move slowly and only as far as feels comfortable. If a move hurts, or your SI joint feels weak "
    "or gives way, stop, rest, and leave that move out until you have asked your clinician. "
    "If nothing feels better after three weeks of steady practice, tell your doctor."
)
SEPARATOR = "   ·   "


@dataclass(frozen=True)
class HandoutExtras:
    """What a plan adds to a routine on paper."""

    notes: Mapping[str, str] = field(default_factory=dict)
    days_per_week: int | None = None
    clinician_note: str = ""
    diary_number: str | None = None
    language: str = SOURCE_LANGUAGE


# ----------------------------------------------------------------------------------------------
# Words


def _fill(text: str, side: str, language: str = SOURCE_LANGUAGE) -> str:
    """{side}, {other} (and {side_f}, {other_f}: phrases.side_words) in a sentence, for this side
    ("right" or "left")."""
    return text.format(**side_words(side, language))


def _paper_side(exercise: Exercise) -> str:
    """The side the steps are written for: the prescribed one, else the right (done first)."""
    return "left" if exercise.sides == "left" else "right"


def steps_in_words(exercise: Exercise, language: str = SOURCE_LANGUAGE) -> list[str]:
    """The setup and one repetition as numbered-list sentences, with the side filled in, repeats left out,
    and a last line saying what to do about the other side."""
    _ = translation(language).gettext
    side = _paper_side(exercise)
    lines: list[str] = []
    for step in (*exercise.setup, *exercise.steps):
        if step.say:
            sentence = _fill(step.say, side, language)
            if not lines or lines[-1] != sentence:
                lines.append(sentence)
    if exercise.sides == "each":
        lines.append(_("Then all of them again with the left side."))
    elif exercise.sides == "alternate":
        lines.append(_("The next time to the left: the sides take turns."))
    return lines


def _amount(value: float, language: str = SOURCE_LANGUAGE) -> str:
    """A count of seconds as the language writes it: "2", "1.5"."""
    if language == SOURCE_LANGUAGE:
        return f"{value:g}"
    return decimal(value, language, 0 if float(value).is_integer() else 1)


def _seconds(value: float, language: str = SOURCE_LANGUAGE) -> str:
    return translation(language).ngettext("{seconds} second", "{seconds} seconds", 1 if value == 1 else 2).format(
        seconds=_amount(value, language))


def holds(exercise: Exercise) -> bool:
    """True when a step of the exercise is held."""
    return any(step.hold for step in exercise.steps)


SIDES_IN_WORDS = {
    "each": N_("each side, right then left"),
    "alternate": N_("right and left in turn"),
    "left": N_("left side only"),
    "right": N_("right side only"),
}


def sides_in_words(sides: str, language: str = SOURCE_LANGUAGE) -> str:
    """How the sides are worked, for the handout ("" when the move is not one-sided)."""
    return translation(language).gettext(SIDES_IN_WORDS[sides]) if sides in SIDES_IN_WORDS else ""


def dose_in_words(exercise: Exercise, language: str = SOURCE_LANGUAGE) -> str:
    """Repetitions, hold and sides on one line: "Repetitions: 2 each side · Hold: 2 seconds · Sides: ..."."""
    catalog = translation(language)
    _ = catalog.gettext
    if exercise.sides == "each":
        reps = _("Repetitions: {reps} each side").format(reps=exercise.reps)
    else:
        reps = _("Repetitions: {reps}").format(reps=exercise.reps)
    note = exercise.reps_note                     # a routine text: in the routine's language
    each_side = " " + catalog.pgettext("repetitions", "each side")
    if exercise.sides in ("each", "left", "right") and note.endswith(each_side):
        note = note[:-len(each_side)]             # "3 each side (up to 5)", not "... (up to 5 each side)"
    if note:
        reps += f" ({note})"
    parts = [reps]
    if holds(exercise):
        parts.append(_("Hold: {time}").format(time=_seconds(exercise.hold, language)))
    sides = sides_in_words(exercise.sides, language)
    if sides:
        parts.append(_("Sides: {sides}").format(sides=sides))
    return SEPARATOR.join(parts)


# ----------------------------------------------------------------------------------------------
# Pictures


@dataclass(frozen=True)
class KeyPicture:
    """One key position as printed: the pose, whether it is the mirror image (left side), a caption."""

    pose: str
    left: bool
    caption: str


def key_pictures(exercise: Exercise, language: str = SOURCE_LANGUAGE) -> list[KeyPicture]:
    """The exercise's key positions: one-sided poses for the prescribed side, or for both sides when it is
    done on each side (or in turn); poses that are the same for both sides once."""
    if exercise.sides in ("each", "alternate"):
        sides = ("right", "left")
    else:
        sides = (_paper_side(exercise),)
    _ = translation(language).gettext
    captions = {"right": _("Right side"), "left": _("Left side")}
    out: list[KeyPicture] = []
    for index, name in enumerate(exercise.poses):
        if name not in POSES:                      # a routine folder with poses of its own: not drawn
            continue
        if POSES[name].sided and exercise.sides != "none":
            for side in sides:
                out.append(KeyPicture(name, side == "left", captions[side]))
        else:
            out.append(KeyPicture(name, False, _("Start") if index == 0 else ""))
    return out


def _frame_for(pictures: list[KeyPicture], left: bool):
    """One frame for the side-view pictures of one side, so the figure keeps its size and place;
    None for a view from above (each frames itself)."""
    poses = [mirrored(POSES[p.pose]) if p.left else POSES[p.pose]
             for p in pictures if p.left == left and not POSES[p.pose].from_above]
    return framing(poses) if poses else None


def _drawer(picture: KeyPicture, scene):
    pose = POSES[picture.pose]

    def draw(painter: QPainter, rect: QRectF) -> None:
        inset = rect.adjusted(rect.width() * 0.03, rect.height() * 0.04, -rect.width() * 0.03, -rect.height() * 0.04)
        paint_pose(painter, pose, inset, mirrored=picture.left, scene=None if pose.from_above else scene,
                   tint=PAPER_TINT)

    return draw


def picture_aspect(picture: KeyPicture, frame: QRectF | None) -> float:
    """Width over height of a picture's box: a view from above shows its mat at 3:2; side views are
    as wide as the exercise's poses need in `frame` (a figure lying down is long and low), within ASPECTS."""
    if POSES[picture.pose].from_above or frame is None or frame.height() <= 0:
        return 1.5
    low, high = ASPECTS
    return max(low, min(high, frame.width() / frame.height()))


def _picture_row(exercise: Exercise, language: str = SOURCE_LANGUAGE) -> Item:
    pictures = key_pictures(exercise, language)
    frames = {left: _frame_for(pictures, left) for left in (False, True)}
    items = [Picture(_drawer(p, frames[p.left]), aspect=picture_aspect(p, frames[p.left]), caption=p.caption,
                     tag=exercise.id) for p in pictures]
    return Strip(items, height_mm=PICTURE_HEIGHT_MM, gap_mm=2.5)


# ----------------------------------------------------------------------------------------------
# The document


def _labelled(label: str, text: str, points: float = 9.5) -> list[Item]:
    return [Text(label, points=points, bold=True, after_mm=0.4), Text(text, points=points, after_mm=1.2)]


def exercise_block(number: int, exercise: Exercise, note: str = "", language: str = SOURCE_LANGUAGE) -> Stack:
    """One exercise, kept on one page: title, numbers, pictures, steps beside cautions and when to stop."""
    _ = translation(language).gettext
    steps: list[Item] = [Text(_("How to do it"), points=9.5, bold=True, after_mm=0.6)]
    steps += [Text(line, points=9.5, bullet=f"{i}.", indent_mm=5.0, after_mm=0.3)
              for i, line in enumerate(steps_in_words(exercise, language), start=1)]
    care: list[Item] = []
    if exercise.cautions:
        care.append(Text(_("Take care"), points=9.5, bold=True, after_mm=0.6))
        care += [Text(_fill(c, "right", language), points=9.5, bullet="–", indent_mm=3.5, after_mm=0.3)
                 for c in exercise.cautions]
        care.append(Space(0.8))
    if exercise.stop_if:
        care += _labelled(_("When to stop"), _fill(exercise.stop_if, "right", language))
    if note:
        care += _labelled(_("Note from your clinician"), note)
    pictures = _picture_row(exercise, language)
    # Pictures across with the steps and the cautions under them side by side, or, when the pictures
    # leave room (upright figures are narrow), the cautions beside the pictures and the steps under them.
    under = Stack([pictures, Space(1.2), Balanced(Stack(steps), Stack(care), gap_mm=5.0)])
    beside = Stack([Beside(pictures, Stack(care), gap_mm=5.0), Space(1.2), Stack(steps)])
    return Stack([
        Rule(after_mm=1.2),
        heading(f"{number}. {exercise.title}", points=12.5, after_mm=0.3),
        Text(dose_in_words(exercise, language), points=10, bold=True, after_mm=1.2),
        Shortest([under, beside]),
    ], after_mm=2.0)


def handout_items(routine: Routine, extras: HandoutExtras) -> list[Item]:
    """Every item of the handout, in order: the heading, the safety box, one block per exercise."""
    language = extras.language
    _ = translation(language).gettext
    items: list[Item] = [heading(routine.title, points=18, after_mm=1.0)]
    facts = []
    if extras.days_per_week:
        facts.append(_("Days a week: {days}").format(days=extras.days_per_week))
    if extras.diary_number:
        facts.append(_("Diary number: {number}").format(number=spaced(extras.diary_number)))
    if facts:
        items.append(Text(SEPARATOR.join(facts), points=11, bold=True, after_mm=1.5))
    if extras.clinician_note:
        items.append(Stack(_labelled(_("From your clinician"), extras.clinician_note, points=10),
                           frame=True, padding_mm=2.5, after_mm=2.5))
    items.append(Stack([Text(_(STOP_LINE), points=11, bold=True, after_mm=0.8),
                        Text(_(SAFETY_TEXT), points=9.5, after_mm=0.0)],
                       frame=True, padding_mm=2.5, after_mm=3.0))
    for number, exercise in enumerate(routine.exercises, start=1):
        items.append(exercise_block(number, exercise, extras.notes.get(exercise.id, ""), language))
    return items


def _footer(routine: Routine, language: str = SOURCE_LANGUAGE):
    _ = translation(language).gettext

    def footer(page: int, pages: int) -> str:
        where = _("Page {page} of {pages}").format(page=page, pages=pages)
        return SEPARATOR.join((routine.title, _(STOP_LINE), where))
    return footer


@dataclass(frozen=True)
class Printed:
    """What was put on paper: the number of pages, and where each exercise's pictures went."""

    pages: int
    pictures: tuple[DrawnPicture, ...]
    scale: float                      # 1.0, or how much the sizes stepped down to fit two pages


def paint_handout(device: QPagedPaintDevice, routine: Routine, extras: HandoutExtras) -> Printed:
    """Lay the handout out for this device's page and paint it."""
    for exercise in routine.exercises:
        if exercise.sides not in PAPER_SIDES:
            raise ValueError(f"{exercise.id}: unknown sides {exercise.sides!r}")
    items = handout_items(routine, extras)
    must_fit = 2 if len(routine.exercises) <= MOST_ON_TWO_PAGES else None
    for scale in SCALES:
        ts = Typesetter(device, scale)
        pages = paginate(items, ts)
        if must_fit is None or len(pages) <= must_fit:
            break
    render(device, pages, ts, footer=_footer(routine, extras.language))
    return Printed(len(pages), tuple(ts.drawn), ts.scale)


def _extras(notes, days_per_week, clinician_note, diary_number, language=SOURCE_LANGUAGE) -> HandoutExtras:
    number = "".join(str(diary_number or "").split()) or None
    if number is not None and not is_diary_number(number):
        raise ValueError("diary_number must be a diary number (eight digits), never a name")
    return HandoutExtras(dict(notes or {}), days_per_week, clinician_note or "", number, language)


def handout_pdf(routine: Routine, *, paper: str = "a4", notes: Mapping[str, str] | None = None,
                days_per_week: int | None = None, clinician_note: str = "",
                diary_number: str | None = None, language: str = SOURCE_LANGUAGE) -> tuple[bytes, Printed]:
    """The handout as PDF bytes, and what was printed."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(routine.title)
    writer.setCreator("SI joint exercise kiosk")
    set_up_page(writer, paper)
    printed = paint_handout(writer, routine, _extras(notes, days_per_week, clinician_note, diary_number, language))
    del writer                                  # finishes the file
    buffer.close()
    return bytes(QByteArray(buffer.data())), printed


def write_handout(path: Path | str, routine: Routine, *, paper: str = "a4",
                  notes: Mapping[str, str] | None = None, days_per_week: int | None = None,
                  clinician_note: str = "", diary_number: str | None = None,
                  language: str = SOURCE_LANGUAGE) -> Printed:
    """Write the handout of `routine` as a PDF file at `path` (0600); what was printed (`.pages`)."""
    data, printed = handout_pdf(routine, paper=paper, notes=notes, days_per_week=days_per_week,
                                clinician_note=clinician_note, diary_number=diary_number, language=language)
    write_private(path, data)
    return printed


def print_handout(printer: QPrinter, routine: Routine, *, paper: str | None = None,
                  notes: Mapping[str, str] | None = None, days_per_week: int | None = None,
                  clinician_note: str = "", diary_number: str | None = None,
                  language: str = SOURCE_LANGUAGE) -> Printed:
    """Print the handout on `printer` (its own paper unless `paper` is given); what was printed."""
    printer.setDocName(routine.title)
    set_up_page(printer, paper)
    return paint_handout(printer, routine, _extras(notes, days_per_week, clinician_note, diary_number, language))
