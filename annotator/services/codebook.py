"""The codebook, edited by reviewers (the project lead): add, change, rename, retire,
restore and merge labels, attributes and kinds of document label, rename values, edit the
guidelines; import and export it as YAML; its versions.

Each call is one transaction, one undoable action of its actor (store/history.py) and one
new codebook version. The edit is applied to the codebook as stored when the write lock is
held, so two reviewers' edits merge; an edit made on a view that someone has changed since
is refused (core.codebook_edits.Stale) and says who changed it. Validity is one check,
core.codebook.check_codebook, whatever the edit came from; an edit that would leave spans
with a value the codebook no longer has is refused (retiring is the way to stop using
something).

Spans refer to labels by id, so a rename reaches every view, report and export at once;
attribute keys and values inside spans, document labels and reviewers' decisions are
carried along in the same action.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.codebook import check_codebook, codebook_yaml, parse_codebook_yaml
from annotator.core.codebook_edits import (
    ATTRIBUTE,
    DOC_LABEL,
    LABEL,
    Change,
    Edit,
    LabelUse,
    Merge,
    MergePreview,
    Rename,
    RenameValue,
    Stale,
    apply_edit,
    apply_edits,
    describe,
    entries,
    find,
    plan_import,
)
from annotator.core.codebook_versions import CodebookVersion
from annotator.core.errors import InputError
from annotator.core.model import REVIEWER, Codebook
from annotator.core.wording import count
from annotator.services import output
from annotator.services.changes import NOTHING, Changes
from annotator.services.project import Project
from annotator.store import codebook_edit_rows as rows
from annotator.store import history
from annotator.store.annotator_rows import actor as actor_id
from annotator.store.annotator_rows import annotator_roles, set_role
from annotator.store.codebook_versions import (
    current_version as _current_version,
)
from annotator.store.codebook_versions import (
    last_change,
    record_version,
    version_codebook,
)
from annotator.store.codebook_versions import span_version as _span_version
from annotator.store.codebook_versions import spans_by_version as _spans_by_version
from annotator.store.codebook_versions import versions as _versions

LEAD_ONLY = ("only a reviewer (the project lead) edits the codebook: it changes what "
             "everyone marks; choose a name with the reviewer role")


# ------------------------------------------------------------------ reading

def current_version(project: Project) -> int:
    """The project's codebook version now: spans made from now on carry this number."""
    with project.store.read() as conn:
        return _current_version(conn)


def span_version(project: Project, span_id: int) -> int:
    """The codebook version a span was made (or last changed by its annotator) under."""
    with project.store.read() as conn:
        return _span_version(conn, span_id)


def spans_by_version(project: Project) -> dict[int, int]:
    """How many spans were made (or last changed by their annotator) under each version."""
    with project.store.read() as conn:
        return _spans_by_version(conn)


def versions(project: Project) -> list[CodebookVersion]:
    """Every version, oldest first: number, when, who, what changed."""
    with project.store.read() as conn:
        return _versions(conn)


def codebook_at(project: Project, number: int | None = None) -> Codebook:
    """The codebook at a version (None: as it is now), retired items included."""
    with project.store.read() as conn:
        if number is None:
            return project.codebook_in(conn)
        return version_codebook(conn, number)


def label_usage(project: Project) -> dict[str, LabelUse]:
    """Every used label's spans, annotators and gold spans (for reviewers' eyes)."""
    with project.store.read() as conn:
        return rows.label_usage(conn)


# ------------------------------------------------------------------ editing

def lead(conn, actor: str, new_reviewer: bool = False, refusal: str = LEAD_ONLY) -> int:
    """The reviewer's id, inside a write; `new_reviewer`: a name not in the project yet
    becomes a reviewer in this same transaction (the command line names its lead so)."""
    roles = annotator_roles(conn)
    if new_reviewer and actor.strip() and actor not in roles:
        set_role(conn, actor, REVIEWER)
    elif roles.get(actor) != REVIEWER:
        raise InputError(refusal)
    return actor_id(conn, actor)


