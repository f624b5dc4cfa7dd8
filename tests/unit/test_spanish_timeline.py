"""The Spanish timeline of every bundled routine: every sentence said or shown is Spanish, none English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.core.loader import load_routines
from kiosk.core.phrases import side_words
from kiosk.core.timeline import compile_routine

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = load_routines(ROOT / "routines")
SPANISH = load_routines(ROOT / "routines", language="es")
#: Words that are English and never Spanish: any of them in a Spanish text means a sentence left half done.
ENGLISH_WORDS = {"the", "your", "you", "and", "of", "with", "side", "right", "left", "hold", "release", "rest",
                 "knee", "knees", "back", "hip", "foot", "feet", "slowly", "gently", "stop", "if", "to", "on",
                 "it", "is", "one", "two", "three", "four", "five", "welcome", "well", "done", "next", "now"}


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-záéíóúñü]+", text.lower()))


def without_numbers(text: str) -> str:
    return re.sub(r"\d+", "#", text).strip()


def shown_and_said(routine, language: str) -> list[str]:
    """Every text of the routine a person hears or sees during it: the cues' words and captions, and the
    exercises' titles, summaries, notes and cautions (all shown beside the move)."""
    timeline = compile_routine(routine, language)
    texts = [routine.title, routine.summary]
    texts += [t for cue in timeline.cues for t in (cue.text, cue.caption) if t]
    for exercise in routine.exercises:
        texts += [exercise.title, exercise.summary, exercise.reps_note, exercise.stop_if, *exercise.cautions]
        texts += [t for step in exercise.setup + exercise.steps for t in (step.say, step.again) if t]
    sides = side_words("right", language)          # the texts as written, their sides filled in
    return [t.format(**sides) for t in texts if t]


def test_every_bundled_routine_loads_in_spanish_without_a_gap():
    assert SPANISH.errors == [] and SPANISH.missing_translations == []
    assert list(SPANISH.routines) == list(ENGLISH.routines) and len(SPANISH.routines) >= 4


@pytest.mark.parametrize("routine_id", sorted(ENGLISH.routines))
def test_no_english_sentence_is_left_in_the_spanish_timeline(routine_id):
    english = {without_numbers(t) for t in shown_and_said(ENGLISH.routines[routine_id], "en")}
    spanish = shown_and_said(SPANISH.routines[routine_id], "es")
    assert len(spanish) > 100
    left = sorted({t for t in spanish if without_numbers(t) in english and not t.strip("#. ").isdigit()})
    assert not left, f"English left in the Spanish {routine_id}: {left}"
    half = sorted({t for t in spanish if words(t) & ENGLISH_WORDS})
    assert not half, f"English words in the Spanish {routine_id}: {half}"
    assert not [t for t in spanish if "{" in t or "}" in t], "a placeholder left unfilled"


@pytest.mark.parametrize("routine_id", sorted(ENGLISH.routines))
def test_the_spanish_timeline_has_the_english_moves(routine_id):
    english = compile_routine(ENGLISH.routines[routine_id], "en")
    spanish = compile_routine(SPANISH.routines[routine_id], "es")
    shape = lambda t: [(c.kind, c.exercise, c.side, c.pose, c.rep, c.reps, c.count, c.segment) for c in t.cues]
    assert shape(spanish) == shape(english)
    assert [c.text is None for c in spanish.cues] == [c.text is None for c in english.cues]
    assert spanish.language == "es" and english.language == "en"


def test_the_spanish_counts_sides_and_reps():
    timeline = compile_routine(SPANISH.routines["floor"], "es")
    said = [c.text for c in timeline.cues if c.text]
    for expected in ("Una de ocho.", "Ocho de ocho.", "Empezamos con el lado derecho.", "Ahora, el lado izquierdo.",
                     "Lado derecho.", "Lado izquierdo.", "Mantenga la posición.", "Y suelte.", "cinco", "uno",
                     "Rodee su rodilla izquierda con las manos. Llévela con suavidad hacia el pecho.",
                     "Apoye el tobillo izquierdo sobre la rodilla derecha.", "Bájelas despacio hacia la izquierda."):
        assert expected in said, expected
    counts = " ".join(c.text for c in timeline.cues if c.kind == "count" and c.text)
    assert "cinco cuatro tres dos uno" in counts          # the ball squeeze's five seconds
    assert not words(counts) - {"cinco", "cuatro", "tres", "dos", "uno"}


def test_the_spanish_script_names_its_length_in_spanish():
    script = compile_routine(SPANISH.routines["gentle-start"], "es").script()
    assert re.match(r"Comienzo suave \(\d+ minutos\)", script.splitlines()[0])


def test_the_choices_in_spanish():
    choices = SPANISH.choices()
    assert [c.title for c in choices.routines] == [r.title for r in SPANISH.routines.values()]
    english = {c.id: c for c in ENGLISH.choices().routines}
    for choice in choices.routines:
        assert choice.title != english[choice.id].title and choice.summary != english[choice.id].summary
        assert choice.seconds == compile_routine(SPANISH.routines[choice.id], "es").duration


def test_the_aerobics_page_in_spanish():
    page, source = SPANISH.aerobics, ENGLISH.aerobics
    texts = [page.title, page.intro, *page.avoid, *(t for a in page.activities for t in (a.title, a.text))]
    english = [source.title, source.intro, *source.avoid, *(t for a in source.activities for t in (a.title, a.text))]
    assert len(texts) == len(english)
    assert not set(texts) & set(english)
    assert not [t for t in texts if words(t) & ENGLISH_WORDS]
    assert page.weekly_goal_minutes == source.weekly_goal_minutes
    assert [a.id for a in page.activities] == [a.id for a in source.activities]
