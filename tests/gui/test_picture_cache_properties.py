"""Property tests: a damaged picture cache on disk only means drawing again, never a crash or a wrong picture."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kiosk.ui.picture_cache import PictureCache
from kiosk.ui.widgets.pose_picture import draw_pose_image
import sys
from pathlib import Path as _Path

sys.path.insert(0, str(_Path(__file__).resolve().parents[1] / "unit"))   # the shared Hypothesis settings
from mutations import FUZZ  # noqa: E402

WIDTH, HEIGHT = 40, 30


def _real_file() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        cache = PictureCache(Path(folder))
        cache.put("bridge", draw_pose_image("bridge", WIDTH, HEIGHT))
        return cache._path("bridge", WIDTH, HEIGHT).read_bytes()


damage = st.one_of(
    st.tuples(st.just("truncate"), st.integers(0, 200)),
    st.tuples(st.just("flip"), st.lists(st.tuples(st.integers(0, 120), st.integers(0, 255)), min_size=1, max_size=6)),
    st.tuples(st.just("random"), st.binary(max_size=300)),
    st.tuples(st.sampled_from(["folder", "stamp is a file", "parent is a file", "other size"]), st.none()),
)


def _damage(cache: PictureCache, root: Path, original: bytes, how) -> None:
    kind, detail = how
    path = cache._path("bridge", WIDTH, HEIGHT)
    if kind == "truncate":
        path.write_bytes(original[:detail])
    elif kind == "flip":
        data = bytearray(original)
        for offset, value in detail:
            data[offset] = value
        path.write_bytes(bytes(data))
    elif kind == "random":
        path.write_bytes(detail)
    elif kind == "folder":
        path.unlink()
        path.mkdir()
    elif kind == "other size":                    # a picture of another size under this size's name
        cache.put("cat", draw_pose_image("cat", WIDTH + 1, HEIGHT))
        shutil.copy(cache._path("cat", WIDTH + 1, HEIGHT), path)
    elif kind == "stamp is a file":
        shutil.rmtree(path.parent)
        path.parent.write_bytes(b"not a folder")
    else:
        shutil.rmtree(root)
        root.write_bytes(b"not a folder")


def test_a_real_cached_file_reads_back(qapp):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "picture-cache"
        PictureCache(root).put("bridge", draw_pose_image("bridge", WIDTH, HEIGHT))
        image = PictureCache(root).get("bridge", WIDTH, HEIGHT)
        assert image is not None and (image.width(), image.height()) == (WIDTH, HEIGHT)


DRAWN: dict = {}          # drawn once (after the QApplication exists), then reused


@FUZZ
@given(damage)
def test_a_damaged_cache_gives_the_right_picture_or_none(qapp, how):
    if not DRAWN:
        DRAWN.update(file=_real_file(), image=draw_pose_image("bridge", WIDTH, HEIGHT))
    ORIGINAL = DRAWN["file"]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "picture-cache"
        cache = PictureCache(root)
        cache.put("bridge", DRAWN["image"])
        _damage(cache, root, ORIGINAL, how)
        image = PictureCache(root).get("bridge", WIDTH, HEIGHT)          # the next start
        assert image is None or (image.width(), image.height()) == (WIDTH, HEIGHT)
        fresh = PictureCache(root)
        fresh.put("bridge", DRAWN["image"])                               # drawing again never raises
        again = fresh.get("bridge", WIDTH, HEIGHT)
        assert again is not None and (again.width(), again.height()) == (WIDTH, HEIGHT)
