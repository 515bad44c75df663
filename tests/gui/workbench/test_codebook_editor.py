"""Edit ▸ Codebook… in the real main window over a real project: the lead renames,
recolours, retires and merges labels; the palette, the text and the stored spans follow;
merge is previewed and undone with Ctrl+Z; refusals change nothing; each change is a
version."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QInputDialog, QMessageBox

from annotator.core.codebook_edits import ATTRIBUTE, DOC_LABEL, LABEL
from annotator.gui.codebook_editor import CodebookEditor
from annotator.services import annotate as an
from annotator.services import codebook as cbs

WC, LL = "Word choice", "Loaded language"


@pytest.fixture
def lead(make_window, seeded_project, wb):
    project = seeded_project
    for who, label in (("alice", WC), ("bob", LL)):
        an.add_span(project, who, wb.SAMPLE, 0, 2, label, attributes={"polarity": "negative"})
    window = make_window(project, "dana", "reviewer", doc=wb.SAMPLE)
    wb.label(window, "Political Relief", LL)  # dana's own span, on screen
    return window


def open_editor(window) -> CodebookEditor:
    window.findChild(type(window.menuBar().actions()[0]), "codebook").trigger()
    editor = window.dialog
    assert isinstance(editor, CodebookEditor) and editor.isVisible()
    return editor


def pick(editor, kind: str, name: str) -> None:
    editor.tabs.setCurrentIndex([LABEL, ATTRIBUTE].index(kind) if kind in (LABEL, ATTRIBUTE)
                                else 2)
    editor.select(kind, name)
    assert editor.current(kind) == name


def click(editor, kind: str, key: str) -> None:
    button = editor.buttons[(kind, key)]
    assert button.isEnabled()
    button.click()


def palette(window) -> set[str]:
    return {b.objectName() for b in window.panel("labels").buttons.values()}


def shown_labels(window) -> set[str]:
    return {item.label for item in window.session.doc.index.by_id.values()}


def test_rename_and_recolour_carry_spans_and_make_versions(lead, monkeypatch, wb):
    window, project = lead, lead.session.project
    editor = open_editor(window)
    pick(editor, LABEL, LL)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Loaded words", True))
    click(editor, LABEL, "rename")
    # the palette, the open document and everyone's stored spans follow
    assert "label:Loaded words" in palette(window)
    assert shown_labels(window) == {"Loaded words"}
    assert [s.label for s in wb.stored(project, wb.SAMPLE, "bob")] == ["Loaded words"]
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#123456"))
    click(editor, LABEL, "color")
    assert window.text_view.colors.color("Loaded words").name() == "#123456"
    assert editor.versions.topLevelItemCount() == 3
    assert editor.versions.topLevelItem(0).text(3) == \
        "Set label 'Loaded words': colour '#123456'"
    assert editor.versions.topLevelItem(0).text(2) == "dana"


def test_retire_hides_from_the_palette_and_keeps_spans(lead, wb):
    window, project = lead, lead.session.project
    editor = open_editor(window)
    pick(editor, LABEL, LL)
    click(editor, LABEL, "retire")
    assert f"label:{LL}" not in palette(window)
    assert shown_labels(window) == {LL}  # dana's span keeps its label
    assert [s.label for s in wb.stored(project, wb.SAMPLE, "bob")] == [LL]
    row = editor.trees[LABEL].currentItem()
    assert row.text(5) == "retired" and editor.buttons[(LABEL, "retire")].text() == "Restore"
    click(editor, LABEL, "retire")  # restore
    assert f"label:{LL}" in palette(window)
    assert cbs.current_version(project) == 3


def test_merge_is_previewed_then_undone_with_ctrl_z(lead, qtbot, monkeypatch, wb):
    window, project = lead, lead.session.project
    editor = open_editor(window)
    pick(editor, LABEL, LL)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (WC, True))
    click(editor, LABEL, "merge")
    box = editor.findChild(QMessageBox, "merge_preview")
    assert "2 spans of 'Loaded language' by 2 annotators become 'Word choice'" in box.text()
    assert cbs.current_version(project) == 1  # nothing yet
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: shown_labels(window) == {WC})
    assert [s.label for s in wb.stored(project, wb.SAMPLE, "bob")] == [WC]
    assert f"label:{LL}" not in palette(window)
    editor.close()
    window.activateWindow()
    window.findChild(type(window.menuBar().actions()[0]), "undo").trigger()
    assert shown_labels(window) == {LL}
    assert [s.label for s in wb.stored(project, wb.SAMPLE, "bob")] == [LL]
    assert f"label:{LL}" in palette(window)
    assert [v.summary for v in cbs.versions(project)][-1].startswith("Undo Merge label")


def test_a_refused_change_says_why_and_changes_nothing(lead, qtbot, monkeypatch):
    window, project = lead, lead.session.project
    editor = open_editor(window)
    pick(editor, LABEL, LL)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("W", True))  # Word choice's
    click(editor, LABEL, "hotkey")
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "error_dialog") is not None)
    assert "hotkey" in window.findChild(QMessageBox, "error_dialog").text()
    assert cbs.codebook_at(project).label(LL).hotkey == "l"
    # a value spans hold cannot just vanish: the user is told to rename it instead
    pick(editor, ATTRIBUTE, "polarity")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("neutral, positive", True))
    click(editor, ATTRIBUTE, "values")
    qtbot.waitUntil(lambda: any("rename the value" in b.text() for b in
                                window.findChildren(QMessageBox, "error_dialog")))
    assert cbs.current_version(project) == 1
    # naming the labels an attribute goes on: refused while spans of other labels hold it
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Word choice", True))
    click(editor, ATTRIBUTE, "labels")
    qtbot.waitUntil(lambda: any("keep those labels" in b.text() for b in
                                window.findChildren(QMessageBox, "error_dialog")))
    assert cbs.current_version(project) == 1


def test_document_label_values_renamed_reach_the_panel(lead, monkeypatch):
    window = lead
    window.session.set_doc_label("tone", "negative")
    editor = open_editor(window)
    pick(editor, DOC_LABEL, "tone")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("negative", True))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("critical", True))
    click(editor, DOC_LABEL, "rename_value")
    box = window.panel("document").boxes["tone"]
    assert box.currentText() == "critical"
    assert [box.itemText(i) for i in range(box.count())][1:] == [
        "critical", "neutral", "positive"]
    click(editor, DOC_LABEL, "retire")
    assert "tone" not in window.panel("document").boxes


def test_an_annotator_sees_the_codebook_but_cannot_edit(make_window, seeded_project):
    window = make_window(seeded_project, "alice")
    editor = open_editor(window)
    assert not editor.buttons[(LABEL, "rename")].isVisibleTo(editor)
    assert editor.guidelines.isReadOnly()
    assert editor.versions.topLevelItemCount() == 1
    assert editor.trees[LABEL].topLevelItem(0).data(0, Qt.ItemDataRole.UserRole) == WC
