"""The language the app starts in: `--language`, KIOSK_LANGUAGE, the one remembered at home, the system locale."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

# At the first paint (KIOSK_EXIT_AFTER_PAINT): what the home screen says, and whether Babel was imported.
PROBE = r"""
import json, sys
import kiosk.app as app
from PySide6.QtWidgets import QApplication

def report():
    window = next(w for w in QApplication.topLevelWidgets() if hasattr(w, "home"))
    print("PROBE " + json.dumps({
        "title": window.home.title.text(), "language_button": window.home.language_button.text(),
        "cards": [card.title.text() for card in window.home.cards], "window_title": window.windowTitle(),
        "babel": any(name == "babel" or name.startswith("babel.") for name in sys.modules),
    }), flush=True)
    QApplication.instance().quit()

app._report_painted = report
from kiosk.cli import main
sys.exit(main(["run", "--windowed", "--data-dir", *sys.argv[1:]]))
"""
LOCALE_FREE = {name: value for name, value in os.environ.items()
               if name not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "KIOSK_LANGUAGE")}


def start(data_dir, *flags: str, **environment: str) -> dict:
    env = {**LOCALE_FREE, "QT_QPA_PLATFORM": "offscreen", "KIOSK_EXIT_AFTER_PAINT": "1", **environment}
    result = subprocess.run([sys.executable, "-c", PROBE, str(data_dir), *flags], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    line = next(line for line in result.stdout.splitlines() if line.startswith("PROBE "))
    return json.loads(line[len("PROBE "):])


def remember(data_dir, language: str) -> None:
    from kiosk.store.data_store import DataStore

    with DataStore(data_dir) as store:
        store.settings.set("language", language)


SPANISH_TITLE = "Ejercicios suaves para el dolor de la articulación sacroilíaca"
ENGLISH_TITLE = "Gentle exercises for sacroiliac joint pain"


def test_english_by_default_imports_no_babel_before_the_first_paint(tmp_path):
    english = start(tmp_path, LANG="C.UTF-8")
    assert english["title"] == ENGLISH_TITLE and english["language_button"] == "Español"
    assert english["cards"][0] == "Gentle start"
    assert english["babel"] is False


def test_the_system_locale_chooses_spanish_and_the_routines_come_in_spanish(tmp_path):
    spanish = start(tmp_path, LANG="en_US.UTF-8", LC_MESSAGES="es_US.UTF-8")     # LC_MESSAGES before LANG
    assert spanish["title"] == SPANISH_TITLE and spanish["language_button"] == "English"
    assert spanish["window_title"] == "Ejercicios para la articulación sacroilíaca"
    assert "Rutina completa en el suelo" in spanish["cards"]
    assert (tmp_path / "routine-index.es.json").is_file()       # its own index, beside the English one's
    assert start(tmp_path, LC_ALL="en_US.UTF-8", LC_MESSAGES="es_US.UTF-8")["title"] == ENGLISH_TITLE


@pytest.mark.parametrize(("remembered", "flags", "environment", "expected"), [
    ("es", [], {"LANG": "en_US.UTF-8"}, SPANISH_TITLE),                           # the remembered one over the locale
    ("es", [], {"KIOSK_LANGUAGE": "en"}, ENGLISH_TITLE),                          # KIOSK_LANGUAGE over it
    ("en", ["--language", "es"], {"KIOSK_LANGUAGE": "en"}, SPANISH_TITLE),        # the flag over everything
])
def test_the_flag_then_kiosk_language_then_the_remembered_setting(tmp_path, remembered, flags, environment,
                                                                  expected):
    remember(tmp_path, remembered)
    assert start(tmp_path, *flags, **environment)["title"] == expected


def test_the_clinic_does_not_start_in_the_language_chosen_at_home(qapp, tmp_path, monkeypatch):
    from kiosk.app import _start_language
    from kiosk.cli import build_parser
    from kiosk.store.data_store import DataStore
    from kiosk.ui.language import current_language

    for name in ("LC_ALL", "LC_MESSAGES", "KIOSK_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    remember(tmp_path, "es")
    with DataStore(tmp_path) as store:
        assert _start_language(build_parser().parse_args(["run", "--mode", "clinic"]), store.settings, True) == "en"
        assert current_language() == "en"
        assert _start_language(build_parser().parse_args(["run"]), store.settings, False) == "es"
        assert current_language() == "es"
