"""The pain diary CSV: round trip, line-numbered errors, nothing half read."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import pytest

from kiosk.core.csv_diary import HEADER, DiaryError, read_diary, write_diary
from kiosk.core.records import PainRating

CET = timezone(timedelta(hours=1))
HEAD = ",".join(HEADER) + "\r\n"


def _read(text: str):
    return read_diary(io.StringIO(text, newline=""))


def _errors(text: str) -> list[tuple[int, str]]:
    with pytest.raises(DiaryError) as caught:
        _read(text)
    return [(e.line, e.message) for e in caught.value.errors]


def test_round_trip_keeps_every_diary_field_and_the_offset():
    ratings = [
        PainRating(datetime(2026, 3, 1, 9, 0, tzinfo=CET), 6, "before", "left", None, ""),
        PainRating(datetime(2026, 3, 1, 9, 30, 15, tzinfo=timezone(timedelta(hours=-4, minutes=-30))), 0,
                   "after", None, "bridge", 'better, "much"\nreally'),
        PainRating(datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc), 10, "during", "both", "clam", "=SUM(A1)"),
        PainRating(datetime(2026, 3, 3, 7, 0, tzinfo=CET), 3, "other", "middle", "-twist", "+1 @home"),
    ]
    out = io.StringIO(newline="")
    assert write_diary(ratings, out) == 4
    text = out.getvalue()
    assert text.startswith(HEAD)
    assert "2026-03-01T09:00:00+01:00,6,before,left,," in text
    assert "'=SUM(A1)" in text and "'-twist" in text        # spreadsheets will not run them
    assert _read(text) == ratings


def test_header_only_is_an_empty_diary_and_blank_lines_are_skipped():
    assert _read(HEAD) == []
    assert len(_read("\ufeff" + HEAD + "\r\n2026-03-01T09:00:00+01:00,4,before,,,\r\n\r\n")) == 1


def test_every_bad_row_is_reported_with_its_line_number():
    text = (HEAD
            + "2026-03-01T09:00:00+01:00,4,before,,,ok\r\n"           # line 2
            + '2026-03-01T09:00:00+01:00,4,before,,,"two\nlines"\r\n'  # lines 3-4
            + "2026-03-01 09:00,4,before,,,\r\n"                     # line 5: no offset
            + "yesterday,11,later,up,,\r\n"                           # line 6: four problems
            + "2026-03-01T09:00:00+01:00,7.5,after,,,\r\n"            # line 7
            + "2026-03-01T09:00:00+01:00,-1,after,,,\r\n"             # line 8
            + "2026-03-01T09:00:00+01:00,5,after\r\n")                # line 9: columns
    errors = _errors(text)
    assert [line for line, _ in errors] == [5, 6, 7, 8, 9]
    assert "no UTC offset" in errors[0][1]
    assert all(word in errors[1][1] for word in ("ISO 8601", "0 to 10", "moment", "side"))
    assert "found 3" in errors[4][1]


@pytest.mark.parametrize("text, message", [
    ("", "empty"),
    ("time,pain\r\n", "header"),
    ("pain,timestamp,moment,side,exercise,note\r\n", "header"),
])
def test_a_missing_or_wrong_header_is_line_1(text, message):
    [(line, text_)] = _errors(text)
    assert line == 1 and message in text_


def test_broken_quoting_is_reported_not_half_read():
    errors = _errors(HEAD + '2026-03-01T09:00:00+01:00,4,before,,,"never closed\r\n')
    assert errors[0][0] >= 2 and "CSV" in errors[0][1]


def test_error_text_names_the_line():
    with pytest.raises(DiaryError, match=r"line 2: pain must be"):
        _read(HEAD + "2026-03-01T09:00:00+01:00,x,before,,,\r\n")
