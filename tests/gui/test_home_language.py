"""The home screen's language button: every screen, the routines and the voice in the other language, remembered."""

from __future__ import annotations

import pytest

from kiosk.core.loader import load_routines
from kiosk.paths import bundled_dir
from kiosk.services.journal import Journal
from kiosk.services.voice_controls import NoVoiceControls
from kiosk.speech.voices import VoiceInfo, VoiceSettings
from kiosk.store.data_store import DataStore
from kiosk.store.queued_settings import QueuedSettings
from kiosk.ui.language import current_language
from kiosk.ui.main_window import LANGUAGE, MainWindow

VOICES = [VoiceInfo("flite:rms", "Rms, American man", ("en-us",), engine="flite"),
          VoiceInfo("gmw/en-us", "English (America)", ("en-us",), engine="espeak"),
          VoiceInfo("roa/es", "Spanish (Spain)", ("es",), engine="espeak"),
          VoiceInfo("roa/es-419", "Spanish (Latin America)", ("es-419",), engine="espeak")]


class LanguageControls(NoVoiceControls):
    """Voice controls with voices, that remember the languages they were told to speak."""

    def __init__(self) -> None:
        super().__init__()
        self.languages: list[str] = []
        self.applied: list[VoiceSettings | None] = []

    @property
    def voices(self) -> list[VoiceInfo]:
        return list(VOICES)

    def set_language(self, language: str) -> None:
        self.languages.append(language)

    def apply_settings(self, settings: VoiceSettings | None = None) -> None:
        self.applied.append(settings)


def libraries():
    """The bundled routines, one library per language, as the app keeps them."""
    made: dict[str, object] = {}

    def library_for(code: str):
        made[code] = load_routines(bundled_dir("routines"), language=code)
        return made[code]

    return library_for, made


@pytest.fixture
def build(qtbot, speaker, tmp_path):
    """`build()`: a home-mode window on a real store in tmp_path/data (a new store each time: a restart)."""
    opened: list[DataStore] = []

    def make(size=(1280, 800)):
        for store in opened:
            store.close()
        store = DataStore(tmp_path / "data")
        opened.append(store)
        settings = QueuedSettings(store.settings, store.writer)
        settings.set("safety.accepted", True)
        library_for, made = libraries()
        controls = LanguageControls()
        window = MainWindow(library_for(current_language()), speaker, settings,
                            Journal(store.open_profile("home", create=True), store.writer), time_scale=50,
                            voice_controls=controls, library_for=library_for)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        return window, store, controls, made

    yield make
    for store in opened:
        store.close()


def button_texts(window) -> list[str]:
    return [button.text() for button in window.home.buttons]


def test_one_touch_puts_the_home_screen_the_window_and_the_routines_in_spanish_and_back(build, qtbot):
    window, store, controls, made = build()
    home = window.home
    assert home.language_button.text() == "Español" and home.language_button.accessibleName() == "Español"
    assert [card.title.text() for card in home.cards][:2] == ["Gentle start", "Full floor routine"]
    english_minutes = home.cards[0].minutes.text()
    home.language_button.click()
    assert current_language() == "es" and controls.languages == ["es"]
    assert home.title.text() == "Ejercicios suaves para el dolor de la articulación sacroilíaca"
    assert home.language_button.text() == "English"
    assert home.start_button.text() == "Empezar" and home.contrast_button.text() == "Alto contraste"
    assert button_texts(window) == ["Aeróbicos suaves", "Anotar actividad", "Mi avance", "Voz",
                                    "Hacer mi plan", "Imprimir la hoja"]
    assert window.windowTitle() == "Ejercicios para la articulación sacroilíaca"
    assert "Rutina completa en el suelo" in [card.title.text() for card in home.cards]
    assert home.cards[0].minutes.text().endswith("minutos") and english_minutes.endswith("minutes")
    assert window.library is made["es"] and "es" in made
    store.writer.flush()
    assert store.settings.get(LANGUAGE) == "es"                     # remembered at home
    home.language_button.click()
    assert current_language() == "en" and controls.languages == ["es", "en"]
    assert home.title.text() == "Gentle exercises for sacroiliac joint pain"
    assert button_texts(window)[:3] == ["Light aerobics", "Log activity", "My progress"]
    assert [card.title.text() for card in home.cards][:2] == ["Gentle start", "Full floor routine"]
    store.writer.flush()
    assert store.settings.get(LANGUAGE) == "en"


def test_a_routine_started_in_spanish_is_spoken_in_spanish(build, qtbot, speaker):
    window, _store, _controls, _made = build()
    window.choose_language("es", remember=False)
    assert window.start_routine_by_id("gentle-start")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.rating, timeout=5000)
    assert window.rating.question() == "Antes de empezar: ¿cómo está su dolor ahora?"
    window.rating.rating_confirmed.emit(3)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.player, timeout=5000)
    spoken = " ".join(speaker.prepared).lower()
    assert "cinco" in spoken and "five" not in spoken
    assert window._timeline.cues[0].text == speaker.prepared[0]
    window.controller.stop()


