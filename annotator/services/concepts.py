"""Concepts, the things spans are about ("the election", "China's role"), per event: create,
rename, merge, delete, link spans to them, and the other occurrences of a linked phrase
offered for linking. Each call is one transaction and one undoable action of its actor.

Blind rules: concepts are shared vocabulary (everyone sees every concept and may create,
rename, or delete one nobody uses); links are each annotator's own work, so an annotator
links only their own spans, and merging two concepts, which re-links everyone's spans and
the gold layer, is for reviewers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from annotator.core.errors import InputError
from annotator.core.model import REVIEWER, Concept
from annotator.core.stemming import keys, occurrences
from annotator.core.wording import count
from annotator.services.annotate import check_span
from annotator.services.changes import Changes
from annotator.services.project import Project

CONTEXT = 40  # characters of context shown on each side of a suggestion


def _concept_id(name: str, taken: set[str]) -> str:
    name = name.lower().replace("'", "").replace("’", "")  # "China's role": chinas-role
    base = "-".join("".join(ch if ch.isalnum() else " " for ch in name).split())
    base = base or "concept"
    cid, k = base, 2
    while cid in taken:
        cid, k = f"{base}-{k}", k + 1
    return cid


def _name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise InputError("a concept needs a name")
    return name


def _found(conn, concept_id: str) -> tuple[int, Concept]:
    from annotator.store import concept_rows as rows

    got = rows.find_concept(conn, concept_id)
    if got is None:
        raise InputError(f"no concept {concept_id!r} in the project (someone may have "
                         "merged or deleted it)")
    return got


def concepts(project: Project, event: str | None = None) -> list[Concept]:
    """The concepts of an event (with those of no event), or all of them."""
    from annotator.store import concept_rows as rows

    with project.store.read() as conn:
        return rows.concepts_of_event(conn, event)


@dataclass(frozen=True)
class ConceptUse:
    concept: Concept
    own: int  # the viewer's spans linked to it
    everyone: int | None  # every span and gold span (None: not for an annotator's eyes)


def uses(project: Project, viewer: str, event: str | None = None) -> list[ConceptUse]:
    """The concepts of an event with how much they are used: an annotator sees their own
    links only (blind), a reviewer everyone's and the gold layer's too."""
    from annotator.store import concept_rows as rows
    from annotator.store.annotator_rows import annotator_id, annotator_roles

    with project.store.read() as conn:
        aid = annotator_id(conn, viewer)
        reviewer = annotator_roles(conn).get(viewer) == REVIEWER
        counts = rows.usage_by_concept(conn, aid)
        found = rows.concepts_of_event(conn, event)
    none = rows.Usage(0, 0, 0)
    return [ConceptUse(c, counts.get(c.id, none).own,
                       counts.get(c.id, none).total if reviewer else None) for c in found]


def create(project: Project, actor: str, name: str, *, event: str | None = None,
           type: str | None = None, description: str | None = None,
           concept_id: str | None = None) -> tuple[str, Changes]:
    """Declare a concept from its name (its id made from the name, unique, unless given)."""
    from annotator.store import concept_rows as rows
    from annotator.store import history
    from annotator.store.annotator_rows import actor as _actor

    name = _name(name)
    with project.store.write() as conn:
        aid = _actor(conn, actor)
        taken = rows.concept_ids(conn)
        cid = concept_id or _concept_id(name, taken)
        if cid in taken:
            raise InputError(f"there is already a concept {cid!r}")
        rows.insert_concept(conn, Concept(cid, name, type or None, event or None,
                                          description or None))
        return cid, history.finish(conn, aid, "add_concept", f"Add concept {name!r}")


def rename(project: Project, actor: str, concept_id: str, name: str) -> Changes:
    from annotator.store import concept_rows as rows
    from annotator.store import history
    from annotator.store.annotator_rows import actor as _actor

    name = _name(name)
    with project.store.write() as conn:
        aid = _actor(conn, actor)
        pk, old = _found(conn, concept_id)
        rows.update_concept(conn, pk, {"name": name})
        return history.finish(conn, aid, "rename_concept",
                              f"Rename concept {old.name or old.id!r} to {name!r}")


def delete(project: Project, actor: str, concept_id: str) -> Changes:
    """Delete a concept nothing links to (unlink or merge it first)."""
    from annotator.store import concept_rows as rows
    from annotator.store import history
    from annotator.store.annotator_rows import actor as _actor

    with project.store.write() as conn:
        aid = _actor(conn, actor)
        pk, old = _found(conn, concept_id)
        used = rows.usage(conn, pk, aid)
        if used.total:
            mine = f" ({used.own} of them yours)" if used.own else ""
            raise InputError(f"{old.name or old.id!r} is still linked from spans{mine}: unlink "
                             "them, or merge it into another concept, first")
        rows.delete_concept(conn, pk)
        return history.finish(conn, aid, "delete_concept",
                              f"Delete concept {old.name or old.id!r}")


def merge(project: Project, actor: str, concept_id: str, into: str) -> Changes:
    """Re-link every span and gold span of one concept to another, then delete the first
    (reviewers only: it changes everyone's links)."""
    from annotator.store import concept_rows as rows
    from annotator.store import history
    from annotator.store.annotator_rows import actor as _actor
    from annotator.store.annotator_rows import annotator_roles

    if concept_id == into:
        raise InputError("a concept cannot be merged into itself")
    with project.store.write() as conn:
        aid = _actor(conn, actor)
        if annotator_roles(conn).get(actor) != REVIEWER:
            raise InputError("merging concepts re-links every annotator's spans, so it is "
                             "for reviewers; you can re-link your own spans")
        pk, old = _found(conn, concept_id)
        to_pk, new = _found(conn, into)
        rows.relink(conn, pk, to_pk)
        rows.delete_concept(conn, pk)
        return history.finish(
            conn, aid, "merge_concepts",
            f"Merge concept {old.name or old.id!r} into {new.name or new.id!r}")


def link(project: Project, annotator: str, span_ids: Sequence[int], concept_id: str | None
         ) -> Changes:
    """Link one's own spans to a concept (None: unlink them), as one action."""
    from annotator.store import concept_rows as rows
    from annotator.store import history
    from annotator.store.annotation_rows import stored_span
    from annotator.store.annotator_rows import actor as _actor

    with project.store.write() as conn:
        aid = _actor(conn, annotator)
        pk, concept = _found(conn, concept_id) if concept_id else (None, None)
        docs = set()
        for span_id in span_ids:
            doc, span = stored_span(conn, span_id)
            if span.annotator != annotator:
                raise InputError("this span is another annotator's")
            docs.add(doc)
        rows.set_concept(conn, span_ids, pk)
        doc_pk = next(iter(docs)) if len(docs) == 1 else None
        what = f"Link to {concept.name or concept.id!r}" if concept else "Unlink"
        return history.finish(conn, aid, "link_concept", what, doc_pk)


# ------------------------------------------------------------------ other occurrences

ADD = "add"  # no span of yours there: a new one, with the linked span's label
LINK = "link"  # your span there, linked to no concept
RELINK = "relink"  # your span there, linked to another concept (offered unticked)
LINKED = "linked"  # already linked to this concept: shown, not offered


@dataclass(frozen=True)
class Suggestion:
    doc_id: str
    title: str | None
    start: int
    end: int
    text: str
    before: str
    after: str
    action: str
    span_ids: tuple[int, ...] = ()  # your spans there (LINK, RELINK, LINKED)
    current: str | None = None  # their concept (RELINK)

    @property
    def offered(self) -> bool:
        return self.action != LINKED


@dataclass(frozen=True)
class Suggestions:
    """Where else the words of a linked span occur in its event's documents."""

    concept: str
    phrase: str
    label: str
    attributes: Mapping[str, str]
    items: tuple[Suggestion, ...]

    @property
    def offered(self) -> tuple[Suggestion, ...]:
        return tuple(s for s in self.items if s.offered)


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    before = text[max(0, start - CONTEXT):start].rsplit("\n", 1)[-1]
    after = text[end:end + CONTEXT].split("\n", 1)[0]
    return before, after


def suggest(project: Project, annotator: str, span_id: int) -> Suggestions:
    """The other occurrences of a linked span's words (ignoring case, quotes and
    inflection) in the documents of its event, for the annotator to review: each says
    what linking it would do. Blind: only the annotator's own spans are looked at."""
    from annotator.store import concept_rows as rows
    from annotator.store.annotation_rows import stored_span
    from annotator.store.annotator_rows import annotator_id

    with project.store.read() as conn:
        aid = annotator_id(conn, annotator)
        doc, span = stored_span(conn, span_id)
        if aid is None or span.annotator != annotator:
            raise InputError("this span is another annotator's")
        if span.concept is None:
            raise InputError("link the span to a concept first")
        docs = rows.documents_of_event(conn, rows.document_event(conn, doc))
        mine = rows.own_spans(conn, [d.pk for d in docs], aid)
        source = next(s for s in mine[doc] if s.id == span_id)
        text = next(d.text for d in docs if d.pk == doc)
    phrase = text[source.start:source.end]
    items = []
    for d in docs:
        at: dict[tuple[int, int], list] = {}
        for s in mine[d.pk]:
            at.setdefault((s.start, s.end), []).append(s)
        for start, end in occurrences(d.text, phrase, keys(d.text)):
            if d.pk == doc and (start, end) == (source.start, source.end):
                continue
            there = at.get((start, end), [])
            linked = [s for s in there if s.concept == source.concept]
            free = [s for s in there if s.concept is None]
            other = [s for s in there if s.concept not in (None, source.concept)]
            if linked:
                action, spans = LINKED, linked
            elif free:
                action, spans = LINK, free
            elif other:
                action, spans = RELINK, other
            else:
                action, spans = ADD, []
            before, after = _context(d.text, start, end)
            items.append(Suggestion(
                d.id, d.title, start, end, d.text[start:end], before, after, action,
                tuple(s.id for s in spans), other[0].concept if action == RELINK else None))
    return Suggestions(source.concept, phrase, source.label, dict(source.attributes),
                       tuple(items))


def apply(project: Project, annotator: str, suggestions: Suggestions,
          chosen: Sequence[Suggestion]) -> Changes:
    """Link the chosen occurrences: spans of one's own there are linked, elsewhere a span
    with the linked span's label and attributes is added; one undoable action."""
    from annotator.store import annotation_rows, history
    from annotator.store import concept_rows as rows
    from annotator.store.annotation_rows import stored_span
    from annotator.store.annotator_rows import actor as _actor
    from annotator.store.lookups import document_length, document_pk

    with project.store.write() as conn:
        aid = _actor(conn, annotator)
        pk, concept = _found(conn, suggestions.concept)
        codebook = project.codebook_in(conn)
        pks = {d: document_pk(conn, d) for d in sorted({s.doc_id for s in chosen})}
        done = 0
        to_link: list[int] = []
        for s in chosen:
            doc_pk = pks[s.doc_id]
            if s.action == ADD:
                check_span(codebook, document_length(conn, doc_pk), s.start, s.end,
                           suggestions.label, suggestions.attributes)
                # None: added meanwhile (in another window), left as it is
                if annotation_rows.add_span(conn, doc_pk, aid, s.start, s.end,
                                            suggestions.label, suggestions.attributes,
                                            concept.id) is not None:
                    done += 1
            elif s.action in (LINK, RELINK):
                for span_id in s.span_ids:
                    if stored_span(conn, span_id)[1].annotator != annotator:
                        raise InputError("this span is another annotator's")
                to_link += s.span_ids
        done += rows.set_concept(conn, to_link, pk)
        doc_pk = next(iter(pks.values())) if len(pks) == 1 else None
        what = f"{count(done, 'occurrence')} to {concept.name or concept.id!r}"
        return history.finish(conn, aid, "link_occurrences", f"Link {what}", doc_pk)
