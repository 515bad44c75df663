"""Adjudication: the candidates of a document, their votes and states, the merge policies,
and what a reviewer's decisions mean for each candidate (docs/adjudication.md).

A *candidate* is a distinct ``(start, end, label)`` that at least one annotator marked on
a document. Attributes, concept and note do not split a candidate: annotators who marked
the same place with the same label voted for it even if they filled in the attributes
differently (INCEpTION users asked for notes not to count as disagreement); the variants
are kept for the reviewer to see.

Who votes is the agreement spec's "who took part": status ``done`` or at least one span.
An annotator who did not take part is missing, not a "no".
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, repeat
from operator import attrgetter, countOf, itemgetter, lt
from typing import NamedTuple

from annotator.core.gold import GoldSpan
from annotator.core.model import DONE, Span, SpanRows, span_rows
from annotator.core.records import DocumentRecord

_new_tuple = tuple.__new__
_annotator = itemgetter(0)  # of a span's row (core.model.span_rows)

Key = tuple[int, int, str]  # (start, end, label)

# Agreement levels of a candidate
UNANIMOUS = "unanimous"  # every participant marked it (two or more participants)
MAJORITY = "majority"  # more than half of the participants, not all
MINORITY = "minority"  # half or fewer
SINGLE = "single"  # the document has one participant: nothing to compare
LEVELS = (UNANIMOUS, MAJORITY, MINORITY, SINGLE)

POLICIES = (UNANIMOUS, MAJORITY)

# Decision kinds (the `decision` column of the decisions table)
ACCEPT = "accept"
REJECT = "reject"
REJECT_ALL = "reject_all"
EDIT = "edit"
ADD = "add"  # a gold span no annotator made
REMOVE = "remove"  # a gold span no candidate claims, taken out of gold
DECISION_KINDS = (ACCEPT, REJECT, REJECT_ALL, EDIT, ADD, REMOVE)
_ON_CANDIDATES = (ACCEPT, REJECT, REJECT_ALL, EDIT)

# Where a candidate stands
OPEN = "open"
ACCEPTED = "accepted"
EDITED = "edited"
REJECTED = "rejected"
STATES = (OPEN, ACCEPTED, EDITED, REJECTED)


def participants(record: DocumentRecord) -> tuple[str, ...]:
    """Who took part in the document, by name (agreement.md, "Who took part").

    Only annotators take part: records carry no roles, so the reviewers' own work is
    dropped before (DocumentRecord.without), as the store's reads for adjudication do."""
    took = {name for name, status in record.status.items() if status == DONE}
    took.update(map(_annotator, span_rows(record.annotations)))
    return tuple(sorted(took))


def level_of(votes: int, participants: int) -> str:
    if participants < 2:
        return SINGLE
    if votes >= participants:
        return UNANIMOUS
    if 2 * votes > participants:
        return MAJORITY
    return MINORITY


@dataclass(frozen=True)
class Variant:
    """One way the voters of a candidate filled in its attributes and concept."""

    attributes: Mapping[str, str]
    concept: str | None
    annotators: tuple[str, ...]


