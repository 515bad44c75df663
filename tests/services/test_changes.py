"""What a service call changed (services.changes), as the views use it: the kinds of rows,
the documents, whose work, the rows written; combined across calls."""

from __future__ import annotations

from annotator.services import annotate as an
from annotator.services.changes import DOC_LABELS, NOTHING, OWN_WORK, SPANS, STATUSES, Changes

D1, D2 = "000_d2e00c955d6db165", "001_32d5df32ea7c4246"


def test_a_services_changes_name_what_it_wrote(seeded_project):
    p = seeded_project
    an.add_span(p, "alice", D2, 0, 5, "Political")  # her first: she joins the annotators
    added = an.add_span(p, "alice", D1, 0, 5, "Word choice")
    assert isinstance(added, Changes) and added
    assert added.tables == {SPANS} and added.documents == {D1}
    assert added.annotators == {"alice"} and len(added.span_ids) == 1
    assert added.touches(SPANS, D1) and not added.touches(SPANS, D2)
    assert "Word choice" in added.description
    status = an.set_status(p, "alice", D2, "done")
    both = added | status
    assert both.tables == {SPANS, STATUSES} and both.documents == {D1, D2}
    assert both.span_ids == added.span_ids and both.tables <= OWN_WORK
    assert not both.touches(DOC_LABELS)
    assert (both | NOTHING) == both and (NOTHING | both) == both
    assert an.set_status(p, "alice", D2, "done") == NOTHING  # already so: nothing changed
    assert not NOTHING