def edit(project: Project, actor: str, edits: Sequence[Edit],
         summary: str | None = None, new_reviewer: bool = False) -> Changes:
    """Apply edits (core.codebook_edits) as one action and one new version; NOTHING when
    they change nothing. InputError (nothing written) for an edit refused."""
    edits = list(edits)
    with project.store.write() as conn:
        aid = lead(conn, actor, new_reviewer)
        return _apply(project, conn, aid, edits, summary)


def _apply(project: Project, conn, aid: int, edits: list[Edit], summary: str | None
           ) -> Changes:
    cb = project.codebook_in(conn)
    try:
        final = apply_edits(cb, edits)
    except Stale as stale:
        raise stale.with_blame(_blame(conn, stale)) from None
    if final == cb:
        return NOTHING
    check_codebook(final)
    for one in edits:  # one by one: each edit's work is carried under the names it knew
        after = apply_edit(cb, one)
        if after == cb:
            continue
        _check_orphans(conn, cb, after, one)
        rows.write_codebook(conn, after, {(one.kind, one.to): one.name}
                            if isinstance(one, Rename) else None)
        _carry(conn, after, one)
        cb = after
    summary = summary or describe(edits)
    number = _current_version(conn) + 1
    changes = history.finish(conn, aid, "codebook", f"{summary} (codebook version {number})")
    if changes:
        record_version(conn, aid, summary, entries(edits))
    return changes


def _blame(conn, stale: Stale) -> str | None:
    if stale.kind is None:
        return None
    found = last_change(conn, stale.kind, stale.name)
    return found.blame() if found is not None else None


def _carry(conn, cb: Codebook, one: Edit) -> None:
    """The work that names the item follows a rename or a merge."""
    if isinstance(one, Rename):
        if one.kind == LABEL:
            rows.rename_label_in_decisions(conn, one.name, one.to)
        elif one.kind == ATTRIBUTE:
            rows.rename_attribute(conn, one.name, one.to)
        else:
            rows.rename_doc_label(conn, one.name, one.to)
    elif isinstance(one, RenameValue):
        if one.kind == ATTRIBUTE:
            rows.rename_attribute_value(conn, one.name, one.value, one.to)
        else:
            rows.rename_doc_label_value(conn, one.name, one.value, one.to)
    elif isinstance(one, Merge):
        rows.merge_label(conn, one.name, one.into, _carried(cb, one.into))


def _carried(cb: Codebook, label: str) -> set[str]:
    return {a.name for a in cb.attributes if a.applies_to(label)}


def _check_orphans(conn, before: Codebook, after: Codebook, one: Edit) -> None:
    """Refuse a change that would leave spans (or document labels) with a value, or an
    attribute on a label, that the codebook no longer allows."""
    if not isinstance(one, Change):
        return
    new = find(after, one.kind, one.name)
    changed = {f for f, _, _ in one.fields}
    if one.kind == ATTRIBUTE and changed & {"values", "labels"}:
        used = rows.attribute_uses(conn, one.name)
        if new.values is not None:
            gone = _tally((v, n) for (_, v), n in used.items() if v not in new.values)
            if gone:
                raise InputError(
                    f"attribute {one.name!r}: {_listed(gone)} would no longer be a value; "
                    "rename the value instead (the spans follow; renamed to another value, the "
                    "two merge), or keep it")
        if new.labels is not None:
            gone = _tally((lab, n) for (lab, _), n in used.items() if lab not in new.labels)
            if gone:
                raise InputError(
                    f"attribute {one.name!r}: spans of {_listed(gone, 'label')} hold it; keep "
                    "those labels in its list (retire the attribute to stop offering it)")
    if one.kind == DOC_LABEL and "values" in changed and new.values:
        used = rows.doc_label_uses(conn, one.name)
        gone = _tally((v, n) for v, n in used.items() if v not in new.values)
        if gone:
            raise InputError(
                f"document label {one.name!r}: {_listed(gone, 'document', 'given')} would no "
                "longer be a value; rename the value instead (to another value: they merge), "
                "or keep it")


def _tally(pairs) -> dict[str, int]:
    out: dict[str, int] = {}
    for key, n in pairs:
        out[key] = out.get(key, 0) + n
    return out


