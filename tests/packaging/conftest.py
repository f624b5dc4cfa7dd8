"""Packaging fixtures: the bundle, built once per session (tests/kiosk_bundle.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk_bundle import build_bundle


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Path:
    """The bundle's executable, dist/si-kiosk/si-kiosk."""
    return build_bundle(tmp_path_factory)
