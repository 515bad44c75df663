"""The app's modules load without the database library: the store's SQLAlchemy modules
are imported by the functions that read and write, so that the start can paint its first
window before they load (issue 15). Nor does the first paint wait for other modules it
does not use, nor for collections of what the imports made."""

import json
import os
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


# `annotator gui` up to the app's module starting to load: whether Python's collector is on
COLLECTING_AT_IMPORT = """
import gc, sys

class Look:
    def find_spec(self, name, path, target=None):
        if name == "annotator.gui.app":
            print("collecting" if gc.isenabled() else "not collecting", flush=True)
            raise SystemExit(0)
        return None

sys.meta_path.insert(0, Look())
from annotator.cli import main
main(["gui"])
"""


def test_the_app_loads_its_modules_without_collecting():
    # every 700 objects made set off a collection: 10-20 ms of the start, for modules
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}  # the start's checks pass
    done = subprocess.run([sys.executable, "-c", COLLECTING_AT_IMPORT],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "not collecting"


def test_the_apps_modules_load_without_sqlalchemy():
    done = subprocess.run([sys.executable, "-c", CHECK],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


TABLES_DIALECTS = """
import sys
import annotator.store.tables
print(sorted(m for m in sys.modules if m.split(".")[:3][1:] == ["dialects", "postgresql"]
             or m.split(".")[0] in ("asyncpg", "psycopg")))
"""


def test_the_tables_load_no_other_databases_dialect():
    # a dialect's option in the model (postgresql_where) loads that dialect in every
    # process that loads the tables, SQLite projects included
    done = subprocess.run([sys.executable, "-c", TABLES_DIALECTS],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# The app's own start (as `annotator gui` does it) on a project with a remembered person
# and document: the modules loaded when the document is first painted (its first start:
# no layout remembered yet).
AT_PAINT = """
import json, sys
from PySide6.QtCore import QEvent, QObject
from annotator.gui.app import application
from annotator.gui.main_window import MainWindow
from annotator.gui.projects import Projects, start_project
from annotator.gui.settings import Settings

app = application()
settings = Settings(sys.argv[2])
project, _ = start_project(sys.argv[1], settings)
window = Projects(settings, MainWindow).start(project)
loaded = []

class AtPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not loaded:
            loaded.append(sorted(sys.modules))
        return False

at_paint = AtPaint()
window.text_view.viewport().installEventFilter(at_paint)
window.show()
while not loaded:
    app.processEvents()
assert window.session.doc is not None
print(json.dumps(loaded[0]))
window.close()
"""


def modules_at_first_paint(tmp_path) -> set[str]:
    from annotator.gui.settings import Settings
    from annotator.services.annotate import add_annotator
    from annotator.services.importing import import_paths
    from annotator.services.project import SEEDS, init_project
    from annotator.services.reading import documents

    db = tmp_path / "p.db"
    with init_project(db) as project:
        import_paths(project, [SEEDS])
        add_annotator(project, "alice")  # who has worked in it: the start writes nothing
        doc = documents(project, None)[1].id
    settings = Settings(tmp_path / "s.ini")
    settings.set_identity("alice", "annotator")
    settings.set_last_document(str(db), doc)
    settings.sync()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", AT_PAINT, str(db), str(tmp_path / "s.ini")],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_first_paint_makes_none_of_the_dataclasses_it_does_not_show(tmp_path):
    # a dataclass costs about a millisecond to make: the reviewer's gold, the interchange's
    # records, suggestions and an import's batch wait for what uses them
    loaded = modules_at_first_paint(tmp_path)
    assert "annotator.core.model" in loaded and "annotator.gui.main_window" in loaded
    assert not loaded & {"annotator.core.gold", "annotator.core.records",
                         "annotator.core.proposals", "annotator.core.batch"}


def test_the_first_paint_waits_for_no_module_it_does_not_use(tmp_path):
    loaded = modules_at_first_paint(tmp_path)
    # the concepts' service (three dataclasses) serves a menu or a selected span;
    # importlib.resources, its readers and adapters only to find the icon's folder
    assert not loaded & {"annotator.services.concepts", "importlib.resources"}
    # hashlib loads OpenSSL's libcrypto (the settings' project keys take SHA-1 from
    # the interpreter's own module; a document's hash is made by an import)
    assert not loaded & {"hashlib", "_hashlib"}
