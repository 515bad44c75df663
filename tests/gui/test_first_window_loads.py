"""What a fresh process loads to show the first window: no SVG library (Qt loads its SVG
plugin and library for an SVG icon, before the window's first paint)."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import sys
from annotator.services.project import init_project
from annotator.gui.app import application, open_window
from annotator.gui.settings import Settings
project = init_project(sys.argv[1])
app = application()
window = open_window(project, Settings(sys.argv[2]))
window.show()
app.processEvents()
with open("/proc/self/maps", encoding="utf-8") as maps:
    print("svg" if any("Qt6Svg" in line for line in maps) else "no svg")
window.close()
project.close()
"""


def test_the_first_window_loads_no_svg_library(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "p.db"), str(tmp_path / "s.ini")],
        capture_output=True, text=True, env=env, timeout=600, check=True)
    assert out.stdout.strip().splitlines()[-1] == "no svg"
