"""Finding text: in one document, across the corpus, and the occurrences of a phrase that
"label every occurrence" offers for review before anything is written.

Offsets are code points, like everywhere outside the GUI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from annotator.services import reading
from annotator.services.annotate import Occurrence
from annotator.services.progress import Progress, no_progress
from annotator.services.project import Project
from annotator.store import document_texts

CONTEXT = 40  # characters of context shown on each side of a match
BATCH = 200  # documents read per query, so a large corpus is never all in memory


@dataclass(frozen=True)
class Match:
    doc_id: str
    start: int
    end: int
    before: str  # up to CONTEXT characters before the match, on one line
    text: str
    after: str
    title: str | None = None
    labelled: bool = False  # the annotator already has this span with the asked label

    @property
    def place(self) -> Occurrence:
        return Occurrence(self.doc_id, self.start, self.end)


def pattern(phrase: str, *, whole_words: bool = True, case_sensitive: bool = False
            ) -> re.Pattern | None:
    """The regular expression for a literal phrase; None for an empty phrase.

    Whole words: the match may not continue a word on either side (so "war" does not
    match inside "warning"); white space inside the phrase matches any white space, so
    a phrase also matches where a line breaks.
    """
    phrase = phrase.strip()
    if not phrase:
        return None
    body = r"\s+".join(re.escape(part) for part in phrase.split())
    if whole_words:
        if re.match(r"\w", phrase[0]):
            body = r"(?<!\w)" + body
        if re.match(r"\w", phrase[-1]):
            body = body + r"(?!\w)"
    return re.compile(body, 0 if case_sensitive else re.IGNORECASE)


def find_in_text(text: str, phrase: str, *, whole_words: bool = True,
                 case_sensitive: bool = False) -> list[tuple[int, int]]:
    rx = pattern(phrase, whole_words=whole_words, case_sensitive=case_sensitive)
    if rx is None:
        return []
    return [m.span() for m in rx.finditer(text)]


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    before = text[max(0, start - CONTEXT):start]
    after = text[end:end + CONTEXT]
    # one line each side: a paragraph break ends the context
    before = before.rsplit("\n", 1)[-1]
    after = after.split("\n", 1)[0]
    return before, after


def _documents(project: Project, doc_id: str | None) -> Iterator[tuple[int, str, str | None,
                                                                       str]]:
    last = 0
    while True:
        with project.store.read() as conn:
            rows = document_texts.texts_after(conn, last, BATCH, doc_id)
        if not rows:
            return
        yield from rows
        last = rows[-1][0]


def _count_documents(project: Project, doc_id: str | None) -> int:
    if doc_id is not None:
        return 1
    with project.store.read() as conn:
        return document_texts.document_count(conn)


def _labelled(project: Project, annotator: str | None, label: str | None
              ) -> set[tuple[int, int, int]]:
    """(document pk, start, end) of the annotator's spans with that label."""
    if not annotator or not label:
        return set()
    with project.store.read() as conn:
        return document_texts.labelled_places(conn, annotator, label)


def find(project: Project, phrase: str, *, doc_id: str | None = None,
         whole_words: bool = True, case_sensitive: bool = False,
         annotator: str | None = None, label: str | None = None, limit: int | None = None,
         progress: Progress = no_progress) -> list[Match]:
    """Every match of `phrase` in one document (`doc_id`) or the whole corpus, in order.

    With `annotator` and `label`, a match that annotator already labelled so is flagged
    `labelled` (blind: nobody else's spans are looked at). With `annotator`, only the
    documents they may see are searched (their queue, once there are assignments).
    `progress` may raise Cancelled. At most `limit` matches come back.
    """
    rx = pattern(phrase, whole_words=whole_words, case_sensitive=case_sensitive)
    if rx is None:
        return []
    labelled = _labelled(project, annotator, label)
    visible = reading.visible_documents(project, annotator)  # an annotator's queue
    total = _count_documents(project, doc_id)
    out: list[Match] = []
    for i, (pk, did, title, text) in enumerate(_documents(project, doc_id)):
        if i % 20 == 0:
            progress(i, total, f"Searching {title or did}")
        if visible is not None and did not in visible:
            continue
        for m in rx.finditer(text):
            start, end = m.span()
            before, after = _context(text, start, end)
            out.append(Match(did, start, end, before, m.group(), after, title,
                             (pk, start, end) in labelled))
            if limit is not None and len(out) >= limit:
                return out
    progress(total, total, "Done")
    return out
