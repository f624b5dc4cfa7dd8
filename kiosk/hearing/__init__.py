"""Hearing: the microphone and the offline keyword spotter that turn speech into command words (no audio is kept)."""
