"""The panel under the table: everything about the selected candidate — who marked it and
who did not, the attribute variants, notes, conflicts, and the decision on it."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from annotator.core import adjudication as adj
from annotator.gui.adjudication.candidates import Row
from annotator.gui.adjudication.palette import (
    CONFLICT_COLOR,
    LEVEL_COLORS,
    LEVEL_TEXT,
    STATE_COLORS,
    STATE_TEXT,
)
from annotator.gui.colors import LabelColors
from annotator.gui.names import fields_text

VERBS = {adj.ACCEPT: "Accepted", adj.REJECT: "Rejected", adj.REJECT_ALL: "Rejected with "
         "everything at its place", adj.EDIT: "Accepted with an edit", adj.ADD: "Added",
         adj.REMOVE: "Removed"}


def _when(at: str) -> str:
    return at[:16].replace("T", " ") if at else ""


class DetailPanel(QTextBrowser):
    def __init__(self, colors: LabelColors, parent: QWidget | None = None):
        super().__init__(parent)
        self.colors = colors
        self.setOpenLinks(False)
        self.document().setDocumentMargin(8)
        self.show_row(None, ())

    def _color(self, color: str) -> str:
        return self.colors.readable(color).name()

    def show_row(self, row: Row | None, participants: tuple[str, ...]) -> None:
        if row is None:
            self.setHtml("<p style='color:gray'>Select a candidate to see who marked it, "
                         "how, and what was decided.</p>")
            return
        parts = [self._head(row)]
        if row.candidate is None:
            g = row.gold
            parts.append(f"<p>A gold span {escape(g.decided_by)} added; no annotator "
                         "marked it.</p>")
            self.setHtml("".join(parts))
            return
        cr = row.candidate
        c = cr.candidate
        missing = [p for p in participants if p not in c.annotators]
        level = LEVEL_TEXT[c.level]
        parts.append(
            f"<p><b style='color:{self._color(LEVEL_COLORS[c.level])}'>{level}</b> — "
            f"{c.votes} of {c.participants} participants: {escape(', '.join(c.annotators))}"
            + (f"; not marked by {escape(', '.join(missing))}" if missing else "") + "</p>")
        if c.conflicts:
            parts.append(f"<p style='color:{self._color(CONFLICT_COLOR)}'>⚡ Conflicts with "
                         + "; ".join(f"{escape(lab)} {s}–{e}" for s, e, lab in c.conflicts)
                         + "</p>")
        variants = c.variants
        if any(v.attributes or v.concept for v in variants):
            rows = "".join(
                f"<tr><td>{escape(self._fields(v.attributes, v.concept))}</td>"
                f"<td style='color:gray'>&nbsp;&nbsp;{escape(', '.join(v.annotators))}</td></tr>"
                for v in variants)
            parts.append(f"<p><b>Attributes</b></p><table>{rows}</table>")
        if c.notes:
            parts.append("<p><b>Notes</b><br>" + "<br>".join(
                f"<span style='color:gray'>{escape(who)}:</span> {escape(note)}"
                for who, note in c.notes) + "</p>")
        parts.append(self._decision(cr))
        self.setHtml("".join(parts))

    def _head(self, row: Row) -> str:
        start, end, label = row.key
        swatch = self.colors.color(label).name()
        state = STATE_TEXT[row.state]
        quote = escape(" ".join(row.text.split()))
        if len(quote) > 240:
            quote = quote[:237] + "…"
        return (f"<p><span style='color:{swatch}'>■</span> <b>{escape(label)}</b> "
                f"<span style='color:gray'>{start}–{end}</span> &nbsp; "
                f"<b style='color:{self._color(STATE_COLORS[row.state])}'>{state}</b></p>"
                f"<p style='margin-left:8px'><i>“{quote}”</i></p>")

    @staticmethod
    def _fields(attributes, concept) -> str:
        return fields_text(attributes, concept) or "(none)"

    def _decision(self, cr) -> str:
        d = cr.decision
        if d is None:
            if cr.gold is not None:
                return f"<p>In gold (decided by {escape(cr.gold.decided_by)}, no recorded " \
                       "decision).</p>"
            return "<p style='color:gray'>No decision yet.</p>"
        verb = VERBS.get(d.kind, d.kind)
        how = ""
        if d.details.get("policy"):
            how = f" by the {d.details['policy']} policy"
        elif d.details.get("via_edit_of"):
            how = " (another candidate was edited onto it)"
        elif d.details.get("finish"):
            how = " when the document was finished"
        text = f"<p><b>{verb}</b>{how} by {escape(d.reviewer)}, {_when(d.at)}.</p>"
        if cr.gold is not None and (cr.state == adj.EDITED or cr.gold.key != cr.key):
            g = cr.gold
            text += (f"<p>Gold: <b>{escape(g.label)}</b> {g.start}–{g.end}"
                     f" — {escape(self._fields(g.attributes, g.concept))}"
                     + (f"<br>Note: {escape(g.note)}" if g.note else "") + "</p>")
        elif cr.gold is not None and (cr.gold.attributes or cr.gold.concept):
            text += f"<p>Gold: {escape(self._fields(cr.gold.attributes, cr.gold.concept))}</p>"
        return text