class Candidate(NamedTuple):
    """A tuple, as `gui.span_index.SpanItem`: a 1 MB document has 10,000 candidates, read
    again at each switch, and a frozen dataclass costs a call per field to make (10 ms of
    the read); read-only all the same."""

    start: int
    end: int
    label: str
    # the voters' spans, one per annotator, by name, as rows in Span's field order
    # (core.model.span_rows): `spans` makes them Spans when looked at (the details of one
    # candidate, a decision on it), not one per span at each read of a document
    rows: tuple[tuple, ...]
    participants: int
    level: str
    # keys of the overlapping candidates it is an alternative to (see `conflicting`)
    conflicts: tuple[Key, ...] = ()

    # (start, end, label), read in C: asked for several times per candidate and read
    key = property(itemgetter(0, 1, 2))

    @property
    def spans(self) -> SpanRows:
        return SpanRows(self.rows)

    @property
    def annotators(self) -> tuple[str, ...]:
        return tuple(map(_annotator, self.rows))

    @property
    def votes(self) -> int:
        return len(self.rows)

    @property
    def conflicting(self) -> bool:
        return bool(self.conflicts)

    @property
    def variants(self) -> tuple[Variant, ...]:
        """Attribute/concept variants, the most common first (ties: first annotator)."""
        groups: dict[tuple, list[str]] = {}
        for s in self.spans:
            groups.setdefault((_frozen(s.attributes), s.concept), []).append(s.annotator)
        out = [Variant(dict(attrs), concept, tuple(names))
               for (attrs, concept), names in groups.items()]
        out.sort(key=lambda v: (-len(v.annotators), v.annotators[0]))
        return tuple(out)

    @property
    def notes(self) -> tuple[tuple[str, str], ...]:
        return tuple((s.annotator, s.note) for s in self.spans if s.note)

    def chosen(self) -> tuple[dict[str, str], str | None]:
        """The attributes and concept a gold span accepted from this candidate gets.

        Each attribute (and the concept) separately: the value most voters gave, among
        those who gave one; a tie goes to the value of the first of them by name. An
        empty field is "not said", so one annotator's forgotten polarity does not undo
        the others' agreement on it.
        """
        attrs: dict[str, str] = {}
        spans = tuple(self.spans)
        names = sorted({k for s in spans for k in s.attributes})
        for name in names:
            attrs[name] = _vote([(s.annotator, s.attributes[name]) for s in spans
                                 if s.attributes.get(name)])
        concepts = [(s.annotator, s.concept) for s in spans if s.concept]
        return {k: v for k, v in attrs.items() if v is not None}, _vote(concepts)


_key = Candidate.key.fget
_level, _conflicts_of = itemgetter(5), itemgetter(6)  # of a Candidate, read in C


def _frozen(attrs: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(attrs.items()))


def _vote(given: Sequence[tuple[str, str]]) -> str | None:
    if not given:
        return None
    counts = Counter(value for _, value in given)
    first = {}
    for annotator, value in sorted(given):
        first.setdefault(value, annotator)
    return min(counts, key=lambda v: (-counts[v], first[v]))


