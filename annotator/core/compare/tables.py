"""The comparison of sources (outlets): for each concept, the expressions each source used
for it, with label, polarity and who marked them; labels and document labels per source;
and the statistics of stats.py over them.

A source is a document's `source`; a document without one counts under its own id (and
the notes say so). Statistics count *places*: a distinct (document, start, end, label)
marked by one or more annotators counts once, because the unit being compared is what a
source printed, not how many annotators noticed it (several annotators' spans on the same
words are not independent observations). The tables of expressions count spans.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from annotator.core.compare.stats import ChiSquare, LogOddsResult, chi_square, weighted_log_odds
from annotator.core.model import Concept

ANNOTATIONS = "annotations"
GOLD = "gold"
POLARITY = "polarity"


@dataclass(frozen=True)
class SourceDocument:
    id: str
    source: str | None
    title: str | None = None
    event: str | None = None


@dataclass(frozen=True)
class MarkedSpan:
    """A span (or gold span) as the comparison sees it. `who`: its annotator, or for a
    gold span the annotators it was accepted from; `by`: who made the row (the annotator,
    or the reviewer who decided a gold span)."""

    doc_id: str
    start: int
    end: int
    text: str
    label: str
    attributes: Mapping[str, str]
    concept: str | None
    who: tuple[str, ...]
    by: str
    id: int | None = None


@dataclass(frozen=True)
class DocumentLabel:
    doc_id: str
    by: str
    name: str
    value: str


class Place(NamedTuple):
    doc_id: str
    start: int
    end: int
    by: str
    span_id: int | None = None


@dataclass(frozen=True)
class Expression:
    """The words one source used, with one label: how often, by whom, with what polarity."""

    text: str
    label: str
    count: int  # spans
    annotators: tuple[str, ...]
    polarity: Mapping[str, int]
    places: tuple[Place, ...]


@dataclass(frozen=True)
class SourceInfo:
    key: str  # the source, or the id of a document without one
    name: str | None  # the source as the documents give it (None: no source)
    documents: tuple[str, ...]
    titles: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class ConceptComparison:
    concept: Concept
    sources: Mapping[str, tuple[Expression, ...]]  # every source, possibly empty
    expressions: LogOddsResult  # which expressions tell a source apart, for this concept
    labels: LogOddsResult  # which labels do

    @property
    def spans(self) -> int:
        return sum(e.count for exprs in self.sources.values() for e in exprs)


@dataclass(frozen=True)
class Comparison:
    event: str | None
    layer: str
    annotators: tuple[str, ...]
    sources: tuple[SourceInfo, ...]
    concepts: tuple[ConceptComparison, ...]
    labels_by_source: Mapping[str, Mapping[str, int]]  # spans
    label_places: Mapping[str, Mapping[str, int]]  # label -> source -> places (tested)
    label_test: ChiSquare
    label_odds: LogOddsResult
    expression_odds: LogOddsResult  # every span's expression, whatever its concept
    doc_labels: Mapping[str, Mapping[str, Mapping[str, int]]]  # name -> source -> value -> n
    doc_label_tests: Mapping[str, ChiSquare]
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def source_keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sources)


@lru_cache(maxsize=1 << 16)  # the same words recur: 100,000 spans have far fewer texts
def written(text: str) -> str:
    """An expression as written, with its white space (a line break inside) made one space."""
    return " ".join(text.split())


def source_keys(documents: Sequence[SourceDocument]) -> tuple[tuple[SourceInfo, ...],
                                                                dict[str, str]]:
    """The sources in the order of their first document, and each document's source key."""
    named = {d.source for d in documents if d.source}
    by_doc: dict[str, str] = {}
    infos: dict[str, list] = {}
    for d in documents:
        # without a source: its own id, never confused with a source of that name
        key = d.source or (d.id if d.id not in named else f"{d.id} (document)")
        by_doc[d.id] = key
        infos.setdefault(key, [d.source or None, [], []])
        infos[key][1].append(d.id)
        infos[key][2].append(d.title)
    return (tuple(SourceInfo(k, v[0], tuple(v[1]), tuple(v[2])) for k, v in infos.items()),
            by_doc)


def _expressions(spans: Iterable[MarkedSpan]) -> tuple[Expression, ...]:
    groups: dict[tuple[str, str], list[MarkedSpan]] = defaultdict(list)
    for s in spans:
        groups[(written(s.text), s.label)].append(s)
    out = []
    for (text, label), members in groups.items():
        polarity: dict[str, int] = {}
        for s in members:
            value = s.attributes.get(POLARITY)
            if value:
                polarity[value] = polarity.get(value, 0) + 1
        out.append(Expression(
            text, label, len(members), tuple(sorted({a for s in members for a in s.who})),
            dict(sorted(polarity.items())),
            tuple(sorted(Place(s.doc_id, s.start, s.end, s.by, s.id) for s in members))))
    out.sort(key=lambda e: (-e.count, e.text.casefold(), e.text, e.label))
    return tuple(out)


