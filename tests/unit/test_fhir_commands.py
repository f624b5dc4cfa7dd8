"""`kiosk data export|import --format fhir` as real subprocesses over real TinyDB files: round trip, refusals, exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.cli.exit_codes import ExitCode
from kiosk.core.records import AerobicEntry, PainRating, SessionRecord
from kiosk.store import DataStore

ROOT = Path(__file__).resolve().parents[2]
CET, CEST = timezone(timedelta(hours=1)), timezone(timedelta(hours=2))
T0 = datetime(2026, 3, 29, 1, 30, tzinfo=CET)          # the night summer time starts in Europe


def kiosk(*args, stdin: str | None = None):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, input=stdin, env={**os.environ, "PYTHONPATH": str(ROOT)})


def _fill(folder: Path, profile: str = "ann") -> None:
    with DataStore(folder) as store:
        data = store.open_profile(profile, create=True)
        data.sessions.add_many([SessionRecord("s-1", "floor", T0, T0 + timedelta(minutes=25), done=("bridge",),
                                              skipped=("clam",), hurt=("side_lying:left",), completed=True),
                                SessionRecord("s-2", "gentle-start", T0 + timedelta(days=1),
                                              T0 + timedelta(days=1, minutes=4))])
        data.ratings.add_many([
            PainRating(T0, 6, "before", "left", None, "stiff, =1+1", ("stairs", "sitting_long"), "s-1"),
            PainRating(T0 + timedelta(minutes=12), 8, "during", "both", "side_lying", "", (), "s-1"),
            PainRating(datetime(2026, 3, 29, 3, 0, tzinfo=CEST), 4, "after", "right", session_id="s-1"),
            PainRating(datetime(2026, 12, 31, 23, 30, tzinfo=CET), 3, "other", "middle", note="a \"quiet\" day",
                       clock_suspect=True),
            PainRating(datetime(2027, 1, 1, 0, 10, tzinfo=timezone(timedelta(hours=-5))), 0)])
        data.aerobic.add_many([AerobicEntry(T0, "walking", 30), AerobicEntry(T0 + timedelta(days=2), "tai_chi", 20)])


def _counts(folder: Path, profile: str) -> tuple[int, int, int]:
    with DataStore(folder) as store:
        data = store.open_profile(profile)
        return data.ratings.count(), data.sessions.count(), data.aerobic.count()


def _without_ids(bundle: dict) -> dict:
    """The Bundle with its generated ids (resource ids, fullUrls, the receiving diary's number) made neutral."""
    text = json.dumps(bundle)
    ids = [bundle["id"]] + [entry["resource"]["id"] for entry in bundle["entry"]]
    for position, generated in enumerate(ids):
        text = text.replace(generated, f"<id {position}>")
    text = re.sub(r'("system": "[^"]*/diary-number", "value": )"\d{8}"', r'\1"<number>"', text)
    return json.loads(text)


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "data"
    _fill(folder)
    return folder


def test_export_import_export_gives_the_same_bundle_apart_from_generated_ids(folder, tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    exported = kiosk("data", "export", "--profile", "ann", "--format", "fhir", "--out", str(first),
                     "--data-dir", str(folder))
    assert exported.returncode == ExitCode.OK, exported.stderr
    assert "Exported 5 pain ratings, 2 sessions and 2 aerobic entries of ann" in exported.stderr
    assert first.stat().st_mode & 0o777 == 0o600
    elsewhere = tmp_path / "clinic"                          # a fresh diary in another kiosk's data folder
    imported = kiosk("data", "import", "--profile", "visitor", "--format", "fhir", str(first),
                     "--data-dir", str(elsewhere))
    assert imported.returncode == ExitCode.OK, imported.stderr
    assert "Imported 5 pain ratings, 2 sessions and 2 aerobic entries into new profile visitor." in imported.stderr
    assert kiosk("data", "export", "--profile", "visitor", "--format", "fhir", "--out", str(second),
                 "--data-dir", str(elsewhere)).returncode == ExitCode.OK
    before, after = json.loads(first.read_text()), json.loads(second.read_text())
    assert before != after                                   # new ids, and the new diary's own number
    assert _without_ids(before) == _without_ids(after)
    with DataStore(folder) as store, DataStore(elsewhere) as other:
        assert other.open_profile("visitor").ratings.list() == store.open_profile("ann").ratings.list()
        assert other.open_profile("visitor").sessions.list() == store.open_profile("ann").sessions.list()
        assert other.open_profile("visitor").aerobic.list() == store.open_profile("ann").aerobic.list()


def test_export_to_standard_output_and_by_diary_number(folder):
    with DataStore(folder) as store:
        number = store.profiles.get("ann").number
    result = kiosk("data", "export", "--profile", number, "--format", "fhir", "--data-dir", str(folder))
    assert result.returncode == ExitCode.OK, result.stderr
    bundle = json.loads(result.stdout)
    assert bundle["entry"][0]["resource"]["identifier"][0]["value"] == number
    pains = [e["resource"]["valueInteger"] for e in bundle["entry"]
             if e["resource"].get("code", {}).get("coding", [{}])[0].get("code") == "72514-3"]
    assert pains == [6, 8, 4, 3, 0]


def test_importing_the_same_bundle_again_adds_nothing(folder, tmp_path):
    bundle = tmp_path / "b.json"
    kiosk("data", "export", "--profile", "ann", "--format", "fhir", "--out", str(bundle), "--data-dir", str(folder))
    again = kiosk("data", "import", "--profile", "ann", "--format", "fhir", str(bundle), "--data-dir", str(folder))
    assert again.returncode == ExitCode.OK, again.stderr
    assert "Imported 0 pain ratings, 0 sessions and 0 aerobic entries into profile ann; 9 already there" in again.stderr
    assert _counts(folder, "ann") == (5, 2, 2)


def _changed(bundle_file: Path, index: int, change) -> str:
    bundle = json.loads(bundle_file.read_text())
    change(bundle["entry"][index]["resource"])
    return json.dumps(bundle)


@pytest.mark.parametrize("name, change, said", [
    ("wrong code", lambda b: b["entry"][3]["resource"]["code"]["coding"][0].update(code="8867-4"),
     "Bundle.entry[3]: (Observation) code must be LOINC 72514-3"),
    ("value 11", lambda b: b["entry"][4]["resource"].update(valueInteger=11),
     "Bundle.entry[4]: (Observation) valueInteger must be a whole number from 0 to 10, not 11"),
    ("missing time", lambda b: b["entry"][5]["resource"].pop("effectiveDateTime"),
     "Bundle.entry[5]: (Observation) effectiveDateTime is missing"),
    ("wrong resourceType", lambda b: b["entry"][6]["resource"].update(resourceType="MedicationStatement"),
     "Bundle.entry[6]: (MedicationStatement) resourceType must be Patient, Observation or Procedure"),
    ("not a Bundle", lambda b: b.update(resourceType="Observation"), "this is not a FHIR Bundle"),
])
def test_a_bad_bundle_is_refused_with_exit_1_its_entry_named_and_nothing_written(folder, tmp_path, name, change,
                                                                                 said):
    good = tmp_path / "good.json"
    kiosk("data", "export", "--profile", "ann", "--format", "fhir", "--out", str(good), "--data-dir", str(folder))
    bundle = json.loads(good.read_text())
    change(bundle)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(bundle))
    files_before = {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "kiosk.lock"}
    for profile in ("ann", "newcomer"):                      # an existing diary, and one that would be new
        result = kiosk("data", "import", "--profile", profile, "--format", "fhir", str(bad), "--data-dir",
                       str(folder))
        assert result.returncode == ExitCode.BAD_INPUT, (name, result.stderr)
        assert f"{bad}: {said}" in result.stderr, result.stderr
        assert "nothing imported" in result.stderr and "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "kiosk.lock"} == files_before


def test_not_json_from_standard_input_is_refused_and_nothing_made(tmp_path):
    folder = tmp_path / "data"
    result = kiosk("data", "import", "--profile", "ann", "--format", "fhir", "-", "--data-dir", str(folder),
                   stdin="this is not JSON {")
    assert result.returncode == ExitCode.BAD_INPUT
    assert "<stdin>: this is not JSON (line 1, column 1" in result.stderr
    assert not folder.exists() or not (folder / "profile-ann.json").exists()


def test_an_unknown_format_and_a_held_folder(folder, tmp_path):
    unknown = kiosk("data", "export", "--profile", "ann", "--format", "hl7v2", "--data-dir", str(folder))
    assert unknown.returncode == ExitCode.BAD_INPUT and "use csv, fhir" in unknown.stderr
    missing = kiosk("data", "import", "--profile", "ann", "--format", "fhir", str(tmp_path / "none.json"),
                    "--data-dir", str(folder))
    assert missing.returncode == ExitCode.BAD_INPUT and "cannot read" in missing.stderr
    with DataStore(folder):                                  # as the running app would
        held = kiosk("data", "export", "--profile", "ann", "--format", "fhir", "--data-dir", str(folder))
    assert held.returncode == ExitCode.DATA_FOLDER and "already in use" in held.stderr
