"""What a reviewer does: accept, reject, reject all at a place, accept with an edit, add or
remove gold, finish a document, the automatic policies; undo and redo.

Each call is one transaction and one undoable action of the reviewer: the rows of
`decisions` and the gold changes are logged together, so undo takes back both. Only an
identity with the reviewer role may call these (InputError otherwise). What the decisions
mean for each candidate is in core/adjudication.py; the choices are in docs/adjudication.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from annotator.core import adjudication as adj
from annotator.core.errors import InputError
from annotator.core.gold import GoldSpan
from annotator.core.span_checks import attribute_problem, check_offsets
from annotator.services import annotate
from annotator.services.changes import NOTHING, Changes
from annotator.services.progress import Progress, no_progress
from annotator.services.project import Project
from annotator.store import gold_rows, history
from annotator.store.adjudication_rows import Loaded, load, load_near, load_one
from annotator.store.annotator_rows import reviewer_id
from annotator.store.codebook_rows import concept_pk
from annotator.store.lookups import doc_pks

CandidateRef = adj.Candidate | Sequence  # a Candidate or its (start, end, label)
AUTO_BATCH = 500  # documents an automatic run reads and decides at a time


_UNSET = object()


def _key(ref: CandidateRef) -> adj.Key:
    if isinstance(ref, adj.Candidate):
        return ref.key
    start, end, label = ref
    return (int(start), int(end), str(label))


def _where(key: adj.Key) -> str:
    return f"{key[2]!r} {key[0]}–{key[1]}"


class _Work:
    """One reviewer action: the document as it is inside the writing transaction, and the
    rows it changes, logged together as one undoable action."""

    def __init__(self, project: Project, conn, reviewer: str):
        self.project = project
        self.conn = conn
        self.reviewer = reviewer
        self.rid = reviewer_id(conn, reviewer)
        self.codebook = project.codebook_in(conn)
        self.at = history.now()

    def reload(self, doc_id: str, keys: Sequence[adj.Key] | None = None) -> Loaded:
        """The document as it is now: whole, or with `keys` only what deciding on those
        candidates needs (store.adjudication_rows.load_near)."""
        if keys is None:
            return load_one(self.conn, self.codebook, doc_id)
        return load_near(self.conn, self.codebook, doc_id, keys)

    def candidate(self, loaded: Loaded, key: adj.Key) -> adj.Candidate:
        c = loaded.candidates.candidate(key)
        if c is None:
            raise InputError(f"no candidate {_where(key)} in {loaded.doc_id!r} (an "
                             "annotator may have changed it; reload the document)")
        return c

    # ------------------------------------------------------------ rows

    def record(self, loaded: Loaded, kind: str, key: adj.Key, annotators: Iterable[str],
               gold_id: int | None, details: Mapping[str, object]) -> None:
        gold_rows.record_decision(self.conn, loaded.pk, self.rid, self.at, kind, key,
                                  annotators, gold_id, details)

    def insert_gold(self, loaded: Loaded, key: adj.Key, attributes: Mapping[str, str],
                    concept: str | None, note: str | None, sources: Iterable[str]) -> int:
        return gold_rows.insert_gold(self.conn, loaded.pk, key, attributes, concept, note,
                                     self.rid, sources, self.at)

    def update_gold(self, loaded: Loaded, gold: GoldSpan, *, attributes=None, concept=_UNSET,
                    note=_UNSET, sources=None) -> None:
        """Change a gold span's fields (its place and label never change: an edit that
        moves it lands on another row); the reviewer becomes the one who decided it."""
        values: dict[str, object] = {}
        if attributes is not None and dict(attributes) != dict(gold.attributes):
            values["attributes"] = attributes
        if concept is not _UNSET and concept != gold.concept:
            values["concept"] = concept
        if note is not _UNSET and (note or None) != gold.note:
            values["note"] = note
        if sources is not None and sorted(set(sources)) != sorted(gold.sources):
            values["sources"] = sources
        if values:
            gold_rows.update_gold(self.conn, gold.id, self.rid, self.at, **values)

    def delete_gold(self, loaded: Loaded, gold: GoldSpan) -> None:
        gold_rows.delete_gold(self.conn, gold.id)

    def release(self, loaded: Loaded, gold: GoldSpan, deciding: Iterable[adj.Key]) -> None:
        """Take a candidate's former gold span out, unless another candidate's decision
        still stands on it."""
        skip = set(deciding)
        claimed = any(st.gold is not None and st.gold.id == gold.id
                      for key, st in loaded.states.items() if key not in skip)
        if not claimed:
            self.delete_gold(loaded, gold)

    def finish(self, kind: str, description: str, doc_pk: int | None) -> Changes:
        return history.finish(self.conn, self.rid, kind, description, doc_pk)


def _gold_at(loaded: Loaded, key: adj.Key) -> GoldSpan | None:
    return next((g for g in loaded.record.gold if g.key == key), None)


def _details(c: adj.Candidate, **extra) -> dict[str, object]:
    return {"level": c.level, "votes": c.votes, "participants": c.participants, **extra}


# ---------------------------------------------------------------- the decisions

def _accept(w: _Work, loaded: Loaded, c: adj.Candidate, details: Mapping[str, object]
            ) -> bool:
    st = loaded.states[c.key]
    if st.state == adj.ACCEPTED and st.decision is not None:
        return False
    at_key = _gold_at(loaded, c.key)
    prev = st.gold
    if prev is not None and (at_key is None or prev.id != at_key.id):
        w.release(loaded, prev, [c.key])
    if at_key is None:
        attrs, concept = c.chosen()
        gid = w.insert_gold(loaded, c.key, attrs, concept, None, c.annotators)
    else:
        gid = at_key.id
        values: dict[str, object] = {"sources": set(at_key.sources) | set(c.annotators)}
        if st.state == adj.EDITED and prev is not None and prev.id == at_key.id:
            # accepting after an edit at the same place means "as the annotators marked it"
            attrs, concept = c.chosen()
            values.update(attributes=attrs, concept=concept, note=None)
        w.update_gold(loaded, at_key, **values)
    w.record(loaded, adj.ACCEPT, c.key, c.annotators, gid, details)
    return True


def _reject(w: _Work, loaded: Loaded, c: adj.Candidate, kind: str,
            details: Mapping[str, object], deciding: Iterable[adj.Key]) -> bool:
    st = loaded.states[c.key]
    if st.state == adj.REJECTED:
        return False
    at_key = _gold_at(loaded, c.key)
    if at_key is not None:  # a rejected place-and-label cannot stay in gold
        w.delete_gold(loaded, at_key)
    if st.gold is not None and (at_key is None or st.gold.id != at_key.id):
        w.release(loaded, st.gold, deciding)
    w.record(loaded, kind, c.key, c.annotators, None, details)
    return True


def _check_gold(w: _Work, loaded: Loaded, key: adj.Key,
                attributes: Mapping[str, str], concept: str | None) -> None:
    problem = check_offsets(loaded.length, key[0], key[1])
    if problem:
        raise InputError(problem)
    if w.codebook.label(key[2]) is None:
        raise InputError(f"the codebook has no label {key[2]!r}")
    span = GoldSpan(w.reviewer, key[0], key[1], key[2], dict(attributes), concept)
    problem = attribute_problem(w.codebook, span)
    if problem:
        raise InputError(problem)
    concept_pk(w.conn, concept)  # refuses an unknown concept


def accept(project: Project, reviewer: str, doc_id: str, candidate: CandidateRef) -> Changes:
    """Accept a candidate into gold, with its voters' most common attributes and concept.

    A gold span already at that place with that label (imported, or another candidate
    edited into it) is kept as it is; the candidate's annotators join its sources.
    """
    key = _key(candidate)
    with project.store.write() as conn:
        w = _Work(project, conn, reviewer)
        loaded = w.reload(doc_id, [key])
        c = w.candidate(loaded, key)
        if not _accept(w, loaded, c, _details(c)):
            return NOTHING
        return w.finish("adjudicate", f"Accept {_where(key)}", loaded.pk)


def reject(project: Project, reviewer: str, doc_id: str, candidate: CandidateRef) -> Changes:
    """Reject a candidate: recorded, and its gold span (if it had one) taken out."""
    key = _key(candidate)
    with project.store.write() as conn:
        w = _Work(project, conn, reviewer)
        loaded = w.reload(doc_id, [key])
        c = w.candidate(loaded, key)
        if not _reject(w, loaded, c, adj.REJECT, _details(c), [c.key]):
            return NOTHING
        return w.finish("adjudicate", f"Reject {_where(key)}", loaded.pk)


def reject_all(project: Project, reviewer: str, doc_id: str, start: int, end: int,
               keys: Iterable[CandidateRef] | None = None) -> Changes:
    """Reject every candidate at a place: "none of the annotators is right here".

    The place is every candidate overlapping [start, end), or with `keys` exactly those
    candidates (the view passes a candidate's alternatives). Each gets a `reject_all`
    decision naming the place, so the rejection is recorded, not left as silence.
    """
    with project.store.write() as conn:
        w = _Work(project, conn, reviewer)
        near = None if keys is None else [_key(k) for k in keys]
        loaded = w.reload(doc_id, near)
        if keys is None:
            chosen = [c.key for c in loaded.candidates.candidates
                      if adj.overlaps(c.key, (start, end, ""))]
        else:
            chosen = [w.candidate(loaded, _key(k)).key for k in keys]
        if not chosen:
            raise InputError(f"no candidate at {start}–{end} in {doc_id!r}")
        details_place = [min(k[0] for k in chosen), max(k[1] for k in chosen)]
        done = 0
        for key in chosen:
            c = w.candidate(loaded, key)
            details = _details(c, place=details_place, candidates=len(chosen))
            if _reject(w, loaded, c, adj.REJECT_ALL, details, chosen):
                done += 1
                loaded = w.reload(doc_id, near)
        if not done:
            return NOTHING
        return w.finish("adjudicate", f"Reject all at {details_place[0]}–{details_place[1]}",
                        loaded.pk)


_KEEP = annotate.KEEP


def accept_with_edit(project: Project, reviewer: str, doc_id: str, candidate: CandidateRef,
                     *, start=_KEEP, end=_KEEP, label=_KEEP, attributes=_KEEP, concept=_KEEP,
                     note=_KEEP) -> Changes:
    """Accept a candidate changed: boundaries, label, attributes, concept or note.

    Fields not given start from what accepting would give. When the edit lands on another
    candidate's place and label, that candidate is accepted too (gold now holds it).
    """
    key = _key(candidate)
    with project.store.write() as conn:
        w = _Work(project, conn, reviewer)
        new_key = (key[0] if start is _KEEP else int(start),
                   key[1] if end is _KEEP else int(end),
                   key[2] if label is _KEEP else str(label))
        loaded = w.reload(doc_id, [key, new_key])
        c = w.candidate(loaded, key)
        attrs0, concept0 = c.chosen()
        new_attrs = dict(attrs0 if attributes is _KEEP else (attributes or {}))
        if label is not _KEEP and attributes is _KEEP:
            allowed = {a.name for a in w.codebook.attributes_for(new_key[2])}
            new_attrs = {k: v for k, v in new_attrs.items() if k in allowed}
        new_concept = concept0 if concept is _KEEP else (concept or None)
        new_note = None if note is _KEEP else (note or None)
        _check_gold(w, loaded, new_key, new_attrs, new_concept)
        _edit(w, loaded, c, new_key, new_attrs, new_concept, new_note)
        return w.finish("adjudicate", f"Accept {_where(key)} with an edit", loaded.pk)


def _edit(w: _Work, loaded: Loaded, c: adj.Candidate, new_key: adj.Key,
          attrs: Mapping[str, str], concept: str | None, note: str | None) -> None:
    st = loaded.states[c.key]
    prev = st.gold
    if (st.state == adj.EDITED and prev is not None and prev.key == new_key
            and dict(prev.attributes) == attrs and prev.concept == concept
            and prev.note == note):
        return
    target = _gold_at(loaded, new_key)
    if prev is not None and (target is None or prev.id != target.id):
        w.release(loaded, prev, [c.key])
    if target is None:
        gid = w.insert_gold(loaded, new_key, attrs, concept, note, c.annotators)
    else:
        gid = target.id
        w.update_gold(loaded, target, attributes=attrs, concept=concept, note=note,
                      sources=set(target.sources) | set(c.annotators))
    gold = {"start": new_key[0], "end": new_key[1], "label": new_key[2],
            "attributes": dict(attrs), "concept": concept, "note": note}
    w.record(loaded, adj.EDIT, c.key, c.annotators, gid,
             _details(c, gold={k: v for k, v in gold.items() if v not in (None, {})}))
    if new_key != c.key and loaded.candidates.candidate(new_key) is not None:
        again = w.reload(loaded.doc_id, [c.key, new_key])
        other = again.candidates.candidate(new_key)
        _accept(w, again, other, _details(other, via_edit_of=list(c.key)))


def add_gold(project: Project, reviewer: str, doc_id: str, start: int, end: int, label: str,
             attributes: Mapping[str, str] | None = None, concept: str | None = None,
             note: str | None = None) -> Changes:
    """Add a gold span no annotator made (recorded as an `add` decision).

    Exactly a candidate's place and label: that candidate is accepted with these fields.
    """
    key = (int(start), int(end), str(label))
    attrs = dict(attributes or {})
    with project.store.write() as conn:
        w = _Work(project, conn, reviewer)
        loaded = w.reload(doc_id, [key])
        _check_gold(w, loaded, key, attrs, concept or None)
        c = loaded.candidates.candidate(key)
        if c is not None:
            _edit(w, loaded, c, key, attrs, concept or None, note or None)
        else:
            if _gold_at(loaded, key) is not None:
                raise InputError(f"gold already has {_where(key)}")
            gid = w.insert_gold(loaded, key, attrs, concept or None, note or None, ())
            w.record(loaded, adj.ADD, key, (), gid, {})
        return w.finish("adjudicate", f"Add gold {_where(key)}", loaded.pk)


def remove_gold(project: Project, reviewer: str, doc_id: str, gold_span_id: int) -> Changes:
    """Take a gold span out. The candidates it stood for are rejected (that is what
    removing them from gold means); a span only the reviewer added is recorded as
    `remove`."""
    with project.store.write() as conn:
        w = _Work(project, conn, reviewer)
        loaded = w.reload(doc_id)
        gold = next((g for g in loaded.record.gold if g.id == gold_span_id), None)
        if gold is None:
            raise InputError(f"no gold span {gold_span_id} in {doc_id!r}")
        claimants = [c for c in loaded.candidates.candidates
                     if (st := loaded.states[c.key]).gold is not None
                     and st.gold.id == gold.id]
        if claimants:
            keys = [c.key for c in claimants]
            for c in claimants:
                _reject(w, loaded, c, adj.REJECT, _details(c, removed_gold=gold.id), keys)
                loaded = w.reload(doc_id)
            if _gold_at(loaded, gold.key) is not None:
                w.delete_gold(loaded, gold)
        else:
            w.delete_gold(loaded, gold)
            # the decision names the place and label; the gold row is gone, so no link
            w.record(loaded, adj.REMOVE, gold.key, gold.sources, None, {})
        return w.finish("adjudicate", f"Remove gold {_where(gold.key)}", loaded.pk)


def finish_document(project: Project, reviewer: str, doc_id: str) -> Changes:
    """Reject every candidate still open, so that the document counts as adjudicated."""
    with project.store.write() as conn:
        w = _Work(project, conn, reviewer)
        loaded = w.reload(doc_id)
        still = [c for c in loaded.candidates.candidates
                 if loaded.states[c.key].state == adj.OPEN]
        keys = [c.key for c in still]
        for c in still:
            _reject(w, loaded, c, adj.REJECT, _details(c, finish=True), keys)
        return w.finish("adjudicate", f"Finish {doc_id!r}: reject {len(still)} open",
                        loaded.pk)


# ---------------------------------------------------------------- automatic

@dataclass(frozen=True)
class AutoDocument:
    """What an automatic run did to one document."""

    doc_id: str
    participants: int
    accepted_unanimous: int = 0
    accepted_majority: int = 0
    kept: int = 0  # candidates the policy would take that already had a decision
    open: int = 0  # candidates still without a decision afterwards
    adjudicated: bool = False
    skipped: str | None = None  # why the run left the document alone

    @property
    def accepted(self) -> int:
        return self.accepted_unanimous + self.accepted_majority


@dataclass(frozen=True)
class AutoRun:
    policy: str
    documents: tuple[AutoDocument, ...] = ()
    changes: Changes = field(default=NOTHING)

    @property
    def accepted(self) -> int:
        return sum(d.accepted for d in self.documents)


def auto(project: Project, reviewer: str, policy: str, documents: Sequence[str] | None = None,
         *, finish_agreed: bool = False, progress: Progress = no_progress,
         batch: int = AUTO_BATCH) -> AutoRun:
    """Accept every open candidate the policy accepts (agreement.md, "Adjudication
    policies"), in the documents given (all: None). Candidates already decided are left
    as they are, so running again changes nothing. Documents with fewer than two
    participants are left to the reviewer.

    `finish_agreed`: touch only the documents the policy settles completely (it accepts
    every candidate); they come out adjudicated, and documents with any disagreement are
    left wholly to the reviewer. The whole run is one undoable action; cancelling through
    `progress` rolls it back.

    Documents are read and decided `batch` at a time, in import order, inside the one
    transaction: a corpus's spans and candidates are never all in memory at once.
    """
    if policy not in adj.POLICIES:
        raise InputError(f"a policy is one of {', '.join(adj.POLICIES)}, not {policy!r}")
    if batch < 1:
        raise ValueError("a batch holds at least one document")
    with project.store.write() as conn:
        w = _Work(project, conn, reviewer)
        pks = doc_pks(conn, documents)
        ids = sorted(pks, key=pks.__getitem__)  # import order, as the documents load
        total = len(ids)
        out: list[AutoDocument] = []
        for lo in range(0, total, batch):
            queued: list[tuple[Loaded, adj.Candidate, dict]] = []
            for i, loaded in enumerate(load(conn, w.codebook, ids[lo:lo + batch]), lo):
                progress(i, total, f"Adjudicating {loaded.doc_id}")
                out.append(_auto_one(w, loaded, policy, finish_agreed, queued))
            _insert_accepts(w, queued)
        progress(total, total, "Saving the decisions")
        progress(total, total, "Done")
        pk = pks[ids[0]] if total == 1 else None
        changes = w.finish("adjudicate_auto", f"Accept all {policy}", pk)
        return AutoRun(policy, tuple(out), changes)


def _auto_one(w: _Work, loaded: Loaded, policy: str, finish_agreed: bool,
              queued: list[tuple[Loaded, adj.Candidate, dict]]) -> AutoDocument:
    cands = loaded.candidates
    n = len(cands.participants)
    still_open = sum(1 for st in loaded.states.values() if st.state == adj.OPEN)
    skipped = None
    if n < 2:
        skipped = "no participant" if n == 0 else "one participant: left to the reviewer"
    elif finish_agreed and not cands.settled_by(policy):
        skipped = "disagreement: left to the reviewer"
    if skipped:
        return AutoDocument(loaded.doc_id, n, open=still_open,
                            adjudicated=n > 0 and still_open == 0, skipped=skipped)
    counts = {adj.UNANIMOUS: 0, adj.MAJORITY: 0}
    kept = 0
    for c in cands.accepted_by(policy):
        if loaded.states[c.key].state != adj.OPEN:
            kept += 1
            continue
        details = _details(c, policy=policy)
        if loaded.states[c.key].gold is None and _gold_at(loaded, c.key) is None:
            queued.append((loaded, c, details))  # the common case, inserted in bulk
        elif not _accept(w, loaded, c, details):
            continue
        counts[c.level] += 1
        still_open -= 1
    return AutoDocument(loaded.doc_id, n, counts[adj.UNANIMOUS], counts[adj.MAJORITY], kept,
                        still_open, still_open == 0)


def _insert_accepts(w: _Work, queued: list[tuple[Loaded, adj.Candidate, dict]]) -> None:
    """Gold spans and their decisions for many accepted candidates at once (a corpus run
    accepts thousands)."""
    new = []
    for loaded, c, details in queued:
        attrs, concept = c.chosen()
        new.append(gold_rows.NewGold(loaded.pk, c.key, attrs, concept, c.annotators,
                                     adj.ACCEPT, c.annotators, details))
    gold_rows.insert_gold_with_decisions(w.conn, w.rid, w.at, new)


# ---------------------------------------------------------------- undo

def undo(project: Project, reviewer: str) -> Changes:
    """Undo the reviewer's newest action (a decision and its gold change together)."""
    return annotate.replay(project, reviewer, redo=False, reviewer=True)


def redo(project: Project, reviewer: str) -> Changes:
    return annotate.replay(project, reviewer, redo=True, reviewer=True)


def undo_redo_texts(project: Project, reviewer: str) -> tuple[str | None, str | None]:
    return annotate.undo_redo_texts(project, reviewer)
