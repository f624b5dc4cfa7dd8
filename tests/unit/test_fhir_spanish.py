"""The FHIR Bundle made in Spanish: its texts and the kiosk's own displays in Spanish, Resource.language "es",
LOINC and SNOMED CT displays kept with HL7's translation beside them, every code unchanged, valid FHIR R4
(fhir.resources), and read back to the same records as the English Bundle."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from kiosk.core import fhir_codes as c
from kiosk.core.fhir_bundle import build_bundle
from kiosk.core.fhir_reading import read_bundle, read_bundle_text
from kiosk.core.records import AerobicEntry, PainRating, SessionRecord
from prerequisites import missing

NUMBER = "12345674"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=-6)))
RATINGS = [PainRating(T0, 6, "before", "left", None, "rígida después del autobús", ("stairs", "bending"), "s-1"),
           PainRating(T0 + timedelta(minutes=9), 7, "during", "both", "bridge", "", (), "s-1"),
           PainRating(T0 + timedelta(minutes=20), 4, "after", "right", session_id="s-1"),
           PainRating(T0 + timedelta(days=1), 3, "other", "middle", clock_suspect=True)]
SESSIONS = [SessionRecord("s-1", "floor", T0, T0 + timedelta(minutes=18), done=("bridge",), skipped=("clam",),
                          hurt=("side_lying:left",), completed=True)]
AEROBIC = [AerobicEntry(T0 + timedelta(hours=5), activity, 20 + i)
           for i, activity in enumerate(("walking", "water_aerobics", "cycling", "tai_chi"))]


def _ids():
    counter = iter(range(10_000))
    return lambda: f"00000000-0000-4000-8000-{next(counter):012d}"


def _bundle(language: str) -> dict:
    return build_bundle(NUMBER, RATINGS, SESSIONS, AEROBIC, new_id=_ids(), language=language)


def _resources(bundle: dict) -> list[dict]:
    return [entry["resource"] for entry in bundle["entry"]]


def _by_code(bundle: dict, code: str) -> list[dict]:
    return [r for r in _resources(bundle) if r["resourceType"] == "Observation" and r["code"]["coding"][0]["code"] == code]


HUMAN = {"display", "text", "_display", "language"}


def _machine(value):
    """The Bundle without its human-readable words: every code, system, URL and value."""
    if isinstance(value, dict):
        return {k: _machine(v) for k, v in value.items() if k not in HUMAN}
    if isinstance(value, list):
        return [_machine(v) for v in value]
    return value


def test_every_resource_and_the_bundle_say_they_are_in_spanish_and_english_names_none():
    spanish, english = _bundle("es"), _bundle("en")
    assert spanish["language"] == "es"
    assert all(resource["language"] == "es" for resource in _resources(spanish))
    assert "language" not in english and not any("language" in r for r in _resources(english))


def test_the_kiosks_own_texts_are_spanish():
    bundle = _bundle("es")
    pain = _by_code(bundle, c.PAIN_CODE[0])
    assert {r["code"]["text"] for r in pain} == {"Dolor 0-10"}
    sites = [r["bodySite"] for r in pain]
    assert {site["text"] for site in sites} == {"Región de la articulación sacroilíaca"}
    own = {coding["code"]: coding["display"] for site in sites
           for coding in site["extension"][0]["valueCodeableConcept"]["coding"] if coding["system"] == c.SIDE_SYSTEM}
    assert own == {"left": "Izquierdo", "right": "Derecho", "both": "Ambos lados", "middle": "Centro"}
    minutes = _by_code(bundle, c.EXERCISE_DURATION_CODE[0])
    assert {r["code"]["text"] for r in minutes} == {"Minutos de actividad aeróbica"}
    activities = [r["component"][0]["valueCodeableConcept"] for r in minutes]
    assert [a["text"] for a in activities] == ["Caminata", "Aeróbicos en el agua", "Bicicleta", "Taichí"]
    assert [a["coding"][0]["display"] for a in activities] == [a["text"] for a in activities]
    assert pain[0]["note"] == [{"text": "rígida después del autobús"}]          # the person's words as written


def test_a_code_systems_display_stays_as_the_system_writes_it_with_the_spanish_beside_it():
    bundle = _bundle("es")
    coding = _by_code(bundle, c.PAIN_CODE[0])[0]["code"]["coding"][0]
    assert coding["display"] == c.PAIN_CODE[1]
    translation = coding["_display"]["extension"][0]
    assert translation["url"] == c.EXT_TRANSLATION
    assert translation["extension"] == [{"url": "lang", "valueCode": "es"},
                                        {"url": "content", "valueString": "Intensidad del dolor - escala numérica "
                                                                          "verbal de 0 a 10 [Puntuación] - Informada"}]
    procedure = next(r for r in _resources(bundle) if r["resourceType"] == "Procedure")
    therapy = procedure["code"]["coding"][0]
    assert (therapy["display"], therapy["_display"]["extension"][0]["extension"][1]["valueString"]) == \
        ("Exercise therapy", "Terapia con ejercicios")
    left = _by_code(bundle, c.PAIN_CODE[0])[0]["bodySite"]["extension"][0]["valueCodeableConcept"]["coding"][0]
    assert (left["system"], left["code"], left["display"]) == (c.SNOMED, "7771000", "Left")
    assert left["_display"]["extension"][0]["extension"][1] == {"url": "content", "valueString": "Izquierdo"}


def test_no_english_text_of_the_kiosks_own_is_left():
    english_words = {c.BODY_SITE_TEXT, c.PAIN_TEXT, c.AEROBIC_TEXT, *c.SIDE_WORDS.values(),
                     *c.ACTIVITY_WORDS.values()}
    texts = []

    def collect(value):
        if isinstance(value, dict):
            texts.extend(v for k, v in value.items() if k == "text" and isinstance(v, str))
            texts.extend(v for k, v in value.items() if k == "display" and isinstance(v, str)
                         and value.get("system") in (c.SIDE_SYSTEM, c.ACTIVITY_SYSTEM))
            for v in value.values():
                collect(v)
        elif isinstance(value, list):
            for v in value:
                collect(v)

    collect(_bundle("es"))
    assert texts and not english_words & set(texts)


def test_codes_systems_and_values_are_the_same_in_both_languages():
    spanish, english = _bundle("es"), _bundle("en")
    assert _machine(spanish) == _machine(english)
    assert spanish != english                             # the words did change


def test_the_spanish_bundle_reads_back_to_the_same_records_as_the_english_one():
    for language in ("es", "en"):
        records = read_bundle_text(json.dumps(_bundle(language), ensure_ascii=False))
        assert (list(records.ratings), list(records.sessions), list(records.aerobic)) == (RATINGS, SESSIONS, AEROBIC)
        assert records.diary_number == NUMBER


def test_the_spanish_bundle_is_valid_fhir_r4():
    try:
        import fhir.resources
        from fhir.resources import construct_fhir_element
        from fhir.resources.bundle import Bundle
    except ImportError:                                   # pragma: no cover - the test requirements install it
        missing("fhir.resources is not installed (pip install '.[test]')")
    assert fhir.resources.__fhir_version__ == "4.0.1"
    bundle = _bundle("es")
    model = Bundle.parse_obj(bundle)
    assert json.loads(model.json()) == bundle             # nothing dropped or converted (the _display extensions too)
    assert model.language == "es"
    for resource in _resources(bundle):
        parsed = construct_fhir_element(resource["resourceType"], resource)
        assert json.loads(parsed.json()) == resource
        assert parsed.language == "es"


def test_an_unknown_language_is_english_text_not_a_crash_and_reads_back():
    bundle = build_bundle(NUMBER, RATINGS, new_id=_ids(), language="xx")      # no catalog: the English words
    assert _by_code(bundle, c.PAIN_CODE[0])[0]["code"]["text"] == "Pain 0-10"
    assert list(read_bundle(bundle).ratings) == RATINGS


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_export_is_json_with_the_spanish_letters_as_written(language):
    text = json.dumps(_bundle(language), ensure_ascii=False)
    assert ("sacroilíaca" in text) == (language == "es")
