"""Property tests: mutated data files and records open with notices or the store's own errors, never a crash."""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.clock import trusted
from kiosk.core.csv_diary import write_diary
from kiosk.core.records import AerobicEntry, PainRating, RecordError, SessionRecord, looks_like_a_rating
from kiosk.core.trends import analyse
from kiosk.store import DataStore
from kiosk.store.data_store import ProfileData
from kiosk.store.database import open_database
from kiosk.store.profile_repository import ProfileRepository
from kiosk.store.settings_repository import SettingsRepository
from kiosk.store.schema import SchemaTooNew
from kiosk.store.set_aside import SET_ASIDE_TABLE, SETTING_VALUES
from kiosk.store.settings_file import read_settings
from kiosk.core.loader import load_routines
from kiosk.core.plan import Plan, PlanItem
from kiosk.core.timeline import compile_routine
from kiosk.services.plans import DiaryPlans
from kiosk.speech.voices import SPEED_RATES, VoiceSettings
from mutations import FUZZ, json_values, mutated

CET = timezone(timedelta(hours=1))
T0 = datetime(2027, 1, 4, 9, 0, tzinfo=CET)
SETTINGS = {"clinic.idle_timeout": 90, "clinic.default_routine": "floor", "safety.accepted": True,
            "look.high_contrast": False, "look.large_text": True, "voice.id": "", "voice.speed": "normal",
            "voice.volume": 0.8, "voice.enabled": True, "admin.lockout": {"misses": 1, "since": 1.8e9, "until": 0.0},
            "sign_in.lockout": {"misses": 2, "since": 1.8e9, "until": 0.0},
            "admin.pin_hash": "scrypt$16384$8$1$c2FsdA==$a2V5",
            # the newer ones: the Spanish voice, the language chosen at home, voice commands (both switches)
            "voice.id.es": "es-419", "language": "es", "listen.enabled": True, "clinic.listen": False}
LIBRARY = load_routines(Path(__file__).resolve().parents[2] / "routines").exercises
PLAN = Plan((PlanItem("bridge", 8, 5, note="slowly"), PlanItem("knee_to_chest", 2, 2, "left")), days_a_week=4,
            note="Go gently.")


def _template() -> dict[str, str]:
    """A real data folder's three kinds of file, written by the store itself."""
    with tempfile.TemporaryDirectory() as folder:
        with DataStore(folder) as store:
            for key, value in SETTINGS.items():
                store.settings.set(key, value)
            store.profiles.create("ann", display_name="Ann", now=T0)
            store.profiles.create("bo", now=T0 + timedelta(days=1))
            profile = store.open_profile("ann")
            profile.ratings.add_many([
                PainRating(T0, 6, "before", session_id="s1"),
                PainRating(T0 + timedelta(minutes=25), 4, "after", side="left", note="better",
                           worse_with=("stairs",), session_id="s1"),
                PainRating(T0 + timedelta(days=8), 5, "during", side="both", exercise="bridge")])
            profile.sessions.add(SessionRecord("s1", "floor", T0, T0 + timedelta(minutes=20), done=("bridge",),
                                               hurt=("clam:left",), completed=True))
            profile.aerobic.add(AerobicEntry(T0, "walking", 30))
            plans = DiaryPlans(profile, LIBRARY)                  # a plan and its history, in the same file
            plans.save(PLAN, what="Plan made", reason="First visit", by="staff", now=T0)
            plans.set_locked(True, now=T0 + timedelta(days=1))
        return {name: (Path(folder) / name).read_text(encoding="utf-8")
                for name in ("settings.json", "profiles.json", "profile-ann.json")}


FILES = _template()
DOCUMENTS = {name: json.loads(text) for name, text in FILES.items()}


KINDS = {"settings.json": "settings", "profiles.json": "profiles", "profile-ann.json": "profile"}


SCRATCH = Path(tempfile.mkdtemp(prefix="kiosk-store-properties-"))    # one folder, emptied for each example
atexit.register(shutil.rmtree, SCRATCH, True)


@contextmanager
def folder_with(name: str, document, others: bool = True):
    """A data folder holding the template files (or, without `others`, just `name`), `name` replaced by
    `document`. No fsync: durability is tested elsewhere; these tests are about what the files hold."""
    folder = SCRATCH / "data"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(mode=0o700)
    with mock.patch("os.fsync"):
        for other, text in FILES.items():
            if others:
                (folder / other).write_text(text, encoding="utf-8")
        (folder / name).write_text(json.dumps(document), encoding="utf-8")
        yield folder


