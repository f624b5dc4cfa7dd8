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

**In another language** (`build_bundle(..., language="es")`): every resource and the Bundle carry
`language` (Resource.language, a BCP-47 code); the kiosk's own texts and displays (the side, the body
site, the activity, the codes' `text`) are written in that language; a LOINC or SNOMED CT display stays
as its code system writes it, with HL7's `translation` extension on it (`_display`) giving it in the
language. Codes, systems, extension URLs and values never change, so `fhir_reading` reads any language.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import datetime

from kiosk.core import fhir_codes as c
from kiosk.core.languages import SOURCE_LANGUAGE
from kiosk.core.records import AerobicEntry, PainRating, SessionRecord
from kiosk.core.translations import translation

NewId = Callable[[], str]


def _uuid() -> str:
    return str(uuid.uuid4())


def _coding(system: str, code: str, display: str | None = None, language: str = SOURCE_LANGUAGE) -> dict:
    """A Coding; with `language` other than English, a code system's own `display` gets its translation
    beside it (HL7's translation extension on `_display`)."""
    coding = {"system": system, "code": code}
    if display:
        coding["display"] = display
        if language != SOURCE_LANGUAGE:
            translated = translation(language).gettext(c.DISPLAY_WORDS.get(display, display))
            if translated != display:
                coding["_display"] = {"extension": [{"url": c.EXT_TRANSLATION, "extension": [
                    {"url": "lang", "valueCode": language}, {"url": "content", "valueString": translated}]}]}
    return coding


def _words(text: str, language: str) -> str:
    """One of the kiosk's own texts (fhir_codes) in `language`."""
    return translation(language).gettext(text)


def _concept(*codings: dict, text: str | None = None) -> dict:
    concept: dict = {"coding": list(codings)}
    if text:
        concept["text"] = text
    return concept


def _category(code: str, display: str, language: str = SOURCE_LANGUAGE) -> list[dict]:
    return [_concept(_coding(c.OBSERVATION_CATEGORY, code, display, language))]


def fhir_datetime(moment: datetime) -> str:
    """An aware datetime as a FHIR dateTime, keeping its own UTC offset (to the minute, as FHIR allows)."""
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("a FHIR dateTime needs a UTC offset")
    if offset.total_seconds() % 60:
        raise ValueError(f"FHIR cannot write the UTC offset {offset} (seconds)")
    return moment.isoformat()


def body_site(side: str, language: str = SOURCE_LANGUAGE) -> dict:
    """Observation.bodySite for one of the kiosk's sides, laterality by HL7's extension."""
    codings = []
    if side in c.LATERALITY:
        code, display = c.LATERALITY[side]
        codings.append(_coding(c.SNOMED, code, display, language))
    codings.append(_coding(c.SIDE_SYSTEM, side, _words(c.SIDE_WORDS[side], language)))
    return {"extension": [{"url": c.EXT_LATERALITY, "valueCodeableConcept": _concept(*codings)}],
            "text": _words(c.BODY_SITE_TEXT, language)}


def rating_observation(rating: PainRating, patient: str, sessions: dict[str, str],
                       language: str = SOURCE_LANGUAGE) -> dict:
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
        "category": _category("survey", "Survey", language),
        "code": _concept(_coding(c.LOINC, *c.PAIN_CODE, language), text=_words(c.PAIN_TEXT, language)),
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
        observation["bodySite"] = body_site(rating.side, language)
    if rating.note:
        observation["note"] = [{"text": rating.note}]
    return observation


def aerobic_observation(entry: AerobicEntry, patient: str, language: str = SOURCE_LANGUAGE) -> dict:
    """The Observation of one aerobic entry: minutes of exercise, and which."""
    words = _words(c.ACTIVITY_WORDS[entry.activity], language)
    activity = _concept(_coding(c.ACTIVITY_SYSTEM, entry.activity, words), text=words)
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": _category("activity", "Activity", language),
        "code": _concept(_coding(c.LOINC, *c.EXERCISE_DURATION_CODE, language), text=_words(c.AEROBIC_TEXT, language)),
        "subject": {"reference": patient},
        "effectiveDateTime": fhir_datetime(entry.timestamp),
        "valueQuantity": {"value": entry.minutes, "unit": "min", "system": c.UCUM, "code": "min"},
        "component": [{"code": _concept(_coding(c.LOINC, *c.EXERCISE_ACTIVITY_CODE, language)),
                       "valueCodeableConcept": activity}],
    }


def session_procedure(session: SessionRecord, patient: str, language: str = SOURCE_LANGUAGE) -> dict:
    """The Procedure of one played routine."""
    extension = ([{"url": c.EXT_DONE, "valueString": e} for e in session.done]
                 + [{"url": c.EXT_SKIPPED, "valueString": e} for e in session.skipped]
                 + [{"url": c.EXT_HURT, "valueString": e} for e in session.hurt])
    procedure = {
        "resourceType": "Procedure",
        "identifier": [{"system": c.SESSION_SYSTEM, "value": session.session_id}],
        "status": "completed" if session.completed else "stopped",
        "code": _concept(_coding(c.SNOMED, *c.EXERCISE_THERAPY_CODE, language),
                         _coding(c.ROUTINE_SYSTEM, session.routine), text=session.routine),
        "subject": {"reference": patient},
        "performedPeriod": {"start": fhir_datetime(session.started), "end": fhir_datetime(session.ended)},
    }
    if extension:
        procedure["extension"] = extension
    return procedure


def build_bundle(diary_number: str, ratings: Iterable[PainRating] = (), sessions: Iterable[SessionRecord] = (),
                 aerobic: Iterable[AerobicEntry] = (), *, new_id: NewId = _uuid,
                 language: str = SOURCE_LANGUAGE) -> dict:
    """The Bundle (type collection) of one diary: its Patient, then its sessions, ratings and aerobic entries.

    Records keep the order given (the diary's, oldest first). Every resource gets `id` and fullUrl
    "urn:uuid:<id>" from `new_id()` (random UUIDs unless given). No Bundle timestamp: exporting the
    same diary twice gives the same Bundle apart from those ids. `language`: the texts' language (an
    English Bundle names none, as before; another carries `language` on the Bundle and every resource).
    """
    entries: list[dict] = []
    tagged = {"language": language} if language != SOURCE_LANGUAGE else {}

    def add(resource: dict) -> str:
        resource_id = new_id()
        full_url = f"urn:uuid:{resource_id}"
        entries.append({"fullUrl": full_url,
                        "resource": {"resourceType": resource["resourceType"], "id": resource_id, **tagged,
                                     **{k: v for k, v in resource.items() if k != "resourceType"}}})
        return full_url

    patient = add({"resourceType": "Patient",
                   "identifier": [{"system": c.DIARY_NUMBER_SYSTEM, "value": diary_number}]})
    session_urls: dict[str, str] = {}
    for session in sessions:
        url = add(session_procedure(session, patient, language))
        session_urls.setdefault(session.session_id, url)
    for rating in ratings:
        add(rating_observation(rating, patient, session_urls, language))
    for entry in aerobic:
        add(aerobic_observation(entry, patient, language))
    return {"resourceType": "Bundle", "id": new_id(), **tagged, "type": "collection", "entry": entries}
