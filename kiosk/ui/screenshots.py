"""Render every screen at landscape and portrait sizes, in every look, to PNG files, for people to look at."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.core.loader import load_routines
from kiosk.core.ports import SilentSpeaker
from kiosk.core.session import ExerciseOutcome, Summary
from kiosk.core.timeline import compile_routine
from kiosk.core.visit import AskRating
from kiosk.paths import bundled_dir
from kiosk.ui.main_window import MainWindow

SIZES = ((1920, 1080), (1280, 800), (1024, 600), (800, 480), (3840, 2160), (1080, 1920), (480, 800))
LOOKS = {"normal": {}, "contrast": {"look.high_contrast": True}, "large": {"look.large_text": True},
         "large-contrast": {"look.large_text": True, "look.high_contrast": True}}


def silent_reason(language: str) -> str:
    """What the player says of a voice that is off, in `language` (screenshots speak nothing)."""
    from kiosk.core.translations import translation
    from kiosk.speech.messages import STATUS_PHRASES

    reason = STATUS_PHRASES["disabled"]            # marked there (a literal here would be extracted as a message)
    return translation(language).gettext(reason)


class _Settings(dict):
    def set(self, key, value) -> None:
        self[key] = value


def _stage_player(window: MainWindow, routine_id: str, exercise: str, kind: str) -> None:
    from kiosk.ui.language import current_language

    routine = window.library.routines[routine_id]
    timeline = compile_routine(routine, current_language())      # its words in the screens' language
    window.player.begin(timeline, lambda: timeline.duration * 0.6)
    cue = next(c for c in timeline.cues if c.exercise == exercise and c.kind == kind)
    window.player.show_cue(cue)
    window.player.pose.show_pose(cue.pose, mirrored=cue.mirrored, transition_ms=0)
    window.stack.setCurrentWidget(window.player)


def _sample_plan(window: MainWindow, locked: bool = False):
    """A plan of three moves with a note, and its history: made by staff, a step up, a declined one."""
    from dataclasses import replace
    from datetime import datetime, timedelta, timezone

    from kiosk.core.plan import Plan, PlanChange, PlanItem

    library = window.library.exercises
    plan = Plan.in_library_order([PlanItem("knee_to_chest", 3, 5, "left", "Go gently"), PlanItem("bridge", 9, 5),
                                  PlanItem("cat_cow", 8, 3)], library, days_a_week=4, note="Stop if pain is over 5",
                                 locked=locked)
    when = datetime(2026, 11, 2, 10, 0, tzinfo=timezone.utc)
    history = [PlanChange(when, "Plan made: 3 exercises, 4 days a week", "First visit", "staff", plan),
               PlanChange(when + timedelta(days=12), "Bridge: 9 reps, hold 5 s (was 8 reps, hold 5 s)",
                          "3 sessions in a row at this dose with pain during at most 5 and the pain before not "
                          "rising", "person", plan, "step_up"),
               PlanChange(when + timedelta(days=20), "Declined: Cat and cow: 9 reps, hold 3 s (was 8 reps, hold 3 s)",
                          "3 sessions in a row at this dose with pain during at most 5", "person", plan,
                          "declined_step_up")]
    if locked:
        history.append(PlanChange(when + timedelta(days=21), "Plan locked by staff", "Staff decided", "staff",
                                  replace(plan, locked=True), "locked"))
    return plan, history


def _stage_plan(window: MainWindow, editor, plan_and_history) -> None:
    editor.show_plan(*plan_and_history)
    window.stack.setCurrentWidget(editor)


def _stage_plan_leave(window: MainWindow) -> None:
    """My plan with a change not saved, after Back: the question whether to leave it."""
    editor = window.plan_screens.editor
    _stage_plan(window, editor, _sample_plan(window))
    editor.days.plus_button.click()
    editor.back_button.click()


def _stage_offer(window: MainWindow) -> None:
    window.plan_screens.offer(_sample_proposal())


def _sample_proposal():
    """A step up of the bridge, its reason marked to be said in the language in use (core.progression)."""
    from kiosk.core.plan import PlanItem
    from kiosk.core.progression import STEP_UP_REASON, ItemChange, Proposal

    change = ItemChange(PlanItem("bridge", 8, 5), PlanItem("bridge", 9, 5))
    return Proposal("step_up", (change,), "Bridge: 9 reps, hold 5 s (was 8 reps, hold 5 s)",
                    "3 sessions in a row at this dose with pain during at most 5 out of 10, and the pain before "
                    "each session not rising.", ((STEP_UP_REASON, (("count", 3), ("acceptable", 5))),))


def _title(window: MainWindow, exercise: str) -> str:
    """The exercise's title in the language of the window's routine library (the screens' language)."""
    return window.library.exercises[exercise].title


def _stages(window: MainWindow):
    """(name, function that puts the window in that state) for every screen."""
    title = lambda exercise: _title(window, exercise)        # noqa: E731 (read when the stage runs)
    summary = Summary((
        ExerciseOutcome("knee_to_chest", title("knee_to_chest"), "done"),
        ExerciseOutcome("both_knees_to_chest", title("both_knees_to_chest"), "skipped"),
        ExerciseOutcome("outer_hip_stretch", title("outer_hip_stretch"), "hurt", ("left",)),
        ExerciseOutcome("bridge", title("bridge"), "not_reached"),
    ), elapsed=612, completed=False)
    return [
        ("home", lambda: window.stack.setCurrentWidget(window.home)),
        ("safety", lambda: window.stack.setCurrentWidget(window.safety)),
        ("player-hold", lambda: _stage_player(window, "floor", "bridge", "count")),
        ("player-left-side", lambda: _stage_player(window, "floor", "outer_hip_stretch", "side")),
        ("player-chair", lambda: _stage_player(window, "waiting-room", "seated_figure_four", "step")),
        ("hurt", lambda: (window.hurt.show_for(title("outer_hip_stretch"), "left", "lying_rest"),
                          window.stack.setCurrentWidget(window.hurt))),
        ("summary", lambda: (window.summary.show_summary(summary, 612), window.stack.setCurrentWidget(window.summary))),
        ("aerobics", lambda: window.stack.setCurrentWidget(window.aerobics)),
        ("rating", lambda: window.do((AskRating("before"),))),
        ("details", lambda: window.stack.setCurrentWidget(window.details)),
        ("skip-offer", lambda: (window.skip_offer.offer([title("bridge"), title("cat_cow")]),
                                window.stack.setCurrentWidget(window.skip_offer))),
        ("aerobic-log", lambda: window.show_aerobic_log()),
        ("progress-empty", lambda: window.show_progress()),
        ("voice", lambda: window.stack.setCurrentWidget(window.voice)),
        ("my-data", lambda: (window.my_data.show_counts(42, 17, 9), window.stack.setCurrentWidget(window.my_data))),
        ("my-data-confirm", lambda: (window.my_data.delete_button.click(),
                                     window.stack.setCurrentWidget(window.my_data))),
        ("my-plan", lambda: _stage_plan(window, window.plan_screens.editor, _sample_plan(window))),
        ("my-plan-locked", lambda: _stage_plan(window, window.plan_screens.editor, _sample_plan(window, True))),
        ("my-plan-none", lambda: _stage_plan(window, window.plan_screens.editor, (None, []))),
        ("my-plan-leave", lambda: _stage_plan_leave(window)),
        ("plan-offer", lambda: _stage_offer(window)),
        ("summary-plan-changed", lambda: (window.summary.show_summary(summary, 612),
                                          window.summary.show_plan_outcome(_sample_proposal(), True),
                                          window.stack.setCurrentWidget(window.summary))),
    ]


def _sample_diary_label():
    """A diary as staff see it in their list, in the language in use."""
    from datetime import datetime

    from kiosk.ui.clinic import DiaryLabel
    from kiosk.ui.language import current_language

    return DiaryLabel("15002278", datetime(2026, 3, 2), current_language())


def _sample_plan_title() -> str:
    from kiosk.ui.language import texts

    return texts().gettext("Plan: {diary}").format(diary=_sample_diary_label().split(",")[0])


def _clinic_stages(window: MainWindow, clinic, drives: list | None = None):
    """The clinic screens (the window is not locked down for pictures). `drives`: what the admin
    screen's drive chooser finds (none at first, then `clinic.test_drive`); None: no drive stage."""
    def show(screen, prepare=lambda: None):
        def stage():
            prepare()
            window.stack.setCurrentWidget(screen)
        return stage

    return [
        ("clinic-attract", show(clinic.attract)),
        ("clinic-sign-in", show(clinic.sign_in, lambda: (clinic.sign_in.reset(),
                                                         clinic.sign_in.pad.type_digit("4")))),
        ("clinic-sign-in-pin", show(clinic.sign_in, lambda: (
            clinic.sign_in.reset(), [clinic.sign_in.pad.type_digit(d) for d in "15002278"],
            clinic.sign_in.pad.submit(), clinic.sign_in.pad.type_digit("4")))),
        ("clinic-new-diary", show(clinic.new_diary, lambda: clinic.new_diary.show_number("15002278"))),
        ("clinic-still-there", show(clinic.still_there, lambda: clinic.still_there.start_countdown(15))),
        ("clinic-admin-unlock", show(clinic.unlock)),
        ("clinic-admin", show(clinic.admin, lambda: clinic.admin.set_profiles(
            [("p-3fa9c1", _sample_diary_label())]))),
        ("clinic-admin-setup", show(clinic.setup)),
        ("clinic-admin-plan", show(clinic.staff_plans.editor, lambda: (
            clinic.staff_plans.editor.set_title(_sample_plan_title),
            clinic.staff_plans.editor.show_plan(*_sample_plan(window))))),
        ("clinic-admin-plan-none", show(clinic.staff_plans.editor, lambda: (
            clinic.staff_plans.editor.set_title(_sample_plan_title),
            clinic.staff_plans.editor.show_plan(None, [])))),
    ] + ([] if drives is None else [
        ("clinic-admin-drive", show(clinic.admin, lambda: (
            drives.append(clinic.test_drive), clinic.admin.drive.refresh(),
            clinic.admin.select_profile("p-3fa9c1"), clinic.admin._exported(
                "p-3fa9c1", clinic.test_drive.root / "diary-p-3fa9c1.fhir.json", None)))),
    ])


def render_all(out_dir: Path, make_window=None, sizes=SIZES, looks=tuple(LOOKS),
               languages=("en", "es")) -> list[Path]:
    """Save one PNG per screen, size, look and language (<screen>-<W>x<H>-<look>[-<language>].png, English
    without the suffix); returns the paths. A fresh window for each size, look and language."""
    import tempfile

    from kiosk.store.data_store import DataStore
    from kiosk.ui.clinic import ClinicMode
    from kiosk.ui.language import set_language
    from kiosk.ui.widgets.drive_choice import Volume

    out_dir.mkdir(parents=True, exist_ok=True)
    libraries = {language: load_routines(bundled_dir("routines"), language=language) for language in languages}
    make_window = make_window or (lambda settings, language: MainWindow(
        libraries[language], SilentSpeaker(silent_reason(language)), settings, time_scale=1))
    paths = []
    for width, height, look, language in ((*size, look, language) for size in sizes for look in looks
                                          for language in languages):
        set_language(language)
        window = make_window(_Settings(LOOKS[look]), language)
        window.resize(width, height)
        window.show()
        folder = tempfile.TemporaryDirectory()
        store = DataStore(Path(folder.name))
        drives: list = []
        clinic = ClinicMode(window, store, volumes=lambda: list(drives))
        (Path(folder.name) / "USB").mkdir()
        clinic.test_drive = Volume(Path(folder.name) / "USB", "USB STICK", 15_300_000_000)
        for name, stage in _stages(window) + _clinic_stages(window, clinic, drives):
            stage()
            for _ in range(3):                # let layouts settle (a minimum may change after one pass)
                QApplication.processEvents()
            suffix = "" if language == "en" else f"-{language}"
            path = out_dir / f"{name}-{width}x{height}-{look}{suffix}.png"
            window.grab().save(str(path))
            paths.append(path)
        window.player.end()
        clinic.still_there.stop_countdown()
        clinic.attract.stop_demo()
        window.close()
        window.deleteLater()
        store.close()
        folder.cleanup()
    set_language("en")
    return paths


def main(argv: list[str]) -> int:
    app = QApplication.instance() or QApplication(argv[:1])
    out = Path(argv[1]) if len(argv) > 1 else Path("build/screenshots")
    for path in render_all(out):
        print(path)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
