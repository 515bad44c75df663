"""Starting the Qt application on a project."""

from __future__ import annotations

import sys


def run_app(target: str | None) -> int:
    from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow

    from annotator.services.project import open_default_project, open_project
    from annotator.store.corpus_rows import load_records

    project = open_project(target) if target else open_default_project()
    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle(f"Framing annotator — {project.target}")
    docs = QListWidget()
    with project.store.read() as conn:
        for rec in load_records(conn):
            d = rec.document
            docs.addItem(f"{d.title or d.id} — {d.source or 'unknown source'}")
    window.setCentralWidget(docs)
    window.resize(900, 600)
    window.show()
    return app.exec()