def _listed(gone: dict[str, int], noun: str = "span", verb: str = "having") -> str:
    if noun == "label":
        return ", ".join(f"{k!r} ({count(n, 'span')})" for k, n in gone.items())
    return ", ".join(f"{k!r} ({count(n, noun)} {verb} it)" for k, n in gone.items())


def preview_merge(project: Project, source: str, into: str) -> MergePreview:
    """What merging label `source` into `into` would do, for the user to confirm."""
    with project.store.read() as conn:
        cb = project.codebook_in(conn)
        try:
            apply_edit(cb, Merge(source, into))
        except Stale as stale:
            raise stale.with_blame(_blame(conn, stale)) from None
        return rows.merge_preview(conn, source, into, _carried(cb, into))


def merge(project: Project, actor: str, source: str, into: str) -> Changes:
    """Every span and gold span of label `source` becomes `into`'s, then `source` is
    retired: one undoable action (see preview_merge)."""
    return edit(project, actor, [Merge(source, into)])


# ------------------------------------------------------------------ files

@dataclass(frozen=True)
class CodebookImport:
    """What importing a codebook file did: the edits (none: the project already says
    what the file says), the version made, the file's version it was merged against."""

    edits: tuple[Edit, ...]
    version: int | None
    base: int | None = None
    changes: Changes = field(default=NOTHING)

    def describe(self) -> str:
        if not self.edits:
            return "The project's codebook already says what the file says; nothing changed."
        lines = [f"Codebook version {self.version}: {count(len(self.edits), 'change')}"
                 + (f" (merged with what changed since version {self.base})"
                    if self.base else "") + "."]
        lines += [f"  {e.describe()}" for e in self.edits]
        return "\n".join(lines)


def read_codebook_file(path: str | os.PathLike) -> Codebook:
    """A codebook file (YAML or JSON) as written, colours left out where it leaves them
    out; refused with the file and line named."""
    from annotator.formats.input_files import read_bytes, shown

    path = Path(path)
    raw = read_bytes(path, "other")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("not valid UTF-8", shown(path),
                         raw[: exc.start].count(b"\n") + 1) from None
    try:
        return parse_codebook_yaml(text, fill=False)
    except InputError as exc:
        raise exc.located(shown(path)) from None


def import_file(project: Project, actor: str, path: str | os.PathLike,
                new_reviewer: bool = False) -> CodebookImport:
    """Make the project's codebook say what a codebook file says, merging by name (see
    core.codebook_edits.plan_import): one action, one new version. A file exported from
    this project at an older version is merged with what changed since: changes made in
    the project meanwhile are kept, and a field changed on both sides is refused."""
    from annotator.formats.input_files import shown

    incoming = read_codebook_file(path)
    where = shown(Path(path))
    with project.store.write() as conn:
        aid = lead(conn, actor, new_reviewer)
        cb = project.codebook_in(conn)
        now = _current_version(conn)
        base_number = incoming.version if isinstance(incoming.version, int) and \
            1 <= incoming.version < now else None
        base = version_codebook(conn, base_number) if base_number else None
        try:
            edits = plan_import(cb, incoming, base)
            changes = _apply(project, conn, aid, edits,
                             f"Import {Path(path).name}" + (f" (its version {base_number})"
                                                            if base_number else ""))
        except Stale as stale:
            raise InputError(stale.with_blame(_blame(conn, stale), "export the codebook "
                                              "again and make your change in that file"
                                              ).problem, where) from None
        except InputError as exc:
            raise exc.located(where) from None
        version = _current_version(conn) if changes else None
    return CodebookImport(tuple(edits) if changes else (), version, base_number, changes)


def yaml_text(project: Project, number: int | None = None) -> str:
    """The codebook (now, or at a version) as a YAML file, retired items left out."""
    return codebook_yaml(codebook_at(project, number))


def export_file(project: Project, out: str | os.PathLike, number: int | None = None) -> Path:
    """Write the codebook as YAML to `out` (services/output.py: atomically, never over
    the project's own files)."""
    output.check(out, project=project.target)
    text = yaml_text(project, number)

    def fill(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    output.write(out, fill, project=project.target)
    return Path(out)
