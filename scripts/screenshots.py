"""Screenshots of the workbench on the sample corpus, for the README.

Run under Xvfb (a real X server, so the shot is what a user sees):

    Xvfb :9 -screen 0 1400x900x24 &
    DISPLAY=:9 .venv/bin/python scripts/screenshots.py

Writes docs/screenshots/workbench.png, workbench-dark.png and label-every-occurrence.png.
Uses a throwaway sample project and settings folder, never the user's.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
WORK = Path(tempfile.mkdtemp(prefix="annotator-shots-"))
os.environ["ANNOTATOR_DATA_DIR"] = str(WORK / "data")
os.environ["XDG_CONFIG_HOME"] = str(WORK / "config")
sys.path.insert(0, str(ROOT))

DOC = "002_3c10f19e7635cd43"  # "Xi Offers Putin Political Relief With China State Visit"
# (phrase, label, attributes, nth occurrence) — what an annotator might mark
SPANS = [
    ("Political Relief", "Word choice", {"polarity": "positive",
                                          "neutral_alternative": "state visit"}, 0),
    ("the most powerful of his few remaining major allies", "Informational bias",
     {"polarity": "negative"}, 0),
    ("few remaining major allies", "Word choice", {"polarity": "negative"}, 0),
    ("push back against the West", "External regulation and reputation", {}, 0),
    ("push back", "Loaded language", {"polarity": "negative"}, 0),
    ("his fifth term in office", "Political", {}, 0),
    ("tens of billions of dollars in new aid to Ukraine", "Economic", {}, 0),
    ("battles Russian forces", "Security and defense", {}, 0),
    ("according to a press release from Putin's office", "Attribution",
     {"polarity": "neutral", "quote": "no"}, 0),
    ("projecting a united front against the U.S. and its allies", "Political", {}, 0),
    ("united front", "Loaded language", {"polarity": "negative"}, 0),
    ("\"no limits\" partnership", "Word choice", {"polarity": "negative"}, 0),
    ("stifled criticism", "Loaded language", {"polarity": "negative"}, 0),
    ("Amid crushing international sanctions over Ukraine", "Economic", {}, 0),
    ("crushing", "Loaded language", {"polarity": "negative"}, 0),
    ("increasingly reliant on Chinese trade", "Economic", {}, 0),
    ("tightened the screws", "Loaded language", {"polarity": "negative"}, 0),
    ("coasted to his fifth term", "Word choice", {"polarity": "negative",
                                                   "neutral_alternative": "won"}, 0),
    ("Russian media have reported", "Attribution", {"polarity": "neutral"}, 0),
]


def seed(project) -> None:
    from annotator.services import annotate

    annotate.add_annotator(project, "alice")
    text = next(r for r in _records(project) if r.id == DOC).text
    for phrase, label, attrs, nth in SPANS:
        start = -1
        for _ in range(nth + 1):
            start = text.index(phrase, start + 1)
        annotate.add_span(project, "alice", DOC, start, start + len(phrase), label, attrs)
    annotate.set_doc_label(project, "alice", DOC, "primary_frame",
                           "External regulation and reputation")
    annotate.set_doc_label(project, "alice", DOC, "tone", "negative")
    annotate.set_document_note(project, "alice", DOC, "Repost of a Newsweek piece; the "
                               "disclaimer at the end is page furniture.")
    annotate.set_status(project, "alice", "000_d2e00c955d6db165", "done")
    # someone else's work, which alice must not see (blind)
    annotate.add_span(project, "bob", DOC, 0, 2, "Other")


def _records(project):
    from annotator.services.exporting import load_corpus

    return load_corpus(project).documents


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QPalette
    from PySide6.QtWidgets import QApplication

    from annotator.gui.app import application, open_window
    from annotator.services.project import open_default_project

    app = application()
    app.setStyle("Fusion")
    project = open_default_project()
    seed(project)
    window = open_window(project)
    window.set_identity("alice", "annotator")
    window.session.open(DOC)
    window.show()
    from PySide6.QtGui import QCursor

    QCursor.setPos(1399, 899)  # out of the way: no stray hover tooltips
    window.move(0, 0)
    window.resize(1400, 900)
    _settle(app)
    OUT.mkdir(parents=True, exist_ok=True)

    view = window.text_view
    item = next(it for it in window.session.doc.index.by_id.values()
                if window.session.doc.text[it.start:it.end] == "push back")
    window.session.select(item.id)
    _settle(app)
    _hover(app, view, item.s16 + 2)
    _shot(app, OUT / "workbench.png")

    dark = _dark_palette()
    app.setPalette(dark)
    from PySide6.QtWidgets import QToolTip

    QToolTip.hideText()
    window.session.select(next(it.id for it in window.session.doc.index.by_id.values()
                               if it.label == "Economic"))
    _settle(app)
    _shot(app, OUT / "workbench-dark.png")
    app.setPalette(QGuiApplication.palette() if False else app.style().standardPalette())

    window.text_view.select_range(*_u16(window, "sanctions"))
    dialog = window.label_every_occurrence(None, corpus=True)
    dialog.label_box.setCurrentText("Economic")
    for _ in range(100):
        _settle(app)
        if dialog.matches:
            break
    dialog.move(window.x() + 320, window.y() + 170)
    _settle(app)
    _shot(app, OUT / "label-every-occurrence.png")
    dialog.reject()
    window.close()
    project.close()
    del Qt, QPalette, QApplication
    print("\n".join(str(p) for p in sorted(OUT.glob("*.png"))))
    return 0


def _u16(window, phrase: str) -> tuple[int, int]:
    doc = window.session.doc
    start = doc.text.index(phrase)
    to16 = doc.index.u16.to_utf16
    return to16(start), to16(start + len(phrase))


def _hover(app, view, pos16: int) -> None:
    """Show the tooltip a user gets when hovering a position (as the view would)."""
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QToolTip

    cursor = QTextCursor(view.document())
    cursor.setPosition(pos16)
    rect = view.cursorRect(cursor)
    point = rect.center()
    tip = view.tooltip_html(view.char_at(point))
    QToolTip.showText(view.viewport().mapToGlobal(point), tip, view.viewport())
    _settle(app)


def _settle(app) -> None:
    import time

    for _ in range(8):
        app.processEvents()
        time.sleep(0.03)


def _shot(app, path: Path) -> None:
    screen = app.primaryScreen()
    screen.grabWindow(0).save(str(path))


def _dark_palette():
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    roles = QPalette.ColorRole
    for role, color in ((roles.Window, "#2b2b2d"), (roles.WindowText, "#e6e6e6"),
                        (roles.Base, "#1e1e20"), (roles.AlternateBase, "#26262a"),
                        (roles.Text, "#e6e6e6"), (roles.Button, "#333336"),
                        (roles.ButtonText, "#e6e6e6"), (roles.Highlight, "#3d6fb4"),
                        (roles.HighlightedText, "#ffffff"), (roles.ToolTipBase, "#333336"),
                        (roles.ToolTipText, "#e6e6e6"), (roles.PlaceholderText, "#9a9aa0"),
                        (roles.Mid, "#55555a"), (roles.Light, "#444448"),
                        (roles.Dark, "#18181a"), (roles.Shadow, "#000000")):
        p.setColor(role, QColor(color))
    return p


if __name__ == "__main__":
    sys.exit(main())
