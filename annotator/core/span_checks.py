"""The checks of one span every writer shares, an importer's, an edit's, a decision's and
a suggestion source's: its offsets in its text, its label and attributes against the
codebook. Apart from core.batch (an import's records) because the first window loads the
edits' services, and they need only these.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from annotator.core.errors import InputError

if TYPE_CHECKING:
    from annotator.core.gold import GoldSpan
    from annotator.core.model import Attribute, Codebook, Span


def check_offsets(length: int, start: object, end: object, kind: str = "span"
                  ) -> str | None:
    """Why (start, end) is not a valid span of a text of `length` code points, or None;
    `kind` names what the span is in the message ("gold span")."""
    if not _is_int(start) or not _is_int(end):
        return f"{kind} offsets must be integers, got start={start!r} end={end!r}"
    if not 0 <= start < end <= length:
        if start == end:
            return f"empty {kind} {start}-{end}"
        return f"{kind} {start}-{end} is out of range (0 <= start < end <= {length})"
    return None


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def attribute_problem(codebook: Codebook, span: Span | GoldSpan) -> str | None:
    return attributes_problem(allowed_attributes(codebook, span.label), span.label,
                              span.attributes)


def allowed_attributes(codebook: Codebook, label: str) -> dict[str, Attribute]:
    return {a.name: a for a in codebook.attributes_for(label)}


def attributes_problem(allowed: dict[str, Attribute], label: str,
                       attributes: Mapping[str, object]) -> str | None:
    for name, value in attributes.items():
        attr = allowed.get(name)
        if attr is None:
            return f"attribute {name!r} is not one the codebook gives label {label!r}"
        if not isinstance(value, str):
            return f"attribute {name!r}: values are strings, not {type(value).__name__}"
        if attr.values is not None and value not in attr.values:
            return (f"attribute {name!r}: {value!r} is not one of "
                    f"{', '.join(attr.values)}")
    return None


def unknown_labels_error(file: str, unknown: dict[str, list[int]]) -> InputError:
    """One message listing every unknown label with the lines where it occurs."""
    parts = []
    for name in sorted(unknown):
        lines = sorted(set(unknown[name]))
        shown = ", ".join(str(n) for n in lines[:5]) + (" …" if len(lines) > 5 else "")
        parts.append(f"{name!r} (line {shown})")
    first = min(min(v) for v in unknown.values())
    return InputError(
        "labels the project's codebook does not know: " + "; ".join(parts)
        + " (add them to the codebook, or import with --add-labels)",
        file, first,
    )
