"""The sample corpus as three annotators (alice, bob, carol) marked it, with agreement and
every kind of disagreement, and a reviewer (dana) whose work must not count: for the
agreement service, command and view tests, the screenshot and the example report."""

from __future__ import annotations

from annotator.services import annotate
from annotator.services.layer import read_document

D0, D1, D2, D3, D4 = ("000_d2e00c955d6db165", "001_32d5df32ea7c4246", "002_3c10f19e7635cd43",
                      "003_940de6414bf24cb7", "004_be22123d1ed1708f")
WC, LL, ATT, ECO, POL = "Word choice", "Loaded language", "Attribution", "Economic", "Political"

# (document, phrase, label, who marked it exactly so)
MARKS = [
    (D0, "according to the Interfax news agency", ATT, ("alice", "bob", "carol")),
    (D0, "re-election", WC, ("alice", "bob", "carol")),
    (D0, "increased anxiety", LL, ("alice", "bob")),
    (D0, "growing reliance on China", ECO, ("alice", "carol")),
    (D0, "strengthening partnership", LL, ("bob",)),
    (D1, "sham election", WC, ("alice", "bob", "carol")),
    (D1, "insignificant rivals", LL, ("alice", "bob")),
    (D1, "three insignificant rivals", LL, ("carol",)),  # boundaries, not the span
    (D1, "According to a recent U.S. assessment", ATT, ("alice", "bob", "carol")),
    (D1, "invasion", WC, ("bob", "carol")),
    (D1, "robust economic connections", ECO, ("alice",)),
    (D2, "Political Relief", WC, ("alice", "bob")),
    (D2, "few remaining major allies", LL, ("alice", "carol")),
    (D2, "push back against the West", POL, ("bob",)),
    (D3, "little real choice", WC, ("alice", "bob", "carol")),
    (D3, "no real opposition", LL, ("alice", "bob")),
    (D3, "extending his 24-year rule", POL, ("alice", "carol")),
    (D3, "According to a recent US assessment", ATT, ("alice", "bob", "carol")),
    (D4, "grand welcoming ceremony", LL, ("alice",)),
    (D4, "unprecedented Western sanctions", ECO, ("alice", "bob")),
]
DONE = {D0: ("alice", "bob", "carol"), D1: ("alice", "bob", "carol"), D2: ("alice", "bob"),
        D3: ("alice", "bob", "carol"), D4: ("alice", "bob")}
FRAMES = {(D0, "alice"): "Economic", (D0, "bob"): "Political", (D0, "carol"): "Economic",
          (D1, "alice"): "Political", (D1, "bob"): "Political", (D1, "carol"): "Political",
          (D3, "alice"): "Political", (D3, "bob"): "Political"}
REVIEWER = "dana"


def place(project, doc: str, phrase: str) -> tuple[int, int]:
    text = read_document(project, doc, None).document.text
    start = text.index(phrase)
    return start, start + len(phrase)


def seed(project, *, reviewer: bool = True) -> None:
    """Seed the sample project (``seeded_project``); with ``reviewer``, dana marks a span
    and finishes documents, as a reviewer checking the work might."""
    for doc, phrase, label, who in MARKS:
        start, end = place(project, doc, phrase)
        for name in who:
            annotate.add_span(project, name, doc, start, end, label)
    for doc, names in DONE.items():
        for name in names:
            annotate.set_status(project, name, doc, "done")
    for (doc, name), frame in FRAMES.items():
        annotate.set_doc_label(project, name, doc, "primary_frame", frame)
    if reviewer:
        annotate.add_annotator(project, REVIEWER, role="reviewer")
        start, end = place(project, D2, "Political Relief")
        annotate.add_span(project, REVIEWER, D2, start, end, LL)
        annotate.set_doc_label(project, REVIEWER, D2, "primary_frame", "Economic")
        for doc in (D0, D1, D2, D3, D4):
            annotate.set_status(project, REVIEWER, doc, "done")


# What the annotators said about the spans they marked: (document, phrase, label) →
# {annotator: attributes}. Polarity is a scale (negative / neutral / positive).
ATTRIBUTES = {
    (D0, "re-election", WC): {"alice": {"polarity": "neutral"}, "bob": {"polarity": "positive"},
                              "carol": {"polarity": "neutral"}},
    (D1, "sham election", WC): {
        "alice": {"polarity": "negative", "neutral_alternative": "election"},
        "bob": {"polarity": "negative", "neutral_alternative": "Election "},
        "carol": {"polarity": "neutral", "neutral_alternative": "vote"}},
    (D1, "insignificant rivals", LL): {"alice": {"polarity": "negative"},
                                       "bob": {"polarity": "negative"}},
    (D2, "Political Relief", WC): {"alice": {"polarity": "positive"},
                                   "bob": {"polarity": "neutral"}},
    (D3, "little real choice", WC): {"alice": {"polarity": "negative"},
                                     "bob": {"polarity": "negative"},
                                     "carol": {"polarity": "negative"}},
    (D0, "according to the Interfax news agency", ATT): {
        "alice": {"quote": "no", "speaker": "Interfax"},
        "bob": {"quote": "no", "speaker": "interfax"},
        "carol": {"quote": "yes", "speaker": "Kremlin"}},
}
TONE = {(D0, "alice"): "negative", (D0, "bob"): "neutral", (D0, "carol"): "negative",
        (D1, "alice"): "negative", (D1, "bob"): "negative", (D1, "carol"): "neutral",
        (D3, "alice"): "negative", (D3, "bob"): "positive"}
ADJUDICATED = (D0, D1)  # the reviewer accepts what two of three marked, rejects the rest


def seed_revision(project) -> None:
    """After ``seed``: attributes on some spans, the tone of some documents, and two
    documents adjudicated by the reviewer (majority accepted, the rest rejected)."""
    from annotator.services import adjudicate
    from annotator.store.corpus_rows import load_records

    with project.store.read() as conn:
        records = {r.id: r for r in load_records(conn)}
    for (doc, phrase, label), given in ATTRIBUTES.items():
        start, end = place(project, doc, phrase)
        for s in records[doc].annotations:
            if (s.start, s.end, s.label) == (start, end, label) and s.annotator in given:
                annotate.update_span(project, s.annotator, s.id,
                                     attributes=given[s.annotator])
    for (doc, name), tone in TONE.items():
        annotate.set_doc_label(project, name, doc, "tone", tone)
    for doc, phrase, label, who in MARKS:
        if doc in ADJUDICATED and len(who) >= 2:
            adjudicate.accept(project, REVIEWER, doc, (*place(project, doc, phrase), label))
    for doc in ADJUDICATED:
        adjudicate.finish_document(project, REVIEWER, doc)
