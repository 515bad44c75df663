"""The codebook's labels, grouped and coloured, each with its hotkey: click to label.

Buttons never take the keyboard focus, so that after a click the text keeps it and the
next hotkey works straight away. The palette is built and painted without PySide's Qt
namespace (gui/qt_namespace): ints through properties, and a paint of filled shapes.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Label
from annotator.gui.colors import LabelColors
from annotator.gui.lifetime import connect_for
from annotator.gui.qt_namespace import (
    ALIGN_CENTER,
    ALIGN_LEFT,
    ALIGN_VCENTER,
    NO_FOCUS,
    SCROLL_BAR_ALWAYS_OFF,
    Qt,
    set_enum_property,
)
from annotator.gui.session import Session


def _elided(metrics: QFontMetrics, text: str, width: int) -> str:
    """`text` cut at its end, with an ellipsis, to fit `width` pixels: what
    metrics.elidedText(text, Qt.TextElideMode.ElideRight, width) gives, whose mode would
    make the Qt namespace at the first paint (a long name in a narrow palette)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    fits, over = 0, len(text)  # the longest start that fits beside the ellipsis
    while over - fits > 1:
        mid = (fits + over) // 2
        if metrics.horizontalAdvance(text[:mid] + "…") <= width:
            fits = mid
        else:
            over = mid
    return text[:fits] + "…"


class LabelButton(QAbstractButton):
    def __init__(self, label: Label, colors: LabelColors, parent=None):
        super().__init__(parent)
        self.label = label
        self.colors = colors
        self.setText(label.name)
        self.setObjectName(f"label:{label.name}")
        set_enum_property(self, "focusPolicy", NO_FOCUS)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        tip = label.description or label.name
        if label.hotkey:
            tip += f"  (key: {label.hotkey})"
        self.setToolTip(tip)
        self._pointing = False  # the pointing hand: set as the mouse first comes in
        self._fills = QPalette()  # a colour's brush, made without Qt's namespace (_fill)

    # Drawn lighter while hovered: repainted as the mouse comes in and goes out (what
    # Qt's WA_Hover does, which is set with a member of Qt's namespace)
    def enterEvent(self, event) -> None:  # noqa: N802
        super().enterEvent(event)
        if not self._pointing:
            self._pointing = True
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.update()

    def leaveEvent(self, event) -> None:  # noqa: N802
        super().leaveEvent(event)
        self.update()

    def _fill(self, p: QPainter, rect: QRectF, radius: float, color: QColor) -> None:
        """A rounded rectangle filled with `color`, without pen or brush: QPainter's
        setPen and setBrush, and QBrush(color), make PySide build the Qt namespace (their
        overloads are told apart by its enums); a palette's brush of that colour does not."""
        self._fills.setColor(QPalette.ColorRole.Window, color)
        path = QPainterPath()
        path.addRoundedRect(rect, radius, radius)
        p.fillPath(path, self._fills.brush(QPalette.ColorRole.Window))

    def sizeHint(self) -> QSize:  # noqa: N802
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance(self.label.name) + 70, fm.height() + 7)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(80, self.fontMetrics().height() + 7)

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pal = self.palette()
        r = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        color = self.colors.color(self.label.name)
        if self.isDown() or self.underMouse():
            bg = QColor(color)
            bg.setAlphaF(0.28 if self.isDown() else 0.16)
            self._fill(p, r, 5, bg)
        chip = QRectF(r.left() + 6, r.center().y() - 6, 12, 12)
        self._fill(p, chip, 3, color)
        fm = QFontMetrics(self.font())
        key_w = 0.0
        if self.label.hotkey:
            key = self.label.hotkey.upper() if self.label.hotkey.isalpha() else self.label.hotkey
            key_w = max(fm.horizontalAdvance(key) + 10, fm.height() + 2)
            box = QRectF(r.right() - key_w - 4, r.center().y() - fm.height() / 2 - 1, key_w,
                         fm.height() + 2)
            # a Mid line around a Base box: the box inside a Mid one a pixel larger
            line, base = pal.color(QPalette.ColorRole.Mid), pal.color(QPalette.ColorRole.Base)
            self._fill(p, box.adjusted(-0.5, -0.5, 0.5, 0.5), 4.5, line)
            self._fill(p, box.adjusted(0.5, 0.5, -0.5, -0.5), 3.5, base)
            p.drawText(box, ALIGN_CENTER, key)  # the painter's pen: ButtonText
        text_rect = QRectF(chip.right() + 8, r.top(), r.width() - chip.width() - key_w - 26,
                           r.height())
        name = _elided(fm, self.label.name, int(text_rect.width()))
        # in the painter's pen, which QPainter takes from the button: its ButtonText
        p.drawText(text_rect, ALIGN_VCENTER | ALIGN_LEFT, name)
        p.end()


class LabelPalette(QScrollArea):
    chosen = Signal(str)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("label_palette")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        set_enum_property(self, "horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)
        self.buttons: dict[str, LabelButton] = {}
        self._titles: list[QLabel] = []
        self._retired: tuple = ()
        self.build()
        connect_for(self, session.codebook_changed, self.build)

    def build(self) -> None:
        colors = LabelColors(self.session.codebook, self.palette())
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(1)
        made = (self.takeWidget(), list(self.buttons.values()), self._titles)
        self.buttons, self._titles = {}, []
        for group, labels in self.session.codebook.active().groups().items():
            if group:
                title = QLabel(group.upper())
                title.setObjectName("palette_group")
                font = title.font()
                font.setPointSizeF(font.pointSizeF() * 0.85)
                font.setBold(True)
                title.setFont(font)
                title.setForegroundRole(QPalette.ColorRole.PlaceholderText)
                title.setContentsMargins(4, 6, 0, 1)
                layout.addWidget(title)
                self._titles.append(title)
            for label in labels:
                button = LabelButton(label, colors)
                button.clicked.connect(lambda _=False, n=label.name: self.chosen.emit(n))
                self.buttons[label.name] = button
                layout.addWidget(button)
        layout.addStretch(1)
        old = made[0]
        # Python keeps the wrappers of the retired container and of what it made in it
        # until the next build, long after Qt has destroyed them: freed with the
        # container's wrapper instead, Qt's destruction of the children (on a later
        # event-loop turn, maybe while a job's thread runs Python) released wrappers
        # whose memory was already reused (a crash in Shiboken's releaseWrapper).
        self._retired = made
        if old is not None:
            # setWidget would delete the old buttons at once, maybe in the middle of
            # delivering an event to one of them (a click that changed the codebook)
            old.hide()
            old.deleteLater()
        self.setWidget(inner)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.PaletteChange and self.buttons:
            colors = LabelColors(self.session.codebook, self.palette())
            for button in self.buttons.values():
                button.colors = colors
                button.update()
