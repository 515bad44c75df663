"""How good suggestions are, before anyone trusts them: precision, recall and F1 per label
of predicted spans against the reference spans of held-out documents.

A predicted span is right when a reference span has the same document, start, end and
label (exact match, as seqeval and conlleval count entities). A value the data leave
undefined (no predicted span of a label: precision; no reference span: recall) is None,
never a made-up 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Key = tuple[str, int, int, str]  # (document, start, end, label)


@dataclass(frozen=True)
class Scores:
    precision: float | None
    recall: float | None
    f1: float | None
    support: int  # reference spans
    predicted: int
    correct: int

    def as_json(self) -> dict[str, object]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "support": self.support, "predicted": self.predicted,
                "correct": self.correct}

    @classmethod
    def from_json(cls, obj: dict) -> Scores:
        return cls(obj.get("precision"), obj.get("recall"), obj.get("f1"),
                   int(obj.get("support", 0)), int(obj.get("predicted", 0)),
                   int(obj.get("correct", 0)))


def scores(correct: int, predicted: int, support: int) -> Scores:
    p = correct / predicted if predicted else None
    r = correct / support if support else None
    f = None
    if predicted + support:
        f = 2 * correct / (predicted + support)
    return Scores(p, r, f, support, predicted, correct)


def evaluate(reference: Iterable[Key], predicted: Iterable[Key],
             labels: Sequence[str] = ()) -> tuple[Scores, dict[str, Scores]]:
    """Micro-averaged scores over all labels, and each label's (every label given in
    `labels` or seen on either side, in that order)."""
    ref, pred = set(reference), set(predicted)
    hit = ref & pred
    names = list(dict.fromkeys([*labels, *sorted({k[3] for k in ref | pred})]))
    per = {}
    for name in names:
        per[name] = scores(sum(1 for k in hit if k[3] == name),
                           sum(1 for k in pred if k[3] == name),
                           sum(1 for k in ref if k[3] == name))
    return scores(len(hit), len(pred), len(ref)), per
