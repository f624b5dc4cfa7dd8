"""The home-side screens change language at run time: safety, player, summary, skip offer, rating, details,
progress and its chart, my data, aerobics, activity log and the plan offer, in Spanish and back to English."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.core.loader import load_routines
from kiosk.core.progression import Proposal
from kiosk.core.records import AerobicEntry, PainRating, SessionRecord
from kiosk.core.session import Session
from kiosk.core.timeline import compile_routine
from kiosk.paths import bundled_dir
from kiosk.ui.language import set_language

TZ = timezone(timedelta(hours=-5))


@pytest.fixture(scope="module")
def libraries():
    folder = bundled_dir("routines")
    return {language: load_routines(folder, language=language) for language in ("en", "es")}


def texts_of(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.text()]


def test_safety_and_skip_offer_follow_the_language(qtbot):
    from kiosk.ui.screens.safety import SafetyScreen
    from kiosk.ui.screens.skip_offer import SkipOfferScreen

    safety, offer = SafetyScreen(), SkipOfferScreen()
    for screen in (safety, offer):
        qtbot.addWidget(screen)
    offer.offer(["Puente", "Giro sentado"])
    assert safety.continue_button.text() == "I understand, continue"
    set_language("es")
    assert safety.title.text() == "Antes de empezar"
    assert safety.accessibleName() == "Antes de empezar"
    assert safety.continue_button.accessibleName() == "Entiendo, continuar"
    assert any("Me duele" in text for text in texts_of(safety))        # the red button's Spanish name
    assert safety.no_diagnosis.text() == "Esta aplicación guía ejercicios; no diagnostica ni trata."
    assert offer.title.text() == "¿Quitar lo que dolió?"
    assert offer.leave_button.text() == "Quitarlos"
    assert offer.names.text() == "•  Puente\n•  Giro sentado"          # the titles as given
    set_language("en")
    assert safety.title.text() == "Before you start"
    assert offer.keep_button.text() == "Keep them in"


def test_player_shows_counts_sides_and_buttons_in_spanish(qtbot, libraries):
    from kiosk.ui.screens.player import PlayerScreen

    routine = libraries["es"].routines["gentle-start"]
    timeline = compile_routine(routine, "es")
    player = PlayerScreen()
    qtbot.addWidget(player)
    player.resize(1024, 600)
    player.begin(timeline, lambda: 125.0)
    try:
        cue = next(c for c in timeline.cues if c.rep and c.reps and c.reps > 1 and c.side == "right")
        player.show_cue(cue)
        player.set_progress(3, 40)
        assert player.hurt_button.text() == "It hurts"
        assert player.rep.text() == f"Rep {cue.rep} of {cue.reps}"
        assert player.time_left.text() == "2:05 left"
        set_language("es")
        assert player.hurt_button.text() == "Me duele"
        assert player.hurt_button.accessibleName() == "Me duele"
        assert player.hurt_button.accessibleDescription() == "Tecla H. Detiene todo de inmediato."
        assert (player.back_button.text(), player.pause_button.text(), player.skip_button.text()) == \
            ("Atrás", "Pausa", "Omitir")
        assert player.rep.text() == f"Repetición {cue.rep} de {cue.reps}"
        assert player.side.text() == "Lado derecho"
        assert player.time_left.text() == "Faltan 2:05"
        assert player.progress.text() == "Preparando la voz: 3 de 40 frases"
        assert player.title.text() == "Una rodilla al pecho"               # the library's Spanish
        assert player.next_up.text().startswith("Sigue: ")
        player.set_progress(0, 1)
        assert player.progress.text() == "Preparando la voz: 0 de 1 frase"     # the singular
        player.set_paused(True)
        assert player.pause_button.text() == "Seguir"
        assert player.caption.text() == "En pausa. Toque Seguir cuando quiera continuar."
        set_language("en")
        assert player.pause_button.text() == "Resume"
        assert player.caption.text() == "Paused. Press Resume when you are ready."
        assert player.side.text() == "Right side"
        assert player.accessibleName() == "Exercise"
    finally:
        player.end()


def test_summary_says_outcomes_time_and_plan_answer_in_spanish(qtbot, libraries):
    from kiosk.ui.screens.summary import SummaryScreen

    timeline = compile_routine(libraries["es"].routines["gentle-start"], "es")
    session = Session(timeline)
    session.start(0.0)
    session.skip(1.0)                       # past the introduction
    session.skip(2.0)                       # the first exercise's right side skipped
    session.end(3.0)
    summary = session.summary()
    screen = SummaryScreen()
    qtbot.addWidget(screen)
    screen.show_summary(summary, 612, pain_before=3, pain_after=5)
    proposal = Proposal("step_up", (), "Bridge: 9 reps", "4 good sessions in a row")
    screen.show_plan_outcome(proposal, True)
    assert screen.duration.text() == "Time: 10 min 12 s"
    set_language("es")
    assert screen.heading.text() == "Sesión terminada"
    assert screen.duration.text() == "Tiempo: 10 min 12 s"
    assert screen.counts.text().startswith("Hechos: 0 · Omitidos: 1 · Con dolor: 0.  Dolor antes: 3, después: 5")
    shown = texts_of(screen)
    assert "→ Omitido" in shown and "– No se llegó" in shown
    assert summary.outcomes[0].title in shown                         # the title as the library gave it
    assert screen.advice.text().startswith("Su dolor es mayor que antes")
    assert screen.plan_answer.text() == "Su plan cambió: Bridge: 9 reps."
    assert screen.home_button.text() == "Inicio"
    set_language("en")
    assert screen.plan_answer.text() == "Your plan was changed: Bridge: 9 reps."
    assert "→ Skipped" in texts_of(screen)


def test_rating_scale_words_status_and_faces_follow(qtbot):
    from kiosk.ui.screens.pain_rating import PainRatingScreen
    from kiosk.ui.widgets.pain_faces import PainFace

    screen = PainRatingScreen(undo_ms=60_000, bounce_ms=0)
    qtbot.addWidget(screen)
    screen.resize(1024, 600)
    screen.rating_button(7).click()
    assert screen._status.text() == "You chose 7, severe pain. Touch Undo to change it."
    set_language("es")
    assert screen.question() == "¿Cómo está su dolor ahora?"
    assert screen._status.text() == "Eligió 7, dolor fuerte. Toque Deshacer para cambiarlo."
    assert screen.rating_button(2).accessibleDescription() == "2, dolor leve"
    assert screen.rating_button(10).accessibleDescription() == "10, peor dolor imaginable"
    assert screen._no_pain.text() == "Sin dolor" and screen._worst.text() == "Peor dolor imaginable"
    assert screen._undo.text() == "Deshacer" and screen._skip.accessibleName() == "Omitir"
    screen.confirm_pending()
    assert screen._status.text() == "Guardado: 7, dolor fuerte. Gracias."
    face = PainFace(0)
    qtbot.addWidget(face)
    assert face.accessibleName() == "cara sonriente"
    screen.set_question("A question the main window words itself")
    assert screen.question() == "A question the main window words itself"    # shown as given
    set_language("en")
    assert screen._status.text() == "Saved: 7, severe pain. Thank you."
    assert face.accessibleName() == "smiling face"


def test_pain_details_chips_and_note_follow(qtbot):
    from kiosk.ui.screens.pain_details import PainDetailsScreen

    screen = PainDetailsScreen()
    qtbot.addWidget(screen)
    screen.resize(800, 480)
    screen.worse_button("rolling_over").setChecked(True)
    english_width = screen.worse_button("rolling_over").minimumWidth()
    set_language("es")
    assert screen.side_button("both").text() == "Ambos lados"
    assert screen.worse_button("rolling_over").accessibleName() == "Voltearse en la cama"
    assert screen.worse_button("rolling_over").minimumWidth() > english_width    # the longer label fits
    assert screen.worse_with() == ("rolling_over",)                    # the choice stays
    assert screen.note_edit.placeholderText() == "Opcional, hasta 200 caracteres"
    assert screen._done.text() == "Listo"
    set_language("en")
    assert screen.side_button("middle").text() == "Middle"


def _history():
    start = datetime(2026, 2, 2, 9, tzinfo=TZ)
    ratings, sessions, aerobic = [], [], []
    for day in range(0, 35, 2):
        when = start + timedelta(days=day)
        ratings.append(PainRating(when, 7 - day // 7, moment="before"))
        ratings.append(PainRating(when + timedelta(minutes=30), 6 - day // 7, moment="after"))
        sessions.append(SessionRecord(f"s{day}", "gentle-start", when, when + timedelta(minutes=20), completed=True))
    aerobic.append(AerobicEntry(start + timedelta(days=3), "walking", 45))
    return ratings, sessions, aerobic, (start + timedelta(days=34)).date()


def test_progress_sentence_week_numbers_and_chart_axis_in_spanish(qtbot):
    from kiosk.ui.screens.progress import ProgressScreen

    screen = ProgressScreen(locked=False)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    ratings, sessions, aerobic, today = _history()
    screen.set_data(ratings, sessions, aerobic, today=today)
    screen.show()
    qtbot.waitExposed(screen)
    screen.chart.select_week(0)
    english_week = screen._week_numbers.text()
    assert english_week.startswith("Week of 2 February 2026: average pain 6.5 (6 to 7)")
    axis = screen.chart.pain_plot.getAxis("bottom")
    low, high = screen.chart.visible_range()
    english_ticks = _tick_strings(axis, low, high)
    assert "Feb" in english_ticks or "Mar" in english_ticks
    set_language("es")
    week = screen._week_numbers.text()
    assert week.startswith("Semana del 2 de febrero de 2026: dolor promedio 6.5 (de 6 a 7)")
    assert "· 2 sesiones" in week or "· 3 sesiones" in week or "· 4 sesiones" in week
    assert "min aeróbicos" in week
    assert screen._sentence.text().startswith(("Esta semana", "La semana"))
    assert screen._report_button.text() == "Informe para mi médico"
    assert screen._earlier.accessibleName() == "Mostrar meses anteriores"
    spanish_ticks = _tick_strings(axis, low, high)
    assert {"feb", "mar"} & set(spanish_ticks), spanish_ticks          # Babel's month names
    assert screen.chart.pain_plot.getAxis("left").labelText == "Dolor (0-10)"
    assert "dolor promedio de cada semana" in screen.chart._legend.text()
    assert screen.chart._goal_label.format == "meta 150 min por semana"
    assert screen.summary_text().startswith(screen._sentence.text())
    set_language("en")
    assert screen._week_numbers.text() == english_week
    assert _tick_strings(axis, low, high) == english_ticks
    assert screen.chart.pain_plot.getAxis("left").labelText == "Pain (0-10)"


def _tick_strings(axis, low: float, high: float) -> list[str]:
    """The date axis's labels, as it draws them (drawn once first: pyqtgraph measures its font then)."""
    axis.getViewWidget().grab()
    strings = []
    for spacing, values in axis.tickValues(low, high, axis.width() or 800):
        strings += axis.tickStrings(values, 1.0, spacing)
    return strings


