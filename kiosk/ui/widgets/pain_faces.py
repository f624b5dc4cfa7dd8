"""Original, kind face drawings for the pain scale, from smiling (0) to grimacing (10)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.core.translations import N_
from kiosk.ui.language import FollowsLanguage, texts
from kiosk.ui.theme import DEFAULT, window_look

FACE_PAIN_LEVELS = (0, 2, 4, 6, 8, 10)
FACE_DESCRIPTIONS = {
    0: N_("smiling face"),
    2: N_("gently smiling face"),
    4: N_("calm, straight-mouthed face"),
    6: N_("uneasy face"),
    8: N_("frowning face with closed eyes"),
    10: N_("grimacing face with tightly shut eyes"),
}


def draw_pain_face(painter: QPainter, rect: QRectF, pain: int, fill: QColor | str = "#FFE7C2",
                   ink: QColor | str = DEFAULT.text) -> None:
    """Draw the face for `pain` (0-10) centred in `rect`; odd values fall between the drawings."""
    t = max(0.0, min(1.0, pain / 10.0))
    side = min(rect.width(), rect.height())
    d = side * 0.92
    cx, cy = rect.center().x(), rect.center().y()
    r = d / 2
    ink = QColor(ink)
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing)

    # Head.
    painter.setPen(QPen(ink, max(1.5, d * 0.045)))
    painter.setBrush(QColor(fill))
    painter.drawEllipse(QPointF(cx, cy), r, r)

    line = QPen(ink, max(1.5, d * 0.055), Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)
    eye_dx, eye_y = r * 0.38, cy - r * 0.18

    # Rosy cheeks while it does not hurt much.
    if t <= 0.25:
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor(235, 120, 110, 90))
        for sx in (-1, 1):
            painter.drawEllipse(QPointF(cx + sx * r * 0.58, cy + r * 0.18), r * 0.16, r * 0.10)

    # Eyes: open dots, then narrowing, then squeezed shut (drawn as chevrons).
    painter.setPen(line)
    painter.setBrush(ink)
    for sx in (-1, 1):
        ex = cx + sx * eye_dx
        if t < 0.7:
            h = r * (0.11 - 0.05 * max(0.0, t - 0.3))
            painter.drawEllipse(QPointF(ex, eye_y), r * 0.085, h)
        elif t < 0.9:
            path = QPainterPath(QPointF(ex - r * 0.14, eye_y + sx * r * 0.03))
            path.lineTo(QPointF(ex + r * 0.14, eye_y - sx * r * 0.03))
            painter.setBrush(Qt.NoBrush)
            painter.drawPath(path)
        else:
            w = r * 0.15
            tip = ex - sx * w * 0.2
            path = QPainterPath(QPointF(tip + sx * w, eye_y - r * 0.10))
            path.lineTo(QPointF(tip - sx * w * 0.4, eye_y))
            path.lineTo(QPointF(tip + sx * w, eye_y + r * 0.10))
            painter.setBrush(Qt.NoBrush)
            painter.drawPath(path)

    # Eyebrows: soft arcs when calm; the inner ends rise (a worried, hurting look) as it hurts more.
    painter.setBrush(Qt.NoBrush)
    brow_y = cy - r * 0.45
    tilt = r * 0.18 * max(0.0, (t - 0.3) / 0.7)
    for sx in (-1, 1):
        inner = QPointF(cx + sx * r * 0.18, brow_y - tilt * 0.6)
        outer = QPointF(cx + sx * r * 0.56, brow_y + tilt * 0.4)
        lift = r * 0.08 * (1.0 - t)
        path = QPainterPath(inner)
        mid = QPointF((inner.x() + outer.x()) / 2, (inner.y() + outer.y()) / 2 - lift)
        path.quadTo(mid, outer)
        painter.drawPath(path)

    # Mouth: a smile that flattens, turns down, and at the top opens into a grimace.
    mouth_y = cy + r * 0.38
    half_w = r * (0.42 - 0.06 * t)
    curve = r * 0.42 * (1.0 - 2.0 * t)        # positive: smile, negative: frown
    left, right = QPointF(cx - half_w, mouth_y), QPointF(cx + half_w, mouth_y)
    if t < 0.9:
        path = QPainterPath(left)
        if 0.5 < t < 0.7:    # uneasy: a small wave
            path.cubicTo(QPointF(cx - half_w * 0.4, mouth_y - r * 0.12),
                         QPointF(cx + half_w * 0.4, mouth_y + r * 0.12), right)
        else:
            path.quadTo(QPointF(cx, mouth_y + curve), right)
        painter.setPen(line)
        painter.drawPath(path)
    else:
        top = mouth_y - r * 0.02
        path = QPainterPath(QPointF(cx - half_w, top + r * 0.14))
        path.quadTo(QPointF(cx, top - r * 0.22), QPointF(cx + half_w, top + r * 0.14))
        path.quadTo(QPointF(cx, top + r * 0.04), QPointF(cx - half_w, top + r * 0.14))
        painter.setPen(line)
        painter.setBrush(ink)
        painter.drawPath(path)
    painter.restore()


class PainFace(FollowsLanguage, QWidget):
    """A face drawing for one pain level; decorative, but described for screen readers."""

    def __init__(self, pain: int, fill: QColor | str = "#FFE7C2", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pain = pain
        self._fill = QColor(fill)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumSize(28, 28)
        self.setAttribute(Qt.WA_TransparentForMouseEvents)   # taps go to the button below
        self.retranslate()

    def retranslate(self) -> None:
        _ = texts().gettext
        description = FACE_DESCRIPTIONS.get(self.pain)
        self.setAccessibleName(_(description) if description else _("face for {pain}").format(pain=self.pain))

    def sizeHint(self) -> QSize:
        return QSize(96, 96)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        draw_pain_face(painter, QRectF(self.rect()), self.pain, self._fill, window_look(self).palette.text)
        painter.end()
