"""Take docs/screenshots/agreement.png: the agreement view on the sample corpus with
alice's, bob's and carol's spans (with attributes, tone, and two documents adjudicated by
dana), a pair clicked; agreement-confusion.png: the label confusion with a cell clicked;
and docs/examples/agreement-report.html (with gamma).

    Xvfb :5 -screen 0 1400x900x24 &
    DISPLAY=:5 QT_QPA_PLATFORM=xcb .venv/bin/python tests/gui/agreement/screenshot.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path[:0] = [str(HERE), str(ROOT)]

from agreement_seed import seed, seed_revision  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402

from annotator.gui.agreement import AgreementView  # noqa: E402
from annotator.services import agreement  # noqa: E402
from annotator.services.importing import import_paths  # noqa: E402
from annotator.services.project import SEEDS, init_project  # noqa: E402


def sample_project():
    project = init_project(Path(tempfile.mkdtemp()) / "putin-china.db")
    import_paths(project, [SEEDS])
    seed(project)
    seed_revision(project)
    return project


def screenshot(project, out: Path, dark: bool = False) -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle("Fusion")
    if dark:
        from PySide6.QtGui import QColor, QPalette

        pal, roles = QPalette(), QPalette.ColorRole
        for role, color in ((roles.Window, "#2b2b2e"), (roles.WindowText, "#e6e6e6"),
                            (roles.Base, "#1f1f22"), (roles.AlternateBase, "#28282b"),
                            (roles.Text, "#e6e6e6"), (roles.Button, "#333336"),
                            (roles.ButtonText, "#e6e6e6"), (roles.Highlight, "#3d6fb6"),
                            (roles.HighlightedText, "#ffffff"),
                            (roles.PlaceholderText, "#9a9a9a"), (roles.ToolTipBase, "#333336"),
                            (roles.ToolTipText, "#e6e6e6")):
            pal.setColor(role, QColor(color))
        app.setPalette(pal)
    window = QMainWindow()
    window.setWindowTitle("Framing annotator — agreement (dana, reviewer)")
    view = AgreementView(project, blind=False, auto=False)
    view.gamma.setChecked(True)
    window.setCentralWidget(view)
    window.resize(1400, 900)
    window.show()
    job = view.compute()
    while job.running:
        app.processEvents()
    for _ in range(10):
        app.processEvents()
    view.select_pair("bob", "carol")
    view.heatmap.table.setCurrentIndex(view.heatmap.cell("bob", "carol"))
    for _ in range(20):
        app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    print(f"saved {out}")
    view.tabs.setCurrentWidget(view.confusion)
    view.select_confusion("Loaded language", "O", "spans")
    matrix = view.confusion.matrix
    matrix.table.setCurrentIndex(matrix.cell("Loaded language", "O"))
    _save(app, window, out.with_name(out.stem + "-confusion.png"))
    if "--more" in sys.argv:
        view.tabs.setCurrentWidget(view.attribute_table)
        _save(app, window, out.with_name(out.stem + "-attributes.png"))
        view.tabs.setCurrentWidget(view.gold)
        _save(app, window, out.with_name(out.stem + "-gold.png"))
        view.select_label("Loaded language")
        view.details.only_disagreements.setChecked(True)
        _save(app, window, out.with_name(out.stem + "-label.png"))
        view.tabs.setCurrentWidget(view.label_table)
        view.chart_measure.setCurrentIndex(1)
        view.heatmap.set_measure("span_f1")
        _save(app, window, out.with_name(out.stem + "-labels.png"))
        view.set_blind(True)
        view.select_pair("alice", "bob")
        _save(app, window, out.with_name(out.stem + "-blind.png"))


def _save(app, window, out: Path) -> None:
    for _ in range(20):
        app.processEvents()
    window.grab().save(str(out))
    print(f"saved {out}")


def example_report(project, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    agreement.export(project, out, gamma=30)
    print(f"saved {out}")


if __name__ == "__main__":
    project = sample_project()
    args = sys.argv[1:]
    paths = [a for a in args if not a.startswith("--")]
    screenshot(project, Path(paths[0]) if paths else ROOT / "docs" / "screenshots"
               / "agreement.png", dark="--dark" in args)
    if not paths:
        example_report(project, ROOT / "docs" / "examples" / "agreement-report.html")
