"""The clinic's handout through a real print spooler: the app's Qt print plugin finds the system's default
queue in CUPS, the job goes through cupsd to the printer (a backend that keeps the document), and what comes
out is the routine's handout; with no queue set up, the app says so (tests/print_spooler.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core.loader import load_routines
from kiosk.paths import bundled_dir
from kiosk.ui.paper.print_action import NO_PRINTER
from pdf_pages import need_poppler, page_count, pdf_text
from print_spooler import QUEUE, start_spooler

CLINIC_PRINT = Path(__file__).resolve().parent / "clinic_print.py"


@pytest.fixture
def spooler():
    running = start_spooler()
    yield running
    running.stop()


def clinic_print(spooler, routine_id: str, language: str = "en") -> dict:
    done = subprocess.run([sys.executable, str(CLINIC_PRINT), routine_id, language], env=spooler.env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_clinic_handout_goes_through_the_spooler_to_the_default_printer(spooler, tmp_path):
    need_poppler()
    spooler.add_queue()
    result = clinic_print(spooler, "floor")
    routine = load_routines(bundled_dir("routines")).routines["floor"]
    assert result["said"] == f"Printing the handout for {routine.title}\u2026"
    assert result["told"], result                             # told how it went, not left waiting
    assert result["told"].startswith(f"The handout for {routine.title} (")
    assert result["told"].endswith(f"went to the printer {QUEUE}."), result["told"]
    [job] = spooler.printed(1)
    assert job.read_bytes()[:5] == b"%PDF-"                   # the document as Qt handed it to the spooler
    text = pdf_text(job)
    assert routine.title in text and "Stop and rest if your pain rises." in text
    for exercise in routine.exercises:
        assert exercise.title in text and f"Repetitions: {exercise.reps}" in text
    # The same handout as `kiosk handout` writes to a file: its pages and words (the printer's resolution may
    # break a line elsewhere)
    written = tmp_path / "floor.pdf"
    subprocess.run([sys.executable, "-m", "kiosk", "handout", "--routine", "floor", "--out", str(written)],
                   check=True, capture_output=True, timeout=120)
    assert page_count(job) == page_count(written) and text == pdf_text(written)
    # As packaging/KIOSK-SETUP.md has clinics set their CUPS: the printed handout is not kept in the spool
    assert spooler.kept_documents() == []


def test_a_printer_that_is_not_the_default_is_not_used_and_no_printer_is_said(spooler):
    """The kiosk prints only to the queue the staff made the default; one that is merely there is not taken."""
    spooler.add_queue("other", default=False)
    assert "other" in spooler.run("lpstat", "-p")
    result = clinic_print(spooler, "floor")
    assert result == {"said": NO_PRINTER, "told": None}
    assert spooler.jobs() == []