def _place_counts(spans: Iterable[MarkedSpan], by_doc: Mapping[str, str], item,
                  labelled: bool = True) -> dict[str, Counter]:
    """source -> item -> distinct places with that item: (document, start, end, label), or
    without `labelled` (document, start, end): the same words marked with two labels are
    one expression."""
    seen: dict[str, dict[tuple, str]] = defaultdict(dict)
    for s in spans:
        place = (s.doc_id, s.start, s.end, s.label if labelled else None)
        seen[by_doc[s.doc_id]][place] = item(s)
    return {src: Counter(places.values()) for src, places in seen.items()}


def _expression_odds(spans: Sequence[MarkedSpan], by_doc: Mapping[str, str]) -> LogOddsResult:
    # one item per expression whatever its case; shown as first written
    shown: dict[str, str] = {}
    item: dict[str, str] = {}  # covered text -> the expression it counts as
    for s in spans:
        if s.text not in item:
            w = written(s.text)
            item[s.text] = shown.setdefault(w.casefold(), w)
    counts = _place_counts(spans, by_doc, lambda s: item[s.text], False)
    return weighted_log_odds(counts)


def build(documents: Sequence[SourceDocument], spans: Sequence[MarkedSpan],
          concepts: Sequence[Concept], doc_labels: Sequence[DocumentLabel] = (), *,
          event: str | None = None, layer: str = ANNOTATIONS,
          annotators: Sequence[str] = (), notes: Sequence[str] = ()) -> Comparison:
    """Compare the sources of `documents` on `spans` (one layer, already filtered).

    `concepts`: the concepts to show, in order (each with a column per source, empty where
    a source has no span linked to it). Spans on documents not given are ignored.
    """
    infos, by_doc = source_keys(documents)
    keys = [i.key for i in infos]
    spans = [s for s in spans if s.doc_id in by_doc]
    all_notes = list(notes)
    lacking = [d.id for d in documents if not d.source]
    if lacking:
        all_notes.append(
            f"{len(lacking)} document{'s have' if len(lacking) != 1 else ' has'} no source and "
            f"{'are' if len(lacking) != 1 else 'is'} counted under "
            f"{'their' if len(lacking) != 1 else 'its'} own id: {', '.join(lacking)}.")

    by_concept: dict[str, list[MarkedSpan]] = defaultdict(list)
    for s in spans:
        if s.concept:
            by_concept[s.concept].append(s)
    compared = []
    for c in concepts:
        mine = by_concept.get(c.id, [])
        per_source: dict[str, list[MarkedSpan]] = {k: [] for k in keys}
        for s in mine:
            per_source[by_doc[s.doc_id]].append(s)
        compared.append(ConceptComparison(
            c, {k: _expressions(v) for k, v in per_source.items()},
            _expression_odds(mine, by_doc),
            weighted_log_odds(_place_counts(mine, by_doc, lambda s: s.label))))

    labels_by_source: dict[str, Counter] = {k: Counter() for k in keys}
    for s in spans:
        labels_by_source[by_doc[s.doc_id]][s.label] += 1
    places = _place_counts(spans, by_doc, lambda s: s.label)
    label_names = sorted({lab for c in places.values() for lab in c})
    label_places = {lab: {k: places.get(k, Counter()).get(lab, 0) for k in keys}
                    for lab in label_names}

    doc_counts: dict[str, dict[str, Counter]] = defaultdict(lambda: {k: Counter() for k in keys})
    for dl in doc_labels:
        if dl.doc_id in by_doc:
            doc_counts[dl.name][by_doc[dl.doc_id]][dl.value] += 1
    doc_tables = {name: {k: dict(sorted(v.items())) for k, v in per.items()}
                  for name, per in sorted(doc_counts.items())}
    doc_tests = {}
    for name, per in doc_tables.items():
        values = sorted({v for counts in per.values() for v in counts})
        doc_tests[name] = chi_square({v: {k: per[k].get(v, 0) for k in keys} for v in values},
                                     keys)

    return Comparison(
        event, layer, tuple(annotators), infos, tuple(compared),
        {k: dict(sorted(v.items())) for k, v in labels_by_source.items()}, label_places,
        chi_square(label_places, keys), weighted_log_odds(places),
        _expression_odds(spans, by_doc), doc_tables, doc_tests, tuple(all_notes))
