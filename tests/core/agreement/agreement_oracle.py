"""A slow, literal reading of the agreement spec, to test the vectorised code against.

Everything here is written token by token and span by span, as the spec words it, and
shares no code with ``annotator.core.agreement``.
"""

from __future__ import annotations

from itertools import combinations

from annotator.core.model import DONE
from annotator.core.records import DocumentRecord
from annotator.core.text import TOKEN_RE


def participants(record: DocumentRecord, wanted=None) -> set[str]:
    out = {a for a, st in record.status.items() if st == DONE}
    out |= {s.annotator for s in record.annotations}
    if wanted is not None:
        out &= set(wanted)
    return out


class Oracle:
    def __init__(self, records, annotators=None, labels=None):
        self.docs = []  # (record, participants)
        for r in records:
            p = participants(r, annotators)
            if p:
                self.docs.append((r, p))
        self.annotators = sorted(set().union(*[p for _, p in self.docs]))
        self.label_filter = None if labels is None else set(labels)
        self.spans = {}  # doc index -> list of (annotator, start, end, label), distinct
        for d, (r, p) in enumerate(self.docs):
            keep = {
                (s.annotator, s.start, s.end, s.label)
                for s in r.annotations
                if s.annotator in p and (self.label_filter is None or s.label in self.label_filter)
            }
            self.spans[d] = sorted(keep)
        found = {s[3] for spans in self.spans.values() for s in spans}
        self.labels = sorted(self.label_filter if self.label_filter is not None else found)

    # ----- tokens
    def tokens(self, d):
        return [m.span() for m in TOKEN_RE.finditer(self.docs[d][0].text)]

    def category(self, d, annotator, tok, label=None):
        start, end = tok
        covering = {
            lab for a, s, e, lab in self.spans[d] if a == annotator and s < end and start < e
        }
        if label is not None:
            return label if label in covering else "O"
        return "+".join(sorted(covering)) if covering else "O"

    def matrix(self, label=None, docs=None, annotators=None):
        """Rows = tokens, columns = annotators; None where the annotator did not take part."""
        annotators = self.annotators if annotators is None else annotators
        rows = []
        for d, (_, p) in enumerate(self.docs):
            if docs is not None and d not in docs:
                continue
            for tok in self.tokens(d):
                rows.append(
                    [self.category(d, a, tok, label) if a in p else None for a in annotators]
                )
        return rows

    def full_docs(self):
        return {d for d, (_, p) in enumerate(self.docs) if p == set(self.annotators)}

    def shared_docs(self, a, b):
        return {d for d, (_, p) in enumerate(self.docs) if a in p and b in p}

    def pairs(self):
        return list(combinations(self.annotators, 2))

    def support(self, label):
        return sum(1 for spans in self.spans.values() for s in spans if s[3] == label)

    # ----- spans
    def exact(self, a, b, label=None):
        """(|A∩B|, |A|, |B|) on the shared documents."""
        shared = self.shared_docs(a, b)
        sa = {
            (d, s, e, lab)
            for d in shared
            for x, s, e, lab in self.spans[d]
            if x == a and (label is None or lab == label)
        }
        sb = {
            (d, s, e, lab)
            for d in shared
            for x, s, e, lab in self.spans[d]
            if x == b and (label is None or lab == label)
        }
        return len(sa & sb), len(sa), len(sb)

    def merged(self, d, annotator, label):
        spans = sorted((s, e) for a, s, e, lab in self.spans[d] if a == annotator and lab == label)
        out = []
        for s, e in spans:
            if out and s < out[-1][1]:
                out[-1][1] = max(out[-1][1], e)
            else:
                out.append([s, e])
        return [tuple(x) for x in out]

    def partial(self, a, b, label=None):
        """(Σ C(s,t,|s|), Σ C(s,t,|t|), |A|, |B|), micro over shared documents."""
        labels = self.labels if label is None else [label]
        p = r = na = nb = 0.0
        for d in self.shared_docs(a, b):
            for lab in labels:
                ma, mb = self.merged(d, a, lab), self.merged(d, b, lab)
                na += len(ma)
                nb += len(mb)
                for s1, e1 in ma:
                    for s2, e2 in mb:
                        inter = max(0, min(e1, e2) - max(s1, s2))
                        p += inter / (e1 - s1)
                        r += inter / (e2 - s2)
        return p, r, na, nb

    # ----- unitizing (a literal port of DKPro's KrippendorffAlphaUnitizingAgreement walk)
    def unitizing(self, label=None):
        labels = self.labels if label is None else [label]
        do = de = 0.0
        for d, (r, p) in enumerate(self.docs):
            if len(p) < 2 or len(r.text) == 0:
                continue
            raters = sorted(p)
            for lab in labels:
                units = {a: self.merged(d, a, lab) for a in raters}
                o, e = dkpro_category(units, raters, len(r.text))
                do += o
                de += e
        return do, de


def _segments(units, length):
    """A rater's continuum as (offset, length, is_unit) pieces, gaps included."""
    out, pos = [], 0
    for s, e in units:
        if s > pos:
            out.append((pos, s - pos, False))
        out.append((s, e - s, True))
        pos = e
    if pos < length:
        out.append((pos, length - pos, False))
    return out


def _delta(o1, l1, c1, o2, l2, c2):
    begin_diff, length_diff = o1 - o2, l1 - l2
    if c1 and c2 and -l1 < begin_diff < l2:
        return begin_diff**2 + (begin_diff + length_diff) ** 2
    if c1 and not c2 and -length_diff >= begin_diff >= 0:
        return l1 * l1
    if not c1 and c2 and -length_diff <= begin_diff <= 0:
        return l2 * l2
    return 0.0


def dkpro_category(units, raters, length):
    """(D_o, D_e) of one category on one continuum [0, length) (DKPro's formulas)."""
    big_r = len(raters)
    observed = 0.0
    for r1, r2 in combinations(raters, 2):
        for o1, l1, c1 in _segments(units[r1], length):
            for o2, l2, c2 in _segments(units[r2], length):
                if o1 < o2 + l2 and o2 < o1 + l1:  # the walk visits intersecting pieces
                    observed += _delta(o1, l1, c1, o2, l2, c2)
    observed = observed * 2.0 / (big_r * (big_r - 1) * length * length)
    every = [(s, e) for a in raters for s, e in units[a]]
    n_c = len(every)
    squared = sum((e - s) * (e - s - 1) for s, e in every)
    gaps = [g for a in raters for o, g, c in _segments(units[a], length) if not c]
    total = 0.0
    for s, e in every:
        ln = e - s
        total += (n_c - 1) * (2 * ln**3 - 3 * ln**2 + ln) / 3.0
        total += ln * ln * sum(g - ln + 1 for g in gaps if g >= ln)
    expected = total * 2.0 / length / (big_r * length * (big_r * length - 1) - squared)
    return observed, expected
