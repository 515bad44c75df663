"""PySide6's `__feature__` import hook is off once the app is imported (gui/pyside_loading):
its modules are not read again to see whether they say "PySide6", and nothing in the app
relies on the features the hook exists for."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHECK = """
import builtins, sys
import annotator.gui.app
import annotator.store.project_store
seen = sys.modules["__feature__"].pyside_feature_dict
print(builtins.__import__ is builtins.__orig_import__)
print(sorted(m for m in ("annotator.gui.main_window", "annotator.store.project_store",
                         "sqlalchemy") if m in seen))
namespace = {}
exec("from PySide6.QtWidgets import *", namespace)
print("QWizard" in namespace)
"""


def test_the_apps_modules_load_past_pysides_feature_hook():
    done = subprocess.run([sys.executable, "-c", CHECK],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    # the hook is off; modules imported after were not looked at; PySide's own import
    # (a star import makes every class of the module) still works
    assert done.stdout.split("\n")[:3] == ["True", "[]", "True"]


def test_no_module_asks_pyside_for_a_feature():
    """With the hook off, `from __feature__ import ...` would not reach PySide."""
    asking = [str(p.relative_to(ROOT)) for p in (ROOT / "annotator").rglob("*.py")
              if re.search(r"^\s*(from|import)\s+__feature__", p.read_text(encoding="utf-8"),
                           re.MULTILINE)]
    assert asking == []
