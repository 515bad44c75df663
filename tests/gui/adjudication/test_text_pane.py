"""The gold pane shows a text filled in ahead (`prepare`) as it shows one set on the spot:
the same blocks, font, margin and paints; nothing is left behind."""

from __future__ import annotations

from PySide6.QtGui import QTextCharFormat, QTextDocument

from annotator.gui.adjudication.text_pane import TextPane
from annotator.gui.span_index import SpanIndex

TEXTS = ["first line é\nsecond 𝔸 line\n\nfourth line of the text\nfifth",
         "another\ntext of three\nlines 🙂"]


def _style(_key) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontUnderline(True)
    return fmt


def _shown(pane: TextPane) -> tuple:
    doc = pane.document()
    block = doc.findBlockByNumber(1)
    return (doc.toPlainText(), doc.blockCount(), doc.defaultFont(), doc.documentMargin(),
            doc.isUndoRedoEnabled(),
            [(f.start, f.length) for f in block.layout().formats()])


def _documents(pane: TextPane) -> list:
    return [d for d in pane.findChildren(QTextDocument) if d.parent() is pane]


def test_a_text_prepared_ahead_shows_as_one_set_on_the_spot(qtbot):
    plain, ahead = TextPane(), TextPane()
    for pane in (plain, ahead):
        qtbot.addWidget(pane)
        pane.resize(300, 200)
        pane.show()
    qtbot.waitExposed(ahead)
    for text in (*TEXTS, TEXTS[0]):
        index = SpanIndex(text)
        ahead.prepare(index)
        assert ahead.text != text  # the text shown before stays until it is set
        plain.set_text(text, SpanIndex(text))
        ahead.set_text(text, index)
        for pane in (plain, ahead):
            pane.show_items({"a": (14, 20, (0,), "a")}, _style)
        assert ahead.text == text and ahead.document().toPlainText() == index.display
        assert _shown(ahead) == _shown(plain)
        assert ahead.highlighter.document() is ahead.document()
        # the document shown before is deleted: one of the pane's own at most
        qtbot.waitUntil(lambda p=ahead: len(_documents(p)) <= 1)


def test_a_text_prepared_for_another_index_is_dropped(qtbot):
    pane = TextPane()
    qtbot.addWidget(pane)
    pane.prepare(SpanIndex(TEXTS[0]))
    prepared = _documents(pane)
    assert len(prepared) == 1
    pane.set_text(TEXTS[1], SpanIndex(TEXTS[1]))  # read differently meanwhile
    assert pane.text == TEXTS[1] and pane.document() not in prepared
    assert pane.document().toPlainText() == TEXTS[1]
    qtbot.waitUntil(lambda: not _documents(pane))
