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


def test_the_cache_keeps_the_last_sizes_of_each_pose_and_reads_them_back_from_disk(qapp, tmp_path):
    cache = PictureCache(tmp_path)
    drawn = {size: draw_pose_image("bridge", *size) for size in ((100, 70), (120, 80), (140, 90), (300, 200))}
    for image in drawn.values():
        cache.put("bridge", image)
    assert sorted(f.name for f in tmp_path.rglob("*.bmp")) == [
        "bridge.120x80.bmp", "bridge.140x90.bmp", "bridge.300x200.bmp"]     # the oldest size went
    assert cache.get("bridge", 100, 70) is drawn[(100, 70)]             # still in memory
    fresh = PictureCache(tmp_path)                                       # another start
    again = fresh.get("bridge", 300, 200)
    assert again is not None and again.convertToFormat(drawn[(300, 200)].format()) == drawn[(300, 200)]
    assert fresh.get("bridge", 120, 80) is not None
    assert fresh.get("bridge", 100, 70) is None
    assert fresh.get("cat", 300, 200) is None
    assert not list(tmp_path.rglob("*.tmp"))


def test_memory_keeps_only_the_pictures_used_last(qapp):
    cache = PictureCache()
    for width in range(10, 10 + PictureCache.MEMORY + 5):
        cache.put("cat", draw_pose_image("cat", width, 10))
    assert cache.get("cat", 10, 10) is None
    assert cache.get("cat", 10 + PictureCache.MEMORY + 4, 10) is not None


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


def test_cached_pictures_are_readable_only_by_their_owner(qapp, tmp_path):
    PictureCache(tmp_path / "picture-cache").put("cat", draw_pose_image("cat", 30, 20))
    folder = tmp_path / "picture-cache"
    assert folder.stat().st_mode & 0o777 == 0o700
    for path in folder.rglob("*"):
        assert path.stat().st_mode & 0o777 == (0o700 if path.is_dir() else 0o600), path
