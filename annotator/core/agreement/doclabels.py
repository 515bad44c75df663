"""Document labels: nominal alpha per name, documents as units."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from ..records import DocumentRecord
from .alpha import nominal_alpha
from .errors import Undefined


@dataclass(frozen=True)
class DocLabelAgreement:
    name: str
    alpha: float | None
    reason: str | None
    units: int  # documents with at least two values


def doc_label_agreement(
    records: Sequence[DocumentRecord], annotators: Collection[str] | None = None
) -> list[DocLabelAgreement]:
    """Per doc-label name (sorted): alpha over documents × the annotators who gave it a
    value. Several values from one annotator (which the interchange forbids) count as
    one value: the distinct values, sorted and joined with ``+``."""
    wanted = None if annotators is None else set(annotators)
    per_name: dict[str, list[dict[str, set[str]]]] = {}
    for d, record in enumerate(records):
        for label in record.doc_labels:
            if wanted is not None and label.annotator not in wanted:
                continue
            docs = per_name.get(label.name)
            if docs is None:  # not setdefault: its default would be built for every label
                docs = per_name[label.name] = [{} for _ in records]
            docs[d].setdefault(label.annotator, set()).add(label.value)
    out = []
    for name in sorted(per_name):
        docs = per_name[name]
        raters = sorted({a for given in docs for a in given})
        index = {a: i for i, a in enumerate(raters)}
        values = sorted({"+".join(sorted(v)) for given in docs for v in given.values()})
        code = {v: i for i, v in enumerate(values)}
        table = np.full((len(docs), len(raters)), -1, dtype=np.int64)
        for d, given in enumerate(docs):
            for who, vals in given.items():
                table[d, index[who]] = code["+".join(sorted(vals))]
        units = int(((table >= 0).sum(axis=1) >= 2).sum())
        try:
            out.append(DocLabelAgreement(name, nominal_alpha(table), None, units))
        except Undefined as e:
            out.append(DocLabelAgreement(name, None, e.reason, units))
    return out
