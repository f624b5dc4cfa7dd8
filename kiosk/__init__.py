"""Offline, voice-guided exercise kiosk for sacroiliac joint pain."""

__version__ = "0.1.0"
