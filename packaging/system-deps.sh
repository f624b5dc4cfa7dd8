#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the app (and, with "test", the test suite) needs, when missing.
# Usage: packaging/system-deps.sh app|test
set -euo pipefail

app_packages=(
  espeak-ng                 # the offline voice behind pyttsx3
  libespeak-ng1             # libespeak-ng.so.1: espeak-ng spoken in the app's process (kiosk/speech/engine_espeak.py)
  flite                     # Flite's voices (libflite1), the default voice on Linux (kiosk/speech/engine_flite.py)
  fonts-dejavu-core         # a readable font when the system has none
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0   # what PySide6's Qt libraries link against
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  libpulse0                 # Qt Multimedia's sound output
  libwayland-client0 libwayland-cursor0 libwayland-egl1   # Qt's Wayland platform plugin (cage, sway, ...)
)
test_packages=(
  xvfb xauth                # a virtual screen for the end-to-end tests
  pulseaudio pulseaudio-utils   # a private sound server with a null sink, recorded back
  at-spi2-core              # the accessibility bus a screen reader reads (tests/e2e/test_atspi.py)
  python3-pyatspi           # its Python client, in the system python3 (the walker script runs there)
  dbus-x11                  # dbus-launch, and with it dbus-daemon for a private session bus
  binutils                  # objdump, which PyInstaller needs to build the bundle (tests/packaging)
  openbox xdotool wmctrl x11-utils   # a real window manager and the X tools that poke it (tests/e2e/test_kiosk_escape.py)
  cage xwayland             # the kiosk compositor the guide uses, run headless (tests/e2e/test_cage_kiosk.py)
  flite sox                 # other voices saying the voice commands, varied in pitch and tempo (tests/e2e/test_voice_commands.py)
  sway grim                 # a second Wayland compositor (close request, rotation, resize) and its screenshots
  poppler-utils             # pdftotext, pdftoppm, pdfinfo: the visit report and the handout read back (tests)
  cups-daemon cups-client   # a private print spooler the clinic's handout goes through (tests/print_spooler.py)
)

want=("${app_packages[@]}")
[ "${1:-app}" = "test" ] && want+=("${test_packages[@]}")

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: not a Debian/Ubuntu system; please install the equivalents of: ${want[*]}" >&2
  exit 0
fi

missing=()
for package in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "system-deps: installing missing system packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
