"""A diary as a FHIR R4 Bundle (type collection), as plain dicts ready for json.dumps: no FHIR library.

What goes where (kiosk/core/fhir_codes.py holds every code and URL):

- **Patient**: only `identifier` (the diary number, system DIARY_NUMBER_SYSTEM); no name, no birth date.
- **A pain rating** -> Observation: status final, category survey, code LOINC 72514-3, valueInteger,
  effectiveDateTime with the rating's own UTC offset. The side goes in `bodySite` (text "Sacroiliac
  joint region") with HL7's `observation-structureLaterality` extension: SNOMED CT left 7771000,
  right 24028007, both sides 51440002, beside the kiosk's own side code (which alone carries
  "middle", not a laterality). The note is `note[0].text`. The moment (before/after/during/other),
  the exercise, what made it worse and the clock warning are extensions of the Observation: they
  qualify the one score and are not measurements of their own, which is what `component` is for.
  The session it belongs to is `partOf` (a Reference to the session's Procedure, with its identifier).
- **An aerobic entry** -> Observation: category activity, code LOINC 55411-3 "Exercise duration",
  valueQuantity in minutes (UCUM "min"), the activity as a component LOINC 73985-4 "Exercise
  activity" (as HL7's Physical Activity guide records a bout of exercise).
- **A session** -> Procedure (an exercise routine the person performed; an Encounter would be a
  meeting with a care provider): status completed or stopped, code SNOMED CT 229065009 "Exercise
  therapy" and the routine's id, performedPeriod, identifier the session id, and how each exercise
  ended as extensions.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import datetime

from kiosk.core import fhir_codes as c
from kiosk.core.records import AerobicEntry, PainRating, SessionRecord

NewId = Callable[[], str]


def _uuid() -> str:
    return str(uuid.uuid4())


def _coding(system: str, code: str, display: str | None = None) -> dict:
    coding = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return coding


def _concept(*codings: dict, text: str | None = None) -> dict:
    concept: dict = {"coding": list(codings)}
    if text:
        concept["text"] = text
    return concept


def _category(code: str, display: str) -> list[dict]:
    return [_concept(_coding(c.OBSERVATION_CATEGORY, code, display))]


def fhir_datetime(moment: datetime) -> str:
    """An aware datetime as a FHIR dateTime, keeping its own UTC offset (to the minute, as FHIR allows)."""
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("a FHIR dateTime needs a UTC offset")
    if offset.total_seconds() % 60:
        raise ValueError(f"FHIR cannot write the UTC offset {offset} (seconds)")
    return moment.isoformat()


def body_site(side: str) -> dict:
    """Observation.bodySite for one of the kiosk's sides, laterality by HL7's extension."""
    codings = []
    if side in c.LATERALITY:
        code, display = c.LATERALITY[side]
        codings.append(_coding(c.SNOMED, code, display))
    codings.append(_coding(c.SIDE_SYSTEM, side, c.SIDE_WORDS[side]))
    return {"extension": [{"url": c.EXT_LATERALITY, "valueCodeableConcept": _concept(*codings)}],
            "text": c.BODY_SITE_TEXT}


def rating_observation(rating: PainRating, patient: str, sessions: dict[str, str]) -> dict:
    """The Observation of one pain rating; `patient` is the Patient's fullUrl, `sessions` session id -> fullUrl."""
    extension = [{"url": c.EXT_MOMENT, "valueCode": rating.moment}]
    if rating.exercise:
        extension.append({"url": c.EXT_EXERCISE, "valueString": rating.exercise})
    extension += [{"url": c.EXT_WORSE_WITH, "valueCode": worse} for worse in rating.worse_with]
    if rating.clock_suspect:
        extension.append({"url": c.EXT_CLOCK_SUSPECT, "valueBoolean": True})
    observation = {
        "resourceType": "Observation",
        "extension": extension,
        "status": "final",
        "category": _category("survey", "Survey"),
        "code": _concept(_coding(c.LOINC, *c.PAIN_CODE), text="Pain 0-10"),
        "subject": {"reference": patient},
        "effectiveDateTime": fhir_datetime(rating.timestamp),
        "valueInteger": rating.pain,
    }
    if rating.session_id is not None:
        link = {"type": "Procedure", "identifier": {"system": c.SESSION_SYSTEM, "value": rating.session_id}}
        if rating.session_id in sessions:
            link = {"reference": sessions[rating.session_id], **link}
        observation["partOf"] = [link]
    if rating.side:
        observation["bodySite"] = body_site(rating.side)
    if rating.note:
        observation["note"] = [{"text": rating.note}]
    return observation


