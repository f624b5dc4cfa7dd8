"""PoseView: shows named poses, glides between them, loops a demonstration, and cleans up its timers."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QAbstractAnimation, QTimer, QVariantAnimation
from PySide6.QtGui import QImage

from kiosk.core.poses import POSES
from kiosk.ui.widgets.pose_view import PoseView


@pytest.fixture
def view(qtbot):
    widget = PoseView()
    qtbot.addWidget(widget)
    widget.resize(300, 200)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.stop()


def _image(widget: PoseView) -> QImage:
    return widget.grab().toImage()


def _running_timers(widget: PoseView) -> list:
    timers = [t for t in widget.findChildren(QTimer) if t.isActive()]
    animations = [a for a in widget.findChildren(QVariantAnimation)
                  if a.state() == QAbstractAnimation.State.Running]
    return timers + animations


def test_unknown_pose_raises_key_error_naming_it(view):
    with pytest.raises(KeyError, match="no_such_pose"):
        view.show_pose("no_such_pose")
    with pytest.raises(KeyError, match="nor_this"):
        view.set_loop(["cat", "nor_this"], False, 1000)


def test_accessible_name_and_description_follow_the_pose(view):
    view.show_pose("one_knee_to_chest", transition_ms=0)
    assert view.accessibleName() == "Illustration: one knee to chest"
    assert "right side" in view.accessibleDescription()
    view.show_pose("one_knee_to_chest", mirrored=True, transition_ms=0)
    assert "left side" in view.accessibleDescription()
    view.show_pose("hook_lying", transition_ms=0)
    assert view.accessibleName() == "Illustration: hook lying"
    assert "side" not in view.accessibleDescription()


def test_a_transition_animates_and_then_stops_its_timer(view, qtbot):
    view.show_pose("hook_lying", transition_ms=0)
    start = _image(view)
    with qtbot.waitSignal(view.pose_shown, timeout=5000) as shown:
        view.show_pose("bridge", transition_ms=600)
        assert view.is_animating()
        qtbot.waitUntil(lambda: view.current_pose() not in (None, POSES["hook_lying"], POSES["bridge"]),
                        timeout=2000)
        qtbot.wait(150)
        middle = _image(view)
    assert shown.args == ["bridge"]
    end = _image(view)
    assert middle != start and middle != end and start != end
    assert not view.is_animating()
    assert _running_timers(view) == []


def test_stop_finishes_the_transition_at_once(view):
    view.show_pose("tabletop", transition_ms=0)
    view.show_pose("cat", transition_ms=5000)
    assert view.is_animating()
    view.stop()
    assert not view.is_animating()
    assert view.current_pose() is POSES["cat"]
    assert _running_timers(view) == []


def test_cross_camera_changes_fade_instead_of_blending(view, qtbot):
    view.show_pose("knees_up", transition_ms=0)
    with qtbot.waitSignal(view.pose_shown, timeout=5000):
        view.show_pose("twist", transition_ms=300)
    assert view.pose_name == "twist"


def test_loop_cycles_through_the_poses_and_stops(view, qtbot):
    seen: list[str] = []
    view.pose_shown.connect(seen.append)
    view.set_loop(["tabletop", "cat", "cow"], mirrored=False, period_ms=120)
    qtbot.waitUntil(lambda: seen[-3:] == ["cow", "tabletop", "cat"] or len(seen) >= 5, timeout=5000)
    assert seen[:3] == ["tabletop", "cat", "cow"]
    view.stop()
    assert not view.is_animating()
    assert _running_timers(view) == []


def test_show_pose_ends_a_loop(view):
    view.set_loop(["cat", "cow"], mirrored=True, period_ms=1000)
    assert view.is_animating()
    view.show_pose("standing", transition_ms=0)
    assert not view.is_animating()


def test_deleting_the_widget_deletes_its_timers(qtbot):
    widget = PoseView()
    widget.show_pose("standing", transition_ms=0)
    widget.set_loop(["standing", "triangle_reach", "triangle"], mirrored=False, period_ms=50)
    owned = widget.findChildren(QTimer) + widget.findChildren(QVariantAnimation)
    assert owned
    with qtbot.waitSignal(widget.destroyed, timeout=2000):
        widget.deleteLater()
    assert not any(shiboken6.isValid(obj) for obj in owned)


def _dark_rows(image: QImage) -> tuple[int, int]:
    """The highest and lowest row with the figure's dark outline (not the floor)."""
    rows = [y for y in range(0, image.height(), 2)
            if any(image.pixelColor(x, y).lightness() < 60 for x in range(0, image.width(), 4))]
    return (rows[0], rows[-1]) if rows else (0, 0)


