"""The inspector keeps its pages (one per label) when another event's document opens:
only their concept boxes change, to that event's concepts, when next shown."""

from __future__ import annotations

from annotator.services import concepts
from annotator.services.importing import import_paths

WC, LOADED = "Word choice", "Loaded language"


def test_another_events_document_keeps_the_pages_and_shows_its_concepts(
        make_window, project, write_jsonl):
    import_paths(project, [write_jsonl(
        {"id": "one", "text": "The sham election was held.", "event": "vote"},
        {"id": "two", "text": "The summit was a lifeline.", "event": "summit"})])
    cid, _ = concepts.create(project, "alice", "The summit", event="summit")
    window = make_window(project, "alice", doc="one")
    inspector, view = window.panel("inspector"), window.text_view
    view.select_range(4, 8)
    view.apply_label(WC)
    page = inspector.currentWidget()
    assert inspector.concept_box.findData(cid) == -1  # not this event's concept
    window.session.open("two")
    view.select_range(4, 10)
    view.apply_label(WC)
    assert inspector.currentWidget() is page  # the same page, not built again
    assert inspector.concept_box.findData(cid) > 0
    view.select_range(15, 23)
    view.apply_label(LOADED)
    assert inspector.concept_box.findData(cid) > 0  # a page built now has them too
    window.session.open("one")
    view.select_range(4, 8)
    window.session.select(next(iter(window.session.doc.index.by_id)))
    assert inspector.currentWidget() is page
    assert inspector.concept_box.findData(cid) == -1
