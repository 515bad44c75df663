"""Who took part where, and the units the measures count: tokens and spans.

``build_study`` turns ``DocumentRecord``s into a ``Study``: plain numpy arrays that every
measure reads. The token reliability matrix (annotators × tokens) is kept run-length
encoded: a row stands for a run of consecutive tokens of one document on which every
annotator's category stays the same, and carries the run's length as its weight. Spans
are few and runs are about twice as many, so the measures touch runs, not tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

import numpy as np

from ..model import DONE, DocumentRecord
from .intervals import merge_overlapping, stride_for
from .tokens import token_bounds_many

# Labels per int64 word of a token's label set (bit 63 is the sign).
_BITS = 62


@dataclass(frozen=True, eq=False)
class SpanTable:
    """Spans as parallel int64 arrays: indices into ``Study.annotators`` / ``labels`` /
    documents, and code point offsets into the document's text."""

    annotator: np.ndarray
    doc: np.ndarray
    label: np.ndarray
    start: np.ndarray
    end: np.ndarray

    def __len__(self) -> int:
        return len(self.start)

    def take(self, index: np.ndarray) -> SpanTable:
        return SpanTable(
            self.annotator[index], self.doc[index], self.label[index],
            self.start[index], self.end[index],
        )  # fmt: skip


@dataclass(frozen=True, eq=False)
class Study:
    """The report's annotators, documents and labels, and their units.

    ``participates[d, a]``: annotator ``a`` took part in document ``d`` (status done or a
    span). Run ``i`` of the token matrix covers ``row_weight[i]`` tokens of document
    ``row_doc[i]``; ``row_values[i, s]`` is the code of the category given there by the
    annotator in slot ``s`` of that document (``slot_annotator[d, s]``), -1 past the
    document's participants. Code ``c`` means category ``categories[code_category[c]]``
    and holds the labels ``code_labels[c]``.
    """

    annotators: tuple[str, ...]
    labels: tuple[str, ...]
    doc_ids: tuple[str, ...]
    doc_length: np.ndarray
    doc_tokens: np.ndarray
    participates: np.ndarray
    spans: SpanTable
    merged: SpanTable
    support: np.ndarray
    row_doc: np.ndarray
    row_weight: np.ndarray
    row_values: np.ndarray
    slot_annotator: np.ndarray
    slot_of: np.ndarray
    code_category: np.ndarray
    code_labels: np.ndarray
    categories: tuple[str, ...]
    unmatched_annotators: tuple[str, ...] = ()

    @property
    def participants(self) -> np.ndarray:
        """Number of annotators who took part in each document."""
        return self.participates.sum(axis=1)

    @property
    def row_pointer(self) -> np.ndarray:
        """Runs of document ``d`` are ``row_pointer[d]:row_pointer[d + 1]``."""
        return np.searchsorted(self.row_doc, np.arange(len(self.doc_ids) + 1), side="left")


def participants_of(record: DocumentRecord, wanted: Collection[str] | None = None) -> set[str]:
    """Annotators who took part in a document: status done, or at least one span."""
    took = {name for name, status in record.status.items() if status == DONE}
    took.update(span.annotator for span in record.annotations)
    if wanted is not None:
        took &= set(wanted)
    return took


