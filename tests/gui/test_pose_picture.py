"""Still pose pictures: drawn once per size, then read back from the picture cache (memory and disk)."""

from __future__ import annotations

from kiosk.ui.picture_cache import PictureCache
from kiosk.ui.widgets.pose_picture import PosePicture, draw_pose_image
from kiosk.ui.figure import BACKGROUND


def _colours(image) -> set:
    return {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}


def test_a_drawn_pose_is_more_than_its_background(qapp):
    image = draw_pose_image("bridge", 300, 200)
    assert (image.width(), image.height()) == (300, 200)
    assert len(_colours(image)) > 10
    assert image.pixel(0, 0) == BACKGROUND.rgb()


def test_an_unknown_pose_gives_a_plain_background(qapp):
    image = draw_pose_image("no_such_pose", 60, 40)
    assert _colours(image) == {BACKGROUND.rgb()}


def test_the_cache_keeps_one_size_per_pose_and_reads_it_back_from_disk(qapp, tmp_path):
    cache = PictureCache(tmp_path)
    small, large = draw_pose_image("bridge", 120, 80), draw_pose_image("bridge", 300, 200)
    cache.put("bridge", small)
    cache.put("bridge", large)
    files = list(tmp_path.rglob("*.bmp"))
    assert [f.name for f in files] == ["bridge.300x200.bmp"]
    assert cache.get("bridge", 120, 80) is None                  # replaced by the newer size
    fresh = PictureCache(tmp_path)                               # another start
    again = fresh.get("bridge", 300, 200)
    assert again is not None and again.convertToFormat(large.format()) == large
    assert fresh.get("bridge", 301, 200) is None
    assert fresh.get("cat", 300, 200) is None


def test_pictures_of_older_drawing_code_are_removed(qapp, tmp_path):
    old = tmp_path / "0.0.1-123"
    old.mkdir()
    (old / "bridge.10x10.bmp").write_bytes(b"old")
    PictureCache(tmp_path).put("bridge", draw_pose_image("bridge", 30, 20))
    assert not old.exists()
    assert len(list(tmp_path.rglob("*.bmp"))) == 1


def test_a_damaged_cached_file_is_drawn_again(qapp, tmp_path, qtbot):
    cache = PictureCache(tmp_path)
    cache.put("cat", draw_pose_image("cat", 40, 30))
    path = next(tmp_path.rglob("*.bmp"))
    path.write_bytes(b"not a picture")
    assert PictureCache(tmp_path).get("cat", 40, 30) is None


def test_the_widget_shows_the_pose_and_fills_the_cache(qtbot, tmp_path):
    cache = PictureCache(tmp_path)
    picture = PosePicture("one_knee_to_chest", cache=cache)
    qtbot.addWidget(picture)
    picture.resize(240, 160)
    picture.show()
    qtbot.waitExposed(picture)
    shown = picture.grab().toImage()
    assert len(_colours(shown)) > 10
    assert picture.accessibleName() == "Illustration: one knee to chest"
    ratio = picture.devicePixelRatioF()
    cached = cache.get("one_knee_to_chest", round(240 * ratio), round(160 * ratio))
    assert cached is not None
    again = PosePicture("one_knee_to_chest", cache=PictureCache(tmp_path))   # the next start: from disk
    qtbot.addWidget(again)
    again.resize(240, 160)
    again.show()
    qtbot.waitExposed(again)
    assert again.grab().toImage() == shown
