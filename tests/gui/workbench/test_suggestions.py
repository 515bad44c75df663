"""Suggestions in the window: shown as a layer of their own, accepted with Enter (or a
label's key: accepting with an edit), rejected with Del, accepted above a score; hidden
when the project turns them off for annotators."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.services import suggestions
from annotator.services.suggest_sources import import_file

WORDS, LOADED = "Word choice", "Loaded language"


@pytest.fixture
def suggested(seeded_project, write_jsonl, wb):
    """Three scored suggestions on the sample document, from a file."""
    from annotator.services import layer

    text = layer.read_document(seeded_project, wb.SAMPLE, None).document.text
    places = []
    for phrase, label, score in (("Political Relief", WORDS, 0.9), ("State Visit", LOADED, 0.7),
                                 ("Xi", WORDS, 0.2)):
        start = text.index(phrase)
        places.append({"start": start, "end": start + len(phrase), "label": label,
                       "score": score})
    import_file(seeded_project, write_jsonl({"id": wb.SAMPLE, "annotations": places}), "llm")
    return seeded_project, text


def _mine(project, wb):
    return sorted((s.start, s.end, s.label) for s in wb.stored(project, wb.SAMPLE))


def _provenance(project, wb):
    from annotator.store.corpus_rows import load_records

    with project.store.read() as conn:
        (rec,) = [r for r in load_records(conn) if r.id == wb.SAMPLE]
    return {(s.start, s.label): s.suggested for s in rec.annotations if s.annotator == "alice"}


def test_suggestions_are_shown_and_accepted_with_enter(make_window, suggested, qtbot, wb):
    project, text = suggested
    window = make_window(project, doc=wb.SAMPLE)
    layer, view = window.suggestions, window.text_view
    assert len(layer) == 3 and len(window.session.doc.index) == 0
    window.actions_by_name["next_suggestion"].trigger()
    first = layer.item(layer.current)
    assert text[first.start:first.end] == "Xi"  # text order: "Xi" comes first
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    start = text.index("Xi")
    assert _mine(project, wb) == [(start, start + 2, WORDS)]
    assert _provenance(project, wb)[(start, WORDS)].source == "llm"
    # the span is the annotator's own (in the span list); the suggestion is gone from the
    # layer and the next one is current
    assert window.panel("spans").model.rowCount() == 1
    assert len(layer) == 2 and layer.current is not None and layer.current != first.id
    # undo brings the suggestion back
    window.actions_by_name["undo"].trigger()
    qtbot.waitUntil(lambda: len(layer) == 3)
    assert _mine(project, wb) == []


def test_a_labels_key_accepts_with_that_label_and_del_rejects(make_window, suggested, qtbot,
                                                              wb):
    project, text = suggested
    window = make_window(project, doc=wb.SAMPLE)
    layer, view = window.suggestions, window.text_view
    view.setFocus()
    window.actions_by_name["next_suggestion"].trigger()  # "Xi"
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # rejected
    assert _mine(project, wb) == [] and len(layer) == 2
    item = layer.item(layer.current)
    assert text[item.start:item.end] != "Xi"
    qtbot.keyClicks(view, "l")  # Loaded language's key: accepted as that label
    got = _mine(project, wb)
    assert len(got) == 1 and got[0][2] == LOADED
    came = _provenance(project, wb)[(got[0][0], LOADED)]
    assert came.label == item.label
    # the rejection is remembered: reopening offers only what is left
    window2 = make_window(project, doc=wb.SAMPLE)
    assert len(window2.suggestions) == 1


def test_accept_above_a_score(make_window, suggested, wb):
    project, text = suggested
    window = make_window(project, doc=wb.SAMPLE)
    window.suggestions.accept_above(0.5)
    assert sorted(label for _s, _e, label in _mine(project, wb)) == [LOADED, WORDS]
    assert len(window.suggestions) == 1
    assert window.panel("spans").model.rowCount() == 2


def test_hidden_when_the_project_turns_them_off(make_window, suggested, qtbot, wb):
    project, _text = suggested
    window = make_window(project, doc=wb.SAMPLE)
    assert len(window.suggestions) == 3
    suggestions.set_enabled(project, False)
    window.session.close_document()
    window.session.open(wb.SAMPLE)
    assert len(window.suggestions) == 0
    window.text_view.setFocus()
    window.actions_by_name["next_suggestion"].trigger()
    assert window.suggestions.current is None
    # a reviewer turns them back on from the menu
    reviewer = make_window(project, name="rita", role="reviewer", doc=wb.SAMPLE)
    reviewer.actions_by_name["offer_suggestions"].setChecked(True)
    assert suggestions.enabled(project)


def test_clicking_a_suggestion_makes_it_current(make_window, suggested, qtbot, wb):
    project, text = suggested
    window = make_window(project, doc=wb.SAMPLE)
    window.show()
    qtbot.waitExposed(window)
    view = window.text_view
    s16, e16 = wb.u16_range(window, "State Visit")
    cursor = view.textCursor()
    cursor.setPosition(s16 + 2)
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    item = window.suggestions.item(window.suggestions.current)
    assert item is not None and text[item.start:item.end] == "State Visit"
    assert "suggested" in view.tooltip_html(s16 + 2)


def test_the_phrase_recommender_runs_off_the_gui_thread(make_window, seeded_project, qtbot,
                                                         wb):
    window = make_window(seeded_project, doc=wb.SAMPLE)
    wb.label(window, "Putin", WORDS)
    other = next(s.id for s in window.session.summaries if s.id != wb.SAMPLE)
    window.session.open(other)
    assert len(window.suggestions) == 0
    job = window.suggestion_runs.phrases()
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=20000)
    assert job.outcome == "done"
    text = window.session.doc.text
    got = [window.suggestions.index.at_row(r) for r in range(len(window.suggestions))]
    assert len(got) >= 2
    assert {(text[it.start:it.end], it.label) for it in got} == {("Putin", WORDS)}


def test_training_the_tagger_shows_its_scores(make_window, project, write_jsonl, qtbot):
    pytest.importorskip("sklearn")
    from annotator.services.importing import import_paths

    gold = [{"start": 2, "end": 6, "label": LOADED, "decided_by": "rev"}]
    import_paths(project, [write_jsonl(
        {"id": "a", "text": "A sham vote and a fair one.", "gold": gold},
        {"id": "b", "text": "A sham poll was held today.", "gold": gold},
        {"id": "c", "text": "A sham count, critics said."})])
    window = make_window(project, doc="c")
    job = window.suggestion_runs.train()
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=30000)
    assert job.outcome == "done"
    box = window.findChild(type(window.suggestion_runs.show_scores()), "tagger_scores")
    assert box is not None and "held-out" in box.text() and "F1" in box.text()


def test_the_agreement_view_computes_without_suggested_spans(suggested, make_window, qtbot,
                                                              wb):
    from annotator.gui.agreement import AgreementView
    from annotator.services import annotate

    project, text = suggested
    start = text.index("Political Relief")
    annotate.add_span(project, "bob", wb.SAMPLE, start, start + 16, WORDS)
    annotate.add_annotator(project, "alice")
    window = make_window(project, doc=wb.SAMPLE)
    window.suggestions.accept_above(0.8)  # alice takes "Political Relief" as suggested
    view = AgreementView(project, blind=False, auto=False, bootstrap=0)
    qtbot.addWidget(view)

    def computed():
        job = view.compute()
        qtbot.waitUntil(lambda: not job.running, timeout=30_000)
        assert job.outcome == "done"
        return view.analysis.report

    with_them = computed()
    view.without_suggested.setChecked(True)
    without = computed()
    assert with_them.overall.span_f1_mean == 1.0
    assert without.overall.span_f1_mean in (0.0, None)
    assert any("left out (alice 1)" in n for n in without.notes)


def test_reviewers_see_how_often_suggestions_were_accepted_unchanged(make_window, suggested,
                                                                     wb):
    project, _text = suggested
    alice = make_window(project, doc=wb.SAMPLE)
    alice.suggestions.step(1)
    alice.suggestions.accept()  # as suggested
    alice.suggestions.accept(LOADED if alice.suggestions.item(
        alice.suggestions.current).label == WORDS else WORDS)  # with another label
    assert not alice.actions_by_name["suggestion_acceptance"].isEnabled()
    reviewer = make_window(project, name="rita", role="reviewer", doc=wb.SAMPLE)
    assert reviewer.actions_by_name["suggestion_acceptance"].isEnabled()
    box = reviewer.suggestion_runs.show_acceptance()
    (row,) = [line for line in box.text().splitlines() if line.startswith("alice")]
    assert row.split()[1:] == ["2", "2", "1", "(50%)"]


def test_spans_re_read_the_suggestions_only_where_something_is_suggested(
        make_window, suggested, wb, monkeypatch):
    """Labelling a document nothing is suggested on leaves the suggestions unread (a query
    per label for nothing); where something is, a span deleted offers its suggestion
    again."""
    from annotator.gui import suggestions as gui_suggestions

    project, text = suggested
    reads = []
    offered = gui_suggestions.service.offered

    def counted(*args):
        reads.append(args[1])
        return offered(*args)

    monkeypatch.setattr(gui_suggestions.service, "offered", counted)
    window = make_window(project, doc=wb.SAMPLE)
    layer = window.suggestions
    other = next(s.id for s in window.session.summaries if s.id != wb.SAMPLE)
    assert window.session.open(other) and len(layer) == 0
    reads.clear()
    window.text_view.select_range(0, 4)
    window.text_view.apply_label(WORDS)
    assert len(window.session.doc.index) == 1
    assert reads == []
    # where suggestions are: a span on one hides it, the span deleted offers it again
    assert window.session.open(wb.SAMPLE) and len(layer) == 3
    start = text.index("State Visit")
    wb.label(window, "State Visit", LOADED)
    assert len(layer) == 2 and reads[-1] == wb.SAMPLE
    span = next(it.id for it in window.session.doc.index.by_id.values() if it.start == start)
    window.session.delete_span(span)
    assert len(layer) == 3


def test_a_hidden_workbench_reads_suggestions_once_shown_again(make_window, suggested,
                                                               monkeypatch, wb):
    """Under reviewer mode nothing shows the workbench's suggestions: a document opened
    meanwhile has them read when the workbench comes back, not at each switch."""
    project, _text = suggested
    window = make_window(project, doc="000_d2e00c955d6db165")
    layer, session = window.suggestions, window.session
    reads = []
    real = suggestions.offered

    def counted(*args, **kwargs):
        reads.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(suggestions, "offered", counted)
    session.show_workbench(False)
    assert session.open(wb.SAMPLE)
    assert reads == [] and len(layer) == 0
    session.show_workbench(True)
    assert reads == [wb.SAMPLE] and len(layer) == 3
    # shown, a switch reads them at once
    assert session.open("000_d2e00c955d6db165") and session.open(wb.SAMPLE)
    assert reads == [wb.SAMPLE, "000_d2e00c955d6db165", wb.SAMPLE] and len(layer) == 3
