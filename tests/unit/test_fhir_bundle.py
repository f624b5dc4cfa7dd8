"""The FHIR R4 Bundle builder, field by field: codes, offsets, laterality, moments, notes, sessions, aerobic minutes."""

from __future__ import annotations

import itertools
import json
from datetime import datetime, timedelta, timezone

import pytest

from kiosk.core import fhir_codes as c
from kiosk.core.fhir_bundle import build_bundle, fhir_datetime
from kiosk.core.records import AerobicEntry, PainRating, SessionRecord

CET = timezone(timedelta(hours=1))
NEW_YORK_SUMMER = timezone(timedelta(hours=-4))
KOLKATA = timezone(timedelta(hours=5, minutes=30))
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=CET)
SESSION = SessionRecord("s-1", "floor", T0, T0 + timedelta(minutes=18), done=("bridge", "cat_cow"),
                        skipped=("clam",), hurt=("side_lying:left",), completed=True)


def _ids():
    counter = itertools.count()
    return lambda: f"id-{next(counter)}"


def _bundle(ratings=(), sessions=(), aerobic=(), number="12345674"):
    return build_bundle(number, ratings, sessions, aerobic, new_id=_ids())


def _resources(bundle, kind=None):
    return [e["resource"] for e in bundle["entry"] if kind is None or e["resource"]["resourceType"] == kind]


def _extension(resource, url):
    return [{k: v for k, v in e.items() if k != "url"} for e in resource.get("extension", []) if e["url"] == url]


def _one_rating(**fields):
    return _resources(_bundle([PainRating(**{"timestamp": T0, "pain": 5, **fields})]), "Observation")[0]


def test_the_bundle_is_a_collection_of_full_urls_matching_ids():
    bundle = _bundle([PainRating(T0, 5)], [SESSION], [AerobicEntry(T0, "walking", 20)])
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    assert [e["resource"]["resourceType"] for e in bundle["entry"]] == ["Patient", "Procedure", "Observation",
                                                                       "Observation"]
    for entry in bundle["entry"]:
        assert entry["fullUrl"] == f"urn:uuid:{entry['resource']['id']}"
    assert len({e["fullUrl"] for e in bundle["entry"]} | {bundle["id"]}) == 5
    json.dumps(bundle)                                   # plain JSON, nothing else


def test_the_patient_carries_only_the_diary_number():
    patient = _resources(_bundle(number="31415926"), "Patient")[0]
    assert set(patient) == {"resourceType", "id", "identifier"}
    assert patient["identifier"] == [{"system": c.DIARY_NUMBER_SYSTEM, "value": "31415926"}]


def test_every_resource_points_at_the_patient():
    bundle = _bundle([PainRating(T0, 5)], [SESSION], [AerobicEntry(T0, "walking", 20)])
    patient_url = bundle["entry"][0]["fullUrl"]
    assert all(r["subject"] == {"reference": patient_url} for r in _resources(bundle)[1:])


def test_a_rating_is_a_final_survey_observation_of_loinc_72514_3_with_an_integer():
    observation = _one_rating(pain=7)
    assert observation["status"] == "final"
    assert observation["category"] == [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/"
                                                              "observation-category",
                                                    "code": "survey", "display": "Survey"}]}]
    assert observation["code"]["coding"] == [{"system": "http://loinc.org", "code": "72514-3",
                                              "display": "Pain severity - 0-10 verbal numeric rating [Score] - "
                                                         "Reported"}]
    assert observation["valueInteger"] == 7 and type(observation["valueInteger"]) is int
    assert "valueQuantity" not in observation


@pytest.mark.parametrize("zone, text", [(CET, "2026-03-01T09:00:00+01:00"),
                                        (NEW_YORK_SUMMER, "2026-03-01T09:00:00-04:00"),
                                        (KOLKATA, "2026-03-01T09:00:00+05:30"),
                                        (timezone.utc, "2026-03-01T09:00:00+00:00")])
def test_the_time_keeps_the_ratings_own_utc_offset(zone, text):
    assert _one_rating(timestamp=datetime(2026, 3, 1, 9, 0, tzinfo=zone))["effectiveDateTime"] == text


def test_seconds_and_fractions_survive_and_an_offset_in_seconds_is_refused():
    assert fhir_datetime(datetime(2026, 12, 31, 23, 59, 59, 250000, tzinfo=CET)) == "2026-12-31T23:59:59.250000+01:00"
    with pytest.raises(ValueError, match="seconds"):
        fhir_datetime(datetime(2026, 1, 1, tzinfo=timezone(timedelta(seconds=30))))
    with pytest.raises(ValueError):
        fhir_datetime(datetime(2026, 1, 1))


@pytest.mark.parametrize("side, snomed, display", [("left", "7771000", "Left"), ("right", "24028007", "Right"),
                                                   ("both", "51440002", "Right and left")])
def test_the_side_is_snomed_laterality_on_the_body_site(side, snomed, display):
    site = _one_rating(side=side)["bodySite"]
    assert site["text"] == "Sacroiliac joint region"
    (laterality,) = _extension(site, "http://hl7.org/fhir/StructureDefinition/observation-structureLaterality")
    codings = laterality["valueCodeableConcept"]["coding"]
    assert codings[0] == {"system": "http://snomed.info/sct", "code": snomed, "display": display}
    assert codings[1]["system"] == c.SIDE_SYSTEM and codings[1]["code"] == side


