"""The printed handout read back with poppler: every exercise, number, caution and note in its text, at most
two pages for six exercises on A4 and Letter, each block on one page, and pictures drawn (in greyscale too)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.core.diary_number import new_diary_number
from kiosk.core.loader import load_routines
from kiosk.core.poses import POSES
from kiosk.paths import bundled_dir
from kiosk.ui.paper.handout import key_pictures, steps_in_words, write_handout
from pdf_pages import crop, flat, grey_pages, need_poppler, page_count, pdf_info, pdf_text

ROUTINES = load_routines(bundled_dir("routines"))
LIBRARY = ROUTINES.exercises
DIARY = new_diary_number(lambda below: 1234567 % below)   # a valid number, the same each run
CLINICIAN = "Start with the gentle moves. Call the clinic if the pain is worse after a week."
SIDES_IN_WORDS = {"each": "each side", "alternate": "in turn", "left": "left side only", "right": "right side only"}
PAGE_SIZE = {"a4": "(A4)", "letter": "612 x 792 pts (letter)"}   # pdfinfo names the paper


def _six(routine_id: str):
    """The routine, cut to its first six exercises when it has more (the handout's two-page promise)."""
    routine = ROUTINES.routines[routine_id]
    return replace(routine, exercises=routine.exercises[:6])


def _wordiest_six():
    """The six exercises of the library with the most words, in library order: the longest blocks there are."""
    def words(e):
        return sum(len(s.say or "") for s in (*e.setup, *e.steps)) + sum(map(len, e.cautions)) + len(e.stop_if)
    chosen = set(sorted(LIBRARY, key=lambda k: words(LIBRARY[k]), reverse=True)[:6])
    base = ROUTINES.routines["floor"]
    return replace(base, id="wordiest", title="The six wordiest moves",
                   exercises=tuple(LIBRARY[k] for k in LIBRARY if k in chosen))


def _biggest_bundled():
    return max(ROUTINES.routines.values(), key=lambda r: len(r.exercises))


def _notes(routine) -> dict[str, str]:
    return {e.id: f"Note for {e.title}: slowly, and stop early if it aches." for e in routine.exercises}


SIX = {"biggest bundled, first six": lambda: _six(_biggest_bundled().id),
       "waiting room": lambda: _six("waiting-room"),
       "six wordiest": _wordiest_six}


@pytest.fixture
def poppler():
    need_poppler()


def _write(tmp_path, routine, paper, **extras):
    path = tmp_path / f"{routine.id}-{paper}.pdf"
    printed = write_handout(path, routine, paper=paper, **extras)
    return path, printed


def _expected_words(exercise) -> list[str]:
    words = [exercise.title, f"Repetitions: {exercise.reps}", *exercise.cautions, exercise.stop_if]
    if any(step.hold for step in exercise.steps):
        words.append(f"Hold: {exercise.hold:g} second")
    if exercise.sides in SIDES_IN_WORDS:
        words.append(SIDES_IN_WORDS[exercise.sides])
    return [flat(w) for w in words if w]


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("which", list(SIX))
def test_six_exercises_fit_two_pages_with_every_word_and_number(qapp, poppler, tmp_path, paper, which):
    routine = SIX[which]()
    assert len(routine.exercises) == 6
    notes = _notes(routine)
    path, printed = _write(tmp_path, routine, paper, notes=notes, days_per_week=3,
                           clinician_note=CLINICIAN, diary_number=DIARY)
    assert path.stat().st_mode & 0o777 == 0o600
    assert pdf_info(path)["Page size"].endswith(PAGE_SIZE[paper])
    assert page_count(path) == printed.pages <= 2
    text = pdf_text(path)
    for expected in (routine.title, "Days a week: 3", f"Diary number: {DIARY[:4]} {DIARY[4:]}", CLINICIAN,
                     "Stop and rest if your pain rises."):
        assert expected in text
    for number, exercise in enumerate(routine.exercises, start=1):
        assert f"{number}. {exercise.title}" in text
        for expected in [*_expected_words(exercise), notes[exercise.id]]:
            assert expected in text, f"{exercise.id}: {expected!r} is not on the handout"
    # Each exercise's block on one page: its title, its last caution and its note on the same page.
    pages = [pdf_text(path, page) for page in range(1, printed.pages + 1)]
    for exercise in routine.exercises:
        holding = [i for i, page in enumerate(pages) if exercise.title in page]
        assert len(holding) == 1
        page = pages[holding[0]]
        assert flat(exercise.cautions[-1]) in page and notes[exercise.id] in page and flat(exercise.stop_if) in page
    # The general stop line on every page.
    assert all("Stop and rest if your pain rises." in page for page in pages)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_exercise_picture_is_drawn_and_prints_in_greyscale(qapp, poppler, tmp_path, paper):
    routine = _six(_biggest_bundled().id)
    path, printed = _write(tmp_path, routine, paper)
    pages = grey_pages(path, 60, tmp_path)
    assert len(pages) == printed.pages
    for exercise in routine.exercises:
        drawn = [p for p in printed.pictures if p.tag == exercise.id]
        assert len(drawn) == len(key_pictures(exercise)) >= len(exercise.poses)
        for picture in drawn:
            area = crop(pages[picture.page - 1], picture.box)
            assert area.size > 200, "the picture box is tiny"
            inked = (area < 230).mean()
            dark = (area < 90).mean()
            assert inked > 0.05, f"{exercise.id}: hardly anything drawn in the picture ({inked:.1%})"
            assert dark > 0.005, f"{exercise.id}: no dark outlines, the figure would fade in greyscale ({dark:.1%})"
            assert inked < 0.9, f"{exercise.id}: the picture is a block of ink"
    # Away from the pictures the page is paper: a blank strip below the footer is white.
    for page in pages:
        assert (page[-10:, :] > 240).all()


def test_a_plan_on_one_side_prints_that_side_with_its_own_numbers(qapp, poppler, tmp_path):
    """A plan's routine: the left side only, 5 repetitions held 7 s; right only for another."""
    base = ROUTINES.routines["gentle-start"]
    left = replace(LIBRARY["knee_to_chest"], sides="left", reps=5, hold=7)
    right = replace(LIBRARY["outer_hip_stretch"], sides="right", reps=4)
    plan = replace(base, id="plan", title="My plan", exercises=(left, LIBRARY["ball_squeeze"], right))
    path, printed = _write(tmp_path, plan, "letter", days_per_week=4)
    text = pdf_text(path)
    assert "Repetitions: 5" in text and "Hold: 7 seconds" in text and "left side only" in text
    assert "Wrap your hands around your left knee." in text and "your right knee" not in text
    assert "Repetitions: 4" in text and "right side only" in text and "Rest your right ankle on your left knee." in text
    assert "Days a week: 4" in text and "Diary number" not in text
    assert [p.caption for p in printed.pictures if p.tag == "knee_to_chest"] == ["Start", "Left side"]
    captions = [p.caption for p in printed.pictures if p.tag == "outer_hip_stretch"]
    assert captions == ["Start", "Right side", "Right side"]


def test_a_name_is_never_printed_as_the_diary_number(qapp, tmp_path):
    with pytest.raises(ValueError, match="never a name"):
        write_handout(tmp_path / "x.pdf", _six("gentle-start"), diary_number="Ann Smith")
    assert not (tmp_path / "x.pdf").exists()


def test_key_pictures_mirror_the_left_and_show_both_sides_for_each():
    each = LIBRARY["knee_to_chest"]
    assert [(p.pose, p.left) for p in key_pictures(each)] == [
        ("hook_lying", False), ("one_knee_to_chest", False), ("one_knee_to_chest", True)]
    left_only = [(p.pose, p.left) for p in key_pictures(replace(each, sides="left"))]
    assert left_only == [("hook_lying", False), ("one_knee_to_chest", True)]
    both = LIBRARY["both_knees_to_chest"]           # not one-sided: each pose once
    assert [(p.pose, p.left) for p in key_pictures(both)] == [(name, False) for name in both.poses]
    for exercise in LIBRARY.values():
        for picture in key_pictures(exercise):
            assert picture.pose in POSES


def test_steps_fill_the_side_in_plain_words():
    each = LIBRARY["outer_hip_stretch"]
    lines = steps_in_words(each)
    assert "Rest your right ankle on your left knee." in lines
    assert lines[-1] == "Then all of them again with the left side."
    assert not any("{" in line for e in LIBRARY.values() for line in steps_in_words(e))
    ball = LIBRARY["ball_squeeze"]                  # its setup says one sentence twice: printed once
    assert len(steps_in_words(ball)) == len({s.say for s in (*ball.setup, *ball.steps) if s.say})


def test_the_biggest_routine_is_tested_cut_to_six():
    """The brief's rule: the biggest bundled routine, cut to six when it has more."""
    biggest = _biggest_bundled()
    assert len(biggest.exercises) >= 6
    assert len(_six(biggest.id).exercises) == 6