def use_file(path: Path, kind: str) -> list[str]:
    """Open one data file as the store does and use what it holds; returns the notices of opening it."""
    database = open_database(path, kind, T0)
    try:
        if kind == "settings":
            use_voice_settings(SettingsRepository(database))
            settings = SettingsRepository(database).as_dict()
            for key, fits in SETTING_VALUES.items():
                assert key not in settings or fits(settings[key]), (key, settings[key])
        elif kind == "profiles":
            profiles = ProfileRepository(database, on_delete=lambda _id: [])
            for profile in profiles.list():
                assert isinstance(profile.created, datetime) and isinstance(profile.display_name, (str, type(None)))
                assert profiles.exists(profile.profile_id)
        else:
            data = ProfileData.over("ann", database)
            ratings, _left_out = trusted(data.ratings.list(), date(2027, 2, 1))
            analyse(ratings, data.sessions.list(), data.aerobic.list())
            write_diary(data.ratings.list(), StringIO())
            data.ratings.latest(2)
            use_plan(data)
        return database.notices
    finally:
        database.close()


def use_plan(data) -> None:
    """What the screens do with a diary's plan: play it, show its history, ask progression."""
    plans = DiaryPlans(data, LIBRARY)
    routine = plans.routine()
    if routine is not None:
        assert compile_routine(routine).duration > 0
    for change in plans.history():
        assert isinstance(change.what, str) and isinstance(change.when, datetime)
    plans.proposal()


class EarlySettings(dict):
    """The settings as the app has them before the store is open: the quick read, unchecked."""

    def set(self, key, value) -> None:
        self[key] = value


def use_voice_settings(settings) -> None:
    """What the voice and the Voice screen read of the settings, in each language."""
    for language in ("en", "es"):
        voice = VoiceSettings.load(settings, language)
        assert isinstance(voice.voice_id, str) and 0 <= voice.volume <= 1 and voice.speed in SPEED_RATES


def open_file_twice(name: str, document) -> Path | None:
    """Opening works (or says the format is too new); what it sets aside it reports once, then never again."""
    with folder_with(name, document, others=False) as folder:
        if name == "settings.json":
            use_voice_settings(EarlySettings(read_settings(folder)))     # the quick read before the first paint
        try:
            use_file(folder / name, KINDS[name])
        except SchemaTooNew:
            return None
        assert [n for n in use_file(folder / name, KINDS[name]) if "could not be read" in n] == []
        path = folder / name
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def use_everything(store: DataStore) -> None:
    """What the app and the commands do with an open store."""
    settings = store.settings.as_dict()
    for key, fits in SETTING_VALUES.items():
        if key in settings:
            assert fits(settings[key]), (key, settings[key])
    for profile in store.profiles.list():
        assert isinstance(profile.created, datetime) and isinstance(profile.display_name, (str, type(None)))
        assert store.profiles.get(profile.profile_id) is not None
    for profile_id in [p.profile_id for p in store.profiles.list()] + ["ann"]:
        if not store.profiles.exists(profile_id):
            continue
        data = store.open_profile(profile_id)
        ratings, left_out = trusted(data.ratings.list(), date(2027, 2, 1))
        analyse(ratings, data.sessions.list(), data.aerobic.list())
        write_diary(data.ratings.list(), StringIO())
        data.ratings.latest(2)
        use_plan(data)


def open_twice(folder: Path) -> None:
    """Opening works (or says the format is too new); what it sets aside it reports once, then never again."""
    read_settings(folder)                            # the quick read before the first paint
    try:
        with DataStore(folder, now=T0) as store:
            use_everything(store)
    except SchemaTooNew:
        return
    with DataStore(folder, now=T0) as store:
        use_everything(store)
        assert [n for n in store.notices if "could not be read" in n] == []


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_template_opens_without_notices(name):
    with folder_with(name, DOCUMENTS[name]) as folder, DataStore(folder) as store:
        use_everything(store)
        assert store.notices == []


@FUZZ
@given(mutated(DOCUMENTS["settings.json"], values=json_values))
def test_a_mutated_settings_file_opens(document):
    open_file_twice("settings.json", document)


@FUZZ
@given(mutated(DOCUMENTS["profiles.json"], values=json_values))
def test_a_mutated_profiles_file_opens(document):
    open_file_twice("profiles.json", document)


