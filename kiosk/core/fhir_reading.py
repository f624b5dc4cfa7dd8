"""A FHIR R4 diary Bundle read back into records, every entry checked first; errors name the entry by its index."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from kiosk.core import fhir_codes as c
from kiosk.core.records import AEROBIC_ACTIVITIES, MOMENTS, WORSE_WITH, AerobicEntry, PainRating, SessionRecord

MAX_REPORTED_ERRORS = 20
_SIDE_BY_SNOMED = {code: side for side, (code, _display) in c.LATERALITY.items()}
_STATUS_DONE = {"completed": True, "stopped": False}


@dataclass(frozen=True)
class EntryError:
    """What is wrong with one entry (`index` counts from 0, as in Bundle.entry[0]), or with the whole file (None)."""

    index: int | None
    message: str

    def __str__(self) -> str:
        return self.message if self.index is None else f"Bundle.entry[{self.index}]: {self.message}"


class BundleError(ValueError):
    """The Bundle cannot be imported; `errors` lists what is wrong (up to MAX_REPORTED_ERRORS entries)."""

    def __init__(self, errors: list[EntryError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@dataclass(frozen=True)
class DiaryRecords:
    """Everything a Bundle holds for the diary, in the Bundle's order."""

    diary_number: str | None
    ratings: tuple[PainRating, ...] = ()
    sessions: tuple[SessionRecord, ...] = ()
    aerobic: tuple[AerobicEntry, ...] = ()


class _Bad(Exception):
    """One problem in one entry (turned into an EntryError with the entry's index)."""


def _object(value, what: str) -> dict:
    if not isinstance(value, dict):
        raise _Bad(f"{what} must be a JSON object")
    return value


