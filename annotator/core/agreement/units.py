"""Who took part where, and the units the measures count: tokens and spans.

``build_study`` turns ``DocumentRecord``s into a ``Study``: plain numpy arrays that every
measure reads. The token reliability matrix (annotators × tokens) is kept run-length
encoded: a row stands for a run of consecutive tokens of one document on which every
annotator's category stays the same, and carries the run's length as its weight. Spans
are few and runs are about twice as many, so the measures touch runs, not tokens.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

import numpy as np

from ..model import DONE
from ..records import DocumentRecord
from .intervals import merge_overlapping, stride_for
from .tokens import Tokenizer

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
    texts: Iterable[str] | None = None,
) -> Study:
    """Units of the report on ``records``; see ``report.build_report`` for the filters.

    ``tick(n)`` is called as records are read (``n`` records at a time). ``texts``: the
    records' texts in their order, when the records do not carry them (one pass over
    each; no text is kept).
    """
    wanted = None if annotators is None else frozenset(annotators)
    wanted_labels = None if labels is None else frozenset(labels)
    kept_ids: list[str] = []
    lengths: list[int] = []
    tokens = Tokenizer()
    who: list[set[str]] = []
    # The spans as columns, annotators and labels numbered as first met (renumbered in
    # name order below): a million spans as tuples would weigh ten times as much.
    raw = {name: array("q") for name in ("doc", "annotator", "label", "start", "end")}
    first_met: dict[str, dict[str, int]] = {"annotator": {}, "label": {}}
    pending = 0
    pairs = ((r, r.text) for r in records) if texts is None else zip(records, texts, strict=True)
    for record, text in pairs:
        took = participants_of(record, wanted)
        pending += 1
        if tick is not None and pending == 256:
            tick(pending)
            pending = 0
        if not took:
            continue
        d = len(kept_ids)
        kept_ids.append(record.id)
        lengths.append(len(text))
        who.append(took)
        mine = [s for s in record.annotations
                if s.annotator in took and (wanted_labels is None or s.label in wanted_labels)]
        raw["doc"].extend([d] * len(mine))
        for key in ("annotator", "label"):
            codes = first_met[key]
            raw[key].extend(codes.setdefault(getattr(s, key), len(codes)) for s in mine)
        raw["start"].extend(s.start for s in mine)
        raw["end"].extend(s.end for s in mine)
        tokens.add(text, raw["start"][-len(mine):] if mine else (),
                   raw["end"][-len(mine):] if mine else ())
    if tick is not None and pending:
        tick(pending)

    names = tuple(sorted(set().union(*who)))
    unmatched = tuple(sorted(set(wanted) - set(names))) if wanted is not None else ()
    label_names = tuple(sorted(wanted_labels if wanted_labels is not None
                               else first_met["label"]))
    ann_index = {a: i for i, a in enumerate(names)}
    lab_index = {lab: i for i, lab in enumerate(label_names)}
    n_docs, n_ann, n_lab = len(kept_ids), len(names), len(label_names)

    participates = np.zeros((n_docs, n_ann), dtype=bool)
    for d, took in enumerate(who):
        participates[d, [ann_index[a] for a in took]] = True
    doc_length = np.array(lengths, dtype=np.int64)

    pointer, char_offset, t0, t1 = tokens.finish()
    del tokens
    doc_tokens = np.diff(pointer)

    column = {key: np.frombuffer(values, dtype=np.int64) for key, values in raw.items()}
    for key, index in (("annotator", ann_index), ("label", lab_index)):
        code = np.array([index[name] for name in first_met[key]], dtype=np.int64)
        column[key] = code[column[key]]
    spans, (t0, t1) = _exact_spans(
        column["doc"], column["annotator"], column["label"], column["start"], column["end"],
        t0, t1, doc_length, kept_ids, names)
    column.clear()
    raw.clear()
    support = np.bincount(spans.label, minlength=n_lab).astype(np.int64)
    merged = _merge_spans(spans, n_docs, n_lab)
    rows = _token_runs(spans, participates, n_lab, t0, t1, pointer)
    row_doc, row_weight, row_values, slot_annotator, slot_of, masks = rows
    code_labels = _mask_bits(masks, n_lab)
    strings = ["+".join(label_names[j] for j in np.flatnonzero(row)) or "O" for row in code_labels]
    categories = tuple(sorted(set(strings)))
    cat_index = {c: i for i, c in enumerate(categories)}
    code_category = np.array([cat_index[s] for s in strings], dtype=np.int64)

    return Study(
        annotators=names,
        labels=label_names,
        doc_ids=tuple(kept_ids),
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
    doc: np.ndarray,
    ann: np.ndarray,
    lab: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    t0: np.ndarray,
    t1: np.ndarray,
    doc_length: np.ndarray,
    doc_ids: list[str],
    names: tuple[str, ...],
) -> tuple[SpanTable, tuple[np.ndarray, np.ndarray]]:
    """Distinct spans (an exact duplicate is one span), sorted by annotator, document,
    label, start, end; and the tokens each covers, ``t0:t1`` (given per span as the
    other columns)."""
    n = len(doc)
    bad = np.flatnonzero((start < 0) | (end <= start) | (end > doc_length[doc]))
    if len(bad):
        i = int(bad[0])
        raise ValueError(
            f"document {doc_ids[doc[i]]!r}: span {start[i]}-{end[i]} of {names[ann[i]]!r} "
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
    return SpanTable(*(c[keep] for c in cols)), (t0[order][keep], t1[order][keep])


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
    t0: np.ndarray,
    t1: np.ndarray,
    pointer: np.ndarray,
) -> tuple[np.ndarray, ...]:
    """The run-length encoded token matrix (see ``Study``) from the tokens each span
    covers, ``t0[i]:t1[i]`` (numbered across documents; ``pointer`` as ``Study``'s)."""
    n_docs, n_ann = participates.shape
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
    bounds = np.searchsorted(grp, np.arange(n_ann + 1) * max(n_lab, 1))

    def cells(a: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Annotator ``a``'s runs, its slot there and its label masks (words × runs)."""
        lo, hi = bounds[a], bounds[a + 1]
        lab = grp[lo:hi] % max(n_lab, 1)
        bits = np.left_shift(np.int64(1), (lab % _BITS).astype(np.int64))
        diff = np.zeros((words, n_rows + 1), dtype=np.int64)
        np.add.at(diff, (lab // _BITS, np.searchsorted(cuts, t0[lo:hi])), bits)
        np.add.at(diff, (lab // _BITS, np.searchsorted(cuts, t1[lo:hi])), -bits)
        masks = np.cumsum(diff, axis=1)[:, :n_rows]
        rows = np.flatnonzero(participates[row_doc, a])
        return rows, slot_of[row_doc[rows], a], masks[:, rows]

    row_values = np.full((n_rows, width), -1, dtype=np.int64)
    if words == 1 and n_ann and n_rows:
        # One annotator at a time: the codes number the distinct masks of all of them in
        # order, as one np.unique over every cell would, without every cell at once.
        seen = [np.unique(cells(a)[2][0]) for a in range(n_ann)]
        unique = np.unique(np.concatenate(seen))
        del seen
        for a in range(n_ann):
            rows, cols, masks = cells(a)
            row_values[rows, cols] = np.searchsorted(unique, masks[0])
        return row_doc, row_weight, row_values, slot_annotator, slot_of, unique[None, :]
    cell_rows, cell_cols, cell_masks = [], [], []
    for a in range(n_ann):
        rows, cols, masks = cells(a)
        cell_rows.append(rows)
        cell_cols.append(cols)
        cell_masks.append(masks)
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
