"""Edit ▸ Codebook…: the project lead edits labels, attributes, document labels and the
guidelines; everyone sees the versions and can export the codebook as YAML.

Every button is one service call (services/codebook.py): one undoable action and one new
codebook version, refused with a message and nothing changed when it would leave the
codebook invalid or spans with a value it no longer has. Retiring hides an item from the
palette and keeps every span; merging is shown first and then done as one step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.codebook_edits import (
    ATTRIBUTE,
    DOC_LABEL,
    LABEL,
    Add,
    Change,
    Rename,
    RenameValue,
    Retire,
    SetText,
    find,
    items,
)
from annotator.core.model import Attribute, DocLabelScheme, Label
from annotator.gui.colors import LabelColors
from annotator.gui.dialog_buttons import button_row
from annotator.gui.inspector import color_icon
from annotator.gui.list_tree import list_tree
from annotator.services import codebook as cbs
from annotator.services.changes import CODEBOOK, SPANS

if TYPE_CHECKING:
    from annotator.gui.shell import Shell

RETIRED = "retired"
HEADS = {LABEL: ["Label", "Group", "Key", "Description", "Spans", "Status"],
         ATTRIBUTE: ["Attribute", "Values", "On labels", "Required", "Status"],
         DOC_LABEL: ["Document label", "Values", "Status"]}
# (key, button text, tooltip) per kind; the slot is the method named after the key
BUTTONS = {
    LABEL: [("add", "Add…", None), ("rename", "Rename…", "Spans keep their place and follow"),
            ("group", "Group…", None), ("color", "Colour…", None), ("hotkey", "Key…", None),
            ("description", "Description…", None),
            ("retire", "Retire", "Hide it from the palette; spans keep it"),
            ("merge", "Merge into…", "Its spans become the other label's; shown first, "
             "undoable")],
    ATTRIBUTE: [("add", "Add…", None), ("rename", "Rename…", "Spans' values follow"),
                ("values", "Values…", "Adding values is free; a value spans hold can only "
                 "be renamed"),
                ("rename_value", "Rename value…", "Every span holding it follows"),
                ("labels", "On labels…", "Which labels carry it (none named: every label)"),
                ("retire", "Retire", "Offer it no more; spans keep their values")],
    DOC_LABEL: [("add", "Add…", None), ("rename", "Rename…", None),
                ("values", "Values…", None), ("rename_value", "Rename value…", None),
                ("retire", "Retire", None)],
}


def _values(text: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in text.split(",") if v.strip())


class CodebookEditor(QDialog):
    def __init__(self, window: Shell):
        super().__init__(window)
        self.session = window.session
        self.setObjectName("codebook_editor")
        self.setWindowTitle("Codebook")
        self.resize(860, 520)
        self.lead = self.session.is_reviewer()
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("codebook_heading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.trees: dict[str, QTreeWidget] = {}
        self.buttons: dict[tuple[str, str], QPushButton] = {}
        for kind, title in ((LABEL, "Labels"), (ATTRIBUTE, "Attributes"),
                            (DOC_LABEL, "Document labels")):
            self.tabs.addTab(self._item_page(kind), title)
        self.tabs.addTab(self._guidelines_page(), "Guidelines")
        self.versions = list_tree("codebook_versions",
                                  ["Version", "When", "Who", "What changed", "Spans"],
                                  {1: 130, 3: 420})
        self.tabs.addTab(self.versions, "Versions")
        row = QHBoxLayout()
        made = button_row(row, "codebook", (("undo", "Undo", self.session.undo),
                                            ("redo", "Redo", self.session.redo),
                                            ("import", "Import YAML…", self.ask_import),
                                            ("export", "Export YAML…", self.ask_export)))
        self.buttons.update({("", key): b for key, b in made.items()})
        for key in ("undo", "redo", "import"):
            self.buttons[("", key)].setVisible(self.lead)
        row.addStretch(1)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.session.changed.connect(self._changed)
        self.finished.connect(lambda _r: self.session.changed.disconnect(self._changed))
        self.refresh()

    # ---------------------------------------------------------------- building

    def _item_page(self, kind: str) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        tree = list_tree(f"codebook_{kind.replace(' ', '_')}s", HEADS[kind], {0: 220})
        tree.itemSelectionChanged.connect(self._sync)
        box.addWidget(tree, 1)
        self.trees[kind] = tree
        row = QHBoxLayout()
        for key, text, tip in BUTTONS[kind]:
            b = QPushButton(text)
            b.setObjectName(f"codebook_{kind.replace(' ', '_')}_{key}")
            if tip:
                b.setToolTip(tip)
            b.clicked.connect(lambda _=False, k=kind, f=key: getattr(self, f)(k))
            b.setVisible(self.lead)
            row.addWidget(b)
            self.buttons[(kind, key)] = b
        row.addStretch(1)
        box.addLayout(row)
        return page

    def _guidelines_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(QLabel("Markdown, shown to annotators in the Guidelines panel."))
        self.guidelines = QPlainTextEdit()
        self.guidelines.setObjectName("codebook_guidelines")
        self.guidelines.setReadOnly(not self.lead)
        box.addWidget(self.guidelines, 1)
        save = QPushButton("Save the guidelines")
        save.setObjectName("codebook_save_guidelines")
        save.clicked.connect(self.save_guidelines)
        save.setVisible(self.lead)
        box.addWidget(save, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def refresh(self) -> None:
        cb = self.session.codebook
        self.codebook = cb
        use = self.session._run(cbs.label_usage, self.session.project) or {}
        number = self.session._run(cbs.current_version, self.session.project)
        active = cb.active()
        self.heading.setText(
            f"<b>{cb.name}</b>, version {number}: {len(active.labels)} labels in use"
            + (f", {len(cb.labels) - len(active.labels)} retired" if
               len(cb.labels) > len(active.labels) else "")
            + ("" if self.lead else ". Only a reviewer (the project lead) edits it."))
        colors = LabelColors(cb, self.palette())
        for kind, tree in self.trees.items():
            keep = self.current(kind)
            tree.clear()
            for item in items(cb, kind):
                status = RETIRED if item.retired else ""
                if kind == LABEL:
                    n = use.get(item.name)
                    cells = [item.name, item.group or "", item.hotkey or "",
                             item.description or "", str(n.spans if n else 0), status]
                elif kind == ATTRIBUTE:
                    cells = [item.name, "free text" if item.values is None else
                             ", ".join(item.values), "all" if item.labels is None else
                             ", ".join(item.labels), "yes" if item.required else "", status]
                else:
                    cells = [item.name, ", ".join(item.values), status]
                row = QTreeWidgetItem(cells)
                row.setData(0, Qt.ItemDataRole.UserRole, item.name)
                if kind == LABEL:
                    row.setIcon(0, color_icon(colors.color(item.name)))
                if item.retired:
                    for c in range(len(cells)):
                        row.setForeground(c, self.palette().placeholderText())
                tree.addTopLevelItem(row)
                if item.name == keep:
                    tree.setCurrentItem(row)
        if not self.guidelines.document().isModified():
            self.guidelines.setPlainText(cb.guidelines or "")
            self.guidelines.document().setModified(False)
        self._fill_versions()
        self._sync()

    def _fill_versions(self) -> None:
        self.versions.clear()
        used = self.session._run(cbs.spans_by_version, self.session.project) or {}
        for v in reversed(self.session._run(cbs.versions, self.session.project) or []):
            self.versions.addTopLevelItem(QTreeWidgetItem([
                str(v.number), v.at[:16].replace("T", " "), v.by or "", v.summary,
                str(used.get(v.number, 0))]))

    def _changed(self, changes) -> None:
        if changes.touches(CODEBOOK) or changes.touches(SPANS):
            self.refresh()

    def current(self, kind: str) -> str | None:
        row = self.trees[kind].currentItem()
        return row.data(0, Qt.ItemDataRole.UserRole) if row is not None else None

    def item(self, kind: str):
        name = self.current(kind)
        return find(self.codebook, kind, name) if name is not None else None

    def _sync(self) -> None:
        for kind, specs in BUTTONS.items():
            chosen = self.item(kind)
            for key, _, _ in specs:
                if key != "add":
                    self.buttons[(kind, key)].setEnabled(chosen is not None)
            self.buttons[(kind, "retire")].setText(
                "Restore" if chosen is not None and chosen.retired else "Retire")
        undo, redo = self.session.undo_redo_texts()
        self.buttons[("", "undo")].setToolTip(f"Undo {undo}" if undo else "Nothing to undo")
        self.buttons[("", "redo")].setToolTip(f"Redo {redo}" if redo else "Nothing to redo")

    # ---------------------------------------------------------------- editing

    def apply(self, *edits) -> bool:
        """Edits as one action (one version); refused ones show why and change nothing."""
        return self.session.edit_codebook(cbs.edit, list(edits))

    def _ask(self, title: str, prompt: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self, title, prompt, text=text)
        return value if ok else None

    def add(self, kind: str) -> None:
        name = self._ask(f"Add a {kind}", "Name:")
        if not name:
            return
        if kind == LABEL:
            new = Label(name, self.item(LABEL).group if self.item(LABEL) else None)
        elif kind == ATTRIBUTE:
            values = self._ask("Values", "Values, separated by commas (none: free text):")
            if values is None:
                return
            new = Attribute(name, _values(values) or None)
        else:
            values = self._ask("Values", "Values, separated by commas:")
            if not values:
                return
            new = DocLabelScheme(name, _values(values))
        if self.apply(Add(kind, new)):
            self.select(kind, new.name.strip())

    def rename(self, kind: str) -> None:
        item = self.item(kind)
        if item is None:
            return
        to = self._ask(f"Rename {kind} {item.name!r}", "New name (everything that has it "
                       "follows):", item.name)
        if to and self.apply(Rename(kind, item.name, to)):
            self.select(kind, to.strip())

    def _set(self, kind: str, field: str, new) -> bool:
        item = self.item(kind)
        return item is not None and self.apply(Change(kind, item.name,
                                                      ((field, getattr(item, field), new),)))

    def group(self, kind: str) -> None:
        item = self.item(kind)
        groups = sorted({lab.group for lab in self.codebook.labels if lab.group})
        if item is None:
            return
        value, ok = QInputDialog.getItem(self, f"Group of {item.name!r}", "Group (type a new "
                                         "one, or nothing for none):", groups,
                                         groups.index(item.group) if item.group in groups
                                         else 0, True)
        if ok:
            self._set(kind, "group", value)

    def color(self, kind: str) -> None:
        item = self.item(kind)
        if item is None:
            return
        chosen = QColorDialog.getColor(QColor(item.color or "#888888"), self,
                                       f"Colour of {item.name!r}")
        if chosen.isValid():
            self._set(kind, "color", chosen.name())

    def _ask_set(self, kind: str, field: str, title: str, prompt: str, shown,
                 parsed=lambda text: text) -> None:
        """Ask for the selected item's `field` as text (`shown` from the item) and set it
        to what `parsed` makes of the answer."""
        item = self.item(kind)
        if item is not None:
            text = self._ask(f"{title} {item.name!r}", prompt, shown(item))
            if text is not None:
                self._set(kind, field, parsed(text))

    def hotkey(self, kind: str) -> None:
        self._ask_set(kind, "hotkey", "Key of", "One key (nothing: no key):",
                      lambda item: item.hotkey or "")

    def description(self, kind: str) -> None:
        self._ask_set(kind, "description", "Description of", "What it marks:",
                      lambda item: item.description or "")

    def values(self, kind: str) -> None:
        self._ask_set(kind, "values", "Values of", "Values, separated by commas (to change "
                      "one that spans hold, use Rename value):",
                      lambda item: ", ".join(item.values or ()),
                      lambda text: _values(text) or (None if kind == ATTRIBUTE else ()))

    def labels(self, kind: str) -> None:
        self._ask_set(kind, "labels", "Labels carrying", "Labels, separated by commas "
                      "(nothing: every label):", lambda item: ", ".join(item.labels or ()),
                      lambda text: _values(text) or None)

    def rename_value(self, kind: str) -> None:
        item = self.item(kind)
        if item is None or not item.values:
            return
        value, ok = QInputDialog.getItem(self, f"Rename a value of {item.name!r}", "Value:",
                                         list(item.values), 0, False)
        if not ok:
            return
        to = self._ask("Rename value", f"New name for {value!r} (every span that holds it "
                       "follows):", value)
        if to:
            self.apply(RenameValue(kind, item.name, value, to))

    def retire(self, kind: str) -> None:
        item = self.item(kind)
        if item is not None:
            self.apply(Retire(kind, item.name, not item.retired))

    def merge(self, kind: str = LABEL) -> QMessageBox | None:
        item = self.item(LABEL)
        if item is None:
            return None
        others = [lab.name for lab in self.codebook.active().labels if lab.name != item.name]
        into, ok = QInputDialog.getItem(self, f"Merge {item.name!r}", "Into label:", others,
                                        0, False)
        if not ok:
            return None
        return self.preview_merge(item.name, into)

    def preview_merge(self, source: str, into: str) -> QMessageBox | None:
        """Say what the merge would do; it is done only when the user says yes."""
        preview = self.session._run(cbs.preview_merge, self.session.project, source, into)
        if preview is None:
            return None
        box = QMessageBox(QMessageBox.Icon.Question, "Merge labels", preview.sentence(),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setObjectName("merge_preview")
        box.button(QMessageBox.StandardButton.Yes).setText("Merge")
        box.accepted.connect(lambda: self.session.edit_codebook(cbs.merge, source, into))
        box.open()
        return box

    def save_guidelines(self) -> None:
        text = self.guidelines.toPlainText()
        if self.apply(SetText("guidelines", self.codebook.guidelines, text)):
            self.guidelines.document().setModified(False)

    def select(self, kind: str, name: str) -> None:
        tree = self.trees[kind]
        for i in range(tree.topLevelItemCount()):
            if tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == name:
                tree.setCurrentItem(tree.topLevelItem(i))

    # ---------------------------------------------------------------- files

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import a codebook", "",
                                              "Codebooks (*.yaml *.yml *.json)")
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> bool:
        done = self.session._run(cbs.import_file, self.session.project, self.session.me, path)
        if done is None:
            return False
        if done.changes:
            self.session.absorb(done.changes)
        from annotator.gui.errors import show_info

        show_info(self, done.describe(), "Codebook imported")
        return True

    def ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export the codebook", "codebook.yaml",
                                              "YAML (*.yaml)")
        if path:
            written = self.session._run(cbs.export_file, self.session.project, path)
            if written is not None:
                self.session.message.emit(f"Wrote the codebook to {written.name}.")


def open_editor(window: Shell) -> CodebookEditor | None:
    if window.session.user is None:
        return None
    dialog = CodebookEditor(window)
    window.dialog = dialog
    dialog.open()
    return dialog
