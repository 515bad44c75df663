"""The gold pane fills each text into its one document, in place: no second document is
made (filled beside the read and put in place with setDocument, it cost more CPU than it
saved), and what a text shows is the same whichever text came before."""

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
