"""The app's modules load without the database library: the store's SQLAlchemy modules
are imported by the functions that read and write, so that the start can paint its first
window before they load (issue 15)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHECK = """
import sys
import annotator.gui.app
import annotator.services.sample_project, annotator.services.waiting
print(sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic")
             or m == "annotator.store.tables"))
"""


def test_the_apps_modules_load_without_sqlalchemy():
    done = subprocess.run([sys.executable, "-c", CHECK],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
