"""The handout and the visit report in Spanish, read back with poppler: Spanish headings, texts, doses, dates
("2 de marzo de 2026") and chart words, no English heading left, the same numbers as in English, and every
word inside the page and clear of every other word (Spanish runs about a quarter longer). The screens' print
buttons print in the screens' language."""

from __future__ import annotations

import html
import itertools
import re
import subprocess
from collections import Counter
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtPrintSupport import QPrinter

from kiosk.core.loader import load_routines
from kiosk.paths import bundled_dir
from kiosk.ui.language import set_language
from kiosk.ui.paper.handout import write_handout
from kiosk.ui.paper.page import MARGIN_MM
from kiosk.ui.paper.print_action import HandoutPrinting
from kiosk.ui.paper.report import report_content, write_report_pdf
from kiosk.ui.paper.report_layout import MARGIN_PT
from paper_diaries import diary_records
from pdf_pages import flat, need_poppler, page_count, pdf_text
from test_drive_choice import clinic_admin  # noqa: F401  (the fixture)

SPANISH = load_routines(bundled_dir("routines"), language="es")
DIARY = "15002278"
TODAY = date(2026, 3, 2)
RECORDS = diary_records(date(2025, 11, 3), date(2026, 3, 1), seed=9)
POINTS_PER_MM = 72 / 25.4

HANDOUT_ENGLISH = ("How to do it", "Take care", "When to stop", "Note from your clinician", "From your clinician",
                   "Repetitions", "Hold:", "Sides:", "Days a week", "Diary number", "Page ", "Stop and rest",
                   "Right side", "Left side", "each side", "second")
REPORT_ENGLISH = ("Pain and exercise diary", "Made on", "Period covered", "How the pain changed", "Week by week",
                  "Before and after sessions", "Left against right", "Sessions and aerobic activity",
                  "Exercises that hurt", "Exercises left out", "What made it worse", "Notes, newest first",
                  "average", "ratings", "first week", "meaningful improvement", "ISO weeks", "Pain (0 to 10)",
                  "Aerobic activity", "goal:", "days a week", "visit report", "page 1 of")


@pytest.fixture
def poppler():
    need_poppler()


# -- reading the words' places back ----------------------------------------------------------------

