"""The phrase recommender: where a phrase was labelled, its other occurrences are
suggested with that label, scored by how often it was given (core.suggest.phrases).

Blind by design: what annotators labelled teaches only themselves (their suggestions are
offered to them alone); the gold layer teaches everyone, and gold is not suggested back on
the documents it was decided on (nor on any adjudicated document: they need no
pre-annotation, and suggesting there would show annotators the reviewers' decisions).
"""

from __future__ import annotations

from annotator.core.model import REVIEWER
from annotator.core.proposals import Suggestion
from annotator.core.suggest.phrases import PhraseBook
from annotator.services.progress import Progress, no_progress
from annotator.services.project import Project
from annotator.services.suggestions import SuggestionRun, save
from annotator.store.annotator_rows import annotator_roles
from annotator.store.corpus_rows import load_records

SOURCE = "phrases"


def run(project: Project, progress: Progress = no_progress) -> SuggestionRun:
    """Suggest, on every document, the labels its phrases got elsewhere; replaces the
    recommender's earlier suggestions."""
    progress(0, 1, "Reading the project")
    with project.store.read() as conn:
        records = load_records(conn)
        roles = annotator_roles(conn)
    gold = PhraseBook()
    own: dict[str, PhraseBook] = {}
    for r in records:
        for g in r.gold:
            gold.learn(r.text, g.start, g.end, g.label)
        for s in r.annotations:
            if roles.get(s.annotator) != REVIEWER:
                own.setdefault(s.annotator, PhraseBook()).learn(r.text, s.start, s.end,
                                                                s.label)
    found: dict[str, list[Suggestion]] = {}
    for i, r in enumerate(records):
        progress(i, len(records), "Finding phrases labelled elsewhere")
        out = found[r.id] = []
        if not r.gold and not r.decisions:
            out += [Suggestion(SOURCE, s, e, label, float(n))
                    for s, e, label, n in gold.find(r.text)]
        have: dict[str, set[tuple]] = {}
        for s in r.annotations:
            have.setdefault(s.annotator, set()).add((s.start, s.end, s.label))
        for name, book in own.items():
            mine = have.get(name, set())
            out += [Suggestion(SOURCE, s, e, label, float(n), annotator=name)
                    for s, e, label, n in book.find(r.text) if (s, e, label) not in mine]
    progress(len(records), len(records), "Storing the suggestions")
    return save(project, SOURCE, found, "Phrase recommender")
