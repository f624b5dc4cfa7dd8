"""TinyDB adapter: crash-safe storage of settings, profiles and pain ratings.

Entry point: `DataStore(folder)` (see data_store.py). Files in the data folder (all 0600, folder 0700):
`settings.json`, `profiles.json` (the profiles index) and one `profile-<id>.json` per profile, each
with `<name>.bak` (previous generation) and, after a recovery, `<name>.corrupt-<UTC time>`;
`kiosk.lock` marks the folder as in use.
"""

from importlib import import_module

# Each name is imported from its module on first use (PEP 562), so that taking the folder lock
# before the first paint does not load TinyDB and the rest of the store.
_HOME = {
    "AtomicJSONStorage": "atomic_storage", "BackgroundWriter": "background_writer",
    "DataFolderInUse": "folder_lock", "DataStore": "data_store", "ProfileData": "data_store",
    "GUEST_PROFILE_ID": "profile_repository", "Profile": "profile_repository",
    "ProfileError": "profile_repository", "SCHEMA_VERSION": "schema", "SchemaTooNew": "schema",
}
__all__ = sorted(_HOME)


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
