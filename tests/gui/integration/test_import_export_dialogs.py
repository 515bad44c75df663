"""File ▸ Export says which spans it writes and waits for a place to write them; File ▸
Import speaks of its own checkbox, and never hands a reviewer the spans of files that name
no annotator."""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from annotator.gui.import_export import ExportDialog
from annotator.services import adjudicate
from annotator.services import adjudication_view as reading
from tests.gui.adjudication.adjudication_seed import D0


def _boxes(window) -> list[QMessageBox]:
    return [b for b in window.findChildren(QMessageBox) if b.isVisible()]


def test_export_says_it_writes_the_gold_standard(qtbot, open_main, review_project, tmp_path):
    first = next(r for r in reading.open_adjudication(review_project, "dana", D0).candidates)
    adjudicate.accept(review_project, "dana", D0, first.key)
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    window.io.ask_export()
    dialog = window.findChild(ExportDialog)
    qtbot.waitExposed(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert not dialog.go.isEnabled()  # nowhere to write yet: nothing happens silently
    dialog.who.setCurrentIndex(dialog.who.findData(None))  # everyone's
    assert dialog.layer.isEnabled() and dialog.layer.currentText() == "the gold standard"
    assert "Writes the gold standard" in dialog.writes.text()
    assert "(1 so far)" in dialog.writes.text()
    dialog.format.setCurrentIndex(dialog.format.findData("jsonl"))  # the interchange
    assert not dialog.layer.isEnabled() and "the whole project" in dialog.writes.text()
    assert dialog.options().layer is None
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.layer.isEnabled() and dialog.options().layer == "gold"
    out = tmp_path / "gold.csv"
    qtbot.keyClicks(dialog.out, str(out))
    assert dialog.go.isEnabled()
    qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)
    job = window.io.job
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=10_000)
    assert job.outcome == "done"
    (box,) = _boxes(window)
    assert "gold" in box.text()
    with open(out, encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 1  # the one gold span, no annotator's


def test_export_of_my_own_spans(qtbot, open_main, review_project):
    window = open_main(review_project, "alice", doc=D0)
    dialog = ExportDialog(window.session, window)
    assert dialog.who.count() == 1 and not dialog.layer.isEnabled()
    assert "alice's own spans" in dialog.writes.text()
    assert dialog.options().annotator == "alice"


def test_unnamed_spans_never_default_to_a_reviewer(qtbot, open_main, review_project, tmp_path):
    window = open_main(review_project, "dana", "reviewer", doc=D0)
    dialog = window.io.import_dialog([str(tmp_path / "a.ann")])
    assert dialog.owner.text() == ""  # the format's name, as the placeholder says
    assert "format's name" in dialog.owner.placeholderText()
    window.set_identity("alice", "annotator")
    assert window.io.import_dialog([str(tmp_path / "a.ann")]).owner.text() == "alice"
