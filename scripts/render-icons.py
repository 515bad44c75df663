"""Draw resources/icons/framing-annotator.svg as the PNG sizes desktops and Qt ask for.

Run after editing the SVG: .venv/bin/python scripts/render-icons.py
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)


def main() -> None:
    app = QGuiApplication([])  # noqa: F841 - painting needs one
    renderer = QSvgRenderer(str(ICONS / "framing-annotator.svg"))
    if not renderer.isValid():
        raise SystemExit("the SVG does not parse")
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"framing-annotator-{size}.png"))


if __name__ == "__main__":
    main()
