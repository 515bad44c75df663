"""Linking spans to concepts in the real main window: Ctrl+K picks (or names) a concept,
Ctrl+Shift+K repeats the last one, each link offers the other occurrences for review, and
Edit ▸ Concepts… renames, merges and deletes; all of it undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from annotator.gui.concepts.manager import ConceptsDialog
from annotator.gui.concepts.occurrences import LinkOccurrencesDialog
from annotator.gui.concepts.picker import ConceptPicker
from annotator.services import concepts, reading
from annotator.services.layer import read_document

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")
EVENT = "putin-china-2024"
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def shown(window, qtbot):
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.settings.set_offer_links(False)  # each test turns it on where it matters
    return window


def key(qtbot, window, k, mods=CTRL):
    active = QApplication.activeWindow()
    if active is None or not active.isVisible():
        # a dialog has closed: the offscreen platform has no window manager to give the
        # window its activation back once events are processed (a saving edit does that)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or window, k, mods)


def concept_of(window, phrase):
    doc = window.session.doc
    return next(s.concept for s in doc.index.by_id.values()
                if doc.text[s.start:s.end] == phrase)


def test_ctrl_k_links_the_selected_span_to_a_new_concept_then_an_existing_one(
        qtbot, shown, wb):
    window = shown
    wb.label(window, "Political Relief", "Word choice")
    key(qtbot, window, Qt.Key.Key_K)
    picker = window.dialog
    assert isinstance(picker, ConceptPicker) and picker.isVisible()
    qtbot.keyClicks(picker.filter, "Putin's comeback")
    assert picker.list.currentItem().text() == "New concept “Putin's comeback”"
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert concept_of(window, "Political Relief") == "putins-comeback"
    made = {c.id: c for c in concepts.concepts(window.session.project, EVENT)}
    assert made["putins-comeback"].event == EVENT  # the document's event
    assert window.concepts.last == "putins-comeback"

    # another span: the picker offers the event's concepts; typing filters them
    wb.label(window, "most powerful", "Loaded language")
    key(qtbot, window, Qt.Key.Key_K)
    picker = window.dialog
    qtbot.keyClicks(picker.filter, "comeb")
    assert picker.list.currentItem().data(Qt.ItemDataRole.UserRole) == (
        "concept", "putins-comeback")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert concept_of(window, "most powerful") == "putins-comeback"

    window.session.undo()
    assert concept_of(window, "most powerful") is None
    window.session.undo()  # the link, then the concept and the first link
    window.session.undo()
    assert concept_of(window, "Political Relief") is None


def test_ctrl_shift_k_repeats_the_last_concept(qtbot, shown, wb):
    window = shown
    cid, _ = concepts.create(window.session.project, "alice", "the West", event=EVENT)
    wb.label(window, "push back against the West", "Word choice")
    item = window.session.selected_item()
    assert window.concepts.link(item.id, cid)
    wb.label(window, "Washington", "Word choice")
    key(qtbot, window, Qt.Key.Key_K, CTRL_SHIFT)
    assert concept_of(window, "Washington") == cid


def test_words_selected_without_a_span_name_a_new_concept(qtbot, shown, wb):
    window = shown
    window.text_view.select_range(*wb.u16_range(window, "Belt and Road Forum"))
    key(qtbot, window, Qt.Key.Key_K)
    picker = window.dialog
    assert picker.filter.text() == "Belt and Road Forum"
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert "belt-and-road-forum" in {c.id for c in concepts.concepts(
        window.session.project, EVENT)}
    assert window.session.doc.index.by_id == {} or all(
        s.concept is None for s in window.session.doc.index.by_id.values())


def test_linking_offers_the_other_occurrences_and_applies_them_as_one_action(
        qtbot, shown, wb):
    window = shown
    window.settings.set_offer_links(True)
    project = window.session.project
    cid, _ = concepts.create(project, "alice", "Putin", event=EVENT)
    wb.label(window, "Russian President Vladimir Putin", "Word choice")
    inspector = window.panel("inspector")
    inspector.forget_concepts()
    box = window.panel("inspector").concept_box
    k = box.findData(cid)
    box.setCurrentIndex(k)
    box.activated.emit(k)  # linked from the inspector
    qtbot.waitUntil(lambda: isinstance(window.dialog, LinkOccurrencesDialog), timeout=10_000)
    dialog = window.dialog
    offered = dialog.chosen()
    assert len(offered) >= 4  # the same title in other articles
    assert {s.doc_id for s in offered} > {window.session.doc.id}
    assert dialog.apply_button.text() == f"Link {len(offered)} occurrences"
    def spans():
        return sum(d.spans for d in reading.documents(project, "alice"))

    before = spans()
    dialog.apply()
    assert not dialog.isVisible()
    assert spans() == before + len(offered)
    layer = read_document(project, offered[0].doc_id, "alice").layer
    assert {s.concept for s in layer.spans()} == {cid}
    window.session.undo()
    assert spans() == before


def test_ctrl_alt_k_asks_again_and_says_when_there_is_nothing(qtbot, shown, wb):
    window = shown
    cid, _ = concepts.create(window.session.project, "alice", "relief", event=EVENT)
    wb.label(window, "Political Relief", "Word choice")
    assert window.concepts.link(window.session.selected_item().id, cid)
    messages = []
    window.session.message.connect(messages.append)
    key(qtbot, window, Qt.Key.Key_K, CTRL | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: any("occurs nowhere else" in m for m in messages), timeout=10_000)


def test_the_concepts_dialog(qtbot, shown, monkeypatch):
    window = shown
    project = window.session.project
    vote, _ = concepts.create(project, "alice", "the vote", event=EVENT)
    election, _ = concepts.create(project, "alice", "the election", event=EVENT)
    dialog = window.concepts.manage()
    assert isinstance(dialog, ConceptsDialog)
    assert not dialog.buttons["merge"].isVisibleTo(dialog)  # annotators do not merge
    ids = [dialog.tree.topLevelItem(k).data(0, Qt.ItemDataRole.UserRole)
           for k in range(dialog.tree.topLevelItemCount())]
    assert ids == [EVENT, vote, election]
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(1))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("the poll", True))
    dialog.rename()
    assert dialog.tree.topLevelItem(1).text(0) == "the poll"
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(2))
    dialog.delete()
    assert dialog.tree.topLevelItemCount() == 2
    window.session.undo()
    assert dialog.tree.topLevelItemCount() == 3
    dialog.close()

    window.set_identity("dana", "reviewer")
    dialog = window.concepts.manage()
    assert dialog.buttons["merge"].isVisibleTo(dialog)
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(1))
    monkeypatch.setattr(QInputDialog, "getItem",
                        lambda *a, **k: (f"the election ({election})", True))
    dialog.merge()
    assert vote not in {c.id for c in concepts.concepts(project, EVENT)}
