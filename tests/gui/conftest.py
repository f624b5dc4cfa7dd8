"""Widget-test helpers: a recording speaker, in-memory settings, the main window, and screens in a host."""

from __future__ import annotations

import pytest

from kiosk.core.loader import load_routines
from kiosk.paths import bundled_dir


class RecordingSpeaker:
    """A Speaker that remembers what it was asked to say (for testing the layers above speech)."""

    available = True
    status_message = ""

    def __init__(self) -> None:
        self.said: list[str] = []
        self.events: list[tuple[str, str | None]] = []
        self.prepared: list[str] = []

    def prepare(self, texts, on_progress=None, on_done=None) -> None:
        self.prepared = list(texts)
        if on_progress:
            on_progress(len(self.prepared), len(self.prepared))
        if on_done:
            on_done()

    def say(self, text: str) -> None:
        self.said.append(text)
        self.events.append(("say", text))

    def say_personal(self, text: str) -> None:
        self.said.append(text)
        self.events.append(("say_personal", text))

    def stop(self) -> None:
        self.events.append(("stop", None))


@pytest.fixture(autouse=True)
def english_after(request):
    """Every widget test ends with the screens in English again (a test may switch them to Spanish), and
    with the widgets it gave to deleteLater deleted: outside an event loop Qt keeps them until the next
    loop runs, which would be another test's wait (the screen walks leave hundreds of screens)."""
    yield
    if "qapp" in request.fixturenames or "qtbot" in request.fixturenames:
        from PySide6.QtCore import QCoreApplication, QEvent

        from kiosk.ui.language import set_language

        set_language("en")
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def speaker():
    return RecordingSpeaker()


@pytest.fixture
def store(tmp_path):
    """A real data store (TinyDB files on disk) in a temporary folder."""
    from kiosk.store.data_store import DataStore

    data = DataStore(tmp_path / "data")
    yield data
    data.close()


@pytest.fixture
def make_window(qtbot, speaker, mini_folder, store):
    """Build a MainWindow on real storage: `make_window(folder=None, scale=50, accepted=True, size=...)`.

    Its settings are queued on the store's writer, as the app's are (flush the writer before reading
    `store.settings`)."""
    from kiosk.store.queued_settings import QueuedSettings
    from kiosk.services.journal import Journal
    from kiosk.ui.main_window import MainWindow

    def build(folder=None, scale=50.0, accepted=True, size=(1280, 800)):
        library = load_routines(folder or mini_folder)
        if accepted:
            store.settings.set("safety.accepted", True)
        journal = Journal(store.open_profile("home", create=True), store.writer)
        settings = QueuedSettings(store.settings, store.writer)
        window = MainWindow(library, speaker, settings, journal, time_scale=scale,
                            picture_folder=store.folder / "pictures")
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)      # shortcuts need an active window
        return window

    return build


@pytest.fixture
def host_screen(qtbot):
    """Show a screen in a top-level window styled like the main window: `host_screen(screen, size=(1024, 600))`.

    Returns the window; the screen keeps it alive as `screen.test_host` (qtbot holds widgets weakly).
    """
    from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

    from kiosk.ui.theme import stylesheet, unit_for_size

    def host(screen, size=(1024, 600)):
        window = QWidget()
        window.setStyleSheet(stylesheet(unit_for_size(*size)))
        layout = QVBoxLayout(window)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(screen)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        for _ in range(3):              # let the layout settle after the screen sized its buttons
            QApplication.processEvents()
        screen.test_host = window
        return window

    return host


@pytest.fixture
def make_screen(host_screen):
    """Build and show a screen: `make_screen(ScreenClass, size=(1024, 600), **kwargs)` returns the screen."""

    def make(screen_class, size=(1024, 600), **kwargs):
        screen = screen_class(**kwargs)
        host_screen(screen, size)
        return screen

    return make


@pytest.fixture
def bundled_routines():
    return bundled_dir("routines")

