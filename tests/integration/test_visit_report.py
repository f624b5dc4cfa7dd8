"""`kiosk report` as a subprocess: the PDF's text holds the numbers `kiosk trends --json` prints, on two pages."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from paper_diaries import diary_records, empty_diary, one_week_diary, winter_diary, write_diary
from prerequisites import missing

ROOT = Path(__file__).resolve().parents[2]
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def kiosk(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DISPLAY", None)                      # the command must manage without a display
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=180, env=env)


@pytest.fixture(scope="module")
def poppler():
    for tool in ("pdftotext", "pdftoppm", "pdfinfo"):
        if shutil.which(tool) is None:
            missing(f"{tool} is not installed (Debian: poppler-utils)")


@pytest.fixture(scope="module")
def diaries(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    numbers = {
        "winter": winter_diary(folder),
        "notes": winter_diary(folder, "notes", notes_every=1, long_notes=True),
        "oneweek": one_week_diary(folder),
        "empty": empty_diary(folder),
    }
    return folder, numbers


def trends_json(folder: Path, profile: str, weeks: int | None) -> dict:
    extra = ["--weeks", str(weeks)] if weeks else []
    result = kiosk("trends", "--profile", profile, "--json", "--data-dir", str(folder), *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def make_report(folder: Path, out: Path, profile: str, weeks: int | None = None, paper: str = "a4") -> str:
    extra = ["--weeks", str(weeks)] if weeks else []
    result = kiosk("report", "--profile", profile, "--data-dir", str(folder), "--paper", paper,
                   "--out", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return result.stderr


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def paper_size(path: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    width, height = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M).groups()
    return float(width), float(height)


def section(text: str, start: str, end: str | None) -> str:
    """The text from the heading `start` to the heading `end` (or the end)."""
    after = text.split(start, 1)[1]
    return after.split(end, 1)[0] if end else after


def many(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def shown(value) -> str:
    """A JSON number as it appears in the report: the JSON's own spelling."""
    return json.dumps(value)


