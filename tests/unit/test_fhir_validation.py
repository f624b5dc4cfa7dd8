"""Bundles of generated diaries checked by an independent FHIR R4 library (fhir.resources 6.4, FHIR 4.0.1)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.fhir_bundle import build_bundle
from kiosk.core.fhir_reading import read_bundle
from kiosk.core.records import AEROBIC_ACTIVITIES, MOMENTS, SIDES, WORSE_WITH, AerobicEntry, PainRating, \
    SessionRecord
from prerequisites import missing

try:
    import fhir.resources
    from fhir.resources import construct_fhir_element
    from fhir.resources.bundle import Bundle
except ImportError:                      # pragma: no cover - the test requirements install it
    fhir = None

MADE = "12345674"
zones = st.integers(-12 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
moments = st.datetimes(min_value=datetime(1999, 12, 25),
                       max_value=datetime(2040, 1, 7), timezones=zones)
words = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
exercise_ids = st.from_regex(r"[a-z][a-z_]{0,15}", fullmatch=True)
ratings = st.builds(PainRating, timestamp=moments, pain=st.integers(0, 10), moment=st.sampled_from(MOMENTS),
                    side=st.none() | st.sampled_from(SIDES), exercise=st.none() | exercise_ids,
                    note=st.just("") | words, worse_with=st.lists(st.sampled_from(WORSE_WITH), unique=True,
                                                                  max_size=3).map(tuple),
                    session_id=st.none() | st.sampled_from(["s-1", "s-2", "s-elsewhere"]),
                    clock_suspect=st.booleans())
aerobic = st.builds(AerobicEntry, timestamp=moments, activity=st.sampled_from(AEROBIC_ACTIVITIES),
                    minutes=st.integers(1, 600))


@st.composite
def sessions(draw):
    started = draw(moments)
    outcomes = st.lists(exercise_ids, max_size=4).map(tuple)
    return [SessionRecord(session_id, draw(exercise_ids), started, started + timedelta(minutes=draw(st.integers(0, 90))),
                          done=draw(outcomes), skipped=draw(outcomes), hurt=draw(outcomes),
                          completed=draw(st.booleans()))
            for session_id in draw(st.lists(st.sampled_from(["s-1", "s-2"]), unique=True))]


@pytest.fixture(autouse=True)
def _library():
    if fhir is None:
        missing("fhir.resources is not installed (pip install '.[test]')")
    assert fhir.resources.__fhir_version__ == "4.0.1"


def _strictly(resource: dict):
    """The library's model of one resource; it must also write back exactly what it read (the library
    turns "5" or 5.5 into an integer quietly: a value it had to convert would come back different)."""
    parsed = construct_fhir_element(resource["resourceType"], resource)
    assert json.loads(parsed.json()) == resource
    return parsed


def _validate(bundle: dict) -> Bundle:
    """The library's own model of the Bundle and of every resource in it (each raises when invalid)."""
    model = Bundle.parse_obj(bundle)
    assert json.loads(model.json()) == bundle
    for entry in bundle["entry"]:
        assert _strictly(entry["resource"]).resource_type == entry["resource"]["resourceType"]
    return model


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ratings, max_size=12), sessions(), st.lists(aerobic, max_size=5))
def test_every_resource_of_a_generated_diary_is_valid_fhir_r4(rated, played, moved):
    bundle = build_bundle(MADE, rated, played, moved)
    model = _validate(bundle)
    observations = [e.resource for e in model.entry if e.resource.resource_type == "Observation"]
    pains = [o for o in observations if o.code.coding[0].code == "72514-3"]
    assert len(pains) == len(rated)                          # one Observation per rating
    for observation, rating in zip(pains, rated):            # same score, same instant, same offset
        assert observation.valueInteger == rating.pain
        assert observation.effectiveDateTime == rating.timestamp
        assert observation.effectiveDateTime.utcoffset() == rating.timestamp.utcoffset()
    minutes = [o for o in observations if o.code.coding[0].code == "55411-3"]
    assert [o.valueQuantity.value for o in minutes] == [entry.minutes for entry in moved]
    assert len([e for e in model.entry if e.resource.resource_type == "Procedure"]) == len(played)
    records = read_bundle(bundle)                            # and the kiosk reads back what it wrote
    assert (list(records.ratings), list(records.sessions), list(records.aerobic)) == (rated, played, moved)
    assert records.diary_number == MADE


def test_the_library_is_strict_enough_to_catch_a_broken_resource():
    """The check above can fail: the library refuses what FHIR R4 refuses (structure, cardinality,
    datatypes; it does not check codes against their value sets: the reader's tests do)."""
    from pydantic import ValidationError

    good = build_bundle(MADE, [PainRating(datetime(2026, 3, 1, 9, tzinfo=timezone.utc), 5,
                                          side="left", note="stiff")])
    observation = good["entry"][1]["resource"]
    _strictly(observation)
    for broken in ({k: v for k, v in observation.items() if k != "status"},         # status is 1..1
                   {**observation, "effectiveDateTime": "1 March 2026"},
                   {**observation, "subject": "Patient/1"},                          # a Reference, not text
                   {**observation, "bodySite": [observation["bodySite"]]},           # 0..1 in R4
                   {**observation, "laterality": "left"}):                          # no such element in R4
        with pytest.raises(ValidationError):
            construct_fhir_element("Observation", broken)
    for converted in ({**observation, "valueInteger": "5"}, {**observation, "valueInteger": 5.5}):
        with pytest.raises(AssertionError):
            _strictly(converted)
