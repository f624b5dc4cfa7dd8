"""A clinic day in one process (`make soak`, a benchmark, not a test): visits, memory growth, warnings, ratings on disk.

300 visits to the real clinic window (real store on disk, real speaker where espeak-ng is installed,
a private PulseAudio server with a null sink as the tests use, so the sound path is the real one):
a new diary (New diary, a PIN chosen twice, the number shown and noted), a returning person signing
in with their diary number and PIN on the keypad, or a guest; a rating before, the routine at a
high time scale, "It hurts" now and then (sometimes rated), a rating after with or without details,
and the visit ends by signing out, going home, or walking away (the idle reset). Every sign-in uses
the right number and PIN, so the lockout never rests the keypad; a visit that does not get through
is reported with the screen it was left on. It prints the memory growth after a warm-up (target:
under 20 MB), the warnings logged (target: none; the one a machine without a screensaver service
gives at start-up is printed apart as an environment warning), and checks that every rating the
store acknowledged is in that person's file after the day. Exit code 1 when a rating is missing, a
visit got stuck or the targets are missed.

    SOAK_VISITS=300 SOAK_TIME_SCALE=600 python benchmarks/soak_clinic_day.py
"""

from __future__ import annotations

import logging
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPoint, Qt, QtMsgType, qInstallMessageHandler  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

