"""What a fresh process loads to show the first window: no SVG library (Qt loads its SVG
plugin and library for an SVG icon, before the window's first paint), and no Python
types of Qt classes it does not use (PySide makes a class's type, enums and all, when
Python first meets one of its objects: an application-wide event filter, or `findChild`
on the application, meets objects of every class Qt made itself)."""

from __future__ import annotations

import os
import subprocess
import sys

OPEN = """
import sys
from annotator.services.project import init_project
from annotator.gui.app import application, open_window
from annotator.gui.settings import Settings
project = init_project(sys.argv[1])
app = application()
window = open_window(project, Settings(sys.argv[2]))
"""

NO_SVG = OPEN + """
window.show()
app.processEvents()
with open("/proc/self/maps", encoding="utf-8") as maps:
    print("svg" if any("Qt6Svg" in line for line in maps) else "no svg")
window.close()
project.close()
"""

# The types PySide has made by the window's first paint: a class's type is in its
# module's namespace once made.
TYPES_AT_PAINT = OPEN + """
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QEvent, QObject

made = []

class AtPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not made:
            made.extend(n for m in (QtCore, QtGui, QtWidgets) for n in vars(m))
        return False

at_paint = AtPaint()
window.installEventFilter(at_paint)
window.show()
while not made:
    app.processEvents()
print(" ".join(made))
window.close()
project.close()
"""


def _run(probe: str, tmp_path) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "p.db"), str(tmp_path / "s.ini")],
        capture_output=True, text=True, env=env, timeout=600, check=True)
    return out.stdout.strip().splitlines()[-1]


def test_the_first_window_loads_no_svg_library(tmp_path):
    assert _run(NO_SVG, tmp_path) == "no svg"


def test_the_first_paint_waits_for_no_type_of_a_class_the_window_does_not_use(tmp_path):
    made = set(_run(TYPES_AT_PAINT, tmp_path).split())
    assert "QMainWindow" in made and "QPlainTextEdit" in made  # what it shows
    # made only when Python meets an object of every QObject class Qt made itself: the
    # active-time filter starts after the paint, the collector is found without findChild
    assert not made & {"QProcess", "QSharedMemory", "QFileSystemModel", "QStyle"}
    # made when Python first meets an object Qt made as a plain QWidget (a scroll area's
    # own viewport): PySide looks for its class among every QWidget subclass
    assert not made & {"QCalendarWidget", "QColorDialog", "QMdiArea", "QWizard"}
