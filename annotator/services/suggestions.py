"""Suggestions (pre-annotation): storing a source's suggestions, what an annotator is
offered, accepting (one, or all above a score) and rejecting, and the project's setting
that turns them off for annotators.

Suggestions are never annotations: they live in a table of their own, so agreement,
adjudication, exports and progress cannot count one until an annotator accepts it; the
span that acceptance makes is the annotator's own, undoable, and records the suggestion
it came from. The sources are services.suggest_sources (files and commands),
services.suggest_phrases and services.suggest_tagger.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.core.errors import InputError
from annotator.core.model import REVIEWER, Codebook
from annotator.core.span_checks import attribute_problem, unknown_labels_error
from annotator.core.suggest.offered import Offered
from annotator.core.wording import count
from annotator.services.annotate import check_span
from annotator.services.changes import NOTHING, Changes
from annotator.services.project import Project

if TYPE_CHECKING:
    from annotator.core.proposals import Suggestion
    from annotator.store.suggestion_rows import Acceptance, SourceCount

__all__ = ["Offered", "Overview", "SuggestionRun", "accept",
           "accept_above", "acceptance", "check_source", "clear", "enabled", "offered",
           "overview", "reject", "save", "set_enabled"]

MAX_SOURCE = 200


@dataclass(frozen=True)
class SuggestionRun:
    """What a source's run (or an import) stored."""

    source: str
    suggestions: int
    documents: int  # the documents whose suggestions from the source were replaced
    changes: Changes = field(default=NOTHING)

    def describe(self) -> str:
        return (f"Stored {count(self.suggestions, 'suggestion')} from {self.source!r} on "
                f"{count(self.documents, 'document')} (replacing what {self.source!r} had "
                "suggested there).")


