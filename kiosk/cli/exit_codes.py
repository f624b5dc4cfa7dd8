"""The `kiosk` command's exit codes: one table for every command (README.md, "The `kiosk` command")."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What a `kiosk` command's exit status means."""

    OK = 0
    """Done."""

    BAD_INPUT = 1
    """Nothing was changed: a wrong command line or option value, a file that does not validate, an
    unknown routine or profile, PINs that differ, the answer "no", or no speech engine to ask."""

    DATA_FOLDER = 2
    """The data folder could not be opened: a running app holds it, a file in it is of a newer format,
    or the system refused (permissions, not a folder). Damaged files are repaired, not this."""
