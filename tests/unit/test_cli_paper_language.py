"""`kiosk handout`, `kiosk report` and `kiosk data export --format fhir` in Spanish: `--language es`, else
KIOSK_LANGUAGE, else the system locale; real subprocesses, real TinyDB files, the PDFs read back with poppler."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli.exit_codes import ExitCode
from kiosk.cli.paper_language import paper_language
from kiosk.core.loader import load_routines
from kiosk.paths import bundled_dir
from paper_diaries import one_week_diary, winter_diary
from pdf_pages import flat, need_poppler, pdf_text

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ("KIOSK_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
SPANISH = load_routines(bundled_dir("routines"), language="es").routines["waiting-room"]


def kiosk(*args, **environ):
    """The command with no display and no language in its environment but the one given here."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", *LOCALE)}
    env.update(PYTHONPATH=str(ROOT), **environ)
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=180, env=env)


@pytest.fixture
def poppler():
    need_poppler()


def _language(**given) -> argparse.Namespace:
    return argparse.Namespace(**given)


@pytest.mark.parametrize("environ, expected", [
    ({}, "en"), ({"LANG": "C.UTF-8"}, "en"), ({"LANG": "es_US.UTF-8"}, "es"), ({"LANG": "es_MX"}, "es"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "es_US.UTF-8"}, "es"), ({"LC_ALL": "en_GB.UTF-8", "LANG": "es_US"}, "en"),
    ({"KIOSK_LANGUAGE": "es", "LC_ALL": "en_US.UTF-8"}, "es"), ({"KIOSK_LANGUAGE": "fr", "LANG": "es_US"}, "en"),
])
def test_the_default_language_comes_from_kiosk_language_then_the_locale(environ, expected):
    assert paper_language(_language(language=None), environ) == expected
    assert paper_language(_language(language="en"), environ) == "en"      # the flag wins over all of them


def _handout_text(tmp_path, *args, **environ) -> str:
    out = tmp_path / "handout.pdf"
    result = kiosk("handout", "--routine", "waiting-room", "--out", str(out), *args, **environ)
    assert result.returncode == 0, result.stderr
    return pdf_text(out)


def test_handout_language_es_is_spanish_throughout(poppler, tmp_path):
    text = _handout_text(tmp_path, "--language", "es")
    assert SPANISH.title in text and "Página 1 de 2" in text and "Pare y descanse si el dolor aumenta." in text
    for exercise in SPANISH.exercises:
        assert flat(exercise.title) in text and f"Repeticiones: {exercise.reps}" in text
        assert all(flat(caution) in text for caution in exercise.cautions)
    for english in ("How to do it", "Take care", "When to stop", "Repetitions", "Page 1 of", "Stop and rest"):
        assert english not in text


@pytest.mark.parametrize("environ", [{"KIOSK_LANGUAGE": "es"}, {"LANG": "es_US.UTF-8"}])
def test_handout_follows_kiosk_language_or_the_locale(poppler, tmp_path, environ):
    assert "Cómo hacerlo" in _handout_text(tmp_path, **environ)


def test_handout_flag_english_wins_over_a_spanish_setting(poppler, tmp_path):
    text = _handout_text(tmp_path, "--language", "en", KIOSK_LANGUAGE="es")
    assert "How to do it" in text and "Cómo hacerlo" not in text


@pytest.mark.parametrize("command", [["handout", "--routine", "floor"], ["report", "--profile", "x"],
                                     ["data", "export", "--profile", "x", "--format", "fhir"]])
def test_an_unknown_language_is_bad_input(tmp_path, command):
    result = kiosk(*command, "--out", str(tmp_path / "x.pdf"), "--language", "fr")
    assert result.returncode == ExitCode.BAD_INPUT
    assert "invalid choice: 'fr'" in result.stderr and not (tmp_path / "x.pdf").exists()