def day(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def json_numbers(data) -> set[float]:
    """Every number anywhere in the JSON, as absolute values (the report says "lower" for a positive change)."""
    found: set[float] = set()
    if isinstance(data, dict):
        for value in data.values():
            found |= json_numbers(value)
    elif isinstance(data, list):
        for value in data:
            found |= json_numbers(value)
    elif isinstance(data, (int, float)) and not isinstance(data, bool):
        found.add(abs(float(data)))
    return found


def check_report_against_trends(text: str, data: dict, diary_number: str) -> None:
    """Every labelled number of the report equals the JSON's; every decimal in it is one the JSON holds."""
    details = data["details"]
    assert f"Diary number {diary_number[:4]} {diary_number[4:]}" in text
    assert (f"Period covered: {day(details['from'])} to {day(details['to'])}, {many(details['weeks'], 'week')} "
            f"({details['first_week']} to {details['last_week']}), {many(details['ratings'], 'pain rating')}.") in text
    assert details["first_week"] == data["weeks"][0]["week"] and details["last_week"] == data["weeks"][-1]["week"]
    rated = [week for week in data["weeks"] if week["count"]]
    first, last = rated[0], rated[-1]
    assert first["mean"] == data["baseline"] and last["mean"] == data["latest"]
    assert (f"First week with ratings ({first['week']}): average {shown(data['baseline'])} from "
            f"{many(first['count'], 'rating')}, lowest {first['min']}, highest {first['max']}.") in text
    if len(rated) > 1:
        change = data["change"]
        assert (f"Latest week with ratings ({last['week']}): average {shown(data['latest'])} from "
                f"{many(last['count'], 'rating')}, lowest {last['min']}, highest {last['max']}.") in text
        direction = "lower" if change["points"] > 0 else "higher"
        assert (f"Change: {shown(abs(change['points']))} points {direction} "
                f"({shown(abs(change['percent']))}%) than in the first week.") in text
        verdict = "yes" if change["meaningful"] else "no"
        assert f"at least 2 points and at least 30% lower): {verdict}." in text
    else:
        assert "Only one week has ratings" in text
    if data["advice"]:
        assert f"The three-weeks advice applies: {data['advice']}" in text
    else:
        assert "three-weeks advice" not in text
    for name, key in (("Before a session", "before"), ("after a session", "after")):
        assert f"{name}: average {shown(details[key]['mean'])} from {many(details[key]['count'], 'rating')}" in text
    for name, key in (("Left", "left"), ("right", "right")):
        assert f"{name}: average {shown(details[key]['mean'])} from {many(details[key]['count'], 'rating')}" in text
    assert (f"Sessions: {details['sessions']} in {many(details['weeks'], 'week')}, "
            f"{shown(details['sessions_per_week'])} a week on average.") in text
    assert (f"Aerobic activity: {details['aerobic_minutes']} minutes in {many(details['weeks'], 'week')}, "
            f"{shown(details['aerobic_minutes_per_week'])} a week on average, against a goal of 150 a week; "
            f"the goal was reached in {details['aerobic_weeks_at_goal']} of {many(details['weeks'], 'week')}.") in text
    hurt = section(text, "Exercises that hurt", "Exercises left out")
    hurt_counts = [int(n) for n in re.findall(r": in (\d+) sessions?", hurt)]
    expected_hurt = [t["count"] for t in details["hurt"]]
    if len(expected_hurt) > 10:
        assert hurt_counts == expected_hurt[:9] and f"and {len(expected_hurt) - 9} more" in hurt
    else:
        assert hurt_counts == expected_hurt
    skipped = [int(n) for n in re.findall(r"skipped in (\d+) sessions?", text)]
    assert skipped == [t["count"] for t in details["left_out"]]
    worse = section(text, "What made it worse", "Notes, newest first")
    assert [int(n) for n in re.findall(r": (\d+) ratings?", worse)] == [w["count"] for w in details["worse_with"]]
    notes_part = section(text, "Notes, newest first", None)
    notes = re.findall(r"• (\d+ \w{3} \d{4}), pain (\d+), ", notes_part)
    expected = [(day(n["timestamp"][:10]), str(n["pain"])) for n in details["notes"]]
    assert notes == expected[:len(notes)]
    if len(notes) < len(expected):
        assert f"and {len(expected) - len(notes)} more" in notes_part
    else:
        assert not re.search(r"and \d+ more", notes_part)
    decimals = {float(n) for n in re.findall(r"(?<![\d.])\d+\.\d+(?![\d.])", text)}
    assert decimals and decimals <= json_numbers(data), decimals - json_numbers(data)


@pytest.mark.parametrize("weeks, paper", [(None, "a4"), (20, "letter"), (3, "a4")])
def test_the_report_holds_the_numbers_of_kiosk_trends_json(poppler, diaries, tmp_path, weeks, paper):
    folder, numbers = diaries
    out = tmp_path / "report.pdf"
    message = make_report(folder, out, "winter", weeks, paper)
    assert "Wrote the visit report of diary" in message
    data = trends_json(folder, "winter", weeks)
    weeks_seen = [w["week"] for w in data["weeks"]]
    if weeks != 3:
        assert "2020-W53" in weeks_seen and "2021-W01" in weeks_seen        # the year end, ISO week 53
        assert any(w["count"] == 0 and w["sessions"] == 0 for w in data["weeks"])   # an empty week
    assert len(weeks_seen) == (weeks or len(weeks_seen))
    check_report_against_trends(pdf_text(out), data, numbers["winter"])
    assert pdf_pages(out) <= 2
    assert paper_size(out) == ((595.0, 842.0) if paper == "a4" else (612.0, 792.0))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_the_weeks_follow_each_ratings_own_local_date_across_daylight_saving(poppler, tmp_path):
    """Ratings at 00:20 local time on Mondays fall on Sunday in UTC; each counts in its own local week."""
    records = diary_records(date(2021, 3, 15), date(2021, 4, 4), seed=5)     # summer time from 28 Mar
    ratings = records[0]
    offsets = {r.timestamp.utcoffset().total_seconds() / 3600 for r in ratings}
    assert offsets == {1.0, 2.0}
    number = write_diary(tmp_path, "spring", records)
    stored = (tmp_path / "profile-spring.json").read_text()
    assert "+01:00" in stored and "+02:00" in stored                 # the store keeps each rating's own offset
    data = trends_json(tmp_path, "spring", None)
    by_local_week: dict[str, int] = {}
    for rating in ratings:
        iso = rating.timestamp.date().isocalendar()
        label = f"{iso[0]}-W{iso[1]:02d}"
        by_local_week[label] = by_local_week.get(label, 0) + 1
    assert {w["week"]: w["count"] for w in data["weeks"] if w["count"]} == by_local_week
    out = tmp_path / "spring.pdf"
    make_report(tmp_path, out, "spring")
    check_report_against_trends(pdf_text(out), data, number)


def test_a_diary_with_many_notes_says_how_many_more(poppler, diaries, tmp_path):
    folder, numbers = diaries
    out = tmp_path / "notes.pdf"
    make_report(folder, out, "notes")
    data = trends_json(folder, "notes", None)
    text = pdf_text(out)
    check_report_against_trends(text, data, numbers["notes"])
    shown_notes = len(re.findall(r"• \d+ \w{3} \d{4}, pain \d+, ", text))
    assert 0 < shown_notes < len(data["details"]["notes"])
    assert f"and {len(data['details']['notes']) - shown_notes} more" in text
    assert pdf_pages(out) == 2


def test_one_week_and_an_empty_diary(poppler, diaries, tmp_path):
    folder, numbers = diaries
    one = tmp_path / "one.pdf"
    make_report(folder, one, "oneweek", paper="letter")
    data = trends_json(folder, "oneweek", None)
    assert [w["week"] for w in data["weeks"]] == ["2020-W53"]
    check_report_against_trends(pdf_text(one), data, numbers["oneweek"])
    empty = tmp_path / "empty.pdf"
    make_report(folder, empty, "empty")
    text = pdf_text(empty)
    assert "Period covered: no records yet." in text and "no pain ratings, sessions or aerobic minutes" in text
    assert pdf_pages(empty) == 1


def dark_fraction_in_chart(pdf: Path, out_stem: Path) -> tuple[float, int]:
    """Page 1 at 80 dpi: the share of dark pixels in the band where the chart sits, and the columns with ink."""
    from PySide6.QtGui import QImage

    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(out_stem)], check=True)
    image = QImage(str(out_stem) + "-1.png")
    assert not image.isNull()
    top, bottom = int(image.height() * 0.27), int(image.height() * 0.60)      # below the heading, above the text
    left, right = int(image.width() * 0.15), int(image.width() * 0.92)
    dark, columns = 0, set()
    for y in range(top, bottom, 2):
        for x in range(left, right, 2):
            if image.pixelColor(x, y).lightness() < 128:
                dark += 1
                columns.add(x)
    total = ((bottom - top) // 2) * ((right - left) // 2)
    return dark / total, len(columns)


def test_the_chart_is_drawn_and_the_empty_diarys_is_not(poppler, diaries, tmp_path):
    folder, _ = diaries
    make_report(folder, tmp_path / "winter.pdf", "winter")
    make_report(folder, tmp_path / "empty.pdf", "empty")
    ink, columns = dark_fraction_in_chart(tmp_path / "winter.pdf", tmp_path / "winter")
    none, _ = dark_fraction_in_chart(tmp_path / "empty.pdf", tmp_path / "empty")
    assert ink > 0.03 and columns > 150, (ink, columns)      # lines, markers and bars across the width
    assert none < 0.002, none


def test_unknown_profile_bad_weeks_and_bad_paper_are_bad_input(diaries, tmp_path):
    from kiosk.cli.exit_codes import ExitCode

    folder, numbers = diaries
    out = tmp_path / "x.pdf"
    unknown = kiosk("report", "--profile", "nobody", "--data-dir", str(folder), "--out", str(out))
    assert unknown.returncode == ExitCode.BAD_INPUT and "there is no profile 'nobody'" in unknown.stderr
    for weeks in ("0", "-3", "two", "1.5", "9999"):
        bad = kiosk("report", "--profile", "winter", "--weeks", weeks, "--data-dir", str(folder), "--out", str(out))
        assert bad.returncode == ExitCode.BAD_INPUT and "--weeks" in bad.stderr, (weeks, bad.stderr)
    paper = kiosk("report", "--profile", "winter", "--paper", "a3", "--data-dir", str(folder), "--out", str(out))
    assert paper.returncode == ExitCode.BAD_INPUT
    nowhere = kiosk("report", "--profile", "winter", "--data-dir", str(folder), "--out", str(tmp_path / "no" / "x.pdf"))
    assert nowhere.returncode == ExitCode.BAD_INPUT and "folder that exists" in nowhere.stderr
    guest = kiosk("report", "--profile", "guest", "--data-dir", str(folder), "--out", str(out))
    assert guest.returncode == ExitCode.BAD_INPUT
    assert not out.exists()
    weeks_trends = kiosk("trends", "--profile", "winter", "--weeks", "0", "--data-dir", str(folder))
    assert weeks_trends.returncode == ExitCode.BAD_INPUT


def test_the_diary_number_finds_the_diary_and_a_held_folder_is_exit_2(poppler, diaries, tmp_path):
    from kiosk.cli.exit_codes import ExitCode
    from kiosk.store.data_store import DataStore

    folder, numbers = diaries
    out = tmp_path / "by-number.pdf"
    number = numbers["oneweek"]
    result = kiosk("report", "--profile", f"{number[:4]} {number[4:]}", "--data-dir", str(folder), "--out", str(out))
    assert result.returncode == ExitCode.OK, result.stderr
    assert f"Diary number {number[:4]} {number[4:]}" in pdf_text(out)
    with DataStore(folder):                          # a running app holds the folder
        held = kiosk("report", "--profile", "winter", "--data-dir", str(folder), "--out", str(tmp_path / "h.pdf"))
    assert held.returncode == ExitCode.DATA_FOLDER and "could not open the data folder" in held.stderr


def test_no_name_reaches_the_report(poppler, tmp_path):
    """A display name is never printed: only the diary number."""
    from kiosk.store.data_store import DataStore

    number = write_diary(tmp_path, "named", diary_records(date(2021, 1, 4), date(2021, 1, 24)))
    with DataStore(tmp_path) as store:
        store.profiles.set_display_name("named", "Ada Lovelace")
    out = tmp_path / "named.pdf"
    make_report(tmp_path, out, "named")
    text = pdf_text(out)
    assert "Lovelace" not in text and "Ada" not in text and f"{number[:4]} {number[4:]}" in text


def test_a_diary_with_a_plan_has_its_sessions_set_against_the_plans_days(poppler, tmp_path):
    folder = tmp_path / "data"
    profile = one_week_diary(folder)                    # its diary number
    plan = tmp_path / "plan.toml"
    plan.write_text('days_a_week = 4\n\n[[item]]\nexercise = "knee_to_chest"\n')
    done = kiosk("plan", "import", "--profile", profile, str(plan), "--data-dir", str(folder))
    assert done.returncode == 0, done.stderr
    out = tmp_path / "report.pdf"
    make_report(folder, out, profile)
    assert "the plan asks for 4 days a week" in pdf_text(out)