def _figure_height(image: QImage) -> int:
    top, bottom = _dark_rows(image)
    return bottom - top


def test_a_tight_frame_shows_lying_poses_larger_and_the_same_for_the_whole_loop(view):
    view.resize(900, 400)
    view.show_pose("hook_lying", transition_ms=0)
    own_frame = _figure_height(_image(view))
    view.frame_tightly(["hook_lying", "one_knee_to_chest"])
    view.show_pose("hook_lying", transition_ms=0)         # the frame applies from the next pose on
    tight = _figure_height(_image(view))
    assert tight > 1.4 * own_frame > 0
    view.show_pose("one_knee_to_chest", transition_ms=0)
    image = _image(view)
    assert _figure_height(image) > tight                  # the raised knee fits in the frame made for it
    top, bottom = _dark_rows(image)
    assert top > 2 and bottom < view.height() - 3         # nothing cut at the picture's edges
    with pytest.raises(KeyError):
        view.frame_tightly(["no_such_pose"])


def _dark_columns(image: QImage) -> tuple[int, int]:
    columns = [x for x in range(0, image.width(), 2)
               if any(image.pixelColor(x, y).lightness() < 60 for y in range(0, image.height(), 4))]
    return columns[0], columns[-1]


def test_the_left_side_is_drawn_in_the_mirror_image_of_the_frame(view):
    view.resize(900, 400)
    view.frame_tightly(["figure_four", "figure_four_lift"])
    view.show_pose("figure_four", transition_ms=0)
    right_first, right_last = _dark_columns(_image(view))
    view.show_pose("figure_four", mirrored=True, transition_ms=0)
    left_first, left_last = _dark_columns(_image(view))
    width = view.width()
    assert abs(left_first - (width - 1 - right_last)) <= 6
    assert abs(left_last - (width - 1 - right_first)) <= 6
    assert right_last - right_first > 0.5 * width          # and the figure fills the picture


def test_a_new_frame_crossfades_from_the_old_one_without_a_jump(view, qtbot):
    view.resize(900, 400)
    view.show_pose("tabletop", transition_ms=0)
    before = _image(view)
    view.frame_tightly(["standing"])
    view.show_pose("standing", transition_ms=400)
    view._on_progress(0.0)                                # the very start of the transition
    assert _image(view) == before                         # the outgoing pose, still in its own frame
    view.stop()


def test_asking_again_for_the_pose_shown_moves_and_paints_nothing(view, qtbot):
    from PySide6.QtCore import QEvent, QObject

    class Paints(QObject):
        count = 0

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                Paints.count += 1
            return False

    with qtbot.waitSignal(view.pose_shown, timeout=5000):
        view.show_pose("hook_lying", transition_ms=0)
    qtbot.wait(50)
    counter = Paints(view)
    view.installEventFilter(counter)
    with qtbot.waitSignal(view.pose_shown, timeout=1000) as shown:
        view.show_pose("hook_lying", transition_ms=900)    # as every cue of a hold asks
    assert shown.args == ["hook_lying"] and not view.is_animating()
    qtbot.wait(100)
    assert Paints.count == 0
    view.show_pose("hook_lying", mirrored=True, transition_ms=300)   # the other side does move
    assert view.is_animating()
    qtbot.waitUntil(lambda: Paints.count > 0, timeout=2000)
    view.stop()
