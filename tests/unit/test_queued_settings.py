"""Queued settings: answered from memory at once, saved on the store's writer in order."""

from __future__ import annotations

import logging

from kiosk.store import DataStore
from kiosk.store.queued_settings import QueuedSettings


def test_a_change_is_seen_at_once_and_on_disk_after_the_writer(tmp_path):
    with DataStore(tmp_path) as store:
        store.settings.set("voice", {"rate": "slow"})
        settings = QueuedSettings(store.settings, store.writer)
        assert settings.get("voice") == {"rate": "slow"}
        settings.set("look.large_text", True)
        settings.remove("voice")
        assert settings.get("look.large_text") is True and settings.get("voice", "none") == "none"
        settings.as_dict()["look.large_text"] = False          # copies, never the kept values
        assert settings.as_dict() == {"look.large_text": True}
        store.writer.flush()
        assert store.settings.as_dict() == {"look.large_text": True}
    with DataStore(tmp_path) as again:
        assert again.settings.as_dict() == {"look.large_text": True}


def test_a_failed_save_is_logged(tmp_path, monkeypatch, caplog):
    with DataStore(tmp_path) as store:
        settings = QueuedSettings(store.settings, store.writer)

        def full_disk(key, value):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(store.settings, "set", full_disk)
        with caplog.at_level(logging.ERROR, logger="kiosk.store.queued_settings"):
            settings.set("look.high_contrast", True)
            store.writer.flush()
        assert "not saved" in caplog.text and "No space left" in caplog.text
        assert settings.get("look.high_contrast") is True          # the screens keep what was chosen
