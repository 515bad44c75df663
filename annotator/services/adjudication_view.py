"""What adjudication views read: a document's candidates with their states, the
per-document disagreement summary for the document list, annotators' verdicts on their
own spans, and the decision log (with its CSV export).

Reviewer-only reads check the role (blind rules): an annotator never sees others' spans
through them. `judgements` is the annotators' read and returns only their own spans.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from annotator.core import adjudication as adj
from annotator.core import spreadsheet
from annotator.core.gold import GoldSpan
from annotator.core.model import Document, Span, SpanRows, span_rows
from annotator.services import output
from annotator.services.project import Project
from annotator.store.adjudication_rows import (
    decisions_of,
    documents_done_by,
    load,
    load_shown,
    review_of,
)
from annotator.store.annotator_rows import is_reviewer, reviewer_id
from annotator.store.corpus_rows import load_records
from annotator.store.lookups import doc_pks


class CandidateRow(NamedTuple):
    """A candidate as the adjudication view lists it (a tuple, as `adj.Candidate`: one
    for each of a document's candidates, made at each read)."""

    candidate: adj.Candidate
    state: str  # open | accepted | edited | rejected
    decision: adj.Decision | None
    gold: GoldSpan | None
    text: str  # the text it covers

    @property
    def key(self) -> adj.Key:
        return self.candidate.key


@dataclass(frozen=True)
class Adjudication:
    """One document for the reviewer: text, gold, candidates, every annotator's layer."""

    document: Document
    participants: tuple[str, ...]
    # the annotators' spans in the order read (not compared: the candidates hold them);
    # SpanRows: the Spans are made when the layers are first shown
    spans: Sequence[Span] = field(compare=False)
    candidates: tuple[CandidateRow, ...]
    gold: tuple[GoldSpan, ...]
    decisions: tuple[adj.Decision, ...]
    summary: adj.Summary
    analysis: adj.DocumentCandidates
    statuses: Mapping[str, str] = field(default_factory=dict)  # annotator -> status
    # made from the Adjudication read before by `reviewed`: the candidates whose state it
    # changed (None: read whole). Not part of what it holds, so not compared.
    revised: frozenset[adj.Key] | None = field(default=None, compare=False)

    @cached_property
    def layers(self) -> dict[str, tuple[Span, ...]]:
        """Each participant's spans in text order (made when first shown)."""
        layers: dict[str, list[Span]] = {name: [] for name in self.participants}
        for s in sorted(self.spans, key=lambda s: (s.start, s.end, s.label)):
            layers.setdefault(s.annotator, []).append(s)
        return {k: tuple(v) for k, v in layers.items()}

    @cached_property
    def positions(self) -> dict[adj.Key, int]:
        """Where each candidate stands in `candidates`."""
        return {r.candidate.key: i for i, r in enumerate(self.candidates)}

    def row(self, key: adj.Key) -> CandidateRow | None:
        at = self.positions.get(tuple(key))
        return None if at is None else self.candidates[at]

    def place(self, key: adj.Key) -> tuple[CandidateRow, ...]:
        """The candidates "reject all here" would reject with this one."""
        keys = {c.key for c in self.analysis.alternatives(key)}
        return tuple(r for r in self.candidates if r.key in keys)


def can_review(project: Project, name: str) -> bool:
    """Whether `name` has the reviewer role (the view and reviewer mode need it)."""
    with project.store.read() as conn:
        return is_reviewer(conn, name)


def open_adjudication(project: Project, reviewer: str, doc_id: str,
                      text: str | None = None) -> Adjudication:
    """The document as the adjudication view shows it; `text`, its text when the caller
    has just read it, is not read again."""
    with project.store.read() as conn:
        reviewer_id(conn, reviewer)
        loaded = load_shown(conn, project.codebook_in(conn), doc_id, text)
    rec = loaded.record
    return _assemble(rec.document, loaded.candidates, rec.annotations, rec.gold,
                     loaded.decisions, dict(rec.status), loaded.states)


def reviewed(project: Project, reviewer: str, shown: Adjudication) -> Adjudication:
    """`shown` after reviewers' actions on it: only its gold and decisions are read
    again. The candidates stand on the annotators' spans, which those actions leave
    alone, so a decision costs a few rows, not the whole document; only the candidates
    whose decisions or gold changed are worked out again (`revised` names them)."""
    with project.store.read() as conn:
        reviewer_id(conn, reviewer)
        gold, decisions = review_of(conn, shown.document.id)
    return revise(shown, gold, decisions)


def revise(shown: Adjudication, gold: Sequence[GoldSpan],
           decisions: tuple[adj.Decision, ...]) -> Adjudication:
    """`shown` with this gold and these decisions: the states of the candidates they
    touch are worked out again, the others kept."""
    touched = _touched(shown, gold, decisions)
    cands = shown.analysis
    sub = adj.DocumentCandidates(cands.doc_id, cands.participants,
                                 tuple(cands.by_key[k] for k in touched))
    states = adj.candidate_states(sub, decisions, gold)
    rows = list(shown.candidates)
    at = shown.positions
    opened = 0
    for key in touched:
        old = rows[at[key]]
        st = states[key]
        opened += (st.state == adj.OPEN) - (old.state == adj.OPEN)
        rows[at[key]] = CandidateRow(old.candidate, st.state, st.decision, st.gold, old.text)
    still_open = shown.summary.open + opened
    summary = replace(shown.summary, open=still_open, gold=len(gold),
                      adjudicated=bool(cands.participants) and still_open == 0)
    revised = Adjudication(shown.document, shown.participants, shown.spans, tuple(rows),
                           tuple(sorted(gold, key=lambda g: (g.start, g.end, g.label))),
                           decisions, summary, cands, shown.statuses, frozenset(touched))
    revised.__dict__["positions"] = at  # the same candidates in the same places
    if "layers" in shown.__dict__:  # and the same spans
        revised.__dict__["layers"] = shown.layers
    return revised


def _touched(shown: Adjudication, gold: Sequence[GoldSpan],
             decisions: tuple[adj.Decision, ...]) -> list[adj.Key]:
    """The candidates whose state may differ between `shown` and this gold and these
    decisions: a state stands on the newest decision at the candidate's place, the gold
    span at its place and the gold span its edit made."""
    before = {d.id: d for d in shown.decisions}
    after = {d.id: d for d in decisions}
    keys = {d.key for i, d in before.items() if after.get(i) != d}
    keys.update(d.key for i, d in after.items() if before.get(i) != d)
    old_gold = {g.id: g for g in shown.gold}
    new_gold = {g.id: g for g in gold}
    moved = {i for i in old_gold.keys() | new_gold.keys() if old_gold.get(i) != new_gold.get(i)}
    for i in moved:
        keys.update(g.key for g in (old_gold.get(i), new_gold.get(i)) if g is not None)
    if moved:
        keys.update(d.key for d in (*shown.decisions, *decisions) if d.gold_span_id in moved)
    by_key = shown.analysis.by_key
    return sorted(k for k in keys if k in by_key)


_key = adj.Candidate.key.fget


def _assemble(document: Document, cands: adj.DocumentCandidates,
              spans: Sequence[Span], gold: Sequence[GoldSpan],
              decisions: tuple[adj.Decision, ...], statuses: Mapping[str, str],
              states: Mapping[adj.Key, adj.CandidateState] | None = None) -> Adjudication:
    if states is None:
        states = adj.candidate_states(cands, decisions, gold)
    text = document.text
    new = tuple.__new__  # CandidateRow(...) is a Python call per candidate
    rows = tuple([new(CandidateRow, (c, st.state, st.decision, st.gold, text[c.start:c.end]))
                  for c, st in zip(cands.candidates, map(states.__getitem__,
                                                          map(_key, cands.candidates)),
                                   strict=True)])
    return Adjudication(document, cands.participants, spans, rows,
                        tuple(sorted(gold, key=lambda g: (g.start, g.end, g.label))),
                        decisions, adj.summarise(cands, states, len(gold)), cands,
                        statuses)


SUMMARY_BATCH = 500  # documents read at a time when some are left out


def summaries(project: Project, reviewer: str, doc_ids: Sequence[str] | None = None,
              known: Mapping[str, adj.Summary] | None = None) -> dict[str, adj.Summary]:
    """Disagreement at a glance for each document (in import order), for the list.
    `known` holds summaries the caller has made already (the document on show): those
    documents are not read again, and come back as given."""
    with project.store.read() as conn:
        reviewer_id(conn, reviewer)
        codebook = project.codebook_in(conn)
        if not known:
            return {d.doc_id: _summary(d) for d in load(conn, codebook, doc_ids)}
        order = list(doc_pks(conn, doc_ids))
        wanted = [i for i in order if i not in known]
        got = {}
        for at in range(0, len(wanted), SUMMARY_BATCH):
            got.update((d.doc_id, _summary(d))
                       for d in load(conn, codebook, wanted[at:at + SUMMARY_BATCH]))
    return {i: known[i] if i in known else got[i] for i in order}


def _summary(loaded) -> adj.Summary:
    return adj.summarise(loaded.candidates, loaded.states, len(loaded.record.gold))


@dataclass(frozen=True)
class DocumentJudgements:
    doc_id: str
    judgements: tuple[adj.Judgement, ...]

    def count(self, verdict: str) -> int:
        return sum(1 for j in self.judgements if j.verdict == verdict)


def judgements(project: Project, annotator: str, doc_ids: Sequence[str] | None = None
               ) -> list[DocumentJudgements]:
    """How the annotator's own spans were judged, on the documents they marked done.

    Until then nothing comes back: seeing the gold while still annotating would steer
    the annotator. Other annotators' spans never come back.
    """
    with project.store.read() as conn:
        done = documents_done_by(conn, annotator)
        if not done:
            return []
        pks = {i: pk for i, pk in doc_pks(conn, doc_ids).items() if pk in done}
        if not pks:
            return []
        docs = load(conn, project.codebook_in(conn), list(pks))
    out = []
    for d in docs:
        own = SpanRows(tuple(r for r in span_rows(d.record.annotations) if r[0] == annotator))
        out.append(DocumentJudgements(d.doc_id, tuple(adj.judge(own, d.candidates,
                                                                 d.states))))
    return out


# ---------------------------------------------------------------- the decision log

CSV_COLUMNS = ("document", "at", "reviewer", "decision", "start", "end", "label", "text",
               "annotators", "gold_start", "gold_end", "gold_label", "details")


@dataclass(frozen=True)
class LoggedDecision:
    doc_id: str
    decision: adj.Decision
    text: str  # the text the decision's place covers
    gold: tuple[int, int, str] | None  # where the gold span it made stands, if it still does


def decision_log(project: Project, doc_ids: Sequence[str] | None = None
                 ) -> list[LoggedDecision]:
    """Every decision, document by document (import order), oldest first."""
    with project.store.read() as conn:
        pks = doc_pks(conn, doc_ids)
        by_doc = decisions_of(conn, list(pks.values()))
        wanted = [i for i, pk in pks.items() if by_doc.get(pk)]
        records = {r.id: r for r in load_records(conn, wanted)} if wanted else {}
    out = []
    for doc_id in wanted:
        rec = records[doc_id]
        gold = {g.id: g.key for g in rec.gold}
        for d in by_doc[pks[doc_id]]:
            out.append(LoggedDecision(doc_id, d, rec.text[d.start:d.end],
                                      gold.get(d.gold_span_id)))
    return out


def write_decisions_csv(project: Project, path: str | os.PathLike,
                        doc_ids: Sequence[str] | None = None) -> int:
    """The decision log as CSV (UTF-8, one row per decision, cells by the project's CSV
    rule), written atomically (services/output.py); returns the row count."""
    output.check(path, project=project.target)
    log = decision_log(project, doc_ids)

    def fill(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            out = spreadsheet.writer(fh)
            out.writerow(CSV_COLUMNS)
            for e in log:
                d = e.decision
                out.writerow([e.doc_id, d.at, d.reviewer, d.kind, d.start, d.end,
                              d.label, e.text, ";".join(d.annotators),
                              *(e.gold or (None, None, None)),
                              json.dumps(dict(d.details), ensure_ascii=False, sort_keys=True)
                              if d.details else None])

    output.write(path, fill, project=project.target)
    return len(log)