@FUZZ
@given(mutated(DOCUMENTS["profile-ann.json"], values=json_values))
def test_a_mutated_profile_file_opens_and_keeps_what_it_sets_aside(document):
    stored = open_file_twice("profile-ann.json", document)
    if stored is None or not isinstance(document, dict) or stored.get("_meta") != document.get("_meta"):
        return                                       # recovered or migrated: not the document given
    for entry in stored.get(SET_ASIDE_TABLE, {}).values():    # set aside means kept, unchanged
        assert json.dumps(document[entry["table"]][entry["id"]]) == json.dumps(entry["record"])


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_whole_data_folder_with_a_damaged_file_opens(name):
    """The same through the DataStore the app opens: a table that is a list is set aside, not a crash."""
    document = json.loads(FILES[name])
    table = next(t for t in document if t != "_meta")
    document[table][next(iter(document[table]))] = ["a", "list"]
    with folder_with(name, document) as folder:
        open_twice(folder)


RECORDS = {PainRating: DOCUMENTS["profile-ann.json"]["ratings"]["2"],
           SessionRecord: DOCUMENTS["profile-ann.json"]["sessions"]["1"],
           AerobicEntry: DOCUMENTS["profile-ann.json"]["aerobic"]["1"]}


@FUZZ
@given(st.sampled_from(sorted(RECORDS, key=lambda kind: kind.__name__)).flatmap(
    lambda kind: st.tuples(st.just(kind), mutated(RECORDS[kind], values=json_values))))
def test_a_mutated_record_reads_or_raises_record_error(kind_and_document):
    kind, document = kind_and_document
    try:
        record = kind.from_dict(document)
    except RecordError as error:
        assert str(error)
        assert not looks_like_a_rating(document)         # the quick check at open never lets it through
        return
    assert kind.from_dict(json.loads(json.dumps(record.to_dict()))) == record     # it round-trips


def test_the_setting_keys_checked_are_the_ones_the_app_uses():
    from kiosk.core.admin_pin import LOCKOUT_KEY
    from kiosk.core.sign_in import KIOSK_LOCKOUT_KEY
    from kiosk.speech.voices import KEY_ENABLED, KEY_ID, KEY_SPEED, KEY_VOLUME, voice_id_key
    from kiosk.ui.clinic import DEFAULT_ROUTINE, IDLE_TIMEOUT
    from kiosk.ui.main_window import HIGH_CONTRAST, LANGUAGE, LARGE_TEXT, SAFETY_ACCEPTED
    from kiosk.ui.voice_listening import PERSON_WANTS, STAFF_ALLOW

    used = {LOCKOUT_KEY, KIOSK_LOCKOUT_KEY, KEY_ENABLED, KEY_ID, KEY_SPEED, KEY_VOLUME, DEFAULT_ROUTINE,
            IDLE_TIMEOUT, HIGH_CONTRAST, LARGE_TEXT, SAFETY_ACCEPTED, PERSON_WANTS, STAFF_ALLOW,
            LANGUAGE, voice_id_key("es")}
    assert used == set(SETTING_VALUES)


def test_a_setting_of_the_wrong_type_is_set_aside_and_the_default_used():
    document = json.loads(FILES["settings.json"])
    entry = next(doc for doc in document["settings"].values() if doc["key"] == "clinic.idle_timeout")
    entry["value"] = "ninety"
    with folder_with("settings.json", document) as folder:
        with DataStore(folder) as store:
            assert store.settings.get("clinic.idle_timeout", 90) == 90
            assert "the setting 'clinic.idle_timeout' cannot be 'ninety'; the default is used" in store.notices[0]
        kept = json.loads((folder / "settings.json").read_text())[SET_ASIDE_TABLE]
        assert [e["record"]["value"] for e in kept.values()] == ["ninety"]


@FUZZ
@given(mutated(RECORDS[PainRating], values=json_values))
def test_the_quick_rating_check_accepts_only_what_from_dict_accepts(document):
    if looks_like_a_rating(document):
        PainRating.from_dict(document)


def test_the_quick_rating_check_accepts_the_ratings_the_app_writes():
    ratings = DOCUMENTS["profile-ann.json"]["ratings"].values()
    assert ratings and all(looks_like_a_rating(document) for document in ratings)


def test_a_language_setting_that_is_a_list_is_set_aside():
    """Found by the settings property with the newer keys in the template: a TypeError (unhashable list)."""
    document = json.loads(FILES["settings.json"])
    entry = next(doc for doc in document["settings"].values() if doc["key"] == "language")
    entry["value"] = ["es"]
    with folder_with("settings.json", document) as folder:
        with DataStore(folder) as store:
            assert store.settings.get("language") is None
            assert "the setting 'language' cannot be ['es']; the default is used" in store.notices[0]
