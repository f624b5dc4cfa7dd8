"""The player: title, moving illustration, caption, countdown, rep, side, next, time left, controls."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.routine import Exercise
from kiosk.core.timeline import Cue, Timeline
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.controls import make_button, make_label, scrolling, set_button_text
from kiosk.ui.widgets.listening_sign import ListeningSign
from kiosk.ui.widgets.pose_view import PoseView
from kiosk.ui.widgets.responsive import ACROSS, TurnWithWindow, is_portrait

POSE_TRANSITION_MS = 900
PORTRAIT_POSE_HEIGHT = 0.6      # portrait: the figure's area at most this times the screen's width high


def format_time_left(seconds: float) -> str:
    minutes, secs = divmod(max(0, round(seconds)), 60)
    return f"{minutes}:{secs:02d} left"


class PlayerScreen(QWidget):
    """Shows the session as it plays. It only displays and asks; the controller decides.

    Signals:
        pause_toggled(), back_requested(), skip_requested(), hurt_requested()
    """

    pause_toggled = Signal()
    back_requested = Signal()
    skip_requested = Signal()
    hurt_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Exercise")
        self._timeline: Timeline | None = None
        self._remaining = lambda: 0.0
        self._exercise_id: str | None = "-"

        top = QHBoxLayout()
        self.title = make_label("", "title", name="Exercise title")
        self.time_left = make_label("", "heading", wrap=False, name="Time left")
        self.time_left.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.listening_sign = ListeningSign(self)       # voice commands: shown only while listening
        top.addWidget(self.title, 1)
        top.addWidget(self.listening_sign)
        top.addWidget(self.time_left)

        self.pose = PoseView(self)
        self.pose.setMinimumSize(240, 160)

        side_panel = QVBoxLayout()
        self.countdown = make_label("", "countdown", wrap=False, name="Countdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.rep = make_label("", "heading", name="Repetition")
        self.side = make_label("", "heading", name="Side")
        self.cautions = make_label("", "notice", name="Cautions")
        self.next_up = make_label("", "muted", name="Next exercise")
        for widget in (self.countdown, self.rep, self.side, self.cautions):
            side_panel.addWidget(widget)
        side_panel.addStretch(1)
        side_panel.addWidget(self.next_up)

        # Landscape: the figure beside the count and cautions; portrait: the figure above them.
        middle = QBoxLayout(ACROSS)
        middle.addWidget(self.pose, 3)
        middle.addWidget(scrolling(side_panel, self), 2)      # long cautions scroll; the buttons stay
        self._middle = middle
        self._turn = TurnWithWindow(self, middle, on_turn=self._turned)

        self.caption = make_label("", "spoken", name="Caption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setFrameShape(QFrame.Shape.NoFrame)
        self.voice_notice = make_label("", "notice", name="Voice notice")
        self.voice_notice.hide()
        self.progress = make_label("", "notice", name="Preparing")
        self.progress.hide()

        self.back_button = make_button("Back", description="Left arrow key")
        self.pause_button = make_button("Pause", "primary", description="Space bar")
        self.skip_button = make_button("Skip", description="Right arrow key")
        self.hurt_button = make_button("It hurts", "danger", description="Key H. Stops at once.")
        self.back_button.clicked.connect(self.back_requested)
        self.pause_button.clicked.connect(self.pause_toggled)
        self.skip_button.clicked.connect(self.skip_requested)
        self.hurt_button.clicked.connect(self.hurt_requested)
        # On more rows when the labels do not fit side by side (larger text on a narrow screen).
        controls = ButtonRow([(self.back_button, 1), (self.pause_button, 2), (self.skip_button, 1),
                              (self.hurt_button, 2)])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.voice_notice)
        layout.addWidget(self.progress)
        layout.addLayout(middle, 1)
        layout.addWidget(self.caption)
        layout.addWidget(controls)

        for key, signal in ((Qt.Key.Key_Space, self.pause_toggled), (Qt.Key.Key_Left, self.back_requested),
                            (Qt.Key.Key_Right, self.skip_requested), (Qt.Key.Key_H, self.hurt_requested)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(signal)

        self._clock = QTimer(self)
        self._clock.setInterval(500)
        self._clock.timeout.connect(self._update_time_left)

    # -- fed by the main window -------------------------------------------------------------
    def begin(self, timeline: Timeline, remaining) -> None:
        """Get ready for a new session; `remaining()` gives the real seconds left."""
        self._timeline = timeline
        self._remaining = remaining
        self._exercise_id = "-"
        self.set_paused(False)
        self.countdown.clear()
        self.caption.clear()
        self._update_time_left()
        self._clock.start()

    def end(self) -> None:
        self._clock.stop()
        self.pose.stop()
        self.listening_sign.set_listening(False)

    def set_voice_notice(self, text: str) -> None:
        self.voice_notice.setText(text)
        self.voice_notice.setVisible(bool(text))

    def set_progress(self, done: int, total: int) -> None:
        """Show how far the voice is from ready; hidden when done."""
        self.progress.setText(f"Getting the voice ready: {done} of {total} sentences")
        self.progress.setVisible(done < total)

    def set_paused(self, paused: bool) -> None:
        set_button_text(self.pause_button, "Resume" if paused else "Pause")
        if paused:
            self.caption.setText("Paused. Press Resume when you are ready.")

    def show_cue(self, cue: Cue) -> None:
        if self._timeline is None:
            return
        exercise = self._timeline.exercises.get(cue.exercise) if cue.exercise else None
        if cue.exercise != self._exercise_id:
            self._exercise_id = cue.exercise
            self._show_exercise(exercise, at_start=cue.segment == 0)
            self._frame_poses_of(cue.exercise)
        if cue.pose:
            self.pose.show_pose(cue.pose, mirrored=cue.mirrored, transition_ms=POSE_TRANSITION_MS)
        self.caption.setText(cue.caption)
        self.countdown.setText(str(cue.count) if cue.count is not None else "")
        rep = f"Rep {cue.rep} of {cue.reps}" if cue.rep and cue.reps and cue.reps > 1 else ""
        if rep and exercise and exercise.reps_note:
            rep += f" ({exercise.reps_note})"
        self.rep.setText(rep)
        self.side.setText(f"{cue.side.capitalize()} side" if cue.side else "")
        self._update_time_left()

    # -- inside -----------------------------------------------------------------------------
    def _turned(self, portrait: bool) -> None:
        """Portrait: the figure takes most of the height; the count and cautions need little."""
        self._middle.setStretch(0, 4 if portrait else 3)
        self._middle.setStretch(1, 1 if portrait else 2)
        self._fit_pose_height()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_pose_height()

    def _fit_pose_height(self) -> None:
        """Portrait: the figure no taller than it can use (most poses are wider than high), so the
        count and cautions get the rest rather than empty space above and below the figure."""
        portrait = is_portrait(self)
        limit = max(self.pose.minimumHeight(), round(self.width() * PORTRAIT_POSE_HEIGHT)) if portrait else 16777215
        if self.pose.maximumHeight() != limit:
            self.pose.setMaximumHeight(limit)

    def _show_exercise(self, exercise: Exercise | None, at_start: bool) -> None:
        if exercise is None:
            routine = self._timeline.routine
            self.title.setText(routine.title)
            self.cautions.setText("")
            self.cautions.hide()
        else:
            self.title.setText(exercise.title)
            self.cautions.setText("\n".join(f"⚠ {c}" for c in exercise.cautions))
            self.cautions.setVisible(bool(exercise.cautions))
        upcoming = None
        if exercise is not None or at_start:
            upcoming = self._timeline.next_exercise_title(exercise.id if exercise else None)
        self.next_up.setText(f"Next: {upcoming}" if upcoming else "")

    def _frame_poses_of(self, exercise_id: str | None) -> None:
        """One frame for all the positions of this exercise, as large as the picture allows."""
        self.pose.frame_tightly(sorted({c.pose for c in self._timeline.cues if c.exercise == exercise_id and c.pose}))

    def _update_time_left(self) -> None:
        self.time_left.setText(format_time_left(self._remaining()))
