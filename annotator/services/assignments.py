"""Assigning documents to annotators: by hand, or by a policy (core.assignment); who has
what. Each assigning is one transaction, recorded as a batch with its policy.

What is never taken away: a document an annotator has worked on (a span, a document
label, a status or a note) stays theirs. A policy counts that work as an assignment
(and records it as one), withdrawing refuses it, and the document list shows it to them
even without an assignment (services.reading).

Re-running a policy: documents that already have assignments are left as they are, and
only documents nobody has yet are assigned (so new documents can be handed out with the
same command). With `replace`, the assignments of the documents covered that nobody has
started are withdrawn first and those documents are planned again. Either way the same
project, arguments and seed give the same assignment.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core import assignment as core
from annotator.core.assignment import Batch, Plan, Policy, queue_status
from annotator.core.errors import InputError
from annotator.core.model import ANNOTATOR, DONE, IN_PROGRESS, REVIEWER
from annotator.core.wording import count
from annotator.services.changes import NOTHING, Changes
from annotator.services.project import Project
from annotator.store import assignment_rows as rows
from annotator.store import written
from annotator.store.annotator_rows import annotator_roles, ensure_annotators
from annotator.store.history import log_event, now
from annotator.store.lookups import doc_pks, list_documents

BY_HAND = {"kind": "by hand"}


@dataclass(frozen=True)
class Assigned:
    """What an assigning did (or, dry, would do)."""

    plan: Plan
    policy: dict
    batch: int | None = None  # None: nothing written (a dry run, or nothing new)
    kept: tuple[tuple[str, str], ...] = ()  # (document, annotator) kept: worked on
    withdrawn: tuple[tuple[str, str], ...] = ()  # (document, annotator) withdrawn first
    changes: Changes = NOTHING

    def describe(self) -> str:
        p = self.plan
        by_coders = Counter(len(p.coders[d]) for d in p.coders)
        if p.count:
            verb = "would be added" if self.batch is None else "added"
            lines = [f"{count(p.count, 'assignment')} {verb} over "
                     f"{count(len(p.added), 'document')}."]
        else:
            lines = ["Nothing to add: the documents already have their annotators."]
        if self.withdrawn:
            lines.append(f"Withdrawn first (nobody had started them): "
                         f"{count(len(self.withdrawn), 'assignment')}.")
        if self.kept:
            lines.append(f"Kept (already worked on): {count(len(self.kept), 'assignment')}.")
        if p.calibration and p.count:
            lines.append(f"Calibration (everyone): {count(len(p.calibration), 'document')}.")
        if p.count:
            lines.append("Then " + ", ".join(
                f"{k} document{'s' if k != 1 else ''} with {n} annotator{'s' if n != 1 else ''}"
                for n, k in sorted(by_coders.items(), reverse=True)) + ".")
        if p.loads:
            lines.append("Queues: " + ", ".join(f"{a} {n}" for a, n in p.loads.items()) + ".")
        return "\n".join(lines)


@dataclass(frozen=True)
class QueueItem:
    doc_id: str
    title: str | None
    status: str | None
    batch: int | None = None
    assigned: bool = True  # False: not assigned, but worked on (never taken away)


@dataclass(frozen=True)
class Queue:
    annotator: str
    items: tuple[QueueItem, ...]

    def tally(self, status: str | None) -> int:
        return sum(1 for i in self.items if i.status == status)

    @property
    def done(self) -> int:
        return self.tally(DONE)

    @property
    def in_progress(self) -> int:
        return self.tally(IN_PROGRESS)


@dataclass(frozen=True)
class Overview:
    """Who has what: each annotator's queue with their statuses."""

    assigned: bool  # False: no assignments, everyone sees every document
    queues: tuple[Queue, ...]
    documents: int
    coders: dict[str, tuple[str, ...]] = field(default_factory=dict)  # doc -> annotators
    batches: tuple[Batch, ...] = ()


# ---------------------------------------------------------------- assigning

