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


def test_labels_with_the_same_attributes_share_a_page(make_window, project, write_jsonl):
    import_paths(project, [write_jsonl(
        {"id": "one", "text": "The sham election was held in a hurry today."})])
    window = make_window(project, "alice", doc="one")
    inspector, view = window.panel("inspector"), window.text_view
    codebook = window.session.codebook
    by_attributes: dict = {}
    for lab in codebook.labels:
        by_attributes.setdefault(codebook.attributes_for(lab.name), []).append(lab.name)
    same = next(names for names in by_attributes.values() if len(names) > 1)
    other = next(names[0] for attrs, names in by_attributes.items()
                 if attrs != codebook.attributes_for(same[0]))
    view.select_range(4, 8)
    view.apply_label(same[0])
    page = inspector.currentWidget()
    view.select_range(9, 17)
    view.apply_label(same[1])
    assert inspector.currentWidget() is page
    assert inspector.label_box.currentText() == same[1]
    view.select_range(22, 26)
    view.apply_label(other)
    assert inspector.currentWidget() is not page
    assert set(inspector.editors) == {a.name for a in codebook.attributes_for(other)}
    # back on the first span: its page, its label, its attributes' editors
    window.session.select(next(it.id for it in window.session.doc.index.by_id.values()
                               if it.label == same[0]))
    assert inspector.currentWidget() is page and inspector.label_box.currentText() == same[0]
    assert set(inspector.editors) == {a.name for a in codebook.attributes_for(same[0])}