def overlaps(a: Key, b: Key) -> bool:
    """Whether two places share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def conflicting(a: Candidate, b: Candidate,
                groups: Mapping[str, str | None] | None = None) -> bool:
    """Two candidates are alternatives the reviewer has to choose between.

    They conflict when they overlap (share a character), no annotator marked both, and
    their labels are in the same codebook group (all labels are one group without
    `groups`). An annotator who marked both meant both (a word-choice inside a framing
    passage); labels of different groups answer different questions (Bias vs Frame).
    """
    if a.key == b.key or not overlaps(a.key, b.key):
        return False
    if groups is not None and groups.get(a.label) != groups.get(b.label):
        return False
    return not set(a.annotators) & set(b.annotators)


@dataclass(frozen=True)
class DocumentCandidates:
    doc_id: str
    participants: tuple[str, ...]
    candidates: tuple[Candidate, ...]  # by (start, end, label)

    @cached_property
    def by_key(self) -> dict[Key, Candidate]:
        return {c.key: c for c in self.candidates}

    def candidate(self, key: Key) -> Candidate | None:
        return self.by_key.get(tuple(key))

    def accepted_by(self, policy: str) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if accepts(policy, c))

    def settled_by(self, policy: str) -> bool:
        """Whether the policy accepts every candidate (there is nothing to dispute)."""
        return len(self.participants) >= 2 and all(accepts(policy, c)
                                                   for c in self.candidates)

    def alternatives(self, key: Key) -> tuple[Candidate, ...]:
        """A candidate and every candidate linked to it by conflicts: "the place" that
        "reject all here" rejects."""
        by_key = self.by_key
        if tuple(key) not in by_key:
            return ()
        seen = {tuple(key)}
        todo = [tuple(key)]
        while todo:
            for other in by_key[todo.pop()].conflicts:
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        return tuple(c for c in self.candidates if c.key in seen)


def accepts(policy: str, candidate: Candidate) -> bool:
    """unanimous: marked by every participant; majority: by more than half of them.
    Either way only where two or more took part (fewer are left to the reviewer)."""
    if policy == UNANIMOUS:
        return candidate.level == UNANIMOUS
    if policy == MAJORITY:
        return candidate.level in (UNANIMOUS, MAJORITY)
    raise ValueError(f"unknown policy {policy!r} (known: {', '.join(POLICIES)})")


def candidates_of(record: DocumentRecord,
                  groups: Mapping[str, str | None] | None = None,
                  who: tuple[str, ...] | None = None) -> DocumentCandidates:
    """The candidates of one document, with their levels and conflicts. `who` took part,
    when the record holds only some of the document's spans (else worked out from it).

    A 1 MB document has 10,000 spans and 5,000 candidates, read on a job's thread that
    shares Python's lock with the GUI thread: the candidates are made by C loops (map,
    zip), Python's own loops run over the spans once and over pairs of overlapping
    candidates."""
    if who is None:
        who = participants(record)
    n = len(who)
    # the spans as rows in Span's field order (annotator, start, end, label, …): a Span
    # is made only when a candidate's spans are looked at
    by_key: dict[Key, dict[str, tuple]] = {}
    # by annotator (a stable sort: the rows come by annotator, so it costs little), so
    # that each candidate's voters come in name order without a sort per candidate
    for r in sorted(span_rows(record.annotations), key=_annotator):
        # an exact duplicate of one annotator is one span (interchange.md): the first
        by_key.setdefault(r[1:4], {}).setdefault(r[0], r)
    keys = sorted(by_key)
    voters = list(map(by_key.__getitem__, keys))
    votes = list(map(len, voters))
    levels = [level_of(count, n) for count in range(max(n, max(votes, default=0)) + 1)]
    starts, ends, labels = zip(*keys, strict=True) if keys else ((), (), ())
    # the tuples made directly: Candidate(...) is a Python call per candidate
    out = tuple(map(_new_tuple, repeat(Candidate), zip(
        starts, ends, labels, map(tuple, map(dict.values, voters)), repeat(n, len(keys)),
        map(levels.__getitem__, votes), _conflicts(keys, starts, ends, labels, voters, groups),
        strict=True)))
    return DocumentCandidates(record.id, who, out)


def _conflicts(keys: list[Key], starts: Sequence[int], ends: Sequence[int],
               labels: Sequence[str], voters: list[dict[str, tuple]],
               groups: Mapping[str, str | None] | None) -> list[tuple[Key, ...]]:
    """For each candidate (sorted by key; its voters by name), the keys of those it
    conflicts with (`conflicting`), in key order: the earlier ones are found first."""
    count = len(keys)
    found: list = [()] * count
    group = [None] * count if groups is None else list(map(groups.get, labels))
    # sorted by start: only the candidates starting before one's end can overlap it;
    # Python looks only at those the next one overlaps (a C loop finds them)
    for i in compress(range(count), map(lt, starts[1:], ends)):
        a_start, a_group, a_names = starts[i], group[i], voters[i].keys()
        for j in range(i + 1, bisect_left(starts, ends[i], i + 2)):
            # conflicting(): overlapping, same group, nobody marked both
            if (group[j] == a_group and ends[j] > a_start
                    and a_names.isdisjoint(voters[j])):
                if not found[i]:
                    found[i] = []
                found[i].append(keys[j])
                if not found[j]:
                    found[j] = []
                found[j].append(keys[i])
    return list(map(tuple, found))


# ---------------------------------------------------------------- decisions

@dataclass(frozen=True)
class Decision:
    """A row of the decisions table, as the core sees it."""

    id: int
    kind: str
    start: int
    end: int
    label: str | None
    annotators: tuple[str, ...] = ()
    reviewer: str = ""
    at: str = ""
    gold_span_id: int | None = None
    details: Mapping[str, object] = field(default_factory=dict)

    @property
    def key(self) -> Key:
        return (self.start, self.end, self.label or "")


@dataclass(frozen=True, slots=True)
class CandidateState:
    state: str
    decision: Decision | None = None  # the decision it stands on (None: open, or gold
    # that came without a decision, e.g. imported)
    gold: GoldSpan | None = None  # the gold span it gave, if accepted or edited


_UNDECIDED = CandidateState(OPEN)  # one for all: it holds nothing of its own
_state = attrgetter("state")


def candidate_states(doc: DocumentCandidates, decisions: Iterable[Decision],
                     gold: Iterable[GoldSpan]) -> dict[Key, CandidateState]:
    """Where each candidate stands: its newest decision decides.

    Without a decision, a gold span at the candidate's place with its label (imported
    gold, or another candidate edited into it) counts as accepting it. An accepted or
    edited candidate whose gold span is gone is open again.
    """
    gold_by_key = {g.key: g for g in gold}
    gold_by_id = {g.id: g for g in gold_by_key.values() if g.id is not None}
    newest: dict[Key, Decision] = {}
    for d in decisions:
        if d.kind in _ON_CANDIDATES and (d.key not in newest or d.id > newest[d.key].id):
            newest[d.key] = d
    # most of a document's candidates have neither a decision nor gold: one C call puts
    # them all in (in the candidates' order), and Python looks only at the others
    out: dict[Key, CandidateState] = dict.fromkeys(map(_key, doc.candidates), _UNDECIDED)
    for key, g in gold_by_key.items():
        if key in out and key not in newest:
            out[key] = CandidateState(ACCEPTED, None, g)
    for key, d in newest.items():
        if key not in out:
            continue
        if d.kind in (REJECT, REJECT_ALL):
            out[key] = CandidateState(REJECTED, d)
        else:
            g = gold_by_key.get(key) if d.kind == ACCEPT else gold_by_id.get(d.gold_span_id)
            out[key] = (CandidateState(ACCEPTED if d.kind == ACCEPT else EDITED, d, g)
                        if g is not None else CandidateState(OPEN, d))
    return out


@dataclass(frozen=True)
class Summary:
    """A document's disagreement at a glance, for the document list."""

    participants: int
    candidates: int
    unanimous: int
    majority: int
    disputed: int  # minority candidates: no policy accepts them
    single: int  # candidates of a one-participant document
    conflicting: int
    open: int  # candidates without a decision
    gold: int
    adjudicated: bool  # someone took part and every candidate has a decision


