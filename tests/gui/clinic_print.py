"""Print one routine's handout the way the clinic does (no dialog: the system's default printer), in a process of
its own, and print what the app would tell the person, one JSON line: {"said": ..., "told": ...}.

    python tests/gui/clinic_print.py ROUTINE_ID [LANGUAGE]
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.core.loader import load_routines  # noqa: E402
from kiosk.paths import bundled_dir  # noqa: E402
from kiosk.ui.paper.print_action import HandoutPrinting  # noqa: E402


def main(routine_id: str, language: str = "en") -> int:
    app = QApplication([])
    routine = load_routines(bundled_dir("routines"), language=language).routines[routine_id]
    told: list[str] = []
    printing = HandoutPrinting()
    said = printing.print_routine(routine, clinic=True, language=language,
                                  done=lambda message: (told.append(message), app.quit()))
    if printing.printing:                    # painted off the GUI thread; `done` comes back here
        QTimer.singleShot(60_000, app.quit)
        app.exec()
    print(json.dumps({"said": said, "told": told[0] if told else None}))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
