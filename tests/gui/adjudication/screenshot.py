"""Take docs/screenshots/adjudication.png: the view on the sample corpus with alice's, bob's
and carol's spans, after an automatic unanimous run and a few decisions.

    Xvfb :7 -screen 0 1400x900x24 &
    DISPLAY=:7 QT_QPA_PLATFORM=xcb .venv/bin/python tests/gui/adjudication/screenshot.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path[:0] = [str(ROOT)]

from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402

from annotator.gui.adjudication import AdjudicationView  # noqa: E402
from annotator.services import adjudicate  # noqa: E402
from annotator.services.importing import import_paths  # noqa: E402
from annotator.services.project import SEEDS, init_project  # noqa: E402
from tests.gui.adjudication.adjudication_seed import D0, LL, WC, seed_reviews  # noqa: E402


def main(out: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle("Fusion")
    project = init_project(Path(tempfile.mkdtemp()) / "sample.db")
    import_paths(project, [SEEDS])
    seed_reviews(project)
    adjudicate.auto(project, "dana", "unanimous")
    text = project.store  # noqa: F841  (keeps the project open while the window lives)
    adjudicate.accept(project, "dana", D0, _key(project, "crucial economic lifeline", LL))
    adjudicate.reject(project, "dana", D0, _key(project, "unprecedented sanctions", LL))
    window = QMainWindow()
    window.setWindowTitle("Framing annotator — adjudication (dana, reviewer)")
    view = AdjudicationView(project, "dana")
    window.setCentralWidget(view)
    window.resize(1400, 900)
    view.show_document(D0)
    view.select_candidate(_key(project, "military offensive", WC))
    view.show_layers.setChecked(True)
    window.show()
    view.outer_split.setSizes([560, 300])
    view.main_split.setSizes([520, 880])
    for _ in range(20):
        app.processEvents()
    view.gold_pane.reveal(*_key(project, "military offensive", WC)[:2])
    for _ in range(20):
        app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    print(f"saved {out}")


def _key(project, phrase, label):
    from annotator.services.reading import open_document

    text = open_document(project, D0, None).document.text
    start = text.index(phrase)
    return (start, start + len(phrase), label)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs/screenshots/adjudication.png")