def summarise(doc: DocumentCandidates, states: Mapping[Key, CandidateState],
              gold: int) -> Summary:
    cands = doc.candidates
    levels = Counter(map(_level, cands))
    # counted by C loops: a 1 MB document has 5,000 candidates, summed at each read
    still_open = countOf(map(_state, map(states.__getitem__, map(_key, cands))), OPEN)
    return Summary(len(doc.participants), len(cands), levels[UNANIMOUS],
                   levels[MAJORITY], levels[MINORITY], levels[SINGLE],
                   len(cands) - countOf(map(_conflicts_of, cands), ()), still_open, gold,
                   bool(doc.participants) and still_open == 0)


# ---------------------------------------------------------------- for annotators

CHANGED = "changed"
PENDING = "pending"
VERDICTS = (ACCEPTED, CHANGED, REJECTED, PENDING)


@dataclass(frozen=True)
class Judgement:
    """How one of an annotator's own spans was judged."""

    span: Span
    verdict: str  # accepted | changed | rejected | pending
    gold: GoldSpan | None = None  # what gold holds for it (accepted or changed)
    reviewer: str | None = None
    at: str | None = None


def judge(spans: Iterable[Span], doc: DocumentCandidates,
          states: Mapping[Key, CandidateState]) -> list[Judgement]:
    """Verdicts on an annotator's spans: accepted (gold holds it as they marked it),
    changed (edited, or accepted with other attributes or concept), rejected, pending.
    Only the annotator's own spans and the gold come back, never others' spans."""
    out = []
    for s in spans:
        cand = doc.candidate((s.start, s.end, s.label))
        st = states.get(cand.key) if cand is not None else None
        if st is None or st.state == OPEN:
            out.append(Judgement(s, PENDING))
            continue
        who = st.decision.reviewer if st.decision else (st.gold.decided_by if st.gold
                                                        else None)
        at = st.decision.at if st.decision else None
        if st.state == REJECTED:
            out.append(Judgement(s, REJECTED, None, who, at))
            continue
        g = st.gold
        same = (g is not None and g.key == cand.key and dict(g.attributes)
                == dict(s.attributes) and g.concept == s.concept)
        out.append(Judgement(s, ACCEPTED if same else CHANGED, g, who, at))
    return out
