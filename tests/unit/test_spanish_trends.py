"""The trend sentences and the doctor advice in Spanish: numbers, dates and plurals the Spanish way."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from kiosk.core.records import PainRating, SessionRecord
from kiosk.core.trends import advice_sentence, analyse, summary_sentence

CET = timezone(timedelta(hours=1))
MONDAY = date(2026, 3, 2)


def weeks_of(per_week: list[list[int]], sessions_per_week: int = 0):
    ratings, sessions = [], []
    for week, pains in enumerate(per_week):
        start = datetime(MONDAY.year, MONDAY.month, MONDAY.day, 9, tzinfo=CET) + timedelta(weeks=week)
        ratings += [PainRating(start + timedelta(days=i % 7, minutes=i), pain) for i, pain in enumerate(pains)]
        sessions += [SessionRecord(f"s{week}{i}", "gentle", start + timedelta(days=i, hours=1),
                                   start + timedelta(days=i, hours=2), completed=True)
                     for i in range(sessions_per_week)]
    return ratings, sessions


@pytest.mark.parametrize(("per_week", "expected"), [
    ([[6, 6, 6, 7, 7, 6, 6, 6, 7, 6], [5], [4, 4, 4, 4, 5, 4, 4, 4, 5, 4]],
     "Esta semana, su dolor fue de 4.2 en promedio, 2.1 puntos (33%) más bajo que al empezar: una mejora importante."),
    ([[6], [5]], "Esta semana, su dolor fue de 5.0 en promedio, 1.0 punto (17%) más bajo que al empezar: "
                 "es un comienzo, siga así."),
    ([[4], [6]], "Esta semana, su dolor fue de 6.0 en promedio, 2.0 puntos (50%) más alto que al empezar. "
                 "Vaya con calma, y avísele a su médico si sigue subiendo."),
    ([[5], [5]], "Esta semana, su dolor fue de 5.0 en promedio, más o menos igual que al empezar."),
    ([[0], [3]], "Esta semana, su dolor fue de 3.0 en promedio; en su primera semana, el promedio fue 0."),
    ([[5]], "Esta semana, su dolor fue de 5.0 en promedio. Siga indicándolo: desde la próxima semana verá cómo cambia."),
])
def test_the_sentence_in_spanish(per_week, expected):
    ratings, _ = weeks_of(per_week)
    assert summary_sentence(analyse(ratings), language="es") == expected


def test_no_ratings_in_spanish():
    assert summary_sentence(analyse([]), language="es").startswith("Todavía no hay valoraciones del dolor.")


@pytest.mark.parametrize(("today", "opening"), [
    (date(2026, 3, 15), "Esta semana, su dolor"),
    (date(2026, 3, 16), "La semana pasada, su dolor"),
    (date(2026, 4, 1), "En la semana del 9 de marzo de 2026, su dolor fue de 3.0"),
])
def test_the_week_is_named_in_spanish(today, opening):
    ratings, _ = weeks_of([[6], [3]])
    assert summary_sentence(analyse(ratings), today=today, language="es").startswith(opening)


def test_the_advice_in_spanish_and_english():
    ratings, sessions = weeks_of([[4], [5], [6]], sessions_per_week=2)
    report = analyse(ratings, sessions)
    assert advice_sentence(report, "es").startswith("Ha hecho ejercicio con regularidad durante tres semanas")
    assert advice_sentence(report) == report.advice
    assert summary_sentence(report, language="es") == ("Esta semana, su dolor fue de 6.0 en promedio, "
                                                       "2.0 puntos (50%) más alto que al empezar.")
    assert advice_sentence(analyse(weeks_of([[6], [2]])[0]), "es") is None
