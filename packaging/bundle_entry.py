"""Entry point of the frozen bundle: the `kiosk` command, plus `-m MODULE` for the app's own child processes.

In a PyInstaller bundle `sys.executable` is the bundle itself, so a child started as
`[sys.executable, "-m", "kiosk.speech.render_worker"]` (the speech render worker) lands here and is
run as that module, as `python -m` would.
"""

import runpy
import sys

if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "-m" and sys.argv[2].startswith("kiosk."):
        module = sys.argv[2]
        sys.argv = [sys.argv[0], *sys.argv[3:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        sys.exit(0)
    from kiosk.cli import main

    sys.exit(main())
