"""Hand-out packages: what a package says about itself, the codebook's fingerprint, and
the part of a document's record that is one annotator's own work (blind)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace

from annotator.core.codebook import codebook_to_dict
from annotator.core.errors import InputError
from annotator.core.model import Codebook
from annotator.core.records import DocumentRecord
from annotator.core.span_checks import attribute_problem

FORMAT = 1  # the package's own layout, should it ever change


def codebook_fingerprint(codebook: Codebook) -> str:
    """A short hash of everything in the codebook: two codebooks with the same
    fingerprint are the same codebook."""
    text = json.dumps(codebook_to_dict(codebook), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class PackageInfo:
    """Kept in a package's settings: which project it came from, for whom, under which
    codebook, when."""

    project_id: str
    project: str  # the project's name as the lead knows it (its file name)
    annotator: str
    codebook: str  # the codebook's fingerprint when packed
    made: str  # ISO time, UTC
    documents: int
    format: int = FORMAT
    # the project's codebook version number when packed; None where the project keeps
    # no numbered versions (the fingerprint alone then says whether it changed)
    codebook_version: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {"format": self.format, "project_id": self.project_id,
                "project": self.project, "annotator": self.annotator,
                "codebook": self.codebook, "codebook_version": self.codebook_version,
                "made": self.made, "documents": self.documents}

    def codebook_then(self, version_now: int | None) -> str:
        """How the message of a changed codebook names the package's codebook."""
        if self.codebook_version is None or version_now is None:
            return f"the package was made ({self.made[:10]})"
        return (f"the package was made under codebook version {self.codebook_version} "
                f"({self.made[:10]}); the project is at version {version_now}")

    @classmethod
    def from_dict(cls, data: object, file: str) -> PackageInfo:
        keys = ("project_id", "project", "annotator", "codebook", "made", "documents")
        damaged = InputError("the package's description is damaged (its settings lack "
                             "what `annotator pack` writes); make a new package", file)
        if not isinstance(data, Mapping) or any(k not in data for k in keys):
            raise damaged
        form, documents = _whole(data.get("format", FORMAT)), _whole(data["documents"])
        version = data.get("codebook_version")
        if form is None or documents is None or (version is not None
                                                 and _whole(version) is None):
            raise damaged
        if form > FORMAT:
            raise InputError("this package was made by a newer version of the annotator; "
                             "update the annotator to collect it", file)
        return cls(str(data["project_id"]), str(data["project"]), str(data["annotator"]),
                   str(data["codebook"]), str(data["made"]), documents, form,
                   _whole(version))


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def own_work(record: DocumentRecord, annotator: str) -> DocumentRecord:
    """The record with only `annotator`'s spans, document labels, status and note: no one
    else's work, no gold, no decisions, no suggestions (nor anyone's rejections of them)."""
    return replace(
        record,
        annotations=tuple(s for s in record.annotations if s.annotator == annotator),
        doc_labels=tuple(d for d in record.doc_labels if d.annotator == annotator),
        status={a: s for a, s in record.status.items() if a == annotator},
        notes={a: n for a, n in record.notes.items() if a == annotator},
        gold=(), gold_doc_labels=(), decisions=(), suggestions=(), rejections=(),
    )


def others(record: DocumentRecord, annotator: str) -> set[str]:
    """Who else has work in the record (never collected from a package)."""
    names = {s.annotator for s in record.annotations} | {d.annotator for d in
                                                         record.doc_labels}
    names |= set(record.status) | set(record.notes)
    return names - {annotator}


def misfit(codebook: Codebook, records: list[DocumentRecord]) -> str | None:
    """Why the records' work cannot be stored under `codebook` (None: it can)."""
    unknown: dict[str, int] = {}
    for record in records:
        for span in record.annotations:
            if codebook.label(span.label) is None:
                unknown[span.label] = unknown.get(span.label, 0) + 1
    if unknown:
        return "it uses labels the codebook does not have: " + ", ".join(
            f"{name!r} ({n} span{'s' if n != 1 else ''})" for name, n in sorted(unknown.items()))
    for record in records:
        for span in record.annotations:
            problem = attribute_problem(codebook, span)
            if problem:
                return f"document {record.id!r}, span {span.start}-{span.end}: {problem}"
        for label in record.doc_labels:
            scheme = codebook.doc_label(label.name)
            if scheme is None:
                return (f"document {record.id!r}: the codebook has no document label "
                        f"{label.name!r}")
            if scheme.values and label.value not in scheme.values:
                return (f"document {record.id!r}: document label {label.name!r}: "
                        f"{label.value!r} is not one of {', '.join(scheme.values)}")
    return None
