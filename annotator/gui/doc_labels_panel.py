"""The open document as a whole: done or not, its document labels (primary frame, tone …)
and your note on it. Each change is saved at once; the note when you pause typing,
leave the field or switch documents (gui.autosave, which also says what Ctrl+Z does in
it).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
)

from annotator.core.model import DONE
from annotator.gui.autosave import AutoSave, forget_typing_history, undo_falls_through
from annotator.gui.inspector import compact_combo
from annotator.gui.lifetime import connect_for
from annotator.gui.names import shown_name
from annotator.gui.panel import Panel
from annotator.gui.qt_namespace import NO_FOCUS, set_enum_property
from annotator.gui.session import Session

NONE = "—"


class NoteEdit(QPlainTextEdit):
    def __init__(self, on_leave, parent=None):
        super().__init__(parent)
        self._on_leave = on_leave

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._on_leave()


class DocLabelsPanel(Panel):
    def __init__(self, session: Session, parent=None):
        super().__init__(session, "doc_labels_panel", parent, margin=8)
        layout = self.parts
        self.done_button = QPushButton("Mark done")
        self.done_button.setObjectName("done_button")
        self.done_button.setCheckable(True)
        self.done_button.setToolTip("Mark this document done, or reopen it (Ctrl+D)")
        set_enum_property(self.done_button, "focusPolicy", NO_FOCUS)
        self.done_button.clicked.connect(lambda _c: session.toggle_done())
        layout.addWidget(self.done_button)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.boxes: dict[str, QComboBox] = {}
        self._build_boxes()
        layout.addLayout(self.form)
        layout.addWidget(QLabel("Note on this document"))
        self.note = NoteEdit(self.save_note)
        self.note.setObjectName("document_note")
        self.note.setPlaceholderText("Anything worth remembering about this article…")
        self.note.setTabChangesFocus(True)
        undo_falls_through(self.note)
        layout.addWidget(self.note, 1)
        self._autosave = AutoSave(self._save, self)
        self.note.textChanged.connect(self._typed)
        self._filling = False
        session.document_opened.connect(self.fill)
        session.document_state_changed.connect(self.fill)
        session.leaving_document.connect(self.save_note)
        connect_for(self, session.codebook_changed, self._codebook_changed)
        self.fill()

    def _build_boxes(self) -> None:
        """A choice per kind of document label in use (retired ones keep their values,
        unshown)."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.boxes.clear()
        for scheme in self.session.codebook.active().doc_labels:
            box = compact_combo()
            box.setObjectName(f"doc_label:{scheme.name}")
            box.addItems([NONE, *scheme.values])
            box.activated.connect(lambda _i, n=scheme.name: self._chosen(n))
            self.boxes[scheme.name] = box
            self.form.addRow(shown_name(scheme.name), box)

    def _codebook_changed(self) -> None:
        self._build_boxes()
        self.fill()

    def fill(self) -> None:
        doc = self.session.doc
        self.setEnabled(doc is not None)
        self._filling = True
        try:
            done = doc is not None and doc.status == DONE
            self.done_button.setChecked(done)
            self.done_button.setText("✔ Done — reopen" if done else "Mark done")
            for name, box in self.boxes.items():
                value = doc.doc_labels.get(name) if doc else None
                box.setCurrentText(value if value else NONE)
            note = doc.note if doc else ""
            if self.note.toPlainText() != note and not (self.note.hasFocus()
                                                        and self._autosave.typing()):
                self.note.setPlainText(note)
        finally:
            self._filling = False

    def _chosen(self, name: str) -> None:
        value = self.boxes[name].currentText()
        self.session.set_doc_label(name, None if value == NONE else value)

    def _typed(self) -> None:
        if not self._filling:
            self._autosave.typed()

    def save_note(self) -> None:
        """Save what was typed (leaving the field, the document or the window)."""
        if not self._filling:
            self._autosave.flush()

    def _save(self) -> None:
        if self.session.doc is not None:
            self.session.set_note(self.note.toPlainText())
            forget_typing_history(self.note)