def test_middle_is_no_laterality_and_no_side_is_no_body_site():
    (laterality,) = _extension(_one_rating(side="middle")["bodySite"], c.EXT_LATERALITY)
    assert [coding["system"] for coding in laterality["valueCodeableConcept"]["coding"]] == [c.SIDE_SYSTEM]
    assert "bodySite" not in _one_rating(side=None)


@pytest.mark.parametrize("moment", ["before", "after", "during", "other"])
def test_the_moment_is_an_extension(moment):
    observation = _one_rating(moment=moment)
    assert _extension(observation, c.EXT_MOMENT) == [{"valueCode": moment}]
    assert "component" not in observation


def test_exercise_worse_with_and_clock_warning_are_extensions_only_when_given():
    full = _one_rating(exercise="bridge", worse_with=("stairs", "sitting_long"), clock_suspect=True)
    assert _extension(full, c.EXT_EXERCISE) == [{"valueString": "bridge"}]
    assert _extension(full, c.EXT_WORSE_WITH) == [{"valueCode": "stairs"}, {"valueCode": "sitting_long"}]
    assert _extension(full, c.EXT_CLOCK_SUSPECT) == [{"valueBoolean": True}]
    bare = _one_rating()
    assert [e["url"] for e in bare["extension"]] == [c.EXT_MOMENT]


def test_the_note_is_an_annotation_and_no_note_is_none():
    assert _one_rating(note="stiff after the car, =1+1")["note"] == [{"text": "stiff after the car, =1+1"}]
    assert "note" not in _one_rating(note="")


def test_a_rating_of_a_session_is_part_of_its_procedure():
    bundle = _bundle([PainRating(T0, 4, "after", session_id="s-1"), PainRating(T0, 3, session_id="s-gone")],
                     [SESSION])
    procedure_url = bundle["entry"][1]["fullUrl"]
    linked, dangling = _resources(bundle, "Observation")
    assert linked["partOf"] == [{"reference": procedure_url, "type": "Procedure",
                                 "identifier": {"system": c.SESSION_SYSTEM, "value": "s-1"}}]
    assert dangling["partOf"] == [{"type": "Procedure", "identifier": {"system": c.SESSION_SYSTEM,
                                                                       "value": "s-gone"}}]
    assert "partOf" not in _one_rating()


def test_a_session_is_a_procedure_with_its_period_routine_and_outcomes():
    procedure = _resources(_bundle(sessions=[SESSION]), "Procedure")[0]
    assert procedure["status"] == "completed"
    assert procedure["identifier"] == [{"system": c.SESSION_SYSTEM, "value": "s-1"}]
    assert procedure["code"]["coding"] == [{"system": "http://snomed.info/sct", "code": "229065009",
                                            "display": "Exercise therapy"},
                                           {"system": c.ROUTINE_SYSTEM, "code": "floor"}]
    assert procedure["performedPeriod"] == {"start": "2026-03-01T09:00:00+01:00", "end": "2026-03-01T09:18:00+01:00"}
    assert _extension(procedure, c.EXT_DONE) == [{"valueString": "bridge"}, {"valueString": "cat_cow"}]
    assert _extension(procedure, c.EXT_SKIPPED) == [{"valueString": "clam"}]
    assert _extension(procedure, c.EXT_HURT) == [{"valueString": "side_lying:left"}]
    stopped = SessionRecord("s-2", "floor", T0, T0 + timedelta(minutes=3))
    procedure = _resources(_bundle(sessions=[stopped]), "Procedure")[0]
    assert procedure["status"] == "stopped" and "extension" not in procedure


@pytest.mark.parametrize("activity, words", [("walking", "Walking"), ("water_aerobics", "Water aerobics"),
                                             ("cycling", "Cycling"), ("tai_chi", "Tai chi")])
def test_aerobic_minutes_are_loinc_55411_3_in_ucum_minutes_with_the_activity(activity, words):
    entry = AerobicEntry(datetime(2026, 7, 4, 18, 30, tzinfo=NEW_YORK_SUMMER), activity, 35)
    observation = _resources(_bundle(aerobic=[entry]), "Observation")[0]
    assert observation["status"] == "final"
    assert observation["category"][0]["coding"][0]["code"] == "activity"
    assert observation["code"]["coding"] == [{"system": "http://loinc.org", "code": "55411-3",
                                              "display": "Exercise duration"}]
    assert observation["valueQuantity"] == {"value": 35, "unit": "min", "system": "http://unitsofmeasure.org",
                                            "code": "min"}
    assert observation["effectiveDateTime"] == "2026-07-04T18:30:00-04:00"
    (component,) = observation["component"]
    assert component["code"]["coding"] == [{"system": "http://loinc.org", "code": "73985-4",
                                            "display": "Exercise activity"}]
    assert component["valueCodeableConcept"]["coding"][0] == {"system": c.ACTIVITY_SYSTEM, "code": activity,
                                                              "display": words}


def test_records_keep_the_diarys_order():
    ratings = [PainRating(T0 + timedelta(hours=h), h) for h in (3, 1, 2)]
    assert [o["valueInteger"] for o in _resources(_bundle(ratings), "Observation")] == [3, 1, 2]


def test_random_ids_are_uuids_and_differ_between_exports():
    first, second = build_bundle("12345674", [PainRating(T0, 5)]), build_bundle("12345674", [PainRating(T0, 5)])
    assert first["entry"][0]["fullUrl"].startswith("urn:uuid:") and len(first["entry"][0]["resource"]["id"]) == 36
    assert first["id"] != second["id"]