def build_study(
    records: Iterable[DocumentRecord],
    *,
    annotators: Collection[str] | None = None,
    labels: Collection[str] | None = None,
    tick: Callable[[int], None] | None = None,
) -> Study:
    """Units of the report on ``records``; see ``report.build_report`` for the filters.

    ``tick(n)`` is called as records are read (``n`` records at a time).
    """
    wanted = None if annotators is None else frozenset(annotators)
    wanted_labels = None if labels is None else frozenset(labels)
    kept: list[DocumentRecord] = []
    who: list[set[str]] = []
    raw: list[tuple[int, str, int, int, str]] = []
    pending = 0
    for record in records:
        took = participants_of(record, wanted)
        pending += 1
        if tick is not None and pending == 256:
            tick(pending)
            pending = 0
        if not took:
            continue
        d = len(kept)
        kept.append(record)
        who.append(took)
        raw.extend(
            (d, s.annotator, s.start, s.end, s.label)
            for s in record.annotations
            if s.annotator in took and (wanted_labels is None or s.label in wanted_labels)
        )
    if tick is not None and pending:
        tick(pending)

    names = tuple(sorted(set().union(*who)))
    unmatched = tuple(sorted(set(wanted) - set(names))) if wanted is not None else ()
    label_names = tuple(sorted(wanted_labels if wanted_labels is not None else {r[4] for r in raw}))
    ann_index = {a: i for i, a in enumerate(names)}
    lab_index = {lab: i for i, lab in enumerate(label_names)}
    n_docs, n_ann, n_lab = len(kept), len(names), len(label_names)

    participates = np.zeros((n_docs, n_ann), dtype=bool)
    for d, took in enumerate(who):
        participates[d, [ann_index[a] for a in took]] = True
    doc_length = np.fromiter((len(r.text) for r in kept), dtype=np.int64, count=n_docs)

    spans = _exact_spans(raw, ann_index, lab_index, doc_length, kept)
    support = np.bincount(spans.label, minlength=n_lab).astype(np.int64)
    merged = _merge_spans(spans, n_docs, n_lab)

    tok_start, tok_end, pointer, char_offset = token_bounds_many([r.text for r in kept])
    doc_tokens = np.diff(pointer)
    rows = _token_runs(spans, participates, n_lab, tok_start, tok_end, pointer, char_offset)
    row_doc, row_weight, row_values, slot_annotator, slot_of, masks = rows
    code_labels = _mask_bits(masks, n_lab)
    strings = ["+".join(label_names[j] for j in np.flatnonzero(row)) or "O" for row in code_labels]
    categories = tuple(sorted(set(strings)))
    cat_index = {c: i for i, c in enumerate(categories)}
    code_category = np.array([cat_index[s] for s in strings], dtype=np.int64)

    return Study(
        annotators=names,
        labels=label_names,
        doc_ids=tuple(r.id for r in kept),
        doc_length=doc_length,
        doc_tokens=doc_tokens,
        participates=participates,
        spans=spans,
        merged=merged,
        support=support,
        row_doc=row_doc,
        row_weight=row_weight,
        row_values=row_values,
        slot_annotator=slot_annotator,
        slot_of=slot_of,
        code_category=code_category,
        code_labels=code_labels,
        categories=categories,
        unmatched_annotators=unmatched,
    )


def _exact_spans(
    raw: list[tuple[int, str, int, int, str]],
    ann_index: dict[str, int],
    lab_index: dict[str, int],
    doc_length: np.ndarray,
    kept: list[DocumentRecord],
) -> SpanTable:
    """Distinct spans (an exact duplicate is one span), sorted by annotator, document,
    label, start, end."""
    n = len(raw)
    doc = np.fromiter((r[0] for r in raw), dtype=np.int64, count=n)
    ann = np.fromiter((ann_index[r[1]] for r in raw), dtype=np.int64, count=n)
    start = np.fromiter((r[2] for r in raw), dtype=np.int64, count=n)
    end = np.fromiter((r[3] for r in raw), dtype=np.int64, count=n)
    lab = np.fromiter((lab_index[r[4]] for r in raw), dtype=np.int64, count=n)
    bad = np.flatnonzero((start < 0) | (end <= start) | (end > doc_length[doc]))
    if len(bad):
        i = int(bad[0])
        raise ValueError(
            f"document {kept[doc[i]].id!r}: span {start[i]}-{end[i]} of {raw[i][1]!r} "
            f"is empty or outside the text (length {doc_length[doc[i]]})"
        )
    order = np.lexsort((end, start, lab, doc, ann))
    cols = [c[order] for c in (ann, doc, lab, start, end)]
    keep = np.ones(n, dtype=bool)
    if n > 1:
        same = np.ones(n - 1, dtype=bool)
        for c in cols:
            same &= c[1:] == c[:-1]
        keep[1:] = ~same
    return SpanTable(*(c[keep] for c in cols))


