"""Several people on one project: the window shows what other processes change (a
command-line import, another reviewer), refuses an undo that would take back another
reviewer's work, and keeps painting while another connection holds the write lock."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.gui.live import POLL_MS
from annotator.services import adjudicate as ad
from annotator.services import annotate as an
from annotator.services import layer
from annotator.services.project import open_project
from tests.gui.integration.spies import Paints

SAMPLE = "002_3c10f19e7635cd43"
D1 = "000_d2e00c955d6db165"
WC, LL = "Word choice", "Loaded language"


def _doc_text(project, doc_id):
    return layer.read_document(project, doc_id, None).document.text


def _visible_errors(window):
    return [b for b in window.findChildren(QMessageBox)
            if b.objectName() == "error_dialog" and b.isVisible()]


def test_a_command_line_import_shows_in_the_open_window_at_the_next_look(
        qtbot, open_main, seeded_project, write_jsonl):
    p = seeded_project
    window = open_main(p, "alice", doc=SAMPLE)
    heard = []
    window.session.changed.connect(heard.append)
    text = _doc_text(p, SAMPLE)
    at = text.index("Political Relief")
    spans = [{"annotator": "alice", "start": at, "end": at + 16, "label": WC},
             {"annotator": "bob", "start": at, "end": at + 9, "label": LL}]
    batch = write_jsonl({"id": SAMPLE, "text": text, "annotations": spans},
                        {"id": "new-1", "text": "A sham election, said the opposition."},
                        {"id": "new-2", "text": "The re-election was a landslide."})
    documents = window.panel("documents").model
    assert documents.rowCount() == 5

    done = subprocess.run([sys.executable, "-m", "annotator", "import", p.target, str(batch)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    looks = window.live.looks  # the import is committed: the next look must find it
    qtbot.waitUntil(lambda: documents.rowCount() == 7)
    # within two looks, each POLL_MS apart: others' changes show within a second or so
    assert window.live.looks - looks <= 2 and POLL_MS <= 1000
    ids = {s.id for s in window.session.summaries}
    assert {"new-1", "new-2"} <= ids
    # alice's own new span is in the open document's view; bob's is not (blind)
    doc = window.session.doc
    assert [(s.start, s.label, s.annotator) for s in doc.index.by_id.values()] == [
        (at, WC, "alice")]
    assert window.panel("spans").model.rowCount() == 1
    assert heard and all("bob" not in c.annotators for c in heard)
    assert all(not c.complete for c in heard)  # others' changes: re-read, never applied


def test_file_import_into_the_open_document_shows_its_spans(qtbot, open_main, seeded_project,
                                                            write_jsonl):
    p = seeded_project
    window = open_main(p, "alice", doc=SAMPLE)
    text = _doc_text(p, SAMPLE)
    at = text.index("Political Relief")
    batch = write_jsonl({"id": SAMPLE, "text": text, "annotations": [
        {"annotator": "alice", "start": at, "end": at + 16, "label": WC}]})
    job = window.io.run_import([str(batch)])
    qtbot.waitUntil(lambda: job.outcome is not None)
    assert job.outcome == "done"
    spans = window.session.doc.index.by_id.values()
    assert [(s.start, s.end, s.label) for s in spans] == [(at, at + 16, WC)]
    assert window.panel("spans").model.rowCount() == 1


def _gold_rows(project):
    from annotator.services import adjudication_view as av

    return [(g.start, g.end, g.label, dict(g.attributes), g.note, g.decided_by)
            for g in av.open_adjudication(project, "rita", D1).gold]


def test_undo_after_another_reviewers_edit_is_refused_and_changes_nothing(
        qtbot, open_main, seeded_project):
    p = seeded_project
    for who in ("alice", "bob"):
        an.add_span(p, who, D1, 0, 5, WC, attributes={"polarity": "negative"})
    an.add_annotator(p, "sam", role="reviewer")
    window = open_main(p, "rita", role="reviewer", doc=D1)
    session = window.session
    session.absorb(session.write(ad.accept, p, "rita", D1, (0, 5, WC)))
    other = open_project(p.target)  # sam, at another desk
    try:
        ad.accept_with_edit(other, "sam", D1, (0, 5, WC), attributes={"polarity": "neutral"})
    finally:
        other.close()
    qtbot.waitUntil(lambda: _gold_rows(p)[0][3] == {"polarity": "neutral"})
    before = _gold_rows(p)
    undo_before = an.undo_redo_texts(p, "rita")

    window.actions_by_name["undo"].trigger()
    qtbot.waitUntil(lambda: len(_visible_errors(window)) == 1)
    (box,) = _visible_errors(window)
    assert "cannot undo that" in box.text() and "changed since by sam" in box.text()
    assert _gold_rows(p) == before  # sam's edit stands
    assert an.undo_redo_texts(p, "rita") == undo_before  # and rita's action is still there


def test_the_window_paints_while_another_connection_holds_the_lock_then_the_edit_lands(
        qtbot, open_main, seeded_project):
    p = seeded_project
    window = open_main(p, "alice", doc=SAMPLE)
    viewport = window.text_view.viewport()
    paints = Paints(viewport)
    text = window.session.doc.text
    at = text.index("Political Relief")
    to16 = window.session.doc.index.u16.to_utf16

    holder = sqlite3.connect(p.target, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writing, for as long as we say
    seen = {"busy_cursor": False, "paints_while_waiting": 0, "noted": False}
    start_paints = []

    def tick():
        viewport.update()
        if not window.waiting.isVisible():
            return
        cursor = QApplication.overrideCursor()
        seen["busy_cursor"] |= cursor is not None and cursor.shape() == Qt.CursorShape.BusyCursor
        if not start_paints:
            start_paints.append(paints.count)
        seen["paints_while_waiting"] = paints.count - start_paints[0]
        if not seen["noted"]:  # a second edit meanwhile (as an autosave would): it queues
            seen["noted"] = True
            QTimer.singleShot(0, lambda: window.session.set_note("seen from another desk"))
        elif (seen["paints_while_waiting"] >= 3 and window.session.writes.pending == 2
              and holder.in_transaction):
            holder.execute("COMMIT")

    timer = QTimer(window)
    timer.timeout.connect(tick)
    timer.start(20)
    try:
        window.text_view.select_range(to16(at), to16(at + 16))
        window.text_view.apply_label(WC)  # returns once the lock was let go and it is in
    finally:
        timer.stop()
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
    assert seen["paints_while_waiting"] >= 3 and seen["busy_cursor"]
    assert not window.waiting.isVisible() and QApplication.overrideCursor() is None
    stored = layer.read_document(p, SAMPLE, "alice")
    assert [(s.start, s.label) for s in stored.layer.spans()] == [(at, WC)]
    assert stored.note == "seen from another desk"
    # in the order they were made: the label first, so undo takes back the note first
    assert an.undo_redo_texts(p, "alice")[0] == "Edit document note"
    an.undo(p, "alice")
    assert WC in an.undo_redo_texts(p, "alice")[0]
    assert window.session.doc.note == "seen from another desk"


def test_waiting_long_offers_cancel_which_writes_nothing(qtbot, open_main, seeded_project):
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    p = seeded_project
    window = open_main(p, "alice", doc=SAMPLE)
    holder = sqlite3.connect(p.target, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    pressed = []

    def tick():
        shown = [d for d in window.findChildren(QProgressDialog, "job_progress")
                 if d.isVisible()]
        if shown and not pressed:
            pressed.append(shown[0].labelText())
            cancel = next(b for b in shown[0].findChildren(QPushButton) if b.text() == "Cancel")
            cancel.click()

    timer = QTimer(window)
    timer.timeout.connect(tick)
    timer.start(20)
    try:
        window.session.set_status("done")  # returns once given up
    finally:
        timer.stop()
        holder.execute("ROLLBACK")
        holder.close()
    assert pressed and pressed[0].startswith("Waiting: another program is writing")
    assert window.statusBar().currentMessage().startswith("Not saved: you stopped waiting")
    assert layer.read_document(p, SAMPLE, "alice").status is None  # nothing written
    assert window.session.doc.status is None and not window.waiting.isVisible()


def test_a_reviewers_accept_waits_for_the_lock_while_the_window_paints_then_lands_in_gold(
        qtbot, open_main, seeded_project):
    p = seeded_project
    for who in ("alice", "bob"):
        an.add_span(p, who, D1, 0, 5, WC, attributes={"polarity": "negative"})
    window = open_main(p, "rita", role="reviewer", doc=D1)
    assert window.review.enter()
    view = window.review.view
    qtbot.waitUntil(lambda: view.adjudication is not None
                    and view.current_document() == D1 and not window.review.busy())
    key = (0, 5, WC)
    view.table.select_key(key)
    paints = Paints(view.gold_pane.viewport())

    holder = sqlite3.connect(p.target, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writing, for as long as we say
    seen = {"paints_while_waiting": 0, "in_gold_while_held": False}
    start_paints = []

    def tick():
        view.gold_pane.viewport().update()
        if not window.waiting.isVisible():
            return
        if not start_paints:
            start_paints.append(paints.count)
        seen["paints_while_waiting"] = paints.count - start_paints[0]
        seen["in_gold_while_held"] |= any(
            (g.start, g.end, g.label) == key for g in view.adjudication.gold)
        if seen["paints_while_waiting"] >= 3 and holder.in_transaction:
            holder.execute("COMMIT")

    timer = QTimer(window)
    timer.timeout.connect(tick)
    timer.start(20)
    try:
        view.accept_selected()  # returns once the lock was let go and it is in
    finally:
        timer.stop()
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
    assert seen["paints_while_waiting"] >= 3 and not seen["in_gold_while_held"]
    assert not window.waiting.isVisible()
    assert [(g.start, g.end, g.label) for g in view.adjudication.gold] == [key]
    assert view.adjudication.row(key).state == "accepted"
    assert [r[:3] for r in _gold_rows(p)] == [key]
