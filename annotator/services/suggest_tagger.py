"""The span tagger: a token classifier trained on the project itself (scikit-learn, on
this machine: nothing is downloaded), whose spans are suggested on the documents it did
not learn from.

It learns from the gold layer (the adjudicated documents), or, while there is no gold, from
the spans that at least two annotators, and more than half of a document's participants,
marked alike. Each token gets its features (core.suggest.tagging) and a BIO tag; a
logistic regression learns the tags; tags become spans, scored by the mean probability
of their tokens' tags. Before its suggestions are stored it is tested: trained on about
four fifths of those documents and scored on the held-out rest (precision, recall and F1
per label, exact spans: core.suggest.evaluation), then trained again on all of them.

The last training and its scores are kept in the project (settings), so that anyone can
see them before trusting the suggestions, and so that a window can retrain it in the
background once enough new gold has arrived (`due`).

scikit-learn is an optional dependency (the `suggest` extra), imported only here and only
when the tagger is trained.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from annotator.core.agreement import participants_of
from annotator.core.errors import InputError
from annotator.core.model import REVIEWER
from annotator.core.proposals import Suggestion
from annotator.core.records import DocumentRecord
from annotator.core.suggest.evaluation import Scores, evaluate
from annotator.core.suggest.tagging import bio_tags, features, held_out, spans_of
from annotator.services.progress import Progress, no_progress
from annotator.services.project import Project
from annotator.services.suggestions import RETRAIN_AFTER, SuggestionRun, save
from annotator.store import suggestion_rows
from annotator.store.annotator_rows import annotator_roles
from annotator.store.corpus_rows import load_records

SOURCE = "tagger"
MIN_DOCUMENTS = 2  # one to learn from, one to test on
GOLD, AGREED = "gold", "agreed"


@dataclass(frozen=True)
class Example:
    text: str
    spans: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class TaggerReport:
    """One training: what it learnt from, its scores on held-out documents, and the
    suggestions it stored."""

    basis: str  # GOLD or AGREED
    trained_on: int  # documents (in the final model)
    tested_on: tuple[str, ...]  # the held-out documents of the test
    overall: Scores
    labels: Mapping[str, Scores]
    left_out: int  # overlapping spans BIO could not hold
    trained_at: str
    gold_spans: int  # gold spans in the project when it was trained
    retrain_after: int = RETRAIN_AFTER
    run: SuggestionRun | None = field(default=None, compare=False)

    def table(self) -> list[str]:
        """Its held-out scores as a small text table (the command line's, the window's)."""
        def num(v) -> str:
            return "  n/a" if v is None else f"{v:5.3f}"

        basis = "gold" if self.basis == GOLD else "spans annotators agree on"
        out = [f"Tagger trained {self.trained_at} on {self.trained_on} documents ({basis}); "
               f"tested on {len(self.tested_on)} held-out: {', '.join(self.tested_on)}",
               f"  {'label':<24} {'P':>5} {'R':>5} {'F1':>5} {'ref':>5} {'pred':>5}"]
        for name, s in [*self.labels.items(), ("(all, micro)", self.overall)]:
            out.append(f"  {name[:24]:<24} {num(s.precision)} {num(s.recall)} {num(s.f1)} "
                       f"{s.support:5d} {s.predicted:5d}")
        if self.left_out:
            out.append(f"  ({self.left_out} overlapping spans could not be learnt)")
        return out

    def as_json(self) -> dict[str, object]:
        return {"basis": self.basis, "trained_on": self.trained_on,
                "tested_on": list(self.tested_on), "overall": self.overall.as_json(),
                "labels": {k: v.as_json() for k, v in self.labels.items()},
                "left_out": self.left_out, "trained_at": self.trained_at,
                "gold_spans": self.gold_spans, "retrain_after": self.retrain_after}

    @classmethod
    def from_json(cls, obj: Mapping) -> TaggerReport:
        return cls(obj["basis"], int(obj["trained_on"]), tuple(obj["tested_on"]),
                   Scores.from_json(obj["overall"]),
                   {k: Scores.from_json(v) for k, v in obj["labels"].items()},
                   int(obj.get("left_out", 0)), obj["trained_at"], int(obj["gold_spans"]),
                   int(obj.get("retrain_after", RETRAIN_AFTER)))


def examples(records: Sequence[DocumentRecord], reviewers: set[str]
             ) -> tuple[str, dict[str, Example]]:
    """What the tagger learns from: the adjudicated documents' gold, or while there is
    none, the spans annotators agree on (documents with two or more participants)."""
    adjudicated = [r for r in records if r.gold or r.decisions]
    if adjudicated:
        return GOLD, {r.id: Example(r.text, tuple((g.start, g.end, g.label) for g in r.gold))
                      for r in adjudicated}
    out = {}
    for r in records:
        people = participants_of(r) - reviewers
        if len(people) < 2:
            continue
        votes = Counter({(s.start, s.end, s.label, s.annotator) for s in r.annotations
                         if s.annotator in people})
        marked = Counter((s, e, lab) for s, e, lab, _who in votes)
        out[r.id] = Example(r.text, tuple(k for k, n in sorted(marked.items())
                                          if n >= 2 and 2 * n > len(people)))
    return AGREED, out


class Tagger:
    """A fitted model: features to BIO tags (scikit-learn)."""

    def __init__(self, docs: Sequence[Example]):
        try:
            from sklearn.feature_extraction import DictVectorizer
            from sklearn.linear_model import LogisticRegression
        except ImportError:
            raise InputError("the tagger needs scikit-learn: pip install "
                             "'framing-annotator[suggest]'") from None
        rows, tags = [], []
        self.left_out = 0
        for doc in docs:
            starts, ends, feats = features(doc.text)
            bio, left = bio_tags(starts, ends, doc.spans)
            self.left_out += left
            rows += feats
            tags += bio
        if len(set(tags)) < 2:
            raise InputError("the documents to learn from have no spans: the tagger has "
                             "nothing to learn")
        self.vectorizer = DictVectorizer()
        x = self.vectorizer.fit_transform(rows)
        self.model = LogisticRegression(max_iter=500, C=5.0)
        self.model.fit(x, tags)

    def spans(self, text: str) -> list[tuple[int, int, str, float]]:
        starts, ends, feats = features(text)
        if not feats:
            return []
        probs = self.model.predict_proba(self.vectorizer.transform(feats))
        best = probs.argmax(axis=1)
        tags = [self.model.classes_[k] for k in best]
        return spans_of(starts, ends, tags, probs[range(len(best)), best])


def train(project: Project, progress: Progress = no_progress,
          retrain_after: int | None = None) -> TaggerReport:
    """Train and test the tagger, store its suggestions on the documents it did not learn
    from (replacing its earlier ones) and its report in the project."""
    total = 5
    progress(0, total, "Reading the project")
    with project.store.read() as conn:
        records = load_records(conn)
        reviewers = {n for n, r in annotator_roles(conn).items() if r == REVIEWER}
        gold_spans = suggestion_rows.gold_span_count(conn)
        earlier = suggestion_rows.tagger_state(conn)
    basis, learnt = examples(records, reviewers)
    if len(learnt) < MIN_DOCUMENTS:
        raise InputError(
            f"the tagger needs at least {MIN_DOCUMENTS} documents to learn from and test "
            "on: adjudicated documents, or documents that two or more annotators have "
            f"annotated (this project has {len(learnt)})")
    train_ids, test_ids = held_out(list(learnt))
    progress(1, total, f"Training on {len(train_ids)} documents")
    model = Tagger([learnt[d] for d in train_ids])
    progress(2, total, f"Testing on {len(test_ids)} held-out documents")
    reference = [(d, s, e, lab) for d in test_ids for s, e, lab in learnt[d].spans]
    predicted = [(d, s, e, lab) for d in test_ids for s, e, lab, _ in model.spans(learnt[d].text)]
    labels = sorted({lab for ex in learnt.values() for _s, _e, lab in ex.spans})
    overall, per_label = evaluate(reference, predicted, labels)
    progress(3, total, f"Training on all {len(learnt)} documents")
    model = Tagger(list(learnt.values()))
    found: dict[str, list[Suggestion]] = {}
    for i, r in enumerate(records):
        progress(4, total, f"Suggesting on document {i + 1} of {len(records)}")
        found[r.id] = [] if r.id in learnt else [
            Suggestion(SOURCE, s, e, lab, round(score, 4)) for s, e, lab, score in
            model.spans(r.text)]
    if retrain_after is None:
        retrain_after = int((earlier or {}).get("retrain_after", RETRAIN_AFTER))
    report = TaggerReport(basis, len(learnt), tuple(test_ids), overall, per_label,
                          model.left_out, datetime.now(UTC).isoformat(timespec="seconds"),
                          gold_spans, retrain_after)
    run = save(project, SOURCE, found, f"Tagger trained on {len(learnt)} documents ({basis})",
               then=lambda conn: suggestion_rows.save_tagger_state(conn, report.as_json()))
    progress(total, total, "Done")
    return TaggerReport(**{**report.__dict__, "run": run})


def last(project: Project) -> TaggerReport | None:
    """The tagger's last training, if it was ever trained."""
    with project.store.read() as conn:
        state = suggestion_rows.tagger_state(conn)
    return TaggerReport.from_json(state) if state else None