def test_my_data_aerobic_log_and_plan_offer_follow(qtbot, libraries):
    from kiosk.ui.screens.aerobic_log import AerobicLogScreen
    from kiosk.ui.screens.aerobics import AerobicsScreen
    from kiosk.ui.screens.my_data import MyDataScreen
    from kiosk.ui.screens.progression_offer import ProgressionOfferScreen

    my_data, log, offer = MyDataScreen(), AerobicLogScreen(), ProgressionOfferScreen()
    aerobics = AerobicsScreen(libraries["en"].aerobics, page_for=lambda language: libraries[language].aerobics)
    for screen in (my_data, log, offer, aerobics):
        qtbot.addWidget(screen)
    my_data.show_counts(1, 3, 1)
    log.set_week_minutes(40)
    log.set_activity("water_aerobics")
    log.set_minutes(5)
    offer.offer(Proposal("step_down", (), "Bridge: 6 reps", "Pain during the session was 7 out of 10."))
    assert my_data.held.text() == "This computer keeps your 1 pain rating, 3 sessions, 1 activity entry."
    set_language("es")
    assert my_data.held.text() == ("Esta computadora guarda sus 1 valoración del dolor, 3 sesiones, "
                                   "1 registro de actividad.")
    assert my_data.delete_button.text() == "Borrar mis datos"
    assert log._status.text() == "Puede guardar 5 minutos de aeróbicos en el agua."
    assert log._minutes_label.text() == "5 minutos"
    assert log._goal.text().endswith("Esta semana van 40 de 150 minutos.")
    assert log.activity_button("tai_chi").text() == "Taichí"
    assert offer.heading.text() == "¿Bajar un poco?"
    assert offer.reason.text() == "Por qué: Pain during the session was 7 out of 10."   # the reason as given
    assert offer.yes_button.accessibleName() == "Sí, cambiar mi plan"
    assert aerobics.title.text() == libraries["es"].aerobics.title == "Ejercicio aeróbico suave"
    assert "Mejor evitar" in texts_of(aerobics)
    assert any(text.startswith("Meta: ") for text in texts_of(aerobics))
    my_data.show_counts(0, 1, 0)
    assert my_data.held.text() == ("Esta computadora guarda sus 0 valoraciones del dolor, 1 sesión, "
                                   "0 registros de actividad.")
    set_language("en")
    assert log._status.text() == "Ready to save 5 minutes of water aerobics."
    assert aerobics.title.text() == libraries["en"].aerobics.title
    assert offer.heading.text() == "A small step down?"


