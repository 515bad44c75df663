"""Changes (core.changes): what views read from a service's result."""

from annotator.core.changes import DOCUMENTS, GOLD, NOTHING, SPANS, Changes


def test_touches_and_truth():
    c = Changes(frozenset({SPANS}), frozenset({"d1"}), (3,), annotators=frozenset({"alice"}))
    assert c and c.touches(SPANS) and c.touches(SPANS, "d1")
    assert not c.touches(SPANS, "d2") and not c.touches(GOLD)
    assert not NOTHING and not Changes(documents=frozenset({"d1"}))


def test_two_changes_together():
    a = Changes(frozenset({SPANS}), frozenset({"d1"}), (1, 2), (), frozenset({"alice"}), "Add")
    b = Changes(frozenset({GOLD, DOCUMENTS}), frozenset({"d2"}), (2, 5), (9,),
                frozenset({"bob"}), "", complete=False)
    both = a | b
    assert both.tables == {SPANS, GOLD, DOCUMENTS} and both.documents == {"d1", "d2"}
    assert both.span_ids == (1, 2, 5) and both.gold_ids == (9,)
    assert both.annotators == {"alice", "bob"} and both.description == "Add"
    assert not both.complete
    assert a | NOTHING == a and NOTHING | b == b
