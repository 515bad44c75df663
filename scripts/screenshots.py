"""Screenshots of the workbench on the sample corpus, for the README.

Run under Xvfb (a real X server, so the shot is what a user sees):

    Xvfb :9 -screen 0 1400x900x24 &
    DISPLAY=:9 .venv/bin/python scripts/screenshots.py [workbench] [review] [compare] [study]

Writes docs/screenshots/workbench.png, workbench-dark.png and label-every-occurrence.png
(workbench), and adjudication.png and judgements.png (review: alice, bob and carol on the
sample corpus, dana adjudicating; then alice's view of the verdicts), and compare.png and
compare-labels.png (compare: the demo project's outlets compared on one concept, then
their labels), and assign.png, progress.png and progress-labels.png (study: the demo
project with more articles assigned by a policy, partly done). Every set without
arguments. Uses throwaway sample projects and settings folders, never the user's.
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


def main(which: list[str]) -> int:
    from annotator.gui.app import application

    app = application()
    app.setStyle("Fusion")
    OUT.mkdir(parents=True, exist_ok=True)
    if "workbench" in which:
        workbench_shots(app)
    if "review" in which:
        review_shots(app)
    if "compare" in which:
        compare_shots(app)
    if "study" in which:
        study_shots(app)
    print("\n".join(str(p) for p in sorted(OUT.glob("*.png"))))
    return 0


def workbench_shots(app) -> None:
    from PySide6.QtGui import QGuiApplication

    from annotator.gui.app import open_window
    from annotator.services.sample_project import open_default_project

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


# ---------------------------------------------------------------- reviewer and verdicts

def seed_review(project) -> dict[str, str]:
    """Three annotators' spans with agreement and disagreement of every kind (the seed
    the adjudication tests use), then some of dana's decisions: the unanimous ones
    accepted everywhere, a few by hand, one document finished."""
    from annotator.services import adjudicate
    from tests.gui.adjudication.adjudication_seed import D0, D3, ECO, LL, WC, seed_reviews

    seed_reviews(project, "dana")
    adjudicate.auto(project, "dana", "unanimous")
    text = next(r for r in _records(project) if r.id == D0).text

    def key(phrase, label):
        start = text.index(phrase)
        return (start, start + len(phrase), label)

    adjudicate.accept_with_edit(project, "dana", D0, key("crucial economic lifeline", LL),
                                attributes={"polarity": "neutral"})
    adjudicate.reject(project, "dana", D0, key("economic lifeline", LL))
    adjudicate.reject(project, "dana", D0, key("unprecedented sanctions", LL))
    adjudicate.accept(project, "dana", D0, key("military offensive", WC))
    adjudicate.finish_document(project, "dana", D3)
    return {"doc": D0, "selected": key("China has emerged", ECO)[::2]}


def review_shots(app) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QCursor

    from annotator.gui.app import open_window
    from annotator.gui.settings import Settings
    from annotator.services.importing import import_paths
    from annotator.services.project import SEEDS, init_project

    project = init_project(WORK / "review.db")
    import_paths(project, [SEEDS])
    where = seed_review(project)
    window = open_window(project, Settings(WORK / "review.ini"))
    window.set_identity("dana", "reviewer")
    window.session.open(where["doc"])
    window.move(0, 0)
    window.resize(1400, 900)
    window.show()
    QCursor.setPos(1399, 899)
    _settle(app)
    window.review.enter()
    view = window.review.view
    for _ in range(100):
        _settle(app)
        if not window.review.busy() and not view.is_loading():
            break
    start, label = where["selected"]  # an open candidate with a conflict
    view.select_candidate(next(r.key for r in view.model.rows
                               if (r.key[0], r.key[2]) == (start, label)))
    _settle(app)
    _shot(app, OUT / "adjudication.png")
    window.close()

    alice = open_window(project, Settings(WORK / "alice.ini"))
    alice.set_identity("alice", "annotator")
    alice.session.open(where["doc"])
    alice.move(0, 0)
    alice.resize(1400, 900)
    alice.show()
    _settle(app)
    alice.resizeDocks([alice.docks["spans"]], [250], Qt.Orientation.Vertical)  # every row
    for _ in range(100):
        _settle(app)
        if not alice.verdicts.busy():
            break
    item = next(it for it in alice.session.doc.index.by_id.values()
                if alice.session.doc.text[it.start:it.end] == "crucial economic lifeline")
    alice.session.select(item.id)
    _settle(app)
    # the tooltip of its Review cell: what the gold standard holds instead
    from PySide6.QtWidgets import QToolTip

    spans = alice.panel("spans")
    cell = spans.proxy.mapFromSource(spans.model.index(
        alice.session.doc.index.row_of(item.id), 3))
    rect = spans.view.visualRect(cell)
    QToolTip.showText(spans.view.viewport().mapToGlobal(rect.center()), cell.data(
        Qt.ItemDataRole.ToolTipRole), spans.view.viewport())
    _settle(app)
    _shot(app, OUT / "judgements.png")
    QToolTip.hideText()
    alice.close()
    project.close()


def compare_shots(app) -> None:
    from annotator.gui.app import open_window
    from annotator.gui.settings import Settings
    from annotator.services.demo import DEMO_FILE
    from annotator.services.importing import import_paths
    from annotator.services.project import SEEDS, init_project

    project = init_project(WORK / "demo.db")
    import_paths(project, [SEEDS, DEMO_FILE])
    window = open_window(project, Settings(WORK / "compare.ini"))
    window.set_identity("dana", "reviewer")
    window.session.open("001_32d5df32ea7c4246")
    window.move(0, 0)
    window.resize(1400, 900)
    window.show()
    _settle(app)
    window.compare.open()
    frame, view = window.compare.frame, window.compare.view
    frame.move(0, 0)
    frame.resize(1400, 900)
    for _ in range(200):
        _settle(app)
        if view.comparison is not None:
            break
    k = view.concept_box.findData("election")
    view.concept_box.setCurrentIndex(k)
    view.concept_box.activated.emit(k)
    _settle(app)
    _shot(app, OUT / "compare.png")
    view.tabs.setCurrentIndex(1)
    _settle(app)
    _shot(app, OUT / "compare-labels.png")
    window.compare.shutdown()
    window.close()
    project.close()


def study_shots(app) -> None:
    """The demo project with twenty more articles assigned by a policy, some of the work
    done (bob leaning on Loaded language), active time: the assignment dialog and the
    progress window."""
    from annotator.core.activity import ActivityClock
    from annotator.gui.app import open_window
    from annotator.gui.settings import Settings
    from annotator.services import activity, annotate, assignments
    from annotator.services.demo import DEMO_FILE
    from annotator.services.importing import import_paths
    from annotator.services.layer import read_document
    from annotator.services.project import SEEDS, init_project

    more = WORK / "more"
    more.mkdir(exist_ok=True)
    for i in range(1, 21):
        (more / f"brief-{i:02}.txt").write_text(
            f"Briefing {i}\nThe minister said the talks were a sham. Critics called the deal "
            "a lifeline for the regime and warned of a crushing blow to the opposition.\n")
    project = init_project(WORK / "study.db")
    import_paths(project, [SEEDS, DEMO_FILE, more])
    window = open_window(project, Settings(WORK / "study.ini"))
    window.set_identity("dana", "reviewer")
    window.move(0, 0)
    window.resize(1400, 900)
    window.show()
    _settle(app)
    dialog = window.study.open_assign()
    dialog.move(60, 40)
    dialog.seed.setValue(7)
    dialog.overlap.setValue(20)
    dialog.calibration.setValue(2)
    dialog.update_preview()
    _settle(app)
    _shot(app, OUT / "assign.png")
    dialog.apply.click()
    dialog.close()
    labels = {"alice": "Word choice", "bob": "Loaded language", "carol": "Word choice"}
    t = 1.7e9
    for q in assignments.overview(project).queues:
        clock = ActivityClock(q.annotator)
        todo = [i.doc_id for i in q.items if i.status is None][:4 + len(q.annotator) % 3]
        for doc in todo:
            text = read_document(project, doc, None).document.text
            for phrase in ("sham", "lifeline", "crushing blow"):
                k = text.index(phrase)
                annotate.add_span(project, q.annotator, doc, k, k + len(phrase),
                                  labels[q.annotator])
            annotate.set_status(project, q.annotator, doc, "done")
            for _ in range(12):
                ended = clock.event(doc, t)
                if ended is not None:
                    activity.record(project, [ended])
                t += 15 + 10 * len(q.annotator) % 7
            t += 400
        activity.record(project, [s for s in [clock.stop()] if s])
    view = window.study.open_progress()
    window.study.frame.move(0, 0)
    window.study.frame.resize(1200, 620)
    for _ in range(200):
        _settle(app)
        if view.figures is not None:
            break
    _shot(app, OUT / "progress.png")
    view.tabs.setCurrentIndex(1)
    _settle(app)
    _shot(app, OUT / "progress-labels.png")
    window.study.shutdown()
    window.close()
    project.close()


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
    sys.exit(main(sys.argv[1:] or ["workbench", "review", "compare", "study"]))
