"""Reusable widgets: big buttons, the animated figure, countdowns."""