def test_a_plans_handout_in_spanish(poppler, tmp_path):
    from kiosk.store.data_store import DataStore

    folder = tmp_path / "data"
    with DataStore(folder) as store:
        store.open_profile("ana", create=True)
        number = store.profiles.get("ana").number
    plan = tmp_path / "plan.toml"
    plan.write_text('days_a_week = 4\nnote = "Camine también todos los días."\n\n[[item]]\n'
                    'exercise = "knee_to_chest"\nreps = 4\nsides = "left"\nhold = 3\n', encoding="utf-8")
    assert kiosk("plan", "import", "--profile", "ana", str(plan), "--data-dir", str(folder)).returncode == 0
    out = tmp_path / "plan.pdf"
    result = kiosk("handout", "--profile", number, "--out", str(out), "--data-dir", str(folder), "--language", "es")
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    title = load_routines(bundled_dir("routines"), language="es").exercises["knee_to_chest"].title
    assert title in text and "Repeticiones: 4" in text and "Mantener: 3 segundos" in text
    assert "Días por semana: 4" in text and f"Número de diario: {number[:4]} {number[4:]}" in text
    assert "Lados: solo el lado izquierdo" in text and "De su profesional de salud" in text
    assert "Lado izquierdo" in text and "Left side" not in text                  # the pictures' caption


def test_report_language_es(poppler, tmp_path):
    folder = tmp_path / "data"
    winter_diary(folder)
    out = tmp_path / "report.pdf"
    result = kiosk("report", "--profile", "winter", "--data-dir", str(folder), "--out", str(out), "--language", "es")
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "Diario de dolor y ejercicio: informe para la consulta" in text
    assert "Período: del 12 de octubre de 2020 al 11 de abril de 2021, 26 semanas" in text
    assert "Cómo cambió el dolor" in text and "Semanas ISO (de lunes a domingo)" in text
    for english in ("How the pain changed", "Week by week", "Period covered", "ratings", "page 1 of"):
        assert english not in text
    english = tmp_path / "english.pdf"
    assert kiosk("report", "--profile", "winter", "--data-dir", str(folder), "--out", str(english),
                 LANG="es_US.UTF-8", KIOSK_LANGUAGE="en").returncode == 0
    assert "How the pain changed" in pdf_text(english)


def test_report_follows_the_locale(poppler, tmp_path):
    folder = tmp_path / "data"
    one_week_diary(folder)
    out = tmp_path / "report.pdf"
    result = kiosk("report", "--profile", "oneweek", "--data-dir", str(folder), "--out", str(out), LANG="es_MX.UTF-8")
    assert result.returncode == 0, result.stderr
    assert "Solo una semana tiene valoraciones" in pdf_text(out)


def test_fhir_export_in_spanish_imports_back_the_same_diary(tmp_path):
    folder = tmp_path / "data"
    one_week_diary(folder)
    spanish, english = tmp_path / "es.json", tmp_path / "en.json"
    for out, language in ((spanish, "es"), (english, "en")):
        result = kiosk("data", "export", "--profile", "oneweek", "--format", "fhir", "--out", str(out),
                       "--data-dir", str(folder), "--language", language)
        assert result.returncode == 0, result.stderr
    bundle = json.loads(spanish.read_text(encoding="utf-8"))
    assert bundle["language"] == "es" and {e["resource"]["language"] for e in bundle["entry"]} == {"es"}
    assert "Dolor 0-10" in spanish.read_text(encoding="utf-8") and "Pain 0-10" not in spanish.read_text(encoding="utf-8")
    for source, profile in ((spanish, "copia"), (english, "copy")):
        result = kiosk("data", "import", "--profile", profile, "--format", "fhir", str(source), "--data-dir", str(folder))
        assert result.returncode == 0, result.stderr
    exported = {}
    for profile in ("oneweek", "copia", "copy"):
        result = kiosk("data", "export", "--profile", profile, "--data-dir", str(folder))   # CSV: the ratings
        assert result.returncode == 0, result.stderr
        exported[profile] = result.stdout
    assert exported["copia"] == exported["oneweek"] == exported["copy"] and exported["oneweek"].count("\n") > 3
