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
print(sorted(m for m in sys.modules if m.split(".")[0] == "sqlalchemy"
             or m.startswith("annotator.store.") and m not in ALLOWED))
"""


def test_the_apps_modules_load_without_sqlalchemy():
    allowed = ("annotator.store.sqlite_file", "annotator.store.patience")
    done = subprocess.run([sys.executable, "-c", f"ALLOWED = {allowed!r}\n{CHECK}"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