def check_source(name: str) -> str:
    """A source's name as shown beside its suggestions."""
    name = (name or "").strip()
    if not name:
        raise InputError("a suggestion source needs a name (--source NAME)")
    if len(name) > MAX_SOURCE:
        raise InputError(f"a source name has at most {MAX_SOURCE} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise InputError("a source name cannot hold control characters")
    return name


# ---------------------------------------------------------------- storing

def save(project: Project, source: str, found: Mapping[str, Sequence[Suggestion]],
         what: str, lines: Mapping[tuple[str, int], int] | None = None,
         file: str | None = None, then: Callable[[object], None] | None = None
         ) -> SuggestionRun:
    """`source`'s suggestions on the documents `found` names (by id) become `found`'s, in
    one transaction, checked against the codebook and concepts as they are then (refused
    whole, naming `file` and the line in `lines` of (document, index) when given).
    `then(conn)` writes what belongs with them in the same transaction. Recorded in the
    audit log; not undone."""
    from annotator.store import history, suggestion_rows, written
    from annotator.store.annotator_rows import ensure_annotators
    from annotator.store.codebook_rows import concept_pks
    from annotator.store.lookups import doc_pks

    source = check_source(source)
    with project.store.write() as conn:
        _check(project.codebook_in(conn), set(concept_pks(conn)), found, lines or {}, file)
        pks = doc_pks(conn, list(found))
        people = {s.annotator for items in found.values() for s in items if s.annotator}
        ids = ensure_annotators(conn, people, ()) if people else {}
        n = suggestion_rows.replace(conn, source, pks.values(),
                                    {pks[d]: items for d, items in found.items()}, ids)
        if then is not None:
            then(conn)
        run = SuggestionRun(source, n, len(found))
        history.log_event(conn, None, "suggestions", f"{what}: {run.describe()}")
        return SuggestionRun(source, n, len(found), written.changes(conn, run.describe()))


def _check(codebook: Codebook, concepts: set[str],
           found: Mapping[str, Sequence[Suggestion]], lines: Mapping[tuple[str, int], int],
           file: str | None) -> None:
    unknown: dict[str, list[int]] = {}
    for doc, items in found.items():
        for k, s in enumerate(items):
            if codebook.label(s.label) is None:
                unknown.setdefault(s.label, []).append(lines.get((doc, k), 0))
    if unknown:
        error = unknown_labels_error(file or "suggestions", unknown)
        raise InputError(error.problem.replace(", or import with --add-labels", ""),
                         file, error.line)
    for doc, items in found.items():
        for k, s in enumerate(items):
            problem = attribute_problem(codebook, s)
            if problem is None and s.concept is not None and s.concept not in concepts:
                problem = f"concept {s.concept!r} is not in the project"
            if problem:
                raise InputError(f"document {doc!r}: suggestion {s.start}-{s.end} "
                                 f"{s.label!r}: {problem}", file, lines.get((doc, k)))


def clear(project: Project, source: str) -> Changes:
    """Forget every suggestion of a source (what annotators accepted stays theirs)."""
    from annotator.store import history, suggestion_rows, written

    with project.store.write() as conn:
        n = suggestion_rows.clear_source(conn, source)
        if not n:
            raise InputError(f"no suggestions from {source!r} in the project")
        description = f"Removed {count(n, 'suggestion')} from {source!r}"
        history.log_event(conn, None, "suggestions", description)
        return written.changes(conn, description)


# ---------------------------------------------------------------- offering

def _offered_to(conn, annotator: str) -> bool:
    """Whether suggestions are offered to this person now (reviewers always)."""
    from annotator.store import suggestion_rows
    from annotator.store.annotator_rows import annotator_roles

    return suggestion_rows.enabled(conn) or annotator_roles(conn).get(annotator) == REVIEWER


def offered(project: Project, doc_id: str, annotator: str) -> Offered:
    """The suggestions `annotator` is offered on a document (none when the project turned
    them off for annotators)."""
    look = project.first_look
    if look is not None and (seen := look.offered_on(doc_id, annotator)) is not None:
        return seen
    from annotator.store import suggestion_rows
    from annotator.store.annotator_rows import annotator_id
    from annotator.store.lookups import document_pk

    with project.store.read() as conn:
        if not _offered_to(conn, annotator):
            return Offered()
        return suggestion_rows.offered_on(conn, document_pk(conn, doc_id),
                                          annotator_id(conn, annotator))


def _refuse_if_off(conn, annotator: str) -> None:
    if not _offered_to(conn, annotator):
        raise InputError("suggestions are turned off for annotators in this project")


def _offered_one(conn, annotator: str, suggestion_id: int) -> tuple[int, int, Suggestion]:
    """A stored suggestion offered to the annotator: its document pk, the annotator's id,
    and the suggestion; refused when it is gone, turned off or someone else's."""
    from annotator.store import suggestion_rows
    from annotator.store.annotator_rows import actor as actor_id

    pk, owner, suggestion = suggestion_rows.stored(conn, suggestion_id)
    _refuse_if_off(conn, annotator)
    actor = actor_id(conn, annotator)
    if owner is not None and owner != actor:
        raise InputError("that suggestion is offered to someone else")
    return pk, actor, suggestion


def accept(project: Project, annotator: str, suggestion_id: int, label: str | None = None,
           attributes: Mapping[str, str] | None = None) -> Changes:
    """Make the suggestion the annotator's own span (with another label or attributes,
    when given: accepting with an edit), recording where it came from. One undoable
    action; NOTHING when the annotator already has that span."""
    from annotator.store import annotation_rows, history, suggestion_rows
    from annotator.store.lookups import document_length

    with project.store.write() as conn:
        pk, actor, suggestion = _offered_one(conn, annotator, suggestion_id)
        codebook = project.codebook_in(conn)
        new_label = suggestion.label if label is None else label
        attrs = dict(suggestion.attributes) if attributes is None else dict(attributes)
        if attributes is None and new_label != suggestion.label:
            allowed = {a.name for a in codebook.attributes_for(new_label)}
            attrs = {k: v for k, v in attrs.items() if k in allowed}
        check_span(codebook, document_length(conn, pk), suggestion.start, suggestion.end,
                   new_label, attrs)
        if annotation_rows.add_span(conn, pk, actor, suggestion.start, suggestion.end,
                                    new_label, attrs, suggestion.concept,
                                    suggested=suggestion_rows.origin_of(suggestion)) is None:
            return NOTHING
        verb = "Accept" if new_label == suggestion.label else "Accept as"
        return history.finish(conn, actor, "accept_suggestion",
                              f"{verb} {new_label!r} (suggested by {suggestion.source})", pk)


def accept_above(project: Project, annotator: str, doc_id: str, minimum: float) -> Changes:
    """Accept every suggestion offered on the document scoring at least `minimum` (those
    without a score are left): one undoable action."""
    from annotator.store import annotation_rows, history, suggestion_rows
    from annotator.store.annotator_rows import actor as actor_id
    from annotator.store.lookups import document_length, document_pk

    with project.store.write() as conn:
        pk = document_pk(conn, doc_id)
        _refuse_if_off(conn, annotator)
        actor = actor_id(conn, annotator)
        codebook = project.codebook_in(conn)
        length = document_length(conn, pk)
        got = suggestion_rows.offered_on(conn, pk, actor)
        added = 0
        for i, score in enumerate(got.scores):
            if score is None or score < minimum:
                continue
            s = got.suggestion(i)
            check_span(codebook, length, s.start, s.end, s.label, s.attributes)
            if annotation_rows.add_span(conn, pk, actor, s.start, s.end, s.label,
                                        s.attributes, s.concept,
                                        suggested=suggestion_rows.origin_of(s)) is not None:
                added += 1
        return history.finish(conn, actor, "accept_suggestions",
                              f"Accept {count(added, 'suggestion')} scoring {minimum:g} or "
                              "more", pk)


def reject(project: Project, annotator: str, suggestion_id: int) -> Changes:
    """The annotator is not offered this (start, end, label) again on this document, from
    any source. Undoable."""
    from annotator.store import history, suggestion_rows

    with project.store.write() as conn:
        pk, actor, suggestion = _offered_one(conn, annotator, suggestion_id)
        suggestion_rows.reject(conn, pk, actor, suggestion.start, suggestion.end,
                               suggestion.label)
        return history.finish(conn, actor, "reject_suggestion",
                              f"Reject {suggestion.label!r} (suggested by {suggestion.source})",
                              pk)


# ---------------------------------------------------------------- the project's view

def enabled(project: Project) -> bool:
    if project.first_look is not None:
        return project.first_look.suggestions_on()
    from annotator.store import suggestion_rows

    with project.store.read() as conn:
        return suggestion_rows.enabled(conn)


def set_enabled(project: Project, on: bool, by: str | None = None) -> Changes:
    """Offer suggestions to annotators, or not (a calibration round). `by`: the person
    changing it, who must be a reviewer (the command line names no one)."""
    from annotator.store import history, suggestion_rows, written
    from annotator.store.annotator_rows import annotator_roles

    with project.store.write() as conn:
        if by is not None and annotator_roles(conn).get(by) != REVIEWER:
            raise InputError("only a reviewer can turn suggestions on or off for annotators")
        if not suggestion_rows.set_enabled(conn, on):
            return NOTHING
        description = ("Suggestions offered to annotators" if on
                       else "Suggestions turned off for annotators")
        history.log_event(conn, None, "suggestions", description)
        return written.changes(conn, description)


RETRAIN_AFTER = 25  # new gold spans that make a trained tagger due for retraining


@dataclass(frozen=True)
class Overview:
    enabled: bool
    sources: tuple[SourceCount, ...]
    tagger: Mapping | None  # the tagger's last training (services.suggest_tagger)


def overview(project: Project) -> Overview:
    from annotator.store import suggestion_rows

    with project.store.read() as conn:
        return Overview(suggestion_rows.enabled(conn), tuple(suggestion_rows.sources(conn)),
                        suggestion_rows.tagger_state(conn))


def tagger_due(project: Project) -> bool:
    """Whether a trained tagger has seen enough new gold to be retrained. Here, not
    beside the tagger, so that asking after each decision imports no numpy."""
    from annotator.store import suggestion_rows

    with project.store.read() as conn:
        state = suggestion_rows.tagger_state(conn)
        if not state:
            return False
        now = suggestion_rows.gold_span_count(conn)
    return abs(now - int(state.get("gold_spans", 0))) >= int(
        state.get("retrain_after", RETRAIN_AFTER))


def acceptance(project: Project) -> list[Acceptance]:
    """Per annotator: spans, spans accepted from suggestions, and of those how many are
    still exactly as suggested (for reviewers: anchoring)."""
    from annotator.store import suggestion_rows
    from annotator.store.annotator_rows import annotator_roles

    with project.store.read() as conn:
        roles = annotator_roles(conn)
        return [a for a in suggestion_rows.acceptance(conn) if roles.get(a.annotator)
                != REVIEWER]
