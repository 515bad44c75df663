"""The selected span: its label, the codebook's attributes for that label, concept and
note, each saved the moment it changes (typed text when the typing pauses, or on leaving
the field, the span, the document or the window: gui.autosave); delete, and grow or
shrink it.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.autosave import AutoSave, forget_typing_history, undo_falls_through
from annotator.gui.colors import LabelColors
from annotator.gui.names import shown_name
from annotator.gui.qt_namespace import ALIGN_LEFT, ALIGN_TOP, Qt, set_enum_property
from annotator.gui.session import Session
from annotator.gui.span_edges import END, START
from annotator.services.changes import CODEBOOK, CONCEPTS

NONE = "—"
NEW_CONCEPT = "New concept…"


def compact_combo(box: QComboBox | None = None) -> QComboBox:
    """A combo box that does not widen its panel to its longest entry."""
    box = box or QComboBox()
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(8)
    return box


def color_icon(color: QColor, size: int = 12) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(color)
    return QIcon(pix)


class Inspector(QStackedWidget):
    linked = Signal(int, str)  # a span was linked to a concept here: (span id, concept id)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("inspector")
        empty = QLabel("Click a span in the text to see and edit it here.\n\n"
                       "Select text and press a label's key to add one.")
        empty.setWordWrap(True)
        set_enum_property(empty, "alignment", ALIGN_TOP | ALIGN_LEFT)
        empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        empty.setContentsMargins(8, 8, 8, 8)
        self.addWidget(empty)
        self.page = QWidget()
        self._pages: dict[tuple, tuple] = {}  # by _page_key
        self._span_id: int | None = None
        self._label: str | None = None
        self.editors: dict[str, QWidget] = {}
        self._concepts: list | None = None  # the concepts of the open document's event
        self._event: str | None = None
        # which reading of the concepts each page's concept box holds (pages are kept
        # when the concepts change: only that box is filled again, when shown)
        self._concepts_read = 0
        self._concepts_in: dict[tuple, int] = {}
        # typed and not saved yet: the span, and its fields (None: the note)
        self._typed_span: int | None = None
        self._typed_fields: set[str | None] = set()
        self._autosave = AutoSave(self._save_typed, self)
        self._idle = QTimer(self)
        self._idle.setInterval(40)
        self._idle.timeout.connect(self._build_next_page)
        self._paused = False
        QTimer.singleShot(1500, self._idle.start)
        session.selection_changed.connect(self._selected)
        session.leaving_document.connect(self.save_typing)
        session.spans_changed.connect(self._spans_changed)
        session.document_opened.connect(self._opened)
        session.changed.connect(self._session_changed)

    # ---------------------------------------------------------------- building

    def _selected(self, span_id) -> None:
        self.save_typing()  # the fields still hold what was typed for the span before
        self._span_id = span_id
        item = self.session.selected_item()
        if item is None:
            self._span_id = None
            self.setCurrentIndex(0)
            return
        self._show(item)

    def _show(self, item) -> None:
        # One page per set of attributes, built the first time it is needed: rebuilding
        # widgets on every selection would cost more than the rest of labelling together.
        key = self._page_key(item.label)
        page = self._pages.get(key)
        if page is None:
            self._build(item.label)
            self._pages[key] = page = self._current_page()
        else:
            self._use_page(page)
        if self._concepts_in.get(key) != self._concepts_read:
            self._fill_concepts(key)
        self.setCurrentWidget(page[0])
        self._fill(item)

    def _page_key(self, label: str) -> tuple:
        """Labels with the same attributes share a page (19 labels of the default codebook,
        2 pages: a page took 3 ms to build, on the first use of each label); a retired
        label, which only its own spans' label box offers, has a page of its own."""
        codebook = self.session.codebook
        found = codebook.label(label)
        return (codebook.attributes_for(label),
                label if found is not None and found.retired else None)

    def _spans_changed(self, delta) -> None:
        if self._span_id is None or self._span_id not in delta.ids:
            return
        item = self.session.selected_item()
        if item is None:
            self._selected(None)
        elif item.label != self._label:
            self._show(item)
        else:
            self._fill(item)

    def _current_page(self) -> tuple:
        return (self.page, self.quote, self.where, self.label_box, self.editors,
                self.concept_box, self.note)

    def _use_page(self, page: tuple) -> None:
        (self.page, self.quote, self.where, self.label_box, self.editors, self.concept_box,
         self.note) = page

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._paused:
            self._paused = False
            self._idle.start()

    def _build_next_page(self) -> None:
        """Idle time: build one more label's page, so the first use of a label is quick.
        Not while hidden (reviewer mode, a closed window): that time is someone else's."""
        if not self.isVisible():
            self._paused = True
            self._idle.stop()
            return
        for label in self.session.codebook.labels:
            key = self._page_key(label.name)
            if key not in self._pages:
                keep = self._current_page() if self._pages else None
                self._build(label.name)
                self._pages[key] = self._current_page()
                if keep is not None:
                    self._use_page(keep)
                return
        self._idle.stop()

    def _build(self, label: str) -> None:
        codebook = self.session.codebook
        colors = LabelColors(codebook, self.palette())
        self.page = QWidget()
        outer = QVBoxLayout(self.page)
        outer.setContentsMargins(8, 8, 8, 8)
        self.quote = QLabel()
        self.quote.setObjectName("inspector_quote")
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.quote)
        self.where = QLabel()
        self.where.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        outer.addWidget(self.where)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.label_box = compact_combo()
        self.label_box.setObjectName("inspector_label")
        for lab in codebook.labels:
            if lab.retired and lab.name != label:
                continue  # offered to no span; a span that has it shows it
            self.label_box.addItem(color_icon(colors.color(lab.name)), lab.name)
        self.label_box.activated.connect(self._label_chosen)
        form.addRow("Label", self.label_box)
        self.editors = {}
        for attr in codebook.attributes_for(label):
            if attr.values:
                box = compact_combo()
                box.addItems([NONE, *attr.values])
                box.activated.connect(lambda _i, a=attr.name: self._attr_changed(a))
                editor = box
            else:
                line = QLineEdit()
                line.setPlaceholderText("free text")
                self._typing_field(line, attr.name)
                editor = line
            editor.setObjectName(f"attr:{attr.name}")
            self.editors[attr.name] = editor
            form.addRow(shown_name(attr.name) + ("*" if attr.required else ""), editor)
        self.concept_box = compact_combo()
        self.concept_box.setObjectName("inspector_concept")
        self._fill_concepts(self._page_key(label))
        self.concept_box.activated.connect(self._concept_chosen)
        form.addRow("Concept", self.concept_box)
        self.note = QLineEdit()
        self.note.setObjectName("inspector_note")
        self.note.setPlaceholderText("a note for yourself")
        self._typing_field(self.note, None)
        form.addRow("Note", self.note)
        outer.addLayout(form)
        row = QHBoxLayout()
        for text, edge, step, tip in (("◂ start", START, -1, "Alt+Left"),
                                      ("start ▸", START, 1, "Alt+Right"),
                                      ("◂ end", END, -1, "Alt+Shift+Left"),
                                      ("end ▸", END, 1, "Alt+Shift+Right")):
            b = QPushButton(text)
            b.setToolTip(f"Move the span's {edge} ({tip})")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, e=edge, s=step: self._move(e, s))
            row.addWidget(b)
        outer.addLayout(row)
        delete = QPushButton("Delete span")
        delete.setObjectName("inspector_delete")
        delete.setToolTip("Delete the selected span (Del)")
        delete.clicked.connect(self._delete)
        outer.addWidget(delete)
        outer.addStretch(1)
        self.addWidget(self.page)

    def _fill_concepts(self, key: tuple) -> None:
        """The concept box of the current page (`key`'s): the open document's event's
        concepts."""
        box = self.concept_box
        box.clear()
        box.addItem(NONE, None)
        if self._concepts is None:
            from annotator.services import concepts  # not before the first window: see links

            self._concepts = concepts.concepts(self.session.project, self._event)
        for c in self._concepts:
            box.addItem(c.name or c.id, c.id)
        box.addItem(NEW_CONCEPT, NEW_CONCEPT)
        self._concepts_in[key] = self._concepts_read

    def _fill(self, item) -> None:
        self._label = item.label
        doc = self.session.doc
        quote = doc.text[item.start:item.end]
        if len(quote) > 300:
            quote = quote[:297] + "…"
        self.quote.setText(f"“{quote}”")
        self.where.setText(f"characters {item.start}–{item.end}")
        self.label_box.setCurrentText(item.label)
        attrs = item.attributes
        for name, editor in self.editors.items():
            value = attrs.get(name)
            if isinstance(editor, QComboBox):
                editor.setCurrentText(value if value is not None else NONE)
            elif not editor.hasFocus():
                editor.setText(value or "")
        k = self.concept_box.findData(item.concept)
        self.concept_box.setCurrentIndex(max(k, 0))
        if not self.note.hasFocus():
            self.note.setText(item.note or "")

    def _opened(self) -> None:
        doc = self.session.doc
        event = doc.document.event if doc is not None else None
        if event != self._event:  # each event has its own concepts
            self._event = event
            self.forget_concepts()
        self._selected(None)

    def forget_concepts(self) -> None:
        """Concepts were added (an import), or another event's document opened: each
        page's concept box is filled with the new list when it is next shown (building
        the pages again, labelling after a switch spent 5 ms a label doing so)."""
        self.save_typing()
        self._concepts = None
        self._concepts_read += 1
        self._selected(self._span_id)

    def _forget_pages(self) -> None:
        """The codebook changed: labels and attributes are built again."""
        self.save_typing()
        self._concepts = None
        for page in self._pages.values():
            self.removeWidget(page[0])
            page[0].deleteLater()
        self._pages.clear()
        self._concepts_in.clear()
        self._selected(self._span_id)
        self._idle.start()

    # ---------------------------------------------------------------- editing

    def _item(self):
        item = self.session.selected_item()
        return item if item is not None and item.id == self._span_id else None

    def _label_chosen(self, _index: int) -> None:
        self.save_typing()
        item = self._item()
        if item is not None and self.label_box.currentText() != item.label:
            self.session.relabel(item.id, self.label_box.currentText())

    def _typing_field(self, line: QLineEdit, name: str | None) -> None:
        """A free-text field (an attribute, or the note when `name` is None)."""
        undo_falls_through(line)
        line.textEdited.connect(lambda _text: self._typed(name))
        # Enter or leaving the field: whatever it holds is saved now
        line.editingFinished.connect(lambda: (self._typed(name), self.save_typing()))

    def _typed(self, name: str | None) -> None:
        if self._span_id is None:
            return
        if self._typed_span not in (None, self._span_id):
            self.save_typing()
        self._typed_span = self._span_id
        self._typed_fields.add(name)
        self._autosave.typed()

    def save_typing(self) -> None:
        """Save now what was typed in the span's fields (leaving them, the span, the
        document or the window)."""
        self._autosave.flush()

    def _save_typed(self) -> None:
        span_id, fields = self._typed_span, self._typed_fields
        self._typed_span, self._typed_fields = None, set()
        doc = self.session.doc
        item = doc.index.by_id.get(span_id) if doc is not None and span_id is not None \
            else None
        if item is None:
            return  # deleted (or its document closed) meanwhile
        changed = {}
        if None in fields:
            note = self.note.text().strip() or None
            if note != item.note:
                changed["note"] = note
        attrs = dict(item.attributes)
        for name in fields - {None}:
            _set_value(attrs, name, self.editors[name].text().strip() or None)
        if attrs != dict(item.attributes):
            changed["attributes"] = attrs
        if changed and self.session.update_span(span_id, **changed):
            for name in fields:
                forget_typing_history(self.note if name is None else self.editors[name])

    def _attr_changed(self, name: str) -> None:
        item = self._item()
        if item is None:
            return
        self.save_typing()
        value = self.editors[name].currentText()
        attrs = dict(item.attributes)
        _set_value(attrs, name, None if value == NONE else value)
        if attrs != dict(item.attributes):
            self.session.update_span(item.id, attributes=attrs)

    def _concept_chosen(self, _index: int) -> None:
        self.save_typing()
        item = self._item()
        value = self.concept_box.currentData()
        if item is not None and value == NEW_CONCEPT:
            name, ok = QInputDialog.getText(
                self, "New concept", "What the span is about, the same for every outlet "
                "(e.g. “the election”, “China's role”):")
            value = self.session.add_concept(name) if ok and name.strip() else None
            if value is None:
                self._fill(item)
                return
        if (item is not None and value != item.concept
                and self.session.update_span(item.id, concept=value) and value is not None):
            self.linked.emit(item.id, value)

    def _session_changed(self, changes) -> None:
        if CODEBOOK in changes.tables:
            self._forget_pages()
        elif CONCEPTS in changes.tables:
            self.forget_concepts()

    def _move(self, edge: str, step: int) -> None:
        self.save_typing()
        if self._span_id is not None:
            self.session.resize(self._span_id, edge, step)

    def _delete(self) -> None:
        self.save_typing()
        if self._span_id is not None:
            self.session.delete_span(self._span_id)


def _set_value(attrs: dict, name: str, value: str | None) -> None:
    if value is None:
        attrs.pop(name, None)
    else:
        attrs[name] = value
