"""A project with a little of everything: the sample articles, a concept, three
annotators' spans with attributes, notes and a document label, a status, a reviewer's
decisions and gold, and undoable history."""

from __future__ import annotations

from annotator.services import adjudicate as ad
from annotator.services import annotate as an
from annotator.services import concepts
from annotator.services.importing import import_paths
from annotator.services.project import SEEDS

D1, D2 = "000_d2e00c955d6db165", "001_32d5df32ea7c4246"


def fill(project) -> None:
    import_paths(project, [SEEDS])
    concepts.create(project, "alice", "The election")
    for who in ("alice", "bob", "carol"):
        an.add_span(project, who, D1, 0, 5, "Word choice", attributes={"polarity": "negative"},
                    concept="the-election")
        an.add_span(project, who, D2, 6, 15, "Political")
    an.add_span(project, "alice", D1, 10, 20, "Loaded language", note="é — “quoted” 😀")
    an.set_doc_label(project, "bob", D1, "primary_frame", "Political")
    an.set_document_note(project, "carol", D2, "unsure")
    an.set_status(project, "alice", D1, "done")
    an.add_annotator(project, "dana", role="reviewer")
    ad.accept(project, "dana", D1, (0, 5, "Word choice"))
    ad.auto(project, "dana", "majority")


    an.add_span(project, "alice", D2, 20, 30, "Word choice")
    an.undo(project, "alice")  # the highest span id is free now, and redo would take it back