def aerobic_observation(entry: AerobicEntry, patient: str) -> dict:
    """The Observation of one aerobic entry: minutes of exercise, and which."""
    activity = _concept(_coding(c.ACTIVITY_SYSTEM, entry.activity, c.ACTIVITY_WORDS[entry.activity]),
                        text=c.ACTIVITY_WORDS[entry.activity])
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": _category("activity", "Activity"),
        "code": _concept(_coding(c.LOINC, *c.EXERCISE_DURATION_CODE), text="Aerobic minutes"),
        "subject": {"reference": patient},
        "effectiveDateTime": fhir_datetime(entry.timestamp),
        "valueQuantity": {"value": entry.minutes, "unit": "min", "system": c.UCUM, "code": "min"},
        "component": [{"code": _concept(_coding(c.LOINC, *c.EXERCISE_ACTIVITY_CODE)),
                       "valueCodeableConcept": activity}],
    }


def session_procedure(session: SessionRecord, patient: str) -> dict:
    """The Procedure of one played routine."""
    extension = ([{"url": c.EXT_DONE, "valueString": e} for e in session.done]
                 + [{"url": c.EXT_SKIPPED, "valueString": e} for e in session.skipped]
                 + [{"url": c.EXT_HURT, "valueString": e} for e in session.hurt])
    procedure = {
        "resourceType": "Procedure",
        "identifier": [{"system": c.SESSION_SYSTEM, "value": session.session_id}],
        "status": "completed" if session.completed else "stopped",
        "code": _concept(_coding(c.SNOMED, *c.EXERCISE_THERAPY_CODE),
                         _coding(c.ROUTINE_SYSTEM, session.routine), text=session.routine),
        "subject": {"reference": patient},
        "performedPeriod": {"start": fhir_datetime(session.started), "end": fhir_datetime(session.ended)},
    }
    if extension:
        procedure["extension"] = extension
    return procedure


def build_bundle(diary_number: str, ratings: Iterable[PainRating] = (), sessions: Iterable[SessionRecord] = (),
                 aerobic: Iterable[AerobicEntry] = (), *, new_id: NewId = _uuid) -> dict:
    """The Bundle (type collection) of one diary: its Patient, then its sessions, ratings and aerobic entries.

    Records keep the order given (the diary's, oldest first). Every resource gets `id` and fullUrl
    "urn:uuid:<id>" from `new_id()` (random UUIDs unless given). No Bundle timestamp: exporting the
    same diary twice gives the same Bundle apart from those ids.
    """
    entries: list[dict] = []

    def add(resource: dict) -> str:
        resource_id = new_id()
        full_url = f"urn:uuid:{resource_id}"
        entries.append({"fullUrl": full_url,
                        "resource": {"resourceType": resource["resourceType"], "id": resource_id,
                                     **{k: v for k, v in resource.items() if k != "resourceType"}}})
        return full_url

    patient = add({"resourceType": "Patient",
                   "identifier": [{"system": c.DIARY_NUMBER_SYSTEM, "value": diary_number}]})
    session_urls: dict[str, str] = {}
    for session in sessions:
        url = add(session_procedure(session, patient))
        session_urls.setdefault(session.session_id, url)
    for rating in ratings:
        add(rating_observation(rating, patient, session_urls))
    for entry in aerobic:
        add(aerobic_observation(entry, patient))
    return {"resourceType": "Bundle", "id": new_id(), "type": "collection", "entry": entries}
