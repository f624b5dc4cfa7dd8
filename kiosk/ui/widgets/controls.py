"""Small factories for the app's labels and big buttons, so every screen looks and reads alike."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLayout, QPushButton, QScrollArea, QSizePolicy, QWidget

# The home screen paints before PySide6 builds its `Qt` namespace (some 15 ms of Python enum
# classes, a tenth of the start-up), so the few Qt enums the first screen needs are set by value
# through Qt's property system. tests/gui/test_qt_values.py checks each against the enum.
STRONG_FOCUS = 11                # Qt.FocusPolicy.StrongFocus
PLAIN_TEXT = 0                   # Qt.TextFormat.PlainText
NO_TEXT_INTERACTION = 0          # Qt.TextInteractionFlag.NoTextInteraction
SCROLL_BAR_ALWAYS_OFF = 1        # Qt.ScrollBarPolicy.ScrollBarAlwaysOff
TOP_LEFT = 0x21                  # Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


def make_button(text: str, role: str | None = None, parent: QWidget | None = None,
                description: str = "") -> QPushButton:
    """A big push button whose accessible name is its visible label."""
    button = QPushButton(text, parent=parent)     # by name: (text, parent) also tries QIcon, building its enums
    button.setAccessibleName(text)
    if description:
        button.setAccessibleDescription(description)
    if role:
        button.setProperty("role", role)
    button.setProperty("focusPolicy", STRONG_FOCUS)
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
    label.setProperty("textFormat", PLAIN_TEXT)
    label.setProperty("textInteractionFlags", NO_TEXT_INTERACTION)
    if role:
        label.setProperty("role", role)
    if name:
        label.setAccessibleName(name)
    return label


def bring_into_view(widget: QWidget) -> None:
    """Scroll the scrolling area around `widget` (if any) until the widget is in sight, on the next turn of the
    event loop, once the layouts in between know its new size (after a change of its text, say)."""
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer

    def scroll() -> None:
        area = widget.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is None:
            return
        for _ in range(3):         # each layout between the widget and the scrolling area takes the new size in turn
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        area.ensureWidgetVisible(widget, 0, 0)
    QTimer.singleShot(0, widget, scroll)


def scrolling(content: QLayout, parent: QWidget | None = None, area: QScrollArea | None = None) -> QScrollArea:
    """`content` in a frameless area that scrolls up and down when it does not fit (larger text on a
    small screen), so that a screen never grows past the window and its buttons stay in sight.
    `area`: a scroll area of a screen's own kind to use (its parent already set)."""
    body = QWidget()
    body.setLayout(content)
    content.setContentsMargins(0, 0, 0, 0)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScroller

    area = QScrollArea(parent) if area is None else area
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)          # Tab goes to what is inside, not the area
    area.setWidget(body)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)   # a finger scrolls it
    return area