def _list(value, what: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Bad(f"{what} must be a list")
    return value


def _text(value, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise _Bad(f"{what} must be text, not {value!r}")
    return value


def _moment(value, what: str) -> datetime:
    """A FHIR dateTime with a time and a UTC offset (a date alone cannot place a rating)."""
    if value is None:
        raise _Bad(f"{what} is missing")
    if not isinstance(value, str) or "T" not in value:
        raise _Bad(f"{what} must be a date and time with a UTC offset, not {value!r}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _Bad(f"{what} must be a date and time with a UTC offset, not {value!r}") from None
    if moment.tzinfo is None:
        raise _Bad(f"{what} {value!r} has no UTC offset")
    return moment


def _codes(concept, what: str) -> list[tuple[str, str]]:
    """(system, code) of every coding of a CodeableConcept."""
    concept = _object(concept, what)
    found = []
    for coding in _list(concept.get("coding"), f"{what}.coding"):
        coding = _object(coding, f"{what}.coding")
        found.append((coding.get("system"), coding.get("code")))
    return found


def _code_in(concept, system: str, what: str) -> str | None:
    for found_system, code in _codes(concept, what):
        if found_system == system and isinstance(code, str):
            return code
    return None


def _extensions(resource: dict, url: str, key: str, what: str) -> list:
    values = []
    for extension in _list(resource.get("extension"), f"{what}.extension"):
        extension = _object(extension, f"{what}.extension")
        if extension.get("url") == url:
            if key not in extension:
                raise _Bad(f"the extension {url} needs {key}")
            values.append(extension[key])
    return values


def _one_extension(resource: dict, url: str, key: str, what: str, default=None):
    values = _extensions(resource, url, key, what)
    if len(values) > 1:
        raise _Bad(f"the extension {url} is there {len(values)} times; once at most")
    return values[0] if values else default


def _check_subject(resource: dict, patient_urls: set[str]) -> None:
    subject = resource.get("subject")
    if subject is None or not patient_urls:
        return
    reference = _object(subject, "subject").get("reference")
    if reference is not None and _text(reference, "subject.reference") not in patient_urls:
        raise _Bad(f"subject {reference!r} is not the Bundle's Patient")


def _side(resource: dict) -> str | None:
    if "bodySite" not in resource:
        return None
    site = _object(resource["bodySite"], "bodySite")
    concept = _one_extension(site, c.EXT_LATERALITY, "valueCodeableConcept", "bodySite")
    if concept is None:
        return None
    kiosk_side = _code_in(concept, c.SIDE_SYSTEM, "bodySite laterality")
    if kiosk_side is not None:
        return kiosk_side
    for system, code in _codes(concept, "bodySite laterality"):
        if system == c.SNOMED and isinstance(code, str) and code in _SIDE_BY_SNOMED:
            return _SIDE_BY_SNOMED[code]
    raise _Bad("the bodySite laterality must be SNOMED CT 7771000 (left), 24028007 (right) or "
               "51440002 (both sides)")


def _session_of(resource: dict, sessions_by_url: dict[str, str]) -> str | None:
    for link in _list(resource.get("partOf"), "partOf"):
        link = _object(link, "partOf")
        identifier = link.get("identifier")
        if isinstance(identifier, dict) and identifier.get("system") == c.SESSION_SYSTEM:
            return _text(identifier.get("value"), "partOf.identifier.value")
        reference = link.get("reference")
        if isinstance(reference, str) and reference in sessions_by_url:
            return sessions_by_url[reference]
    return None


def _rating(resource: dict, sessions_by_url: dict[str, str]) -> PainRating:
    status = resource.get("status")
    if status not in ("final", "amended", "corrected"):
        raise _Bad(f"status must be final (or amended, corrected), not {status!r}")
    pain = resource.get("valueInteger")
    if "valueInteger" not in resource:
        raise _Bad("valueInteger (the 0-10 score) is missing")
    if isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= 10:
        raise _Bad(f"valueInteger must be a whole number from 0 to 10, not {pain!r}")
    moment = _one_extension(resource, c.EXT_MOMENT, "valueCode", "Observation", "other")
    if moment not in MOMENTS:
        raise _Bad(f"the moment must be one of {', '.join(MOMENTS)}, not {moment!r}")
    exercise = _one_extension(resource, c.EXT_EXERCISE, "valueString", "Observation")
    if exercise is not None:
        exercise = _text(exercise, "the exercise")
    worse = tuple(_extensions(resource, c.EXT_WORSE_WITH, "valueCode", "Observation"))
    unknown = [w for w in worse if w not in WORSE_WITH]
    if unknown:
        raise _Bad(f"unknown 'worse with' choices: {', '.join(map(repr, unknown))}")
    suspect = _one_extension(resource, c.EXT_CLOCK_SUSPECT, "valueBoolean", "Observation", False)
    if not isinstance(suspect, bool):
        raise _Bad(f"the clock warning must be true or false, not {suspect!r}")
    notes = []
    for note in _list(resource.get("note"), "note"):
        notes.append(_text(_object(note, "note").get("text"), "note.text"))
    return PainRating(timestamp=_moment(resource.get("effectiveDateTime"), "effectiveDateTime"), pain=pain,
                      moment=moment, side=_side(resource), exercise=exercise, note="\n".join(notes),
                      worse_with=worse, session_id=_session_of(resource, sessions_by_url),
                      clock_suspect=suspect)


def _aerobic(resource: dict) -> AerobicEntry:
    quantity = _object(resource.get("valueQuantity"), "valueQuantity (the minutes)")
    minutes = quantity.get("value")
    if quantity.get("code", quantity.get("unit")) != "min":
        raise _Bad(f"valueQuantity must be in minutes (UCUM min), not {quantity.get('code')!r}")
    if isinstance(minutes, float) and minutes.is_integer():
        minutes = int(minutes)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 < minutes <= 600:
        raise _Bad(f"valueQuantity.value must be whole minutes from 1 to 600, not {minutes!r}")
    activity = None
    for component in _list(resource.get("component"), "component"):
        component = _object(component, "component")
        if _code_in(component.get("code"), c.LOINC, "component.code") == c.EXERCISE_ACTIVITY_CODE[0]:
            activity = _code_in(component.get("valueCodeableConcept") or {}, c.ACTIVITY_SYSTEM,
                                "component.valueCodeableConcept")
    if activity not in AEROBIC_ACTIVITIES:
        raise _Bad(f"the component {c.EXERCISE_ACTIVITY_CODE[0]} (exercise activity) must be one of "
                   f"{', '.join(AEROBIC_ACTIVITIES)}, not {activity!r}")
    return AerobicEntry(_moment(resource.get("effectiveDateTime"), "effectiveDateTime"), activity, minutes)


def _observation(resource: dict, sessions_by_url: dict[str, str]):
    code = resource.get("code")
    if code is None:
        raise _Bad("code is missing")
    loinc = [found for system, found in _codes(code, "code") if system == c.LOINC]
    if c.PAIN_CODE[0] in loinc:
        return _rating(resource, sessions_by_url)
    if c.EXERCISE_DURATION_CODE[0] in loinc:
        return _aerobic(resource)
    raise _Bad(f"code must be LOINC {c.PAIN_CODE[0]} (pain 0-10) or {c.EXERCISE_DURATION_CODE[0]} "
               f"(exercise duration), not {', '.join(map(str, loinc)) or 'another system'}")


def _session_id(resource: dict) -> str:
    for identifier in _list(resource.get("identifier"), "identifier"):
        identifier = _object(identifier, "identifier")
        if identifier.get("system") == c.SESSION_SYSTEM:
            return _text(identifier.get("value"), "identifier.value")
    raise _Bad(f"identifier with system {c.SESSION_SYSTEM} (the session id) is missing")


def _procedure(resource: dict) -> SessionRecord:
    status = resource.get("status")
    if not isinstance(status, str) or status not in _STATUS_DONE:
        raise _Bad(f"status must be completed or stopped, not {status!r}")
    routine = _code_in(resource.get("code") or {}, c.ROUTINE_SYSTEM, "code")
    if not routine:
        raise _Bad(f"code needs the routine (system {c.ROUTINE_SYSTEM})")
    period = _object(resource.get("performedPeriod"), "performedPeriod")
    lists = {}
    for key, url in (("done", c.EXT_DONE), ("skipped", c.EXT_SKIPPED), ("hurt", c.EXT_HURT)):
        lists[key] = tuple(_text(value, f"the extension {url}")
                           for value in _extensions(resource, url, "valueString", "Procedure"))
    return SessionRecord(session_id=_session_id(resource), routine=routine,
                         started=_moment(period.get("start"), "performedPeriod.start"),
                         ended=_moment(period.get("end"), "performedPeriod.end"),
                         completed=_STATUS_DONE[status], **lists)


def _resource(entry) -> dict:
    entry = _object(entry, "an entry")
    resource = entry.get("resource")
    if resource is None:
        raise _Bad("the entry has no resource")
    return _object(resource, "resource")


def read_bundle(data) -> DiaryRecords:
    """The records of a parsed Bundle (type collection), or BundleError naming every bad entry by its index."""
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        found = data.get("resourceType") if isinstance(data, dict) else type(data).__name__
        raise BundleError([EntryError(None, f"this is not a FHIR Bundle (resourceType {found!r})")])
    if data.get("type") != "collection":
        raise BundleError([EntryError(None, f"the Bundle's type must be collection, not {data.get('type')!r}")])
    entries = data.get("entry", [])
    if not isinstance(entries, list):
        raise BundleError([EntryError(None, "Bundle.entry must be a list")])
    errors: list[EntryError] = []
    resources: dict[int, dict] = {}
    patient_urls: set[str] = set()
    sessions_by_url: dict[str, str] = {}
    diary_number = None
    for index, entry in enumerate(entries):            # first: what is each entry, who is the Patient
        try:
            resource = resources[index] = _resource(entry)
            kind = resource.get("resourceType")
            url = entry.get("fullUrl")
            if url is not None:
                _text(url, "fullUrl")
            if kind == "Patient":
                if patient_urls or diary_number is not None:
                    raise _Bad("a second Patient: a diary is one person's")
                patient_urls.add(url or "")
                for identifier in _list(resource.get("identifier"), "identifier"):
                    if _object(identifier, "identifier").get("system") == c.DIARY_NUMBER_SYSTEM:
                        diary_number = _text(identifier.get("value"), "identifier.value")
            elif kind == "Procedure" and url:
                sessions_by_url[url] = _session_id(resource)
            elif kind not in ("Observation", "Procedure"):
                raise _Bad(f"resourceType must be Patient, Observation or Procedure, not {kind!r}")
        except _Bad as bad:
            errors.append(EntryError(index, f"({_kind(entry)}) {bad}"))
    patient_urls.discard("")
    ratings, sessions, aerobic = [], [], []
    for index, resource in resources.items():
        if any(error.index == index for error in errors) or len(errors) >= MAX_REPORTED_ERRORS:
            continue
        try:
            kind = resource["resourceType"]
            if kind == "Patient":
                continue
            _check_subject(resource, patient_urls)
            if kind == "Procedure":
                sessions.append(_procedure(resource))
            else:
                record = _observation(resource, sessions_by_url)
                (ratings if isinstance(record, PainRating) else aerobic).append(record)
        except (_Bad, ValueError) as bad:               # ValueError: a record's own checks
            errors.append(EntryError(index, f"({kind}) {bad}"))
    if errors:
        raise BundleError(sorted(errors, key=lambda e: e.index)[:MAX_REPORTED_ERRORS])
    return DiaryRecords(diary_number, tuple(ratings), tuple(sessions), tuple(aerobic))


def _kind(entry) -> str:
    resource = entry.get("resource") if isinstance(entry, dict) else None
    kind = resource.get("resourceType") if isinstance(resource, dict) else None
    return kind if isinstance(kind, str) else "no resource"


def read_bundle_text(text: str) -> DiaryRecords:
    """The records of a Bundle in JSON text; BundleError when it is not JSON or does not validate."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BundleError([EntryError(None, f"this is not JSON (line {error.lineno}, column {error.colno}: "
                                            f"{error.msg})")]) from None
    return read_bundle(data)