VISITS = int(os.environ.get("SOAK_VISITS", "300"))
WARM_UP = min(30, VISITS // 3)
TIME_SCALE = float(os.environ.get("SOAK_TIME_SCALE", "600"))
PEOPLE = 12                         # the regulars; the rest come as guests
NEW_TODAY = 4                       # of them start a diary today through "New diary"
IDLE_S, WARNING_S = 3.0, 0.5        # short, so a walk-away costs seconds, not minutes (longer than a PIN check)
KEY_GAP_S = 0.25                    # a finger on the same key again after this (the pad drops bounces under 200 ms)
# What this machine, not the kiosk, lacks: logged once at start-up where no screensaver service or
# xset exists (offscreen, no session bus). Printed apart, not counted, and only before the first visit.
ENVIRONMENT_WARNINGS = ("could not keep the screen awake: no screensaver inhibit available here",)
ADMIN_PIN = "97531"
MEMORY_TARGET_MB = 20
TRACE_AT = [int(os.environ.get("SOAK_TRACE", "0"))]
ROUTINE = "waiting-room"


def rss_mb() -> float:
    """Resident memory of this process (Linux)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def platform_messages() -> list[str]:
    """The Qt messages the test suite ignores too (pyproject's qt_log_ignore: offscreen-platform notes)."""
    import tomllib

    with open(Path(__file__).resolve().parents[1] / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["tool"]["pytest"]["ini_options"]["qt_log_ignore"]


class WarningCounter(logging.Handler):
    """Keeps every log record of WARNING or above, and Qt's own warnings, apart from the platform's notes."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: list[str] = []
        self.platform: list[str] = []
        self.environment: list[str] = []
        self.starting = True                    # until the first visit
        self._ignored = platform_messages()

    def emit(self, record: logging.LogRecord) -> None:
        line = f"{record.levelname} {record.name}: {record.getMessage()}"
        environment = self.starting and record.getMessage() in ENVIRONMENT_WARNINGS and not record.exc_info
        (self.environment if environment else self.seen).append(line)

    def qt_message(self, kind, _context, message: str) -> None:
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            ignored = any(pattern in message for pattern in self._ignored)
            (self.platform if ignored else self.seen).append(f"Qt: {message}")


def day_pins() -> list[str]:
    """The regulars' PINs: none easy to guess (New diary refuses those), some with a digit twice."""
    from kiosk.core.pins import is_easy_pin

    pins = [f"{4000 + 37 * n:04d}" for n in range(PEOPLE)]
    assert not any(is_easy_pin(pin) for pin in pins) and len(set(pins)) == PEOPLE
    return pins


def start_sound_server() -> str:
    """The private PulseAudio server the tests use (tests/e2e/audio.py), before Qt looks for one."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "e2e"))
    import audio

    missing = audio.pulseaudio_missing()
    if missing:
        return f"none ({missing}): the sound warnings count"
    server = audio.shared_pulse_server()           # stopped at exit
    return f"a private PulseAudio with a null sink ({server.runtime_dir})"


def pump(app: QApplication) -> None:
    """What the app's event loop does: handle events, and delete what was `deleteLater`ed (a bare
    processEvents outside `exec()` never does, and would make every replaced widget look leaked)."""
    app.processEvents()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def wait_until(app: QApplication, condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pump(app)
        if condition():
            return True
        time.sleep(0.005)
    return condition()


class Ledger:
    """Every rating a signed-in person gave, as the journal wrote it (a replaced one follows its details)."""

    def __init__(self, clinic) -> None:
        from kiosk.services.journal import Journal

        self.entries: dict[int, tuple[str, object]] = {}
        add, replace = Journal.add_rating, Journal.replace_rating
        ledger = self

        def add_rating(journal, rating):
            saved = add(journal, rating)
            if journal.keeps_records:
                ledger.entries[id(saved)] = (clinic.profile_id, saved)
            return saved

        def replace_rating(journal, saved, rating):
            fuller = replace(journal, saved, rating)
            if id(saved) in ledger.entries:
                profile_id, _ = ledger.entries.pop(id(saved))
                ledger.entries[id(fuller)] = (profile_id, fuller)
            return fuller

        Journal.add_rating, Journal.replace_rating = add_rating, replace_rating

    def acknowledged(self) -> list[tuple[str, object]]:
        return [(profile_id, saved) for profile_id, saved in self.entries.values()
                if saved.future is not None and saved.future.done() and not saved.future.cancelled()
                and saved.future.exception() is None]


class Day:
    """Drives the clinic window through visits the way people would."""

    def __init__(self, app, window, clinic, rng: random.Random, diaries: dict[str, tuple[str, str]],
                 new_pins: list[str]) -> None:
        self.app, self.window, self.clinic, self.rng = app, window, clinic, rng
        self.diaries = diaries                  # diary number -> (PIN, profile id): what people wrote down
        self.new_pins = list(new_pins)          # the PINs of those who start a diary today
        self.counts = {"new diary": 0, "signed in": 0, "guest": 0, "hurt": 0, "walked away": 0,
                       "interrupted": 0}
        self.stuck: list[str] = []
        self._pressed: dict[str, float] = {}    # key -> when it was last pressed

    def on(self, screen) -> bool:
        return self.window.stack.currentWidget() is screen

    def where(self) -> str:
        """The screen the kiosk shows, in words (for a visit that got stuck)."""
        screen = self.window.stack.currentWidget()
        name = screen.accessibleName() or type(screen).__name__
        if screen is self.clinic.sign_in:
            sign_in = self.clinic.sign_in
            error = sign_in.error.text() if sign_in.error.isVisible() else ""
            name += (f" (step {sign_in.step}, {sign_in.pad.digit_count} digits typed"
                     f"{', waiting for the check' if not sign_in.isEnabled() else ''}"
                     f"{', resting' if sign_in.resting else ''}{f', says {error!r}' if error else ''})")
        return f"{type(screen).__name__} {name!r}" if name != type(screen).__name__ else name

    def wait_for(self, screen, timeout: float = 30) -> bool:
        return wait_until(self.app, lambda: self.on(screen), timeout)

    def click(self, widget) -> None:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        pump(self.app)

    def rate(self) -> None:
        rating = self.window.rating
        self.click(rating.rating_button(self.rng.randint(0, 10)))
        rating.confirm_pending()                 # what its undo timer does 3 s later

    def visit(self) -> None:
        window, clinic = self.window, self.clinic
        if not self.wait_for(clinic.attract, 10):
            raise RuntimeError("the kiosk did not come back to the attract screen")
        QTest.mouseClick(clinic.attract, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
        if not self.wait_for(clinic.sign_in, 5):
            raise RuntimeError("no sign-in screen")
        if self.rng.random() < 0.7:
            if self.new_pins and (not self.diaries or self.rng.random() < 0.3):
                self.new_diary(self.new_pins[0])
                self.counts["new diary"] += 1
            else:
                number = self.rng.choice(sorted(self.diaries))
                self.sign_in(number, *self.diaries[number])
                self.counts["signed in"] += 1
        else:
            self.click(clinic.sign_in.guest_button)
            if not self.wait_for(window.home, 10):
                raise RuntimeError("Continue as guest did not reach the home screen")
            self.counts["guest"] += 1
        window.home.select(ROUTINE)
        self.click(window.home.start_button)
        if self.on(window.safety):
            self.click(window.safety.continue_button)
        if self.on(window.skip_offer) if "skip_offer" in window.__dict__ else False:
            window.skip_offer.decided.emit(self.rng.random() < 0.5)
        if not self.wait_for(window.rating, 5):
            raise RuntimeError("no rating before the routine")
        self.rate()
        if not self.play():
            self.counts["interrupted"] += 1
            return
        self.rate()                              # after the session
        if self.wait_for(window.details, 5):
            details = window.details
            if self.rng.random() < 0.5:
                self.click(details.side_button(self.rng.choice(["left", "right", "both"])))
                self.click(details.worse_button("stairs"))
                details.note_edit.setText("visit note")
                details._on_done()
            else:
                details._on_skip()
        self.wait_for(window.summary, 5)
        self.leave()

    def press(self, key: str) -> None:
        """One key of the sign-in keypad, touched as a finger would (never the same key within a bounce)."""
        pad = self.clinic.sign_in.pad
        since = time.monotonic() - self._pressed.get(key, -KEY_GAP_S)
        if since < KEY_GAP_S:
            wait_until(self.app, lambda: False, KEY_GAP_S - since)
        self.click(pad.keys[key] if key != "OK" else pad.ok_button)
        self._pressed[key] = time.monotonic()

    def type_on_pad(self, digits: str, step: str) -> None:
        """`digits` and OK on the keypad, once it shows `step` and takes input."""
        sign_in, pad = self.clinic.sign_in, self.clinic.sign_in.pad
        if not wait_until(self.app, lambda: self.on(sign_in) and sign_in.step == step and sign_in.isEnabled()
                          and pad.isEnabled(), 10):
            raise RuntimeError(f"the keypad did not ask for the {step}")
        for digit in digits:
            self.press(digit)
        if pad.digit_count != len(digits):
            raise RuntimeError(f"the keypad took {pad.digit_count} of {len(digits)} digits")
        self.press("OK")

    def new_diary(self, pin: str) -> None:
        """New diary, the PIN chosen twice, the number written down, and on, signed in."""
        from kiosk.core.diary_number import is_diary_number
        from kiosk.ui.screens.sign_in import CHOOSE_STEP, NUMBER_STEP, REPEAT_STEP

        sign_in = self.clinic.sign_in
        if not wait_until(self.app, lambda: sign_in.step == NUMBER_STEP and sign_in.new_button.isVisible(), 10):
            raise RuntimeError("no New diary button")
        self.click(sign_in.new_button)
        self.type_on_pad(pin, CHOOSE_STEP)
        self.type_on_pad(pin, REPEAT_STEP)
        if not self.wait_for(self.clinic.new_diary, 10):
            raise RuntimeError("no new diary number was shown")
        number = self.clinic.new_diary.number.text().replace(" ", "")
        if not is_diary_number(number) or number in self.diaries:
            raise RuntimeError(f"the new diary's number {number!r} is not a fresh diary number")
        self.click(self.clinic.new_diary.continue_button)
        if not self.wait_for(self.window.home, 10) or not self.clinic.profile_id:
            raise RuntimeError("I have written it down did not reach the home screen, signed in")
        self.diaries[number] = (pin, self.clinic.profile_id)
        self.new_pins.remove(pin)

    def sign_in(self, number: str, pin: str, profile_id: str) -> None:
        """The diary number, then the PIN, on the keypad; it must open that person's diary."""
        from kiosk.ui.screens.sign_in import NUMBER_STEP, PIN_STEP

        self.type_on_pad(number, NUMBER_STEP)
        self.type_on_pad(pin, PIN_STEP)
        sign_in = self.clinic.sign_in
        wait_until(self.app, lambda: not self.on(sign_in) or sign_in.isEnabled(), 10)   # the check, off-thread
        if not self.wait_for(self.window.home, 1):
            raise RuntimeError(f"diary {number} with its PIN did not reach the home screen")
        if self.clinic.profile_id != profile_id:
            raise RuntimeError(f"diary {number} opened {self.clinic.profile_id!r}, not {profile_id!r}")

    def play(self) -> bool:
        """The routine to its end, with "It hurts" now and then; False if the visit ended otherwise."""
        window = self.window
        hurt_at = self.rng.random() < 0.25
        started = time.monotonic()
        while time.monotonic() - started < 120:
            pump(self.app)
            if self.on(window.rating):
                return True
            if self.on(self.clinic.attract):
                return False
            if hurt_at and self.on(window.player) and window.controller.session is not None \
                    and time.monotonic() - started > 0.2:
                hurt_at = False
                self.counts["hurt"] += 1
                QTest.keyClick(window.player, Qt.Key.Key_H)
                if self.wait_for(window.hurt, 5):
                    if self.rng.random() < 0.5:
                        self.click(window.hurt.rate_button)
                        if self.wait_for(window.rating, 5):
                            self.rate()
                            self.wait_for(window.hurt, 5)
                    self.click(window.hurt.skip_exercise_button)
            time.sleep(0.002)
        return False

    def leave(self) -> None:
        choice = self.rng.random()
        if choice < 0.25:                        # walks away: the idle warning, then the reset
            self.counts["walked away"] += 1
            self.wait_for(self.clinic.attract, IDLE_S + WARNING_S + 10)
            return
        if not self.on(self.window.summary):
            raise RuntimeError("the visit did not reach the summary")
        self.click(self.window.summary.home_button)
        self.click(self.clinic.sign_out_button)


def main() -> int:
    sound = start_sound_server()
    counter = WarningCounter()
    logging.basicConfig(level=logging.WARNING, handlers=[counter])
    qInstallMessageHandler(counter.qt_message)
    app = QApplication(sys.argv[:1])

    from kiosk.core.admin_pin import AdminPinPolicy
    from kiosk.core.library import RoutineLibrary
    from kiosk.paths import bundled_dir
    from kiosk.speech.speaker import create_speaker
    from kiosk.store.data_store import DataStore
    from kiosk.ui.clinic import ClinicMode
    from kiosk.services.deferred_store import DeferredStore
    from kiosk.services.journal import Journal
    from kiosk.ui.main_window import MainWindow

    folder = Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    store = DeferredStore(folder)
    data = store.open()
    settings = store.settings
    AdminPinPolicy(settings).set_pin(ADMIN_PIN)
    speaker = create_speaker(settings, folder / "speech-cache", parent=app)
    library = RoutineLibrary(bundled_dir("routines"), index_path=folder / "routine-index.json")
    window = MainWindow(library, speaker, settings, Journal(), time_scale=TIME_SCALE,
                        picture_folder=folder / "pictures")
    window.resize(1024, 600)
    clinic = ClinicMode(window, data, idle_timeout=IDLE_S, warning_seconds=WARNING_S)
    ledger = Ledger(clinic)
    diaries = {}                                # the regulars' diaries, from earlier days
    for pin in day_pins()[NEW_TODAY:]:
        profile = data.profiles.create(pin=pin)
        diaries[profile.number] = (pin, profile.profile_id)
    window.show()
    clinic.start()
    day = Day(app, window, clinic, random.Random(int(os.environ.get("SOAK_SEED", "12"))), diaries,
              new_pins=day_pins()[:NEW_TODAY])
    counter.starting = False

    started = time.monotonic()
    baseline = None
    for visit in range(VISITS):
        if visit == WARM_UP:
            baseline = rss_mb()
            warm_warnings = len(counter.seen)
        if visit % 50 == 0:
            print(f"visit {visit}: {rss_mb():.1f} MB", flush=True)
        if visit == TRACE_AT[0] and TRACE_AT[0]:
            import tracemalloc

            tracemalloc.start(10)
            first_trace = tracemalloc.take_snapshot()
        try:
            day.visit()
        except RuntimeError as stuck:           # say so, and let the idle reset bring the kiosk back
            day.stuck.append(f"visit {visit}: {stuck}, on the screen {day.where()}")
            if not wait_until(app, lambda: day.on(clinic.attract), IDLE_S + WARNING_S + 90):
                print(f"stuck for good at visit {visit}: {stuck}")
                break
    elapsed = time.monotonic() - started
    if TRACE_AT[0]:                             # SOAK_TRACE=N: where memory grew after visit N
        import tracemalloc

        for stat in tracemalloc.take_snapshot().compare_to(first_trace, "traceback")[:8]:
            print(stat)
            for line in stat.traceback.format()[-6:]:
                print("   ", line)
    wait_until(app, lambda: day.on(clinic.attract), IDLE_S + WARNING_S + 10)
    data.writer.flush(60)
    end = rss_mb()
    acknowledged = ledger.acknowledged()
    clinic.leave()
    window.close()
    speaker.shutdown()
    store.close(timeout=30)

    missing = []
    with DataStore(folder) as again:
        on_disk: dict[str, set] = {}
        for profile_id, saved in acknowledged:
            if profile_id not in on_disk:
                on_disk[profile_id] = {(r.timestamp, r.pain, r.side, r.note)
                                       for r in again.open_profile(profile_id).ratings.list()}
            record = saved.record
            if (record.timestamp, record.pain, record.side, record.note) not in on_disk[profile_id]:
                missing.append((profile_id, record))
    growth = end - (baseline if baseline is not None else end)
    print(f"sound server: {sound}")
    print(f"{VISITS} visits in {elapsed:.0f} s (time scale {TIME_SCALE:g}): " + ", ".join(
        f"{value} {name}" for name, value in day.counts.items()))
    print(f"memory: {baseline or 0:.1f} MB after {WARM_UP} visits, {end:.1f} MB at the end: "
          f"growth {growth:.1f} MB (target under {MEMORY_TARGET_MB} MB)")
    print(f"warnings logged: {len(counter.seen)}, {len(counter.seen) - (warm_warnings if baseline else 0)} "
          f"of them after the warm-up (target none); {len(counter.platform)} offscreen-platform notes "
          f"the test suite ignores too")
    for line in sorted(set(counter.seen))[:10]:
        print(f"    {line}")
    print(f"environment warnings at start-up (this machine, not counted): {len(counter.environment)}")
    for line in counter.environment:
        print(f"    {line}")
    print(f"diaries: {len(diaries)} at the end ({day.counts['new diary']} made today through New diary), "
          f"{len(day.new_pins)} new-diary PINs left unused")
    print(f"visits that got stuck: {len(day.stuck)}")
    for line in day.stuck[:10]:
        print(f"    {line}")
    print(f"ratings acknowledged to signed-in people: {len(acknowledged)}; missing from disk: {len(missing)}")
    return 0 if not missing and not day.stuck and not counter.seen and growth < MEMORY_TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
