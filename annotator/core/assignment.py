"""Who codes which document: assignment policies, pure and deterministic.

A policy (`Policy`) hands out a set of documents to a set of annotators:

- the calibration documents go to every annotator (everyone codes them, so the codebook
  can be revised on their agreement);
- of the other documents, `overlap` is the share that `per_document` annotators code;
  each of the rest goes to one annotator. ``round(overlap * M)`` documents (halves
  rounded up) of the M non-calibration documents are overlapped: with 50 documents,
  ``per_document=2, overlap=0.2`` double-codes exactly 10 and gives 40 to one annotator
  each (Prodigy's "annotations per task" of 1.2; INCEpTION's "required annotators" of 2
  is ``overlap=1``);
- the load is balanced: each document goes to the annotators with the fewest documents
  so far (what they already have counts), so with nothing assigned before, no annotator
  has more than one document more than another; among equally loaded annotators the
  ones who have shared fewest documents with those already chosen for it come first,
  so that every pair of annotators shares some documents for pairwise agreement.

Determinism: every random choice is a rank by SHA-256 of the seed and the document id
(and the annotator's name), never Python's `random`, so the same seed gives the same
assignment on any machine and Python version, and a document's fate does not depend on
which other documents are in the project.

Documents that already have annotators (`existing`) keep them, and those count toward
the document's number: a double-coded document that alice already works on gets one
more annotator, not two.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from annotator.core.errors import InputError
from annotator.core.model import IN_PROGRESS


@dataclass(frozen=True)
class Assignment:
    """A document in an annotator's queue (`position` orders the queue)."""

    doc_id: str
    annotator: str
    position: int
    batch: int | None = None  # the act of assigning that made it


@dataclass(frozen=True)
class Batch:
    """One act of assigning: `policy` is `Policy.describe()` or {"kind": "by hand"}."""

    id: int
    at: str
    by: str | None
    policy: Mapping[str, object]


@dataclass(frozen=True)
class Policy:
    annotators: tuple[str, ...]
    per_document: int | None = None  # None: every annotator codes every document
    overlap: float = 1.0  # share of the non-calibration documents per_document code
    calibration: tuple[str, ...] = ()  # document ids every annotator codes
    seed: int = 0

    def describe(self) -> dict[str, object]:
        """As recorded with the assignments (and shown by `annotator assignments`)."""
        out: dict[str, object] = {"kind": "policy", "annotators": list(self.annotators),
                                  "per_document": self.per_document, "overlap": self.overlap,
                                  "seed": self.seed}
        if self.calibration:
            out["calibration"] = list(self.calibration)
        return out


@dataclass(frozen=True)
class Plan:
    """What a policy (or a hand-made assignment) adds.

    `added[doc]` are the annotators newly given `doc`; `queues[a]` the documents added to
    a's queue, in queue order (calibration documents first, then the project's order).
    `coders[doc]` is everyone `doc` goes to afterwards (those who had it included).
    """

    added: Mapping[str, tuple[str, ...]]
    queues: Mapping[str, tuple[str, ...]]
    coders: Mapping[str, tuple[str, ...]]
    calibration: tuple[str, ...] = ()
    overlapped: tuple[str, ...] = ()  # the non-calibration documents given per_document
    loads: Mapping[str, int] = field(default_factory=dict)  # each annotator's total after

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.added.values())


def queue_status(status: str | None, worked: bool) -> str | None:
    """Where a document in an annotator's queue stands: their status, and in progress
    once they have any work on it without having said so (as the document's header
    shows it to them)."""
    return status if status is not None else (IN_PROGRESS if worked else None)


def rank(seed: int, *parts: str) -> bytes:
    """A stable pseudo-random sort key for `parts` under `seed`."""
    text = "\x1f".join((str(seed), *parts))
    return hashlib.sha256(text.encode("utf-8")).digest()


def overlapped_count(documents: int, overlap: float) -> int:
    """How many of `documents` an overlap share double-codes (halves rounded up)."""
    return math.floor(documents * overlap + 0.5)


def check_policy(policy: Policy, documents: Sequence[str]) -> None:
    names = policy.annotators
    if not names:
        raise InputError("name at least one annotator to assign documents to")
    twice = sorted(n for n, k in Counter(names).items() if k > 1)
    if twice:
        raise InputError("an annotator is named twice: " + ", ".join(map(repr, twice)))
    n = policy.per_document
    if n is not None:
        if n < 1:
            raise InputError("--per-document must be at least 1")
        if n > len(names):
            raise InputError(f"{n} annotators per document needs at least {n} annotators; "
                             f"{len(names)} named ({', '.join(names)})")
    if not 0.0 <= policy.overlap <= 1.0 or math.isnan(policy.overlap):
        raise InputError(f"the overlap is a share between 0 and 1 (0.2 = 20% of the "
                         f"documents), not {policy.overlap:g}")
    known = set(documents)
    unknown = [d for d in policy.calibration if d not in known]
    if unknown:
        raise InputError("calibration documents not among those assigned: "
                         + ", ".join(map(repr, unknown)))


