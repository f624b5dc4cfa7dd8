"""Honest CI: a test missing a prerequisite skips on a developer's machine and fails when CI=true."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
NEEDS_A_TOOL = '''
from prerequisites import missing


def test_needs_a_tool_that_is_not_here():
    missing("no such tool: kiosk-test-absent-tool")
'''


@pytest.mark.parametrize(("ci", "outcome"), [(None, "1 skipped"), ("true", "1 failed"), ("1", "1 failed"),
                                             ("false", "1 skipped")])
def test_a_missing_prerequisite_fails_only_in_ci(tmp_path, ci, outcome):
    (tmp_path / "test_needs.py").write_text(NEEDS_A_TOOL, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci is not None:
        env["CI"] = ci
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), env.get("PYTHONPATH", "")])
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", str(tmp_path)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert outcome in done.stdout, done.stdout + done.stderr
    if outcome == "1 failed":
        assert "CI=true and a prerequisite is missing: no such tool" in done.stdout
