"""The gold pane fills each text into its one document, in place: no second document is
made (filled beside the read and put in place with setDocument, it cost more CPU than it
saved), and what a text shows is the same whichever text came before."""

from __future__ import annotations

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument

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


def test_each_text_is_filled_into_the_panes_one_document(qtbot):
    pane = TextPane()
    qtbot.addWidget(pane)
    pane.resize(300, 200)
    pane.show()
    qtbot.waitExposed(pane)
    document = pane.document()
    shown = {}
    for text in (*TEXTS, TEXTS[0]):
        index = SpanIndex(text)
        pane.set_text(text, index)
        pane.show_items({"a": (14, 20, (0,), "a")}, _style)
        assert pane.document() is document and pane.highlighter.document() is document
        assert pane.text == text and document.toPlainText() == index.display
        assert not [d for d in pane.findChildren(QTextDocument) if d is not document]
        shown.setdefault(text, _shown(pane))
        assert _shown(pane) == shown[text]


def test_a_text_with_characters_outside_the_bmp_reaches_qt_as_its_units(qtbot):
    """Filled with its UTF-16 units (SpanIndex.qt_text), which PySide passes as they are,
    the document holds the text itself: the same characters, blocks and positions."""
    pane = TextPane()
    qtbot.addWidget(pane)
    text = "😀 first 𝕏\nsecond 🇫🇷 line é\n\n🙂"
    index = SpanIndex(text)
    assert index.qt_text() != index.display and max(map(ord, index.qt_text())) < 0x10000
    pane.set_text(text, index)
    document = pane.document()
    assert document.toPlainText() == text
    assert document.characterCount() - 1 == index.u16.length16
    assert [document.findBlockByNumber(b).position() for b in range(document.blockCount())
            ] == index.block_starts
    cursor = QTextCursor(document)
    cursor.setPosition(index.u16.to_utf16(text.index("second")))
    cursor.setPosition(index.u16.to_utf16(text.index(" line")), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "second 🇫🇷"
