"""A span's concept can be a new one, declared from the inspector; undo takes back both
steps; a concept another annotator has used cannot be undone away."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog

from annotator.core.errors import InputError
from annotator.gui import inspector as inspector_module
from annotator.services import annotate, concepts, reading


def test_a_new_concept_from_the_inspector(window, wb, monkeypatch):
    project = window.session.project
    wb.label(window, "Political Relief", "Word choice")
    span = wb.stored(project, wb.SAMPLE)[0]
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: ("Russia's isolation", True))
    inspector = window.panel("inspector")
    box = inspector.concept_box
    k = box.findData(inspector_module.NEW_CONCEPT)
    assert k > 0
    box.setCurrentIndex(k)
    box.activated.emit(k)
    stored = wb.stored(project, wb.SAMPLE)[0]
    assert stored.id == span.id and stored.concept == "russias-isolation"
    assert ("russias-isolation", "Russia's isolation") in [
        (c.id, c.name) for c in reading.concepts(project)]
    # the rebuilt inspector lists it and shows it as the span's
    box = window.panel("inspector").concept_box
    assert box.currentData() == "russias-isolation"

    window.session.undo()
    assert wb.stored(project, wb.SAMPLE)[0].concept is None
    window.session.undo()
    assert "russias-isolation" not in {c.id for c in reading.concepts(project)}
    assert window.panel("inspector").concept_box.findData("russias-isolation") == -1


def test_concept_ids_are_unique_and_undo_respects_others_work(seeded_project):
    p = seeded_project
    doc = reading.documents(p, None)[0].id
    cid, _ = concepts.create(p, "alice", "The election")
    cid2, _ = concepts.create(p, "alice", "the  election!")
    assert (cid, cid2) == ("the-election", "the-election-2")
    annotate.add_span(p, "bob", doc, 0, 5, "Word choice", concept=cid2)
    with pytest.raises(InputError, match="depends on it"):
        annotate.undo(p, "alice")
    assert cid2 in {c.id for c in reading.concepts(p)}
