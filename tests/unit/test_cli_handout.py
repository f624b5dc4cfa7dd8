"""`kiosk handout`, run as a real subprocess without a display: a PDF that reads back, and clear refusals."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core.loader import load_routines
from kiosk.paths import bundled_dir
from pdf_pages import flat, need_poppler, page_count, pdf_info, pdf_text

ROOT = Path(__file__).resolve().parents[2]


def kiosk(*args):
    """The command with no display at all: it must fall back to Qt's offscreen platform by itself."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_routine_becomes_a_pdf_that_reads_back(tmp_path, paper):
    need_poppler()
    out = tmp_path / "handout.pdf"
    result = kiosk("handout", "--routine", "waiting-room", "--out", str(out), "--paper", paper)
    assert result.returncode == 0, result.stderr
    assert "6 exercises on 2 pages" in result.stderr
    assert out.stat().st_mode & 0o777 == 0o600
    assert page_count(out) == 2
    assert ("(A4)" if paper == "a4" else "(letter)") in pdf_info(out)["Page size"]
    routine = load_routines(bundled_dir("routines")).routines["waiting-room"]
    text = pdf_text(out)
    for exercise in routine.exercises:
        assert exercise.title in text and f"Repetitions: {exercise.reps}" in text
        assert all(flat(caution) in text for caution in exercise.cautions)
    assert not list(tmp_path.glob(".*tmp*")), "a temporary file was left behind"


def test_a4_is_the_default(tmp_path):
    need_poppler()
    out = tmp_path / "gentle.pdf"
    assert kiosk("handout", "--routine", "gentle-start", "--out", str(out)).returncode == 0
    assert "(A4)" in pdf_info(out)["Page size"]


def test_an_unknown_routine_is_refused_by_name(tmp_path):
    out = tmp_path / "x.pdf"
    result = kiosk("handout", "--routine", "no-such-routine", "--out", str(out))
    assert result.returncode == 1
    assert "no-such-routine" in result.stderr and "gentle-start" in result.stderr   # names the valid ones
    assert not out.exists()


def test_a_bad_paper_is_an_argparse_error(tmp_path):
    result = kiosk("handout", "--routine", "floor", "--out", str(tmp_path / "x.pdf"), "--paper", "a3")
    assert result.returncode == 1
    assert "invalid choice: 'a3'" in result.stderr and "usage: kiosk handout" in result.stderr


def test_routine_or_profile_is_needed_and_not_both(tmp_path):
    out = str(tmp_path / "x.pdf")
    neither = kiosk("handout", "--out", out)
    both = kiosk("handout", "--routine", "floor", "--profile", "home", "--out", out)
    assert neither.returncode == 1 and "one of the arguments --routine --profile is required" in neither.stderr
    assert both.returncode == 1 and "not allowed with argument" in both.stderr


def test_a_missing_folder_for_the_file_is_said(tmp_path):
    result = kiosk("handout", "--routine", "floor", "--out", str(tmp_path / "nowhere" / "x.pdf"))
    assert result.returncode == 1 and "there is no folder" in result.stderr


def test_a_diarys_plan_becomes_its_handout_with_notes_days_and_number(tmp_path):
    need_poppler()
    from kiosk.store.data_store import DataStore

    folder = tmp_path / "data"
    with DataStore(folder) as store:
        store.open_profile("ann", create=True)
        number = store.profiles.get("ann").number
    plan = tmp_path / "plan.toml"
    plan.write_text('days_a_week = 4\nnote = "Walk every day as well."\n\n'
                    '[[item]]\nexercise = "knee_to_chest"\nreps = 4\nsides = "left"\nnote = "Gently at first."\n',
                    encoding="utf-8")
    done = kiosk("plan", "import", "--profile", "ann", str(plan), "--data-dir", str(folder))
    assert done.returncode == 0, done.stderr
    out = tmp_path / "plan.pdf"
    result = kiosk("handout", "--profile", number, "--out", str(out), "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "Repetitions: 4" in text and "Gently at first." in text and "Walk every day as well." in text
    assert "days a week: 4" in text.lower() or "4 days a week" in text.lower()
    assert f"Diary number: {number[:4]} {number[4:]}" in text and "left side only" in text.lower()
    for args in (["--profile", "nobody"], ["--profile", "guest"]):
        refused = kiosk("handout", *args, "--out", str(tmp_path / "x.pdf"), "--data-dir", str(folder))
        assert refused.returncode == 1 and refused.stderr.strip(), refused.stderr
    with DataStore(folder) as store:
        store.open_profile("bea", create=True)
    no_plan = kiosk("handout", "--profile", "bea", "--out", str(tmp_path / "y.pdf"), "--data-dir", str(folder))
    assert no_plan.returncode == 1 and "has no plan" in no_plan.stderr
