"""Small factories for the app's labels and big buttons, so every screen looks and reads alike."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget


def make_button(text: str, role: str | None = None, parent: QWidget | None = None,
                description: str = "") -> QPushButton:
    """A big push button whose accessible name is its visible label."""
    button = QPushButton(text, parent)
    button.setAccessibleName(text)
    if description:
        button.setAccessibleDescription(description)
    if role:
        button.setProperty("role", role)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setAutoDefault(False)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


def set_button_text(button: QPushButton, text: str) -> None:
    """Change a button's label and its accessible name together."""
    button.setText(text)
    button.setAccessibleName(text)


def make_label(text: str = "", role: str | None = None, parent: QWidget | None = None,
               wrap: bool = True, name: str | None = None) -> QLabel:
    """A label in one of the theme's roles (title, heading, caption, muted, countdown, notice)."""
    label = QLabel(text, parent)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if role:
        label.setProperty("role", role)
    if name:
        label.setAccessibleName(name)
    return label
