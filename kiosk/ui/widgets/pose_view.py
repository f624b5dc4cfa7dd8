"""The animated exercise figure: glides from pose to pose, or loops a short demonstration."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import (
    QAbstractAnimation, QEasingCurve, QRectF, QSize, QTimer, QVariantAnimation, Signal,
)
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.core.poses import POSES, Pose, interpolate, mirrored as mirror_pose
from kiosk.ui.figure import BACKGROUND, paint_pose
from kiosk.ui.language import FollowsLanguage, texts
from kiosk.ui.widgets.glide_frames import GlideFrames
from kiosk.ui.widgets.pose_picture import spoken_name


_FRAMES: dict[tuple, object] = {}     # pose names -> the scene that frames them
GLIDE_FPS = 30                        # frames a second while a pose glides into another
PICTURES_KEPT = 4                     # poses kept drawn, at the view's size (a loop's, a crossfade's two)
GLIDE_BYTES = 32 * 1024 * 1024        # a loop's glides kept drawn (the moving part of each frame)


class PoseView(FollowsLanguage, QWidget):
    """Shows the figure in a named pose and animates between poses.

    Signals:
        pose_shown(str): a transition (or an instant change) reached the named pose.

    On small hardware it draws as little as it can: a pose at rest, and both sides of a crossfade,
    are drawn once at the view's size and then copied; a glide (joint by joint) has GLIDE_FPS
    frames a second, each drawn, except in a loop, where the moving part of each frame is drawn
    once and then copied; asking again for the pose already shown changes nothing.
    """

    pose_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name: str | None = None
        self._mirrored = False
        self._start_frame = None            # the frames the pose being left and the pose shown are drawn in
        self._target_frame = None
        self._start: Pose | None = None
        self._target: Pose | None = None
        self._t = 1.0
        self._loop: list[str] = []
        self._loop_index = 0
        self._loop_transition_ms = 800
        self._scene = None                  # a fixed frame (see frame_tightly), else each pose's own
        self._start_key: tuple | None = None  # (name, mirrored, frame) of a pose at rest, for its picture
        self._target_key: tuple | None = None
        self._pictures: OrderedDict[tuple, QPixmap] = OrderedDict()
        self._frame_index = -1              # of the glide under way: frames are numbered, so they repeat
        self._frame_count = 1
        self._glide: tuple[GlideFrames, bool] | None = None   # its kept frames (backwards?), in a loop
        self._glides: OrderedDict[tuple, GlideFrames] = OrderedDict()
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._animation.valueChanged.connect(self._on_progress)
        self._animation.finished.connect(self._on_transition_finished)
        self._loop_timer = QTimer(self)
        self._loop_timer.timeout.connect(self._on_loop_tick)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.retranslate()

    def retranslate(self) -> None:
        if self._name is None:
            self.setAccessibleName(texts().gettext("Illustration"))
        else:
            self._describe(self._name, self._mirrored and POSES[self._name].sided)

    # -- public API ------------------------------------------------------------------------

    @property
    def pose_name(self) -> str | None:
        """The pose shown, or being moved to."""
        return self._name

    @property
    def is_mirrored(self) -> bool:
        """True when the left-side (mirror image) version is shown."""
        return self._mirrored

    def is_animating(self) -> bool:
        """True while a transition or a loop is running."""
        return (self._animation.state() == QAbstractAnimation.State.Running
                or self._loop_timer.isActive())

    def show_pose(self, name: str, mirrored: bool = False, transition_ms: int = 800) -> None:
        """Move to the named pose (mirror image for the left side), gliding over transition_ms."""
        self._show(name, mirrored, transition_ms)
        self._loop = []
        self._loop_timer.stop()

    def set_loop(self, names: list[str], mirrored: bool = False, period_ms: int = 3000) -> None:
        """Cycle through names, one every period_ms, gliding between them (for demonstrations)."""
        for name in names:
            self._check(name)
        self._loop_timer.stop()
        self._loop = list(names)
        self._mirrored = mirrored
        self._loop_index = 0
        if not self._loop:
            return
        self._loop_transition_ms = max(0, min(900, period_ms * 2 // 5))
        self._show(self._loop[0], mirrored, self._loop_transition_ms if self._target else 0)
        if len(self._loop) > 1:
            self._loop_timer.start(max(1, period_ms))

    def frame_tightly(self, names) -> None:
        """Show just the part of the world these poses use, the same frame for all of them (mirrored
        for the left side): lying poses then fill the picture instead of sitting under empty space,
        and the figure does not jump between them."""
        from kiosk.ui.figure import framing

        key = tuple(names)
        if key not in _FRAMES:                     # a few milliseconds to work out: once per set
            _FRAMES[key] = framing([self._check(name) for name in key]) if key else None
        self._scene = _FRAMES[key]                 # used from the next pose shown on

    def frame_aspect(self) -> float | None:
        """How high the fixed frame (frame_tightly) is for its width, or None without one: a picture taller
        than that for its width only shows empty space above and below the figure."""
        scene = self._scene
        return scene.height() / scene.width() if scene is not None and scene.width() > 0 else None

    def _frame(self, mirrored: bool):
        """The fixed frame, if any, for a pose drawn as is or as its mirror image (x -> -x)."""
        scene = self._scene
        if scene is None or not mirrored:
            return scene
        return QRectF(-scene.right(), scene.top(), scene.width(), scene.height())

    def stop(self) -> None:
        """Stop any loop and finish the current transition at once."""
        self._loop_timer.stop()
        self._loop = []
        if self._animation.state() == QAbstractAnimation.State.Running:
            self._animation.stop()
            self._finish()

    def current_pose(self) -> Pose | None:
        """The pose as drawn right now (part way through a transition, the blend)."""
        if self._target is None:
            return None
        if self._start is None or self._t >= 1.0:
            return self._target
        return interpolate(self._start, self._target, self._t)

    # -- Qt overrides ----------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(600, 400)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(150, 100)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        target = self._target
        start = self._start
        if target is None:
            painter.fillRect(self.rect(), BACKGROUND)
        elif start is None or self._t >= 1.0:
            self._draw_picture(painter, self._target_key, target, self._target_frame)
        elif _needs_crossfade(start, target) or self._start_frame != self._target_frame:
            self._draw_picture(painter, self._start_key, start, self._start_frame)   # each in its own
            painter.setOpacity(self._t)                                            # frame: nothing jumps
            self._draw_picture(painter, self._target_key, target, self._target_frame)
        else:
            rect = QRectF(self.rect())
            glide = self._glide
            if glide is not None and glide[0].known and glide[0].rect == rect \
                    and glide[0].ratio == self.devicePixelRatioF():
                self._draw_picture(painter, self._start_key, start, self._start_frame)
                glide[0].draw(painter, max(0, self._frame_index), backwards=glide[1])
            else:
                painter.fillRect(rect, BACKGROUND)
                paint_pose(painter, interpolate(start, target, self._t), rect, scene=self._target_frame)
        painter.end()

    # -- internals -------------------------------------------------------------------------

    @staticmethod
    def _check(name: str) -> Pose:
        try:
            return POSES[name]
        except KeyError:
            raise KeyError(name) from None

    def _show(self, name: str, mirrored: bool, transition_ms: int) -> None:
        pose = self._check(name)
        frame = self._frame(mirrored)
        key = (name, mirrored, _rect_key(frame))
        if key == self._target_key and self._target is not None:    # already shown, or on its way:
            if self._animation.state() != QAbstractAnimation.State.Running:   # nothing moves, nothing
                self.pose_shown.emit(name)                                  # is drawn again
                return
            if transition_ms > 0:
                return
        target = mirror_pose(pose) if mirrored else pose
        current = self.current_pose()
        moving = self._animation.state() == QAbstractAnimation.State.Running
        self._animation.stop()
        self._start_frame, self._target_frame = self._target_frame, frame
        self._start_key = None if moving else self._target_key     # a blend part way has no picture
        self._target_key = key
        self._name, self._mirrored = name, mirrored
        self._describe(name, mirrored and pose.sided)
        self._target = target
        if current is None or transition_ms <= 0:
            self._start, self._t = None, 1.0
            self.update()
            self.pose_shown.emit(name)
            return
        self._start, self._t = current, 0.0
        self._frame_index, self._frame_count = -1, max(1, round(transition_ms * GLIDE_FPS / 1000))
        self._glide = self._kept_glide() if self._gliding() else None
        self._animation.setDuration(transition_ms)
        self._animation.start()
        self.update()

    def _describe(self, name: str, left: bool) -> None:
        _ = texts().gettext
        words = spoken_name(name)
        self.setAccessibleName(_("Illustration: {pose}").format(pose=words))
        if left:
            description = _("A figure showing the position {pose}, left side.")
        elif POSES[name].sided:
            description = _("A figure showing the position {pose}, right side.")
        else:
            description = _("A figure showing the position {pose}.")
        self.setAccessibleDescription(description.format(pose=words))

    def _gliding(self) -> bool:
        """A move joint by joint (not a crossfade) is under way."""
        return self._start is not None and not (_needs_crossfade(self._start, self._target)
                                                or self._start_frame != self._target_frame)

    def _on_progress(self, value: float) -> None:
        if not self._gliding():
            self._t = float(value)
            self.update()
            return
        count = self._frame_count
        duration = max(1, self._animation.duration())
        index = min(count, round(self._animation.currentTime() / duration * count))
        if index == self._frame_index:
            return                            # the same frame: GLIDE_FPS a second, not every tick
        if self._glide is not None and not self._glide[0].known:
            for passed in range(max(0, self._frame_index), index + 1):
                self._glide[0].measure(count - passed if self._glide[1] else passed)
        self._frame_index = index
        self._t = self._animation.easingCurve().valueForProgress(index / count)
        self.update()

    def _kept_glide(self) -> tuple[GlideFrames, bool] | None:
        """In a loop, the frames of this glide (or of the same glide backwards), kept."""
        if not self._loop or self._start_key is None:
            return None
        ratio = self.devicePixelRatioF()
        size = (self.width(), self.height(), ratio, self._frame_count)
        for key, backwards in (((self._start_key, self._target_key, size), False),
                               ((self._target_key, self._start_key, size), True)):
            if key in self._glides:
                self._glides.move_to_end(key)
                return self._glides[key], backwards
        start, target = self._start, self._target
        glide = GlideFrames(start, target, self._target_frame, QRectF(self.rect()), ratio, self._frame_count,
                            budget=GLIDE_BYTES)
        self._glides[(self._start_key, self._target_key, size)] = glide
        while sum(g.bytes for g in self._glides.values()) > GLIDE_BYTES and len(self._glides) > 1:
            self._glides.popitem(last=False)
        return glide, False

    def _draw_picture(self, painter: QPainter, key: tuple | None, pose: Pose, scene) -> None:
        """The pose at rest, drawn once at this size (and kept), copied onto the view."""
        ratio = self.devicePixelRatioF()
        size = (round(self.width() * ratio), round(self.height() * ratio))
        if size[0] <= 0 or size[1] <= 0:
            return
        full = (key, size, ratio)
        picture = self._pictures.get(full) if key is not None else None
        if picture is None:
            picture = QPixmap(*size)
            picture.setDevicePixelRatio(ratio)
            picture.fill(BACKGROUND)
            drawing = QPainter(picture)
            paint_pose(drawing, pose, QRectF(0, 0, self.width(), self.height()), scene=scene)
            drawing.end()
            if key is not None:
                self._pictures[full] = picture
                while len(self._pictures) > PICTURES_KEPT:
                    self._pictures.popitem(last=False)
        if key is not None:
            self._pictures.move_to_end(full)
        painter.drawPixmap(0, 0, picture)

    def _finish(self) -> None:
        if self._glide is not None and self._t > 0.0:
            self._glide[0].measure_all()      # the few frames a busy moment skipped
        self._glide = None
        self._start, self._t = None, 1.0
        self.update()
        if self._name is not None:
            self.pose_shown.emit(self._name)

    def _on_transition_finished(self) -> None:
        self._finish()

    def _on_loop_tick(self) -> None:
        if not self._loop:
            self._loop_timer.stop()
            return
        self._loop_index = (self._loop_index + 1) % len(self._loop)
        self._show(self._loop[self._loop_index], self._mirrored, self._loop_transition_ms)


def _rect_key(rect) -> tuple | None:
    return None if rect is None else (rect.x(), rect.y(), rect.width(), rect.height())


def _needs_crossfade(a: Pose, b: Pose) -> bool:
    """Poses seen by different cameras do not blend joint by joint; fade between them."""
    return a.from_above != b.from_above or a.view != b.view or a.near != b.near
