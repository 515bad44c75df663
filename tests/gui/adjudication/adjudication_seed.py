"""Three annotators on the sample corpus, with agreement and disagreement of every kind:
for the adjudication view's tests and its screenshot."""

from __future__ import annotations

from annotator.services import annotate
from annotator.services.layer import read_document

D0, D1, D2, D3, D4 = ("000_d2e00c955d6db165", "001_32d5df32ea7c4246", "002_3c10f19e7635cd43",
                      "003_940de6414bf24cb7", "004_be22123d1ed1708f")
WC, LL, ATT = "Word choice", "Loaded language", "Attribution"
ECO, POL = "Economic", "Political"
NEG, NEU = {"polarity": "negative"}, {"polarity": "neutral"}

# (document, phrase, label, {annotator: attributes}, note-by-annotator)
MARKS = [
    (D0, "according to the Interfax news agency", ATT, {"alice": NEU, "bob": NEU, "carol": NEU}),
    (D0, "re-election", WC, {"alice": NEU, "bob": NEU, "carol": NEU}),
    (D0, "crucial economic lifeline", LL, {"alice": NEG, "bob": NEG}),
    (D0, "economic lifeline", LL, {"carol": NEU}),
    (D0, "China has emerged as a crucial economic lifeline for Russia since the West imposed "
         "unprecedented sanctions over Moscow's military offensive in Ukraine.", ECO,
     {"alice": {}, "carol": {}}),
    (D0, "China has emerged as a crucial economic lifeline for Russia since the West imposed "
         "unprecedented sanctions over Moscow's military offensive in Ukraine.", POL, {"bob": {}}),
    (D0, "unprecedented sanctions", LL, {"alice": NEG}),
    (D0, "military offensive", WC, {"bob": NEG, "carol": NEG}),
    (D0, "increased anxiety", LL, {"alice": NEG, "bob": NEG, "carol": {}}),
    (D1, "sham election", WC, {"alice": NEG, "bob": NEG, "carol": NEG}),
    (D1, "insignificant rivals", LL, {"alice": NEG, "bob": NEG}),
    (D1, "three insignificant rivals", LL, {"carol": NEG}),
    (D1, "Chinese regime", WC, {"alice": NEG, "carol": NEG}),
    (D1, "According to a recent U.S. assessment", ATT, {"alice": {}, "bob": {}, "carol": {}}),
    (D1, "invasion", WC, {"bob": NEG}),
    (D2, "Political Relief", WC, {"alice": {}, "bob": {}}),
    (D2, "projecting a united front", LL, {"alice": NEG}),
    (D2, "stifled criticism", LL, {"alice": NEG, "bob": NEG}),
    (D3, "an election that provided voters with little real choice", WC,
     {"alice": NEG, "bob": NEG, "carol": NEG}),
    (D3, "no real opposition", LL, {"alice": NEG, "bob": NEG}),
    (D3, "extending his 24-year rule", POL, {"alice": {}}),
    (D4, "grand welcoming ceremony", LL, {"alice": {}}),
    (D4, "enduring bond", LL, {"alice": {}}),
]
NOTES = {(D1, "sham election", "alice"): "quoting Western governments, not the outlet's voice"}
DONE = {D0: ("alice", "bob", "carol"), D1: ("alice", "bob", "carol"), D2: ("alice", "bob"),
        D3: ("alice", "bob", "carol")}


def seed_reviews(project, reviewer: str = "dana") -> None:
    texts: dict[str, str] = {}
    for doc, phrase, label, who in MARKS:
        text = texts.get(doc) or texts.setdefault(doc, read_document(project, doc, None)
                                                  .document.text)
        start = text.index(phrase)
        for name, attrs in who.items():
            annotate.add_span(project, name, doc, start, start + len(phrase), label, attrs,
                              note=NOTES.get((doc, phrase, name)))
    for doc, names in DONE.items():
        for name in names:
            annotate.set_status(project, name, doc, "done")
    annotate.add_annotator(project, reviewer, role="reviewer")


def shown(qtbot, view, doc_id) -> None:
    """The view reads a document off the GUI thread: wait until it shows this one."""
    qtbot.waitUntil(lambda: not view.is_loading() and view.current_document() == doc_id)
