"""How a document's disagreement summary reads: in the document chooser and above the
candidate table."""

from __future__ import annotations

from annotator.core import adjudication as adj
from annotator.gui.adjudication.palette import (
    CONFLICT_COLOR,
    LEVEL_COLORS,
    STATE_COLORS,
)
from annotator.gui.colors import LabelColors


def document_item_text(title: str, s: adj.Summary) -> str:
    short = title if len(title) <= 60 else title[:57] + "…"
    if not s.participants:
        return f"{short}   — not annotated"
    mark = "✓ " if s.adjudicated else ""
    if s.participants == 1:
        return f"{mark}{short}   — one annotator, nothing to compare · {s.open} open"
    return (f"{mark}{short}   — {s.unanimous} unanimous · {s.majority} majority · "
            f"{s.disputed} disputed · {s.open} open")


def summary_html(s: adj.Summary, colors: LabelColors) -> str:
    def chip(n, text, color):
        return (f"<span style='color:{colors.readable(color).name()}'><b>{n}</b> {text}"
                "</span>")
    if not s.participants:
        return "<span style='color:gray'>Nobody has annotated this document yet.</span>"
    parts = [f"<b>{s.candidates}</b> candidates from <b>{s.participants}</b> "
             f"annotator{'s' if s.participants != 1 else ''}"]
    if s.participants == 1:  # nothing to compare: neither agreed nor disputed
        parts.append("<span style='color:gray'>one annotator, nothing to compare</span>")
    else:
        parts += [chip(s.unanimous, "unanimous", LEVEL_COLORS[adj.UNANIMOUS]),
                  chip(s.majority, "majority", LEVEL_COLORS[adj.MAJORITY]),
                  chip(s.disputed, "disputed", LEVEL_COLORS[adj.MINORITY])]
    if s.conflicting:
        parts.append(chip(s.conflicting, "conflicting", CONFLICT_COLOR))
    parts.append(chip(s.open, "open", STATE_COLORS[adj.OPEN]))
    state = (chip("✓", "adjudicated", STATE_COLORS[adj.ACCEPTED]) if s.adjudicated
             else "<span style='color:gray'>in progress</span>")
    return " &nbsp;·&nbsp; ".join(parts) + " &nbsp;&nbsp; " + state
