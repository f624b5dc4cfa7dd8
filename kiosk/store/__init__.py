"""TinyDB adapter: crash-safe storage of settings, profiles and pain ratings.

Entry point: `DataStore(folder)` (see data_store.py). Files in the data folder (all 0600, folder 0700):
`settings.json`, `profiles.json` (the profiles index) and one `profile-<id>.json` per profile, each
with `<name>.bak` (previous generation) and, after a recovery, `<name>.corrupt-<UTC time>`;
`kiosk.lock` marks the folder as in use.
"""

from kiosk.store.atomic_storage import AtomicJSONStorage
from kiosk.store.background_writer import BackgroundWriter
from kiosk.store.data_store import DataStore, ProfileData
from kiosk.store.folder_lock import DataFolderInUse
from kiosk.store.profile_repository import GUEST_PROFILE_ID, Profile, ProfileError
from kiosk.store.schema import SCHEMA_VERSION, SchemaTooNew

__all__ = [
    "AtomicJSONStorage", "BackgroundWriter", "DataFolderInUse", "DataStore", "GUEST_PROFILE_ID",
    "Profile", "ProfileData", "ProfileError", "SCHEMA_VERSION", "SchemaTooNew",
]