def assign(project: Project, annotators: Sequence[str], *,
           documents: Sequence[str] | None = None, per_document: int | None = None,
           overlap: float = 1.0, calibration: int = 0,
           calibration_documents: Sequence[str] = (), seed: int = 0,
           replace: bool = False, add_annotators: bool = False, by: str | None = None,
           dry_run: bool = False) -> Assigned:
    """Assign by a policy (module docstring); `documents` default to every document.

    `calibration` documents are chosen by the seed among those being assigned;
    `calibration_documents` are named. `by`: the reviewer doing it (None from the
    command line). With `dry_run` nothing is written.
    """
    with (project.store.read() if dry_run else project.store.write()) as conn:
        people = _people(conn, annotators, add_annotators, by, create=not dry_run)
        pks = doc_pks(conn, documents)
        pk_ids = {pk: i for i, pk in pks.items()}
        named_calibration = tuple(dict.fromkeys(calibration_documents))
        doc_pks(conn, named_calibration)  # refuses unknown ids
        missing = [d for d in named_calibration if d not in pks]
        if missing:
            raise InputError("calibration documents not among those assigned: "
                             + ", ".join(map(repr, missing)))
        coders = rows.coders(conn)
        work = _work(conn, pk_ids)
        withdrawn = []
        if replace:
            withdrawn = sorted((d, a) for d in pks for a in coders.get(d, ())
                               if (d, a) not in work)
            for d, a in withdrawn:
                coders[d].discard(a)
        chosen = set(named_calibration) | set(core.pick_calibration(
            [d for d in pks if d not in named_calibration], calibration, seed))
        covered = [d for d in pks if replace or d in chosen or not coders.get(d)]
        worked: dict[str, set[str]] = {}
        for d, a in work:
            worked.setdefault(d, set()).add(a)
        existing = {d: coders.get(d, set()) | worked.get(d, set()) for d in covered}
        kept = sorted((d, a) for d in covered for a in worked.get(d, ()))
        loads = Counter(rows.loads(conn))
        for _, a in withdrawn:
            loads[a] -= 1
        for d, a in kept:
            if a not in coders.get(d, ()):
                loads[a] += 1  # work without an assignment gets one
        policy = Policy(tuple(annotators), per_document, overlap,
                        tuple(d for d in covered if d in chosen), seed)
        plan = core.plan(covered, policy, existing, loads)
        described = policy.describe()
        if replace:
            described["replace"] = True
        if set(withdrawn) == {(d, a) for d, new in plan.added.items() for a in new}:
            # planned again as it was: nothing to withdraw or add
            same = core.plan(covered, policy, {d: set(plan.coders[d]) for d in covered})
            plan = dataclasses.replace(same, loads=plan.loads)
            withdrawn = []
        if dry_run:
            return Assigned(plan, described, None, tuple(kept), tuple(withdrawn))
        return _write(conn, people, pks, plan, described, kept, coders, withdrawn, by)


def assign_by_hand(project: Project, documents: Sequence[str], annotators: Sequence[str], *,
                   by: str | None = None, add_annotators: bool = False,
                   dry_run: bool = False) -> Assigned:
    """Every one of `annotators` gets every one of `documents` (at the end of their
    queue, in the order given); assignments they already have stay as they are."""
    with (project.store.read() if dry_run else project.store.write()) as conn:
        people = _people(conn, annotators, add_annotators, by, create=not dry_run)
        pks = doc_pks(conn, documents)
        coders = rows.coders(conn)
        plan = core.by_hand(list(pks), annotators, coders, rows.loads(conn))
        if dry_run:
            return Assigned(plan, dict(BY_HAND))
        return _write(conn, people, pks, plan, dict(BY_HAND), [], coders, [], by)


def withdraw(project: Project, documents: Sequence[str], annotators: Sequence[str], *,
             by: str | None = None) -> tuple[Changes, list[tuple[str, str]],
                                             list[tuple[str, str]]]:
    """Take documents out of annotators' queues; never one they have worked on.

    Returns the changes, the (document, annotator) pairs withdrawn and those kept."""
    with project.store.write() as conn:
        by_id = _reviewer(conn, by)
        pks = doc_pks(conn, documents)
        ids = _ids(conn, annotators)
        work = _work(conn, {pk: d for d, pk in pks.items()})
        coders = rows.coders(conn)
        pairs = [(d, a) for d in pks for a in annotators if a in coders.get(d, ())]
        kept = [p for p in pairs if p in work]
        gone = [p for p in pairs if p not in work]
        rows.remove(conn, [(pks[d], ids[a]) for d, a in gone])
        if not gone:
            return NOTHING, [], kept
        log_event(conn, by_id, "withdraw",
                  f"withdrew {count(len(gone), 'assignment')} from {', '.join(annotators)}")
        return (written.changes(conn, f"Withdraw {count(len(gone), 'assignment')}"), gone,
                kept)