def test_the_choice_is_remembered_across_a_restart_on_a_real_store(build, qtbot, monkeypatch):
    from kiosk.app import _start_language
    from kiosk.cli import build_parser
    from kiosk.ui.language import set_language

    for name in ("LC_ALL", "LC_MESSAGES", "KIOSK_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    window, store, _controls, _made = build()
    window.choose_language("es", remember=True)
    window.close()
    set_language("en")                                          # a new start: the app as it starts
    window, store, _controls, _made = build()                   # the same folder, the store opened again
    assert window.home.title.text() == "Gentle exercises for sacroiliac joint pain"
    assert _start_language(build_parser().parse_args(["run"]), store.settings, False) == "es"
    window, store, _controls, _made = build()                   # what the app builds once it is set
    assert window.home.title.text() == "Ejercicios suaves para el dolor de la articulación sacroilíaca"
    assert window.home.language_button.text() == "English"
    assert "Rutina completa en el suelo" in [card.title.text() for card in window.home.cards]


def test_the_voice_screen_lists_the_voices_of_the_language_in_use(build, qtbot):
    window, store, controls, _made = build()
    window.home.buttons[3].click()                              # Voice
    screen = window.voice
    qtbot.waitUntil(lambda: window.stack.currentWidget() is screen, timeout=5000)
    assert [chip.value for chip in screen._voice_box.chips()] == ["flite:rms", "gmw/en-us"]
    assert screen.title.text() == "Voice settings"
    window.choose_language("es", remember=True)
    assert screen.title.text() == "Ajustes de voz"
    assert screen.done_button.text() == "Listo" and screen.sample_button.text() == "Oír una muestra"
    assert [chip.value for chip in screen._voice_box.chips()] == ["roa/es-419", "roa/es"]   # Latin American first
    headings = [label.text() for label in screen._voice_box.findChildren(type(screen.title))
                if label.text().startswith("Español")]
    assert headings and all("·" in heading for heading in headings)
    assert [button.text() for button in screen._voice_box.listen_buttons] == ["Escuchar", "Escuchar"]
    spanish = next(chip for chip in screen._voice_box.chips() if chip.value == "roa/es")
    spanish.click()                                             # chosen for Spanish only
    store.writer.flush()
    assert store.settings.get("voice.id.es") == "roa/es" and not store.settings.get("voice.id")
    window.choose_language("en", remember=True)
    assert screen.title.text() == "Voice settings"
    assert [chip.value for chip in screen._voice_box.chips()] == ["flite:rms", "gmw/en-us"]
    assert screen.settings.voice_id == "" and screen.settings.language == "en"
    window.choose_language("es", remember=True)
    assert screen.settings.voice_id == "roa/es"


@pytest.mark.parametrize(("size", "look"), [((800, 480), "large"), ((480, 800), "large"), ((1024, 600), "large"),
                                            ((800, 480), "normal"), ((1920, 1080), "normal"),
                                            ((1080, 1920), "large-contrast")])
def test_the_home_and_voice_screens_fit_in_spanish(build, qtbot, size, look):
    import screen_walk
    from kiosk.ui.language import set_language
    from kiosk.ui.widgets.touch_target import screen_touch_target_px

    set_language("es")                                        # started in Spanish
    window, store, _controls, _made = build(size)
    for key, value in screen_walk.LOOKS[look].items():
        button = window.home.large_text_button if key == "look.large_text" else window.home.contrast_button
        button.setChecked(value)
    screen_walk.settle()
    assert window.home.title.text().startswith("Ejercicios")
    touch_px = screen_touch_target_px(window)
    problems = screen_walk.check_page(window, "home", size, touch_px)
    intro, header = window.home.intro, window.home._header
    if intro.geometry().top() < window.home.look_buttons.geometry().top():      # beside the buttons
        problems += [] if intro.width() >= size[0] * 2 // 5 - 40 else [f"the words squeezed to {intro.width()} px"]
    window.do(window.visit.opened(__import__("kiosk.core.visit", fromlist=["Step"]).Step.VOICE))
    screen_walk.settle()
    problems += screen_walk.check_page(window, "voice", size, touch_px)
    assert problems == [], (header.direction(), problems)


def test_the_home_notices_are_shown_again_in_the_new_language(build, qtbot):
    from kiosk.services.journal import SAVE_FAILED
    from kiosk.ui.main_window import PROBLEMS

    window, _store, _controls, _made = build()
    home = window.home
    home.show_notice(PROBLEMS, count=2)
    window.journal.save_failed.emit("disk full")                 # the journal's own notice, as it comes
    home.show_notice("A sentence written elsewhere.")             # not marked: shown as it is
    assert home.notice.text().splitlines() == ["Some routine files have problems (2); the others work.",
                                               "Could not save: disk full", "A sentence written elsewhere."]
    window.choose_language("es", remember=False)
    assert home.notice.text().splitlines() == ["Algunos archivos de rutinas tienen problemas (2); los demás funcionan.",
                                               "No se pudo guardar: disk full", "A sentence written elsewhere."]
    home.show_notice(SAVE_FAILED, problem="disk full")            # a line shown already is not repeated
    assert len(home.notice.text().splitlines()) == 3
