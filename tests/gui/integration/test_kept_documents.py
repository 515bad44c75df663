"""The workbench keeps the documents it left: going back to one reads nothing and shows
what a read would, and a document someone changed meanwhile (this window, another
process, another desk as the same person) is read again."""

from __future__ import annotations

import pytest

from annotator.gui.session import KEPT
from annotator.services import annotate as an
from annotator.services import layer
from annotator.services.annotate import Occurrence
from annotator.services.project import open_project
from tests.gui.integration.spies import documents_read

D0 = "000_d2e00c955d6db165"
D1 = "001_32d5df32ea7c4246"
D2 = "002_3c10f19e7635cd43"
WC, LL = "Word choice", "Loaded language"


@pytest.fixture
def layer_reads(monkeypatch):
    """The documents the session read, in order."""
    return documents_read(monkeypatch, layer, "read_document", 1)


def shown_spans(window) -> list[tuple]:
    return sorted((it.start, it.end, it.label) for it in window.session.doc.index.by_id.values())


def spans_now(project, doc_id, who="alice") -> list[tuple]:
    from annotator.store.layer_rows import read_layer_document

    with project.store.read() as conn:
        data = read_layer_document(conn, doc_id, who)
    return sorted((s.start, s.end, s.label) for s in data.layer.spans())


def open_doc(qtbot, window, doc_id):
    assert window.session.open(doc_id)
    assert window.session.doc.id == doc_id


def test_going_back_to_a_document_left_reads_nothing(qtbot, open_main, seeded_project,
                                                     layer_reads):
    p = seeded_project
    an.add_span(p, "alice", D0, 0, 5, WC)
    an.add_span(p, "alice", D1, 10, 20, LL)
    window = open_main(p, "alice", doc=D0)
    reads_before = len(layer_reads)
    for doc in (D1, D0, D1, D0):
        open_doc(qtbot, window, doc)
    assert layer_reads[reads_before:] == [D1]
    assert shown_spans(window) == spans_now(p, D0)
    assert window.text_view.toPlainText() == window.session.doc.index.display
    # a span made here while D0 is open is in D0 when it comes back
    start = window.session.doc.text.index("election")
    window.text_view.select_range(start, start + len("election"))
    window.text_view.apply_label(WC)
    qtbot.waitUntil(lambda: (start, start + len("election"), WC) in shown_spans(window))
    open_doc(qtbot, window, D1)
    open_doc(qtbot, window, D0)
    assert layer_reads[reads_before:] == [D1]
    assert shown_spans(window) == spans_now(p, D0)


def test_a_document_left_is_read_again_once_another_process_changed_it(
        qtbot, open_main, seeded_project, layer_reads):
    """Even before the window's next look for others' changes: the switch asks."""
    p = seeded_project
    an.add_annotator(p, "bob")  # a newcomer would change every document's annotators
    window = open_main(p, "alice", doc=D0)
    # no look at others' changes but the one the switch makes; stopped once the window
    # has started it, after its first paint (else it polled, under load: one more read)
    qtbot.waitUntil(lambda: window.review.painted)
    window.live.timer.stop()
    open_doc(qtbot, window, D1)
    open_doc(qtbot, window, D2)
    other = open_project(p.target)  # alice at another desk
    try:
        an.add_span(other, "alice", D0, 0, 5, WC)
    finally:
        other.close()
    reads_before = len(layer_reads)
    open_doc(qtbot, window, D0)
    assert layer_reads[reads_before:] == [D0]
    assert (0, 5, WC) in shown_spans(window)
    assert shown_spans(window) == spans_now(p, D0)
    # a change elsewhere (D2, by bob) leaves D1 kept
    other = open_project(p.target)
    try:
        an.add_span(other, "bob", D2, 0, 5, WC)
    finally:
        other.close()
    open_doc(qtbot, window, D1)
    assert layer_reads[reads_before:] == [D0]


def test_the_windows_own_change_to_a_document_left_is_read(qtbot, open_main, seeded_project,
                                                          layer_reads):
    p = seeded_project
    window = open_main(p, "alice", doc=D0)
    open_doc(qtbot, window, D1)
    session = window.session
    phrase = "election"
    places = [Occurrence(D0, k, k + len(phrase))
              for k in _find_all(session_text(p, D0), phrase)]
    assert places
    assert session.label_places(LL, places) is not None  # label every occurrence, corpus
    reads_before = len(layer_reads)
    open_doc(qtbot, window, D0)
    assert layer_reads[reads_before:] == [D0]
    assert shown_spans(window) == spans_now(p, D0)
    assert {(o.start, o.end, LL) for o in places} <= set(shown_spans(window))
    # undone from D1, the undo opens D0 as it now stands
    open_doc(qtbot, window, D1)
    session.undo()
    assert session.doc.id == D0
    assert shown_spans(window) == spans_now(p, D0) == []


def test_a_codebook_change_or_another_person_reads_every_document_again(
        qtbot, open_main, seeded_project, layer_reads):
    from annotator.core.codebook_edits import LABEL, Rename
    from annotator.services import codebook as cbs

    p = seeded_project
    an.add_annotator(p, "dana", role="reviewer")
    an.add_span(p, "alice", D0, 0, 5, WC)
    window = open_main(p, "alice", doc=D0)
    open_doc(qtbot, window, D1)
    assert D0 in window.session.kept
    window.session.absorb(cbs.edit(p, "dana", [Rename(LABEL, WC, "Wording")]))
    assert D0 not in window.session.kept
    open_doc(qtbot, window, D0)
    assert shown_spans(window) == [(0, 5, "Wording")]
    open_doc(qtbot, window, D1)
    assert D0 in window.session.kept
    window.set_identity("bob", "annotator")
    assert D0 not in window.session.kept
    reads_before = len(layer_reads)
    open_doc(qtbot, window, D0)
    assert layer_reads[reads_before:] == [D0]
    assert shown_spans(window) == []  # bob's layer: blind to alice's


def test_only_the_last_documents_left_are_kept(qtbot, open_main, seeded_project):
    window = open_main(seeded_project, "alice", doc=D0)
    ids = [s.id for s in window.session.summaries]
    for doc in ids[1:]:
        open_doc(qtbot, window, doc)
    kept = [d for d in ids if d in window.session.kept]
    assert kept == ids[-1 - KEPT:-1]


def session_text(project, doc_id) -> str:
    from annotator.store.lookups import get_document

    with project.store.read() as conn:
        return get_document(conn, doc_id).text


def _find_all(text: str, phrase: str) -> list[int]:
    out, k = [], text.find(phrase)
    while k >= 0:
        out.append(k)
        k = text.find(phrase, k + 1)
    return out
