"""A span's provenance (core.proposals.Provenance) as plain JSON: stored in the span's row
and written to the interchange as the span's `suggested` key, in one form."""

from __future__ import annotations

import math
from typing import Any

from annotator.core.errors import InputError
from annotator.core.proposals import Provenance
from annotator.core.span_checks import check_offsets

KEYS = ("source", "score", "start", "end", "label", "attributes", "concept")
ID_KEY = "suggestion"  # the suggestion's row, kept in the database only


def to_json(p: Provenance, with_id: bool = False) -> dict[str, Any]:
    """Keys in the order of KEYS; empty values left out (the interchange's rule)."""
    out: dict[str, Any] = {"source": p.source}
    if p.score is not None:
        out["score"] = p.score
    out.update(start=p.start, end=p.end, label=p.label)
    if p.attributes:
        out["attributes"] = {k: p.attributes[k] for k in sorted(p.attributes)}
    if p.concept:
        out["concept"] = p.concept
    if with_id and p.suggestion_id is not None:
        out[ID_KEY] = p.suggestion_id
    return out


def from_json(obj: Any, length: int | None = None) -> Provenance:
    """Read back what to_json wrote; anything else is refused with InputError (it may
    come from a file). `length`: the document's, to check the offsets against."""
    if not isinstance(obj, dict):
        raise InputError("'suggested' must be an object")
    for key in obj:
        if key not in KEYS and key != ID_KEY:
            raise InputError(f"unknown key {key!r} in 'suggested' (allowed: {', '.join(KEYS)})")
    source, label = obj.get("source"), obj.get("label")
    if not isinstance(source, str) or not source:
        raise InputError("'suggested' needs a 'source' name")
    if not isinstance(label, str) or not label:
        raise InputError("'suggested' needs a 'label'")
    start, end = obj.get("start"), obj.get("end")
    problem = check_offsets(length if length is not None else max(
        end if isinstance(end, int) else 0, 1), start, end)
    if problem:
        raise InputError(f"'suggested': {problem}")
    score = check_score(obj.get("score"), "'suggested'")
    attributes = obj.get("attributes") or {}
    if not isinstance(attributes, dict) or not all(
            isinstance(v, str) for v in attributes.values()):
        raise InputError("'suggested': 'attributes' must be an object of strings")
    concept = obj.get("concept")
    if concept is not None and not isinstance(concept, str):
        raise InputError("'suggested': 'concept' must be a string")
    sid = obj.get(ID_KEY)
    return Provenance(source, start, end, label, score, dict(attributes), concept or None,
                      sid if isinstance(sid, int) and not isinstance(sid, bool) else None)


def check_score(value: Any, what: str) -> float | None:
    """A score is a finite number (or absent)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(
            value):
        raise InputError(f"{what}: 'score' must be a number, not {value!r}")
    return float(value)