def word_boxes(path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """Per page: its width and height in points, and each word's box (x0, y0, x1, y1, word), by pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True,
                         timeout=60).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        width, height = map(float, re.match(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        words = [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page)]
        pages.append((width, height, words))
    return pages


def overlapping(words) -> list[tuple[str, str]]:
    """Pairs of words whose boxes overlap by more than half a point each way."""
    return [(a[4], b[4]) for a, b in itertools.combinations(words, 2)
            if min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5]


def assert_laid_out(path, margin: float, bottom: float) -> None:
    """Every word inside the left, right and top margins and above `bottom` points from the sheet's foot,
    and no two words on top of each other."""
    for number, (width, height, words) in enumerate(word_boxes(path), start=1):
        assert words, f"page {number} is empty"
        outside = [w[4] for w in words
                   if w[0] < margin - 1 or w[2] > width - margin + 1 or w[1] < margin - 1 or w[3] > height - bottom]
        assert not outside, f"page {number}: off the printable area: {outside[:8]}"
        assert not overlapping(words), f"page {number}: words on top of each other: {overlapping(words)[:8]}"


def assert_no_english(text: str, english) -> None:
    left = [words for words in english if words in text]
    assert not left, f"English left in the Spanish page: {left}"


# -- the handout -----------------------------------------------------------------------------------

def _six(routine):
    return replace(routine, exercises=routine.exercises[:6])


def _wordiest_six():
    library = SPANISH.exercises

    def words(e):
        return sum(len(s.say or "") for s in (*e.setup, *e.steps)) + sum(map(len, e.cautions)) + len(e.stop_if)
    chosen = set(sorted(library, key=lambda k: words(library[k]), reverse=True)[:6])
    return replace(SPANISH.routines["floor"], id="wordiest", title="Los seis movimientos más largos",
                   exercises=tuple(library[k] for k in library if k in chosen))


#: The six longest Spanish moves, each with a clinician's note, would need type below SMALLEST_SCALE to fit two
#: Letter pages (measured: three pages down to 0.78, two at 0.76): the handout keeps its smallest readable type and
#: takes a third page there, and only there.
THIRD_PAGE = {("letter", "six wordiest")}
SIX = {"waiting room": lambda: _six(SPANISH.routines["waiting-room"]),
       "biggest bundled, first six": lambda: _six(max(SPANISH.routines.values(), key=lambda r: len(r.exercises))),
       "six wordiest": _wordiest_six}


def _notes(routine) -> dict[str, str]:
    return {e.id: f"Nota para {e.title}: despacio, y pare antes si le molesta." for e in routine.exercises}


@pytest.mark.parametrize("paper, which", [(paper, which) for paper in ("a4", "letter") for which in SIX])
def test_six_spanish_exercises_fit_two_pages_in_spanish_words_and_inside_the_page(qapp, poppler, tmp_path,
                                                                                   paper, which):
    routine = SIX[which]()
    path = tmp_path / f"{routine.id}-{paper}.pdf"
    printed = write_handout(path, routine, paper=paper, notes=_notes(routine), days_per_week=3,
                            clinician_note="Empiece con los movimientos suaves.", diary_number=DIARY, language="es")
    assert printed.pages == page_count(path) <= (3 if (paper, which) in THIRD_PAGE else 2)
    text = pdf_text(path)
    for heading in ("Cómo hacerlo", "Cuándo parar", "Nota de su profesional de salud", "De su profesional de salud",
                    "Días por semana: 3", "Número de diario: 1500 2278", "Pare y descanse si el dolor aumenta.",
                    f"Página 1 de {printed.pages}"):
        assert heading in text
    for exercise in routine.exercises:
        assert flat(exercise.title) in text and f"Repeticiones: {exercise.reps}" in text
        assert all(flat(caution) in text for caution in exercise.cautions)
        if exercise.cautions:
            assert "Tenga cuidado" in text
    assert_no_english(text, HANDOUT_ENGLISH)
    assert_laid_out(path, MARGIN_MM * POINTS_PER_MM, MARGIN_MM * POINTS_PER_MM - 1)


@pytest.mark.parametrize("routine_id", sorted(SPANISH.routines))
def test_every_bundled_routines_spanish_handout_is_inside_the_page_with_one_footer_line(qapp, poppler, tmp_path,
                                                                                        routine_id):
    routine = SPANISH.routines[routine_id]
    path = tmp_path / f"{routine_id}.pdf"
    printed = write_handout(path, routine, paper="letter", language="es")
    assert_laid_out(path, MARGIN_MM * POINTS_PER_MM, MARGIN_MM * POINTS_PER_MM - 1)
    for number, (width, height, words) in enumerate(word_boxes(path), start=1):
        foot = [w for w in words if w[1] > height - (MARGIN_MM + 8) * POINTS_PER_MM]
        assert " ".join(w[4] for w in foot).endswith(f"Página {number} de {printed.pages}")
        assert len({round(w[1]) for w in foot}) == 1, "the footer ran onto a second line"


def test_the_spanish_dose_line_hold_and_sides(qapp, poppler, tmp_path):
    each = next(e for e in SPANISH.exercises.values() if e.sides == "each" and any(s.hold for s in e.steps))
    one = replace(each, id="uno", reps=1, hold=1.0, sides="right")
    routine = replace(SPANISH.routines["floor"], exercises=(each, one))
    path = tmp_path / "dose.pdf"
    write_handout(path, routine, language="es")
    text = pdf_text(path)
    assert f"Repeticiones: {each.reps} por lado" in text and f"Mantener: {each.hold:g} segundos" in text
    assert "Lados: derecho y luego izquierdo" in text
    assert "Repeticiones: 1" in text and "Mantener: 1 segundo " in text and "Lados: solo el lado derecho" in text
    assert "Después, todo otra vez con el lado izquierdo." in text


def test_the_home_print_button_prints_in_the_screens_language(make_window, qtbot, poppler, tmp_path):
    window = make_window()
    asked = []

    def to_file(printer: QPrinter, parent) -> bool:
        asked.append(parent)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / f"home-{len(asked)}.pdf"))
        return True

    window.handout_printing = HandoutPrinting(window, ask=to_file, default_printer=lambda: None)
    set_language("es")
    routine = SPANISH.routines["gentle-start"]
    window._print_handout(routine)
    assert window.home.notice.text() == f"Imprimiendo la hoja de {routine.title}\u2026"   # while it is painted
    qtbot.waitUntil(lambda: "se guardó como" in window.home.notice.text(), timeout=10_000)
    text = pdf_text(tmp_path / "home-1.pdf")
    assert routine.title in text and "Cómo hacerlo" in text and "How to do it" not in text
    assert window.home.notice.text().startswith(f"La hoja de {routine.title} (")
    set_language("en")
    window._print_handout(load_routines(bundled_dir("routines")).routines["gentle-start"])
    assert window.home.notice.text().endswith("Printing the handout for Gentle start\u2026")   # a line of its own
    qtbot.waitUntil(lambda: "was saved as" in window.home.notice.text(), timeout=10_000)
    assert "How to do it" in pdf_text(tmp_path / "home-2.pdf")


# -- the visit report ------------------------------------------------------------------------------

def _report(tmp_path, language: str, name: str, records=RECORDS, **extra):
    titles = {key: e.title for key, e in load_routines(bundled_dir("routines"), language=language).exercises.items()}
    content = report_content(*records, diary_number=DIARY, today=TODAY, exercise_titles=titles, language=language,
                             **extra)
    path = tmp_path / name
    pages = write_report_pdf(path, content, "letter")
    return path, pages


def test_the_spanish_report_speaks_spanish_with_spanish_dates(qapp, poppler, tmp_path):
    path, pages = _report(tmp_path, "es", "es.pdf", plan_days_per_week=3)
    text = pdf_text(path)
    assert "Diario de dolor y ejercicio: informe para la consulta" in text
    assert "Número de diario 1500 2278. Hecho el 2 de marzo de 2026" in text
    assert "Período: del 3 de noviembre de 2025 al 1 de marzo de 2026, 17 semanas (2025-W45 a 2026-W09)" in text
    for heading in ("Cómo cambió el dolor", "Semana a semana", "Antes y después de las sesiones",
                    "Izquierda frente a derecha", "Sesiones y actividad aeróbica",
                    "Ejercicios que dolieron (“Me duele” durante una sesión)", "Ejercicios omitidos",
                    "Qué lo empeoró", "Notas, de la más reciente a la más antigua"):
        assert heading in text
    for chart in ("dolor promedio de cada semana", "Semanas ISO (de lunes a domingo)", "meta: 150 minutos por semana",
                  "plan: 3 días por semana", "S45", "S09", "Sesiones", "Aeróbico"):
        assert chart in text
    assert "el plan pide 3 días por semana" in text
    assert f"Diario 1500 2278 · informe para la consulta · 2 de marzo de 2026 página {pages} de {pages}" in text
    assert_no_english(text, REPORT_ENGLISH)


def test_the_spanish_report_holds_the_same_numbers_as_the_english_one(qapp, poppler, tmp_path):
    english, _ = _report(tmp_path, "en", "en.pdf", plan_days_per_week=3)
    spanish, _ = _report(tmp_path, "es", "es.pdf", plan_days_per_week=3)

    def numbers(path) -> Counter:
        text = pdf_text(path)
        text = re.sub(r"\b(\d{4})-W(\d\d)\b", r"\1 \2", text)
        return Counter(re.findall(r"\d+(?:\.\d+)?", text))

    assert numbers(spanish) == numbers(english) and sum(numbers(english).values()) > 150


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_spanish_report_stays_inside_its_pages(qapp, poppler, tmp_path, paper):
    titles = {key: e.title for key, e in SPANISH.exercises.items()}
    content = report_content(*RECORDS, diary_number=DIARY, today=TODAY, exercise_titles=titles, language="es",
                             plan_days_per_week=5)
    path = tmp_path / f"report-{paper}.pdf"
    assert write_report_pdf(path, content, paper) == page_count(path) <= 2
    assert_laid_out(path, MARGIN_PT, 12)          # the footer line sits in the bottom margin


def test_an_empty_spanish_report(qapp, poppler, tmp_path):
    path, pages = _report(tmp_path, "es", "empty.pdf", records=([], [], []))
    text = pdf_text(path)
    assert pages == 1 and "Período: todavía no hay registros." in text and "Todavía no hay registros" in text
    assert_no_english(text, ("No records yet", "Period covered", "This diary"))


def test_my_progress_prints_the_report_in_the_screens_language(qtbot, qapp, poppler, tmp_path):
    from test_visit_report_buttons import PdfStep, progress

    step = PdfStep(tmp_path)
    screen = progress(qtbot, step)
    set_language("es")
    with qtbot.waitSignal(screen.report_printed, timeout=20_000):
        screen.print_report()
        assert screen._status.text() == "Imprimiendo el informe\u2026"          # while it is painted
    text = pdf_text(tmp_path / "report-1.pdf")
    assert "Diario de dolor y ejercicio: informe para la consulta" in text and "How the pain changed" not in text
    assert step.pages[0].message.startswith("El informe (") and "se guardó en" in step.pages[0].message
    set_language("en")
    with qtbot.waitSignal(screen.report_printed, timeout=20_000):
        screen.print_report()
    assert "How the pain changed" in pdf_text(tmp_path / "report-2.pdf")
    assert step.pages[1].message.startswith("The report (")


def test_the_longest_spanish_handout_on_letter_keeps_its_type_and_each_move_on_one_page(qapp, poppler, tmp_path):
    from kiosk.ui.paper.handout import SMALLEST_SCALE

    routine = _wordiest_six()
    path = tmp_path / "wordiest-letter.pdf"
    printed = write_handout(path, routine, paper="letter", notes=_notes(routine), days_per_week=3,
                            clinician_note="Empiece con los movimientos suaves.", diary_number=DIARY, language="es")
    assert printed.scale >= SMALLEST_SCALE and printed.pages == page_count(path)
    for exercise in routine.exercises:
        assert len({p.page for p in printed.pictures if p.tag == exercise.id}) == 1, exercise.id
    assert_laid_out(path, MARGIN_MM * POINTS_PER_MM, MARGIN_MM * POINTS_PER_MM - 1)


# -- the clinic's admin screen: the FHIR export and the report onto the drive ----------------------

def test_the_clinics_fhir_export_and_report_follow_the_screens_language(qtbot, clinic_admin, store, poppler):
    import json
    from pathlib import Path

    clinic, profile, drive, _volumes = clinic_admin
    admin = clinic.admin
    admin.select_profile(profile.profile_id)
    set_language("es")
    with qtbot.waitSignal(admin.profile_exported, timeout=10_000) as exported:
        admin.fhir_button.click()
    text = Path(exported.args[1]).read_text(encoding="utf-8")
    bundle = json.loads(text)
    assert bundle["language"] == "es" and {e["resource"]["language"] for e in bundle["entry"]} == {"es"}
    assert "Región de la articulación sacroilíaca" in text and "Sacroiliac joint region" not in text
    with qtbot.waitSignal(admin.profile_reported, timeout=20_000) as reported:
        admin.report_button.click()
    assert reported.args[1].done, reported.args[1].message
    report = pdf_text(next(drive.glob("visit-report-*.pdf")))
    assert "Diario de dolor y ejercicio: informe para la consulta" in report and "Week by week" not in report
