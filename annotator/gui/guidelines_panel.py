"""The codebook's guidelines (Markdown) and what each label means, beside the text."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser

from annotator.core.model import Codebook
from annotator.gui.lifetime import connect_for
from annotator.gui.names import shown_name
from annotator.gui.session import Session


def guidelines_markdown(codebook: Codebook) -> str:
    parts = [codebook.guidelines.strip()] if codebook.guidelines else [
        f"# {codebook.name}\n\nThis codebook has no guidelines."]
    parts.append("\n\n## Labels\n")
    for group, labels in codebook.active().groups().items():
        if group:
            parts.append(f"\n### {group}\n")
        for lab in labels:
            key = f" — key **{lab.hotkey}**" if lab.hotkey else ""
            parts.append(f"- **{lab.name}**{key}: {lab.description or ''}")
    if codebook.doc_labels:
        parts.append("\n\n## Document labels\n")
        for d in codebook.active().doc_labels:
            parts.append(f"- **{shown_name(d.name)}**: {', '.join(d.values)}")
    return "\n".join(parts) + "\n"


class GuidelinesPanel(QTextBrowser):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.setObjectName("guidelines")
        self.setOpenExternalLinks(True)
        self.document().setDocumentMargin(10)
        self.setMarkdown(guidelines_markdown(session.codebook))
        connect_for(self, session.codebook_changed,
                    lambda: self.setMarkdown(guidelines_markdown(session.codebook)))