def pick_calibration(documents: Sequence[str], count: int, seed: int) -> tuple[str, ...]:
    """`count` documents chosen by the seed, in the documents' order."""
    if count < 0:
        raise InputError("the number of calibration documents cannot be negative")
    if count > len(documents):
        raise InputError(f"{count} calibration documents asked for, but only "
                         f"{len(documents)} documents are being assigned")
    chosen = set(sorted(documents, key=lambda d: rank(seed, "calibration", d))[:count])
    return tuple(d for d in documents if d in chosen)


def plan(documents: Sequence[str], policy: Policy,
         existing: Mapping[str, Collection[str]] | None = None,
         loads: Mapping[str, int] | None = None) -> Plan:
    """Assign `documents` (in the project's order) by `policy`.

    `existing[doc]`: who already has `doc` (kept, and counted toward its number).
    `loads[a]`: how many documents a already has in the whole project (for balance).
    """
    check_policy(policy, documents)
    existing = {d: set(existing.get(d, ())) for d in documents} if existing else {
        d: set() for d in documents}
    names = tuple(policy.annotators)
    load = {a: (loads or {}).get(a, 0) for a in names}
    pairs: Counter[tuple[str, str]] = Counter()
    for have in existing.values():
        pairs.update(combinations(sorted(have), 2))
    added: dict[str, list[str]] = {d: [] for d in documents}

    calibration = tuple(d for d in documents if d in set(policy.calibration))
    rest = [d for d in documents if d not in set(calibration)]
    n = policy.per_document if policy.per_document is not None else len(names)
    ordered = sorted(rest, key=lambda d: rank(policy.seed, "overlap", d))
    k = overlapped_count(len(rest), policy.overlap) if n > 1 else 0
    overlapped, single = ordered[:k], ordered[k:]

    def give(doc: str, target: int) -> None:
        have = existing[doc]
        chosen = [a for a in names if a in have]
        for _ in range(max(0, target - len(have))):
            free = [a for a in names if a not in have and a not in added[doc]]
            if not free:
                return
            best = min(free, key=lambda a: (
                load[a], sum(pairs[tuple(sorted((a, b)))] for b in chosen),
                rank(policy.seed, "annotator", doc, a)))
            added[doc].append(best)
            load[best] += 1
            for other in chosen:
                pairs[tuple(sorted((best, other)))] += 1
            chosen.append(best)

    for doc in calibration:
        give(doc, len(names) + len(existing[doc] - set(names)))
    for doc in overlapped:
        give(doc, n)
    for doc in single:
        give(doc, 1)
    return _finish(documents, existing, added, calibration, tuple(
        d for d in documents if d in set(overlapped)), load)


def by_hand(documents: Sequence[str], annotators: Sequence[str],
            existing: Mapping[str, Collection[str]] | None = None,
            loads: Mapping[str, int] | None = None) -> Plan:
    """Every one of `annotators` gets every one of `documents` they do not have yet."""
    check_policy(Policy(tuple(annotators)), documents)
    existing = {d: set((existing or {}).get(d, ())) for d in documents}
    load = {a: (loads or {}).get(a, 0) for a in annotators}
    added = {d: [a for a in annotators if a not in existing[d]] for d in documents}
    for doc_added in added.values():
        for a in doc_added:
            load[a] += 1
    return _finish(documents, existing, added, (), (), load)


def _finish(documents: Sequence[str], existing: Mapping[str, set[str]],
            added: Mapping[str, list[str]], calibration: tuple[str, ...],
            overlapped: tuple[str, ...], load: Mapping[str, int]) -> Plan:
    queues: dict[str, list[str]] = {}
    first = set(calibration)
    for doc in sorted(documents, key=lambda d: d not in first):  # stable: project order
        for a in added[doc]:
            queues.setdefault(a, []).append(doc)
    return Plan(
        added={d: tuple(sorted(v)) for d, v in added.items() if v},
        queues={a: tuple(v) for a, v in sorted(queues.items())},
        coders={d: tuple(sorted(existing[d] | set(added[d]))) for d in documents},
        calibration=calibration, overlapped=overlapped, loads=dict(sorted(load.items())),
    )
