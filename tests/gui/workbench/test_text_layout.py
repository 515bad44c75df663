"""The text is laid out for the width it is shown in: after a restart, a zoom, a resize,
never wider than the view (no horizontal scroll bar, no line cut at the edge).

Checked as soon as each change is handled, not after waiting: later events (a panel
settling) may lay the text out again and hide the fault until then.
"""

from __future__ import annotations

PANELS = ("documents", "document", "labels", "inspector", "guidelines")


def _fits(view) -> bool:
    laid_out = view.document().documentLayout().documentSize().width()
    return view.horizontalScrollBar().maximum() == 0 and laid_out <= view.viewport().width()


def _margin(view) -> int:
    return view.viewportMargins().left()


def test_a_reopened_document_fits_the_view(make_window, seeded_project, wb, qtbot):
    first = make_window(seeded_project, doc=wb.SAMPLE)
    first.show()
    qtbot.waitExposed(first)
    assert _margin(first.text_view) > 0 and _fits(first.text_view)
    # the side panels closed, so that the text has room for margins beside it in the
    # offscreen screen (800 x 600), to which the remembered size is fitted
    for name in PANELS:
        first.docks[name].hide()
    first.close()

    again = make_window(seeded_project, name=None)  # who, where and the layout remembered
    assert again.session.doc.id == wb.SAMPLE
    again.show()
    qtbot.waitExposed(again)
    view = again.text_view
    assert not again.docks["labels"].isVisible()
    assert _margin(view) > 0 and _fits(view)
    for zoom in (3, -2, 0):
        again.zoom(zoom)
        assert _fits(view)
    before = view.width()
    again.docks["labels"].show()  # the text makes room: narrower margins
    qtbot.waitUntil(lambda: view.width() != before)
    assert _fits(view)
