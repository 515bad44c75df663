"""The small dialog for "accept with an edit" and "add a gold span": boundaries, label,
the label's attributes, concept and note, with the covered text shown as it changes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Codebook, Concept
from annotator.gui.names import shown_name


class EditDialog(QDialog):
    """Values come back from `values()`; offsets are code points."""

    def __init__(self, codebook: Codebook, concepts: Sequence[Concept], text: str, *,
                 title: str, start: int, end: int, label: str,
                 attributes: Mapping[str, str] | None = None, concept: str | None = None,
                 note: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.codebook = codebook
        self.text = text
        self._attr_widgets: dict[str, QComboBox | QLineEdit] = {}
        self._attr_values = dict(attributes or {})

        self.start = QSpinBox()
        self.end = QSpinBox()
        for box in (self.start, self.end):
            box.setRange(0, len(text))
            box.setAccelerated(True)
        self.start.setValue(start)
        self.end.setValue(end)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.label = QComboBox()
        self.label.addItems(list(codebook.label_names()))
        self.label.setCurrentText(label)
        self.concept = QComboBox()
        self.concept.addItem("(none)", None)
        for c in concepts:
            self.concept.addItem(f"{c.id} — {c.name}" if c.name else c.id, c.id)
        found = self.concept.findData(concept)
        self.concept.setCurrentIndex(found if found >= 0 else 0)
        self.note = QLineEdit(note or "")
        self.note.setPlaceholderText("a note on the gold span (optional)")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #c62828")

        self.form = QFormLayout()
        self.form.addRow("Start", self.start)
        self.form.addRow("End", self.end)
        self.form.addRow("Text", self.preview)
        self.form.addRow("Label", self.label)
        self._attr_rows_at = self.form.rowCount()
        self.form.addRow("Concept", self.concept)
        self.form.addRow("Note", self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._check_and_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self.start.valueChanged.connect(self._update_preview)
        self.end.valueChanged.connect(self._update_preview)
        self.label.currentTextChanged.connect(self._rebuild_attributes)
        self._rebuild_attributes()
        self._update_preview()

    def _update_preview(self) -> None:
        s, e = self.start.value(), self.end.value()
        snippet = " ".join(self.text[s:e].split()) if e > s else ""
        self.preview.setText(f"“{snippet[:200]}”" if snippet else "(empty)")

    def _rebuild_attributes(self) -> None:
        for name, widget in list(self._attr_widgets.items()):
            value = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
            self._attr_values[name] = value
            self.form.removeRow(widget)
        self._attr_widgets = {}
        row = self._attr_rows_at
        for attr in self.codebook.attributes_for(self.label.currentText()):
            current = self._attr_values.get(attr.name, "")
            if attr.values is not None:
                widget = QComboBox()
                widget.addItem("")
                widget.addItems(list(attr.values))
                widget.setCurrentText(current if current in attr.values else "")
            else:
                widget = QLineEdit(current)
            self.form.insertRow(row, shown_name(attr.name), widget)
            self._attr_widgets[attr.name] = widget
            row += 1

    def values(self) -> dict:
        attrs = {}
        for name, widget in self._attr_widgets.items():
            value = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
            if value.strip():
                attrs[name] = value.strip()
        return {"start": self.start.value(), "end": self.end.value(),
                "label": self.label.currentText(), "attributes": attrs,
                "concept": self.concept.currentData(), "note": self.note.text().strip() or None}

    def set_attribute(self, name: str, value: str) -> None:
        widget = self._attr_widgets[name]
        if isinstance(widget, QComboBox):
            widget.setCurrentText(value)
        else:
            widget.setText(value)

    def _check_and_accept(self) -> None:
        if self.end.value() <= self.start.value():
            self.problem.setText("The end must come after the start.")
            return
        self.accept()
