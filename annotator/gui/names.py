"""How the codebook's names read in the window. Attribute and document-label names are
identifiers in the codebook and the exports (`primary_frame`, `neutral_alternative`); on
screen they read as words (“Primary frame”, “Neutral alternative”), everywhere alike.
Label names are already words and stay as written."""

from __future__ import annotations

from collections.abc import Mapping


def shown_name(name: str) -> str:
    text = " ".join(name.replace("_", " ").split())
    return text[:1].upper() + text[1:]


def fields_text(attributes: Mapping[str, str], concept: str | None = None,
                note: str | None = None, sep: str = "; ") -> str:
    """A span's attributes, concept and note on one line: “Polarity: negative; …”."""
    parts = [f"{shown_name(k)}: {v}" for k, v in sorted(attributes.items())]
    if concept:
        parts.append(f"Concept: {concept}")
    if note:
        parts.append(f"Note: {note}")
    return sep.join(parts)
