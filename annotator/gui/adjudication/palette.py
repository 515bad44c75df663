"""Colours of the adjudication view's agreement levels and decision states (label colours
are the workbench's: gui.colors.LabelColors, whose `readable` lifts these on a dark page)."""

from __future__ import annotations

from annotator.core import adjudication as adj

# Muted so that a table full of them stays calm; the hue carries the meaning.
LEVEL_COLORS = {
    adj.UNANIMOUS: "#2e7d32",
    adj.MAJORITY: "#1565c0",
    adj.MINORITY: "#c77700",
    adj.SINGLE: "#757575",
}
CONFLICT_COLOR = "#c62828"
STATE_COLORS = {
    adj.OPEN: "#757575",
    adj.ACCEPTED: "#2e7d32",
    adj.EDITED: "#6a1b9a",
    adj.REJECTED: "#c62828",
    "added": "#00838f",
}
STATE_TEXT = {
    adj.OPEN: "open",
    adj.ACCEPTED: "✓ accepted",
    adj.EDITED: "✎ edited",
    adj.REJECTED: "✗ rejected",
    "added": "+ added",
}
LEVEL_TEXT = {
    adj.UNANIMOUS: "unanimous",
    adj.MAJORITY: "majority",
    adj.MINORITY: "minority",
    adj.SINGLE: "single",
}
