"""Reading a diary Bundle back: the kiosk's own Bundles whole, bad ones refused with the entry's index named."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone

import pytest

from kiosk.core import fhir_codes as c
from kiosk.core.diary_merge import new_aerobic, new_ratings, new_sessions
from kiosk.core.fhir_bundle import build_bundle
from kiosk.core.fhir_reading import BundleError, read_bundle, read_bundle_text
from kiosk.core.records import AerobicEntry, PainRating, SessionRecord

CET = timezone(timedelta(hours=1))
T0 = datetime(2026, 10, 25, 1, 30, tzinfo=timezone(timedelta(hours=2)))     # the night summer time ends
SESSION = SessionRecord("s-1", "floor", T0, T0 + timedelta(minutes=20), done=("bridge",), hurt=("clam:right",),
                        completed=True)
RATINGS = [PainRating(T0, 6, "before", "left", None, "stiff", ("stairs",), "s-1"),
           PainRating(T0 + timedelta(minutes=10), 7, "during", "both", "clam", "", (), "s-1", True),
           PainRating(datetime(2026, 10, 25, 2, 45, tzinfo=timezone(timedelta(hours=1))), 4, "after", "right",
                      session_id="s-1"),
           PainRating(datetime(2026, 12, 31, 23, 59, tzinfo=CET), 2, "other", "middle", note="new year")]
AEROBIC = [AerobicEntry(datetime(2027, 1, 1, 10, 0, tzinfo=CET), "water_aerobics", 45)]


def _bundle():
    return build_bundle("12345674", RATINGS, [SESSION], AEROBIC)


def _refused(bundle) -> list[str]:
    with pytest.raises(BundleError) as caught:
        read_bundle(bundle)
    return [str(error) for error in caught.value.errors]


def test_the_kiosks_bundle_reads_back_to_the_same_records():
    records = read_bundle(_bundle())
    assert records.diary_number == "12345674"
    assert list(records.ratings) == RATINGS and records.sessions == (SESSION,) and list(records.aerobic) == AEROBIC
    assert [r.timestamp.utcoffset() for r in records.ratings] == [r.timestamp.utcoffset() for r in RATINGS]


def test_the_same_bundle_from_json_text():
    assert read_bundle_text(json.dumps(_bundle())).ratings == tuple(RATINGS)


def test_a_foreign_rating_with_only_snomed_laterality_and_no_kiosk_extensions_reads():
    bundle = _bundle()
    observation = bundle["entry"][2]["resource"]
    observation.pop("extension")
    observation["bodySite"]["extension"][0]["valueCodeableConcept"]["coding"].pop()   # the kiosk's side code
    rating = read_bundle(bundle).ratings[0]
    assert (rating.side, rating.moment, rating.pain) == ("left", "other", 6)


def _broken(index: int, change) -> dict:
    bundle = _bundle()
    change(bundle["entry"][index]["resource"])
    return bundle


@pytest.mark.parametrize("index, change, said", [
    (2, lambda r: r["code"]["coding"][0].update(code="72133-2"),
     "Bundle.entry[2]: (Observation) code must be LOINC 72514-3 (pain 0-10) or 55411-3"),
    (3, lambda r: r.update(valueInteger=11),
     "Bundle.entry[3]: (Observation) valueInteger must be a whole number from 0 to 10, not 11"),
    (3, lambda r: r.update(valueInteger=4.0), "Bundle.entry[3]: (Observation) valueInteger must be a whole number"),
    (4, lambda r: r.pop("effectiveDateTime"), "Bundle.entry[4]: (Observation) effectiveDateTime is missing"),
    (4, lambda r: r.update(effectiveDateTime="2026-10-25"), "Bundle.entry[4]: (Observation) effectiveDateTime "
                                                            "must be a date and time with a UTC offset"),
    (4, lambda r: r.update(effectiveDateTime="2026-10-25T02:45:00"), "has no UTC offset"),
    (5, lambda r: r.update(resourceType="Condition"),
     "Bundle.entry[5]: (Condition) resourceType must be Patient, Observation or Procedure, not 'Condition'"),
    (2, lambda r: r["bodySite"]["extension"][0]["valueCodeableConcept"].update(
        coding=[{"system": c.SNOMED, "code": "66459002"}]), "Bundle.entry[2]: (Observation) the bodySite laterality"),
    (2, lambda r: r["extension"][0].update(valueCode="later"), "the moment must be one of before, after, during"),
    (2, lambda r: r.update(subject={"reference": "urn:uuid:someone-else"}), "is not the Bundle's Patient"),
    (1, lambda r: r.update(status="in-progress"), "Bundle.entry[1]: (Procedure) status must be completed or stopped"),
    (1, lambda r: r["performedPeriod"].pop("end"), "Bundle.entry[1]: (Procedure) performedPeriod.end is missing"),
    (6, lambda r: r["valueQuantity"].update(value=0), "Bundle.entry[6]: (Observation) valueQuantity.value must be "
                                                      "whole minutes from 1 to 600, not 0"),
    (6, lambda r: r["component"][0]["valueCodeableConcept"]["coding"][0].update(code="rowing"), "exercise activity"),
])
def test_a_bad_entry_is_named_by_its_index_and_says_what_is_wrong(index, change, said):
    errors = _refused(_broken(index, change))
    assert len(errors) == 1 and said in errors[0], errors


def test_every_bad_entry_is_listed_in_order():
    bundle = _bundle()
    bundle["entry"][5]["resource"]["valueInteger"] = -1
    bundle["entry"][2]["resource"]["valueInteger"] = 11
    bundle["entry"].append("not an entry")
    errors = _refused(bundle)
    assert [e.split(":")[0] for e in errors] == ["Bundle.entry[2]", "Bundle.entry[5]", "Bundle.entry[7]"]


@pytest.mark.parametrize("data, said", [
    ({"resourceType": "Patient"}, "this is not a FHIR Bundle (resourceType 'Patient')"),
    ([1, 2], "this is not a FHIR Bundle (resourceType 'list')"),
    ({"resourceType": "Bundle", "type": "transaction", "entry": []}, "type must be collection, not 'transaction'"),
    ({"resourceType": "Bundle", "type": "collection", "entry": {}}, "Bundle.entry must be a list"),
])
def test_what_is_not_a_diary_bundle_is_refused_as_a_whole(data, said):
    (error,) = _refused(data)
    assert error == said or said in error


@pytest.mark.parametrize("text", ["", "nope", '{"resourceType": "Bundle",', "\ufeff{}"])
def test_what_is_not_json_is_refused(text):
    with pytest.raises(BundleError) as caught:
        read_bundle_text(text)
    assert caught.value.errors[0].index is None and "not JSON" in str(caught.value)


def test_a_second_patient_is_refused():
    bundle = _bundle()
    bundle["entry"].append(copy.deepcopy(bundle["entry"][0]))
    assert "a second Patient" in _refused(bundle)[0]


def test_an_empty_collection_is_an_empty_diary():
    records = read_bundle({"resourceType": "Bundle", "type": "collection"})
    assert records == type(records)(None)


def test_duplicates_rule_nothing_twice():
    assert new_ratings(RATINGS[:2], RATINGS + RATINGS) == RATINGS[2:]
    same_moment_other_offset = PainRating(T0.astimezone(timezone.utc), 6, "before", "left", None, "stiff",
                                          ("stairs",), "s-1")
    assert new_ratings(RATINGS, [same_moment_other_offset]) == []
    assert new_ratings(RATINGS, [PainRating(T0, 5, "before", "left", None, "stiff", ("stairs",), "s-1")]) != []
    other_end = SessionRecord("s-1", "floor", T0, T0 + timedelta(hours=1))
    assert new_sessions([SESSION], [other_end, SessionRecord("s-2", "floor", T0, T0)]) == [
        SessionRecord("s-2", "floor", T0, T0)]
    assert new_aerobic(AEROBIC, AEROBIC + [AerobicEntry(AEROBIC[0].timestamp, "walking", 45)]) == [
        AerobicEntry(AEROBIC[0].timestamp, "walking", 45)]


# --- any malformed value: the reader's own error, never a crash ----------------------------------

from hypothesis import given  # noqa: E402

from mutations import FUZZ, json_values, mutated  # noqa: E402

BUNDLE = json.loads(json.dumps(_bundle()))       # as `kiosk data import --format fhir` reads it from the file


@FUZZ
@given(mutated(BUNDLE, values=json_values))
def test_a_mutated_bundle_is_refused_whole_or_reads_valid_records(document):
    try:
        records = read_bundle_text(json.dumps(document))
    except BundleError as error:
        assert error.errors and all(str(e) for e in error.errors)
        return
    for rating in records.ratings:                # what imports is what the diary can hold
        assert PainRating.from_dict(rating.to_dict()) == rating
    for session in records.sessions:
        assert SessionRecord.from_dict(session.to_dict()) == session
    for entry in records.aerobic:
        assert AerobicEntry.from_dict(entry.to_dict()) == entry


@pytest.mark.parametrize("place", [
    ("entry", 5, "resource", "subject", "reference"),        # found by the property above: a TypeError
    ("entry", 0, "fullUrl"), ("entry", 1, "fullUrl"),          # the Patient's and a Procedure's address
    ("entry", 1, "resource", "status"),
])
def test_a_list_where_the_reader_expects_text_is_an_error_of_its_entry(place):
    bundle = copy.deepcopy(BUNDLE)
    parent = bundle
    for step in place[:-1]:
        parent = parent[step]
    parent[place[-1]] = ["a", "list"]
    with pytest.raises(BundleError) as caught:
        read_bundle(bundle)
    assert [e.index for e in caught.value.errors] == [place[1]]


def test_a_part_of_link_with_a_list_for_its_reference_links_to_no_session():
    bundle = copy.deepcopy(BUNDLE)
    link = bundle["entry"][2]["resource"]["partOf"][0]
    link.pop("identifier")
    link["reference"] = ["a", "list"]
    assert read_bundle(bundle).ratings[0].session_id is None