def test_a_proposed_change_is_worded_in_the_language_in_use(qtbot, libraries):
    """The change and its reason from core.progression, with the exercises as the library in the language names them."""
    from kiosk.core.plan import Plan, PlanItem
    from kiosk.core.progression import _step_down
    from kiosk.core.progression import SessionPain
    from kiosk.ui.screens.progression_offer import ProgressionOfferScreen
    from kiosk.ui.screens.summary import SummaryScreen

    exercises = {language: library.exercises for language, library in libraries.items()}
    plan = Plan.in_library_order([PlanItem("bridge", 8, 5)], exercises["en"], days_a_week=3)
    when = datetime(2026, 3, 2, 9, tzinfo=TZ)
    record = SessionRecord("s1", "plan", when, when + timedelta(minutes=20), done=("bridge",), completed=True)
    proposal = _step_down(plan, [SessionPain(record, 3, 7)], exercises["en"])
    assert proposal is not None and proposal.reason == "Pain during the session was 7 out of 10, above 5."
    offer = ProgressionOfferScreen(exercises_for=exercises.get)
    summary = SummaryScreen(exercises_for=exercises.get)
    for screen in (offer, summary):
        qtbot.addWidget(screen)
    offer.offer(proposal)
    summary.show_plan_outcome(proposal, True)
    english = offer.what.text()
    assert english == proposal.what
    set_language("es")
    assert offer.reason.text() == "Por qué: El dolor durante la sesión fue 7 de 10, más de 5."
    title = exercises["es"]["bridge"].title
    assert offer.what.text().startswith(f"{title}: ") and "repeticiones, mantener" in offer.what.text()
    assert "(antes: 8 repeticiones, mantener 5 s)" in offer.what.text()
    assert summary.plan_answer.text() == f"Su plan cambió: {offer.what.text()}."
    set_language("en")
    assert offer.what.text() == english
