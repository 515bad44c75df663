"""Showing a long document formats the blocks on screen only: Qt is not let call the
highlighter for every block of a new text (that was half of setPlainText's time on a
1 MB document), and the blocks shown are formatted all the same."""

from __future__ import annotations

from annotator.services.importing import import_paths

PARAGRAPHS = 600


def _long_document(project, write_jsonl):
    paragraphs = [f"Paragraph {k}: the sham election was, they said, a lifeline."
                  for k in range(PARAGRAPHS)]
    text = "\n".join(paragraphs)
    spans, at = [], 0
    for para in paragraphs:
        start = at + para.index("sham")
        spans.append({"start": start, "end": start + len("sham election"),
                      "label": "Loaded language", "annotator": "alice"})
        at += len(para) + 1
    import_paths(project, [write_jsonl({"id": "short", "text": "A short one."},
                                       {"id": "long", "text": text, "annotations": spans})])
    return text


def test_a_new_text_is_not_formatted_block_by_block(make_window, project, write_jsonl,
                                                     qtbot):
    text = _long_document(project, write_jsonl)
    window = make_window(project, "alice", doc="short")
    window.show()
    qtbot.waitExposed(window)
    view = window.text_view
    asked = view.highlighter.asked
    assert window.session.open("long")
    qtbot.waitUntil(lambda: bool(view.document().firstBlock().layout().formats()))
    assert view.document().blockCount() == PARAGRAPHS
    first, last = view.visible_blocks()
    assert 0 < last - first + 1 < PARAGRAPHS // 4
    # only the blocks on screen (and a few around them), not all 600
    assert 0 < view.highlighter.asked - asked < PARAGRAPHS // 4
    # and those carry their span's colour
    block = view.document().findBlockByNumber(first)
    rel = text.split("\n")[first].index("sham")
    assert [(f.start, f.length) for f in block.layout().formats()] == [
        (rel, len("sham election"))]
    # a block scrolled to is formatted when it shows
    asked = view.highlighter.asked
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: view.visible_blocks()[1] == PARAGRAPHS - 1)
    qtbot.waitUntil(lambda: bool(view.document().lastBlock().layout().formats()))
    assert 0 < view.highlighter.asked - asked < PARAGRAPHS // 4


def test_the_highlighter_hears_the_document_again_after_a_new_text(make_window, project,
                                                                     write_jsonl):
    from PySide6.QtCore import SIGNAL, SLOT, QObject

    _long_document(project, write_jsonl)
    window = make_window(project, "alice", doc="long")
    view = window.text_view
    # still connected as QSyntaxHighlighter connects itself (disconnecting says so)
    assert QObject.disconnect(view.document(), SIGNAL("contentsChange(int,int,int)"),
                              view.highlighter, SLOT("_q_reformatBlocks(int,int,int)"))