def _merge_spans(spans: SpanTable, n_docs: int, n_lab: int) -> SpanTable:
    """Each annotator's overlapping spans of one label in one document, merged."""
    group = (spans.annotator * max(n_docs, 1) + spans.doc) * max(n_lab, 1) + spans.label
    if len(group) and int(group.max()) * stride_for(spans.end) >= 2**62:
        raise OverflowError("too many annotators × documents × labels for int64 positions")
    g, start, end = merge_overlapping(group, spans.start, spans.end)
    label = g % max(n_lab, 1)
    rest = g // max(n_lab, 1)
    return SpanTable(rest // max(n_docs, 1), rest % max(n_docs, 1), label, start, end)


def _token_runs(
    spans: SpanTable,
    participates: np.ndarray,
    n_lab: int,
    tok_start: np.ndarray,
    tok_end: np.ndarray,
    pointer: np.ndarray,
    char_offset: np.ndarray,
) -> tuple[np.ndarray, ...]:
    """The run-length encoded token matrix; see ``Study``."""
    n_docs, n_ann = participates.shape
    # A span covers the tokens it shares a character with.
    g0 = spans.start + char_offset[spans.doc]
    g1 = spans.end + char_offset[spans.doc]
    t0 = np.searchsorted(tok_end, g0, side="right")
    t1 = np.searchsorted(tok_start, g1, side="left")
    hit = t1 > t0
    # Union per annotator and label, so that bit sums below are exact label sets.
    grp, t0, t1 = merge_overlapping(
        spans.annotator[hit] * max(n_lab, 1) + spans.label[hit], t0[hit], t1[hit]
    )
    cuts = np.unique(np.concatenate([pointer, t0, t1]))
    run_start = cuts[:-1]
    row_weight = np.diff(cuts)
    row_doc = np.searchsorted(pointer, run_start, side="right") - 1
    n_rows = len(run_start)

    slot_of = np.where(participates, np.cumsum(participates, axis=1) - 1, -1)
    width = int(participates.sum(axis=1).max()) if n_docs else 0
    slot_annotator = np.full((n_docs, width), -1, dtype=np.int64)
    d_idx, a_idx = np.nonzero(participates)
    slot_annotator[d_idx, slot_of[d_idx, a_idx]] = a_idx

    words = max(1, -(-n_lab // _BITS))
    cell_rows, cell_cols, cell_masks = [], [], []
    bounds = np.searchsorted(grp, np.arange(n_ann + 1) * max(n_lab, 1))
    for a in range(n_ann):
        lo, hi = bounds[a], bounds[a + 1]
        lab = grp[lo:hi] % max(n_lab, 1)
        bits = np.left_shift(np.int64(1), (lab % _BITS).astype(np.int64))
        diff = np.zeros((words, n_rows + 1), dtype=np.int64)
        np.add.at(diff, (lab // _BITS, np.searchsorted(cuts, t0[lo:hi])), bits)
        np.add.at(diff, (lab // _BITS, np.searchsorted(cuts, t1[lo:hi])), -bits)
        masks = np.cumsum(diff, axis=1)[:, :n_rows]
        rows = np.flatnonzero(participates[row_doc, a])
        cell_rows.append(rows)
        cell_cols.append(slot_of[row_doc[rows], a])
        cell_masks.append(masks[:, rows])
    row_values = np.full((n_rows, width), -1, dtype=np.int64)
    if cell_rows and n_rows:
        rows = np.concatenate(cell_rows)
        cols = np.concatenate(cell_cols)
        all_masks = np.concatenate(cell_masks, axis=1)
        if words == 1:
            unique, codes = np.unique(all_masks[0], return_inverse=True)
            unique = unique[None, :]
        else:
            unique_rows, codes = np.unique(all_masks.T, axis=0, return_inverse=True)
            unique = unique_rows.T
        row_values[rows, cols] = codes.ravel()
    else:
        unique = np.zeros((words, 0), dtype=np.int64)
    return row_doc, row_weight, row_values, slot_annotator, slot_of, unique


def _mask_bits(masks: np.ndarray, n_lab: int) -> np.ndarray:
    """Label membership (codes × labels) of words × codes bit masks."""
    shifts = np.arange(_BITS, dtype=np.int64)
    parts = [((word[:, None] >> shifts) & 1).astype(bool) for word in masks]
    bits = np.concatenate(parts, axis=1) if parts else np.zeros((0, 0), dtype=bool)
    return bits[:, :n_lab]
