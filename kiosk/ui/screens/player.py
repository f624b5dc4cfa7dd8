"""The player: title, moving illustration, caption, countdown, rep, side, next, time left, controls."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import QBoxLayout, QFrame, QVBoxLayout, QWidget

from kiosk.core.routine import Exercise
from kiosk.core.timeline import Cue, Timeline
from kiosk.ui.language import FollowsLanguage, texts
from kiosk.ui.theme import COUNTDOWN_UNITS, window_unit
from kiosk.ui.widgets.button_row import ButtonRow
from kiosk.ui.widgets.controls import make_button, make_label, scrolling, set_button_text
from kiosk.ui.widgets.listening_sign import ListeningSign
from kiosk.ui.widgets.pose_view import PoseView
from kiosk.ui.widgets.responsive import ACROSS, DOWN, TurnWithWindow, is_portrait
from kiosk.ui.widgets.text_area import TextArea

POSE_TRANSITION_MS = 900
SIDE_AREA_LEAST_PX = 48        # the count and cautions' area: at least this high
PORTRAIT_POSE_HEIGHT = 0.6      # portrait: the figure's area at most this times the screen's width high
TALL_COUNT_SHARE = 0.3          # portrait: the count up to this share of the room under the figure ...
TALL_COUNT_MOST = 3.0           # ... but at most this many times its usual size: read from the mat


def format_time_left(seconds: float) -> str:
    """"2:05 left", in the language of the screens."""
    minutes, secs = divmod(max(0, round(seconds)), 60)
    return texts().gettext("{time} left").format(time=f"{minutes}:{secs:02d}")


class PlayerScreen(FollowsLanguage, QWidget):
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
        self._timeline: Timeline | None = None
        self._cue: Cue | None = None            # the last cue shown, to show again in another language
        self._paused = False
        self._progress = (1, 1)                 # the voice's sentences ready, of all
        self._remaining = lambda: 0.0
        self._exercise_id: str | None = "-"

        top = QBoxLayout(ACROSS)          # the time under the title when a long word of it leaves no room
        self._top = top
        self.title = make_label("", "title")
        self.time_left = make_label("", "heading", wrap=False)
        self.time_left.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.listening_sign = ListeningSign(self)       # voice commands: shown only while listening
        top.addWidget(self.title, 1)
        top.addWidget(self.listening_sign)
        top.addWidget(self.time_left)

        self.pose = PoseView(self)
        self.pose.setMinimumSize(240, 80)     # a small screen in larger text: the caption comes first

        side_panel = QVBoxLayout()
        side_panel.addStretch(0)          # portrait: 1, so the count and cautions stand in the middle of the room
        self._side_panel = side_panel
        self.countdown = make_label("", "countdown", wrap=False)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.rep = make_label("", "heading")
        self.side = make_label("", "heading")
        self.cautions = make_label("", "notice")
        self.next_up = make_label("", "muted")
        for widget in (self.countdown, self.rep, self.side, self.cautions):
            side_panel.addWidget(widget)
        side_panel.addStretch(1)
        side_panel.addWidget(self.next_up)

        # Landscape: the figure beside the count and cautions; portrait: the figure above them.
        middle = QBoxLayout(ACROSS)
        middle.addWidget(self.pose, 3)
        self.side_area = scrolling(side_panel, self)      # long cautions scroll; the buttons stay
        self.side_area.setMinimumHeight(SIDE_AREA_LEAST_PX)
        self.side_area.installEventFilter(self)           # its height sets the count's size in portrait
        middle.addWidget(self.side_area, 2)
        self._middle = middle
        self._turn = TurnWithWindow(self, middle, on_turn=self._turned)

        self.caption = make_label("", "spoken")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setFrameShape(QFrame.Shape.NoFrame)
        # The caption whole where there is room; where there is not, it scrolls and the buttons stay in sight.
        self.caption_area = TextArea(self.caption, room=self._caption_room, parent=self)
        self.voice_notice = make_label("", "notice")
        self.voice_notice.hide()
        self.progress = make_label("", "notice")
        self.progress.hide()

        self.back_button = make_button("")
        self.pause_button = make_button("", "primary")
        self.skip_button = make_button("")
        self.hurt_button = make_button("", "danger")
        self.back_button.clicked.connect(self.back_requested)
        self.pause_button.clicked.connect(self.pause_toggled)
        self.skip_button.clicked.connect(self.skip_requested)
        self.hurt_button.clicked.connect(self.hurt_requested)
        # On more rows when the labels do not fit side by side (larger text on a narrow screen).
        self.controls = controls = ButtonRow([(self.back_button, 1), (self.pause_button, 2), (self.skip_button, 1),
                              (self.hurt_button, 2)])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.voice_notice)
        layout.addWidget(self.progress)
        layout.addLayout(middle, 1)
        layout.addWidget(self.caption_area)
        layout.addWidget(controls)

        for key, signal in ((Qt.Key.Key_Space, self.pause_toggled), (Qt.Key.Key_Left, self.back_requested),
                            (Qt.Key.Key_Right, self.skip_requested), (Qt.Key.Key_H, self.hurt_requested)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(signal)

        self._clock = QTimer(self)
        self._clock.setInterval(500)
        self._clock.timeout.connect(self._update_time_left)
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        self.setAccessibleName(_("Exercise"))
        for label, name in ((self.title, _("Exercise title")), (self.time_left, _("Time left")),
                            (self.countdown, _("Countdown")), (self.rep, _("Repetition")),
                            (self.side, _("Side")), (self.cautions, _("Cautions")),
                            (self.next_up, _("Next exercise")), (self.caption, _("Caption")),
                            (self.voice_notice, _("Voice notice")), (self.progress, _("Preparing"))):
            label.setAccessibleName(name)
        set_button_text(self.back_button, _("Back"))
        self.back_button.setAccessibleDescription(_("Left arrow key"))
        self.pause_button.setAccessibleDescription(_("Space bar"))
        set_button_text(self.skip_button, _("Skip"))
        self.skip_button.setAccessibleDescription(_("Right arrow key"))
        set_button_text(self.hurt_button, _("It hurts"))
        self.hurt_button.setAccessibleDescription(_("Key H. Stops at once."))
        self.set_paused(self._paused)
        self.set_progress(*self._progress)
        if self._cue is not None:
            self._show_counts(self._cue)
        if self._timeline is not None and self._exercise_id != "-":
            exercise = self._timeline.exercises.get(self._exercise_id) if self._exercise_id else None
            self._show_exercise(exercise, at_start=self._cue is not None and self._cue.segment == 0)
        if self._timeline is not None:
            self._update_time_left()
        self._fit_count()                     # the words of another language take more room or less
        self.controls.refit()

    # -- fed by the main window -------------------------------------------------------------
    def begin(self, timeline: Timeline, remaining) -> None:
        """Get ready for a new session; `remaining()` gives the real seconds left."""
        self._timeline = timeline
        self._remaining = remaining
        self._exercise_id = "-"
        self._cue = None
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
        self.caption_area.updateGeometry()          # less room, or more, for the caption

    def set_progress(self, done: int, total: int) -> None:
        """Show how far the voice is from ready; hidden when done."""
        self._progress = (done, total)
        self.progress.setText(texts().ngettext("Getting the voice ready: {done} of {total} sentence",
                                               "Getting the voice ready: {done} of {total} sentences",
                                               total).format(done=done, total=total))
        self.progress.setVisible(done < total)
        self.caption_area.updateGeometry()

    def set_paused(self, paused: bool) -> None:
        _ = texts().gettext
        self._paused = paused
        set_button_text(self.pause_button, _("Resume") if paused else _("Pause"))
        if paused:
            self.caption.setText(_("Paused. Press Resume when you are ready."))
        elif self._cue is not None:
            self.caption.setText(self._cue.caption)

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
        self._cue = cue
        self.caption.setText(cue.caption)
        self._show_counts(cue)
        self._update_time_left()
        self._fit_count()                     # the rep, side and cautions shown now leave more room or less

    def _show_counts(self, cue: Cue) -> None:
        """The count, the repetition and the side of `cue`, in the language in use."""
        _ = texts().gettext
        exercise = self._timeline.exercises.get(cue.exercise) if cue.exercise else None
        self.countdown.setText(str(cue.count) if cue.count is not None else "")
        rep = ""
        if cue.rep and cue.reps and cue.reps > 1:
            rep = texts().ngettext("Rep {rep} of {reps}", "Rep {rep} of {reps}", cue.reps).format(
                rep=cue.rep, reps=cue.reps)
            if exercise and exercise.reps_note:
                rep = _("{repetition} ({note})").format(repetition=rep, note=exercise.reps_note)
        self.rep.setText(rep)
        sides = {"left": _("Left side"), "right": _("Right side")}
        self.side.setText(sides.get(cue.side, cue.side.capitalize()) if cue.side else "")

    # -- inside -----------------------------------------------------------------------------
    def _turned(self, portrait: bool) -> None:
        """Portrait: the figure takes most of the height; the count and cautions need little."""
        self._middle.setStretch(0, 4 if portrait else 3)
        self._middle.setStretch(1, 1 if portrait else 2)
        self._side_panel.setStretch(0, 1 if portrait else 0)
        self._fit_pose_height()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_pose_height()
        self._fit_top()
        self.caption_area.updateGeometry()          # the room and the text's height follow the size

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.side_area and event.type() == QEvent.Type.Resize:
            self._fit_count()
        return super().eventFilter(watched, event)

    def _count_usual_px(self) -> int:
        return round(window_unit(self) * COUNTDOWN_UNITS)

    def _fit_count(self) -> None:
        """Portrait often leaves room under the figure: there the count grows into it (to TALL_COUNT_SHARE of
        the area, at most TALL_COUNT_MOST times its size), so it can be read from the mat. It takes only room
        the rest does not need (the cautions stay in sight unscrolled); landscape keeps the style's size."""
        usual = self._count_usual_px()
        size = usual
        if is_portrait(self):
            # The area's own box, not its viewport's: a resize reaches this filter before the area resizes the
            # viewport. The width less a scroll bar's: the room the words have should the area scroll.
            # What the rest needs is asked of each label (the layout's own answer may still hold the old count).
            inside = self.side_area.contentsRect()
            width = inside.width() - self.side_area.verticalScrollBar().sizeHint().width()
            shown = [label for label in (self.rep, self.side, self.cautions, self.next_up) if not label.isHidden()]
            rest = sum(label.heightForWidth(width) if label.hasHeightForWidth() else label.sizeHint().height()
                       for label in shown) + self._side_panel.spacing() * len(shown)
            usual_line = self._count_line_px(usual)
            spare = inside.height() - rest - usual_line                         # room left at the usual size
            fits = usual + int(spare * usual / usual_line)                      # the line grows with the font
            most = min(round(usual * TALL_COUNT_MOST), round(self.side_area.height() * TALL_COUNT_SHARE))
            size = max(usual, min(most, fits))
        sheet = f"font-size: {size}px;" if size != usual else ""
        if self.countdown.styleSheet() != sheet:
            self.countdown.setStyleSheet(sheet)

    def _count_line_px(self, pixels: int) -> int:
        """How high the count's line is at `pixels` font size."""
        font = QFont(self.countdown.font())
        font.setPixelSize(pixels)
        return QFontMetrics(font).height()

    def _caption_room(self) -> int:
        """How high the caption may be with everything else at its least: the buttons stay in sight."""
        layout = self.layout()
        if layout is None:
            return 0
        margins = layout.contentsMargins()
        width = self._room_across()
        used, shown = margins.top() + margins.bottom(), 0
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if item.isEmpty():
                continue
            shown += 1
            if item.widget() is self.caption_area:
                continue
            used += item.heightForWidth(width) if item.hasHeightForWidth() else item.minimumSize().height()
        return (self.height() if self.isVisible() else self.window().height()) - used - layout.spacing() * (shown - 1)

    def _shown_width(self) -> int:
        """Its width once shown; before, the window's (the screen's own is not known yet)."""
        return self.width() if self.isVisible() else self.window().width()

    def _room_across(self) -> int:
        """The shown width less the layout's side margins."""
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        return self._shown_width() - (margins.left() + margins.right() if margins else 0)

    def _fit_top(self) -> None:
        """The time left beside the title while the title's longest word leaves room for it (in the
        window's width: the screen's own is not known before it is shown), else under it."""
        room = self._room_across()
        spacing = max(0, self._top.spacing())
        need = (self.title.minimumSizeHint().width() + self.time_left.sizeHint().width() + 2 * spacing
                + (self.listening_sign.sizeHint().width() if not self.listening_sign.isHidden() else 0))
        direction = DOWN if need > room else ACROSS
        if self._top.direction() != direction:
            self._top.setDirection(direction)

    def _fit_pose_height(self) -> None:
        """Portrait: the figure no taller than it can use (most poses are wider than high), so the
        count and cautions get the rest rather than empty space above and below the figure."""
        portrait = is_portrait(self)
        limit = 16777215
        if portrait:
            limit = round(self._shown_width() * PORTRAIT_POSE_HEIGHT)
            aspect = self.pose.frame_aspect()       # this exercise's frame: no higher than the figure needs
            if aspect is not None:
                limit = min(limit, math.ceil(self._room_across() * aspect))
            limit = max(self.pose.minimumHeight(), limit)
        # Portrait: the count under the figure whole, however tall the figure might be (a 7" panel's 15 mm
        # buttons leave the middle little height); beside it, the count has the whole height anyway.
        count = self._count_line_px(self._count_usual_px()) + 2 * self.side_area.frameWidth()   # not the grown
        #                                                         count's line: that grows with this area
        least = max(SIDE_AREA_LEAST_PX, count) if portrait else SIDE_AREA_LEAST_PX
        if self.side_area.minimumHeight() != least:
            self.side_area.setMinimumHeight(least)
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
        self._fit_top()
        self.caption_area.updateGeometry()          # a title on more lines or fewer
        upcoming = None
        if exercise is not None or at_start:
            upcoming = self._timeline.next_exercise_title(exercise.id if exercise else None)
        self.next_up.setText(texts().gettext("Next: {exercise}").format(exercise=upcoming) if upcoming else "")

    def _frame_poses_of(self, exercise_id: str | None) -> None:
        """One frame for all the positions of this exercise, as large as the picture allows."""
        self.pose.frame_tightly(sorted({c.pose for c in self._timeline.cues if c.exercise == exercise_id and c.pose}))
        self._fit_pose_height()   # its frame may need less height than the last one (the last exercise's figure,
        #                           fading out in its own frame, may shrink for that moment)

    def _update_time_left(self) -> None:
        self.time_left.setText(format_time_left(self._remaining()))
