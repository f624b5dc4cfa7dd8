"""Records that do not validate are moved, unchanged, into a `_set_aside` table of the same file, and reported once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from kiosk.core.languages import LANGUAGES
from kiosk.core.notice import Notice
from kiosk.core.plan import change_from_dict, plan_from_dict
from kiosk.core.records import AerobicEntry, PainRating, RecordError, SessionRecord, looks_like_a_rating, read_moment
from kiosk.core.translations import N_
from kiosk.store.schema import META_TABLE

SET_ASIDE_TABLE = "_set_aside"


def _number(low: float, high: float, empty: bool = False) -> Callable[[object], bool]:
    def check(value) -> bool:
        if value is None:
            return empty
        return not isinstance(value, bool) and isinstance(value, (int, float)) and low <= value <= high
    return check


def _of(*kinds) -> Callable[[object], bool]:
    return lambda value: isinstance(value, kinds)


#: What the app's known settings may hold; a value that does not fit is set aside and the default used.
#: The keys are the ones named in ui/clinic.py, ui/main_window.py, ui/voice_listening.py, speech/voices.py and core/admin_pin.py
#: (tests/unit/test_store_properties.py checks they still are). The admin PIN hash is left out on
#: purpose: a malformed hash matches no PIN, which keeps the staff screen locked rather than open.
SETTING_VALUES: dict[str, Callable[[object], bool]] = {
    "clinic.idle_timeout": _number(5, 3600),
    "clinic.default_routine": _of(str, type(None)),
    "safety.accepted": _of(bool),
    "look.high_contrast": _of(bool),
    "look.large_text": _of(bool),
    "voice.id": _of(str),
    "voice.id.es": _of(str),               # speech/voices.py voice_id_key: the voice chosen for Spanish
    "language": lambda value: isinstance(value, str) and value in LANGUAGES,   # ui/main_window.py: chosen at home
    "voice.speed": _of(str),
    "voice.volume": _number(0, 1),
    "voice.enabled": _of(bool),
    "listen.enabled": _of(bool),           # ui/voice_listening.py: voice commands, the person's switch at home
    "clinic.listen": _of(bool),            # ... and the staff's in the clinic
    "admin.lockout": _of(dict),            # core.lockout.LockoutState.to_json(); its fields are read leniently
    "sign_in.lockout": _of(dict),
}


def _settings_entry(document: dict) -> None:
    key = document.get("key")
    if not isinstance(key, str):
        raise RecordError(f"a setting needs a text 'key', not {key!r}")
    if "value" not in document:
        raise RecordError(f"the setting {key!r} has no value")
    fits = SETTING_VALUES.get(key)
    if fits is not None and not fits(document["value"]):
        raise RecordError(f"the setting {key!r} cannot be {document['value']!r}; the default is used")


def _profile_entry(document: dict) -> None:
    from kiosk.store.profile_repository import GUEST_PROFILE_ID, ProfileError, check_profile_id  # it imports us

    try:
        check_profile_id(document.get("profile_id"))
    except ProfileError as error:
        raise RecordError(str(error)) from None
    if document["profile_id"] == GUEST_PROFILE_ID:
        raise RecordError("'guest' is the built-in guest profile")
    for key in ("display_name", "pin_hash"):
        if not isinstance(document.get(key), (str, type(None))):
            raise RecordError(f"{key} must be text or empty, not {document.get(key)!r}")
    read_moment(document, "created")


def _layout_only(document: dict) -> None:
    """Tables this app does not read: only the layout is checked."""


def _as_record_error(read: Callable[[dict], object]) -> Callable[[dict], object]:
    """A reader whose ValueError is reported as RecordError."""
    def check(document: dict) -> object:
        try:
            return read(document)
        except RecordError:
            raise
        except (ValueError, TypeError) as error:
            raise RecordError(str(error)) from None
    return check


#: Per kind of file, the check each table's documents must pass (RecordError when one does not).
VALIDATORS: dict[str, dict[str, Callable[[dict], object]]] = {
    "profile": {"ratings": PainRating.from_dict, "sessions": SessionRecord.from_dict,
                "aerobic": AerobicEntry.from_dict, "plan": _as_record_error(plan_from_dict),
                "plan_history": _as_record_error(change_from_dict)},
    "settings": {"settings": _settings_entry},
    "profiles": {"profiles": _profile_entry},
}
#: How a notice counts the records of each table (one, many), marked for the catalog.
NOUNS = {"ratings": (N_("{count} pain rating"), N_("{count} pain ratings")),
         "sessions": (N_("{count} session"), N_("{count} sessions")),
         "aerobic": (N_("{count} aerobic entry"), N_("{count} aerobic entries")),
         "settings": (N_("{count} setting"), N_("{count} settings")),
         "profiles": (N_("{count} profile"), N_("{count} profiles")),
         "plan": (N_("{count} plan"), N_("{count} plans")),
         "plan_history": (N_("{count} plan change"), N_("{count} plan changes"))}
OTHER_RECORDS = (N_("{count} record"), N_("{count} records"))
SET_ASIDE_ONE = N_("{count} record in {file} could not be read ({kinds}; the first: {reason}). It was set aside, "
                   "unchanged, in the same file; everything else works as before.")
SET_ASIDE_MANY = N_("{count} records in {file} could not be read ({kinds}; the first: {reason}). They were set "
                    "aside, unchanged, in the same file; everything else works as before.")


#: Quick checks that accept only what the full check accepts (most of a diary passes them).
QUICK = {PainRating.from_dict: looks_like_a_rating}


def _problem(doc_id, document, check, quick) -> str | None:
    if not doc_id.isdigit() or not doc_id.isascii() or (doc_id[0] == "0" and doc_id != "0"):
        return f"its id {doc_id!r} is not a record number"
    if quick is not None and quick(document):
        return None
    if not isinstance(document, dict):
        return f"it is {type(document).__name__}, not a record"
    try:
        check(document)
    except RecordError as error:
        return str(error)
    return None


def set_aside_invalid(data: dict, kind: str, file_name: str, now: datetime) -> tuple[dict, list[Notice]]:
    """Move every document of `data` that does not validate into SET_ASIDE_TABLE, unchanged.

    Returns the data (a new dict when anything moved) and at most one notice naming what moved.
    A moved document keeps its table, id and content, with the reason and when it was set aside.
    """
    checks = VALIDATORS.get(kind, {})
    moved: list[dict] = []
    for name, table in data.items():             # a first pass only looks: most files have nothing to move
        if name in (META_TABLE, SET_ASIDE_TABLE):
            continue
        check = checks.get(name, _layout_only)
        quick = QUICK.get(check)
        for doc_id, document in table.items():
            problem = _problem(doc_id, document, check, quick)
            if problem is not None:
                moved.append({"table": name, "id": doc_id, "reason": problem,
                              "set_aside": now.isoformat(), "record": document})
    if not moved:
        return data, []
    leaving = {(entry["table"], entry["id"]) for entry in moved}
    kept_tables = {name: table if name in (META_TABLE, SET_ASIDE_TABLE) else
                   {doc_id: doc for doc_id, doc in table.items() if (name, doc_id) not in leaving}
                   for name, table in data.items()}
    aside = dict(kept_tables.get(SET_ASIDE_TABLE) or {})
    next_id = max((int(i) for i in aside if str(i).isdigit()), default=0)
    for number, entry in enumerate(moved, next_id + 1):
        aside[str(number)] = entry
    kept_tables[SET_ASIDE_TABLE] = aside
    return kept_tables, [_notice(moved, file_name)]


def _notice(moved: list[dict], file_name: str) -> Notice:
    """One sentence for everything set aside in a file, said in the language in use by the screens (the
    first reason, a technical detail for staff, stays as the check gave it)."""
    counts: dict[str, int] = {}
    for entry in moved:
        counts[entry["table"]] = counts.get(entry["table"], 0) + 1
    parts = [Notice(NOUNS.get(table, OTHER_RECORDS)[count != 1], count=count) for table, count in counts.items()]
    kinds = Notice(", ".join(f"{{part{index}}}" for index in range(len(parts))),
                   **{f"part{index}": part for index, part in enumerate(parts)})
    total = len(moved)
    return Notice(SET_ASIDE_ONE if total == 1 else SET_ASIDE_MANY, count=total, file=file_name, kinds=kinds,
                  reason=moved[0]["reason"])