def _write(conn, people: dict[str, int], pks: dict[str, int], plan: Plan, policy: dict,
           kept, coders, withdrawn, by: str | None) -> Assigned:
    by_id = _reviewer(conn, by)
    ids = dict(people)
    unassigned_work = [(d, a) for d, a in kept if a not in coders.get(d, ())]
    if withdrawn:
        ids.update(_ids(conn, {a for _, a in withdrawn}))
        rows.remove(conn, [(pks[d], ids[a]) for d, a in withdrawn])
    if not plan.count and not unassigned_work and not withdrawn:
        return Assigned(plan, policy, None, tuple(kept), ())
    batch = rows.add_batch(conn, now(), by_id, policy)
    if unassigned_work:
        ids.update(_ids(conn, {a for _, a in unassigned_work}))
        queues: dict[int, list[int]] = {}
        for d, a in unassigned_work:
            queues.setdefault(ids[a], []).append(pks[d])
        rows.append(conn, queues, batch)
    rows.append(conn, {ids[a]: [pks[d] for d in docs] for a, docs in plan.queues.items()},
                batch)
    summary = (f"{count(plan.count, 'assignment')} to {', '.join(plan.queues) or 'nobody'}"
               f" ({policy.get('kind')})")
    log_event(conn, by_id, "assign", summary)
    changes = written.changes(conn, f"Assign {count(plan.count, 'document')}")
    return Assigned(plan, policy, batch, tuple(kept), tuple(withdrawn), changes)


def _people(conn, annotators: Sequence[str], add: bool, by: str | None, *,
            create: bool = True) -> dict[str, int]:
    """The annotators' ids; unknown names refused (or with `add`, added when `create`),
    reviewers refused."""
    _reviewer(conn, by)
    names = [a.strip() for a in annotators]
    if any(not a for a in names):
        raise InputError("an annotator's name cannot be empty")
    roles = annotator_roles(conn)
    unknown = [a for a in names if a not in roles]
    if unknown and not add:
        known = ", ".join(n for n, r in roles.items() if r == ANNOTATOR) or "none yet"
        raise InputError(
            f"no annotator {', '.join(map(repr, unknown))} in the project (its annotators: "
            f"{known}); check the spelling, or add new people with --add-annotators")
    reviewers = [a for a in names if roles.get(a) == REVIEWER]
    if reviewers:
        who = ", ".join(map(repr, reviewers))
        raise InputError(f"{who} {'is a reviewer' if len(reviewers) == 1 else 'are reviewers'}"
                         ": reviewers see every document and are not assigned any; "
                         "name annotators")
    if unknown and create:
        ensure_annotators(conn, unknown)
    return _ids(conn, names)


def _ids(conn, names) -> dict[str, int]:
    return {n: i for n, i in ensure_annotators(conn, []).items() if n in set(names)}


def _reviewer(conn, by: str | None) -> int | None:
    if by is None:
        return None
    if annotator_roles(conn).get(by) != REVIEWER:
        raise InputError(f"only a reviewer assigns documents; {by!r} is not one")
    return _ids(conn, [by])[by]


def _work(conn, pk_ids: dict[int, str]) -> set[tuple[str, str]]:
    """(document, annotator) of the annotators' (not reviewers') work on these documents."""
    names = {i: n for n, i in ensure_annotators(conn, []).items()}
    roles = annotator_roles(conn)
    return {(pk_ids[pk], names[aid]) for pk, aid in rows.worked_on(conn)
            if pk in pk_ids and roles.get(names[aid]) == ANNOTATOR}


# ---------------------------------------------------------------- who has what

def overview(project: Project) -> Overview:
    """Every annotator's queue (assigned documents in order, then unassigned documents
    they have worked on), with their statuses."""
    with project.store.read() as conn:
        roles = annotator_roles(conn)
        assigned = rows.any_assigned(conn)
        items = rows.assignments(conn)
        docs = {s.id: s for s in list_documents(conn, None)}
        pk_ids = {s.pk: s.id for s in docs.values()}
        work = _work(conn, pk_ids)
        statuses = rows.statuses(conn)
        batches = tuple(rows.batches(conn))
    by_person: dict[str, list[QueueItem]] = {}
    coders: dict[str, set[str]] = {d: set() for d in docs}

    def status(doc_id: str, name: str) -> str | None:
        return queue_status(statuses.get((doc_id, name)), (doc_id, name) in work)

    for item in items:
        s = docs[item.doc_id]
        by_person.setdefault(item.annotator, []).append(QueueItem(
            item.doc_id, s.title, status(item.doc_id, item.annotator), item.batch))
        coders[item.doc_id].add(item.annotator)
    for name in sorted(n for n, r in roles.items() if r == ANNOTATOR):
        queue = by_person.setdefault(name, [])
        have = {q.doc_id for q in queue}
        extra = [d for d in docs if (d, name) in work and d not in have] if assigned else [
            d for d in docs]
        queue += [QueueItem(d, docs[d].title, status(d, name), None, not assigned)
                  for d in extra]
        for d in extra:
            coders[d].add(name)
    queues = tuple(Queue(n, tuple(q)) for n, q in sorted(by_person.items()))
    return Overview(assigned, queues, len(docs),
                    {d: tuple(sorted(v)) for d, v in coders.items()}, batches)

