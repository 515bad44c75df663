"""File ▸ Import puts the spans of files that name no annotator (brat here) in the layer
the dialog says, by default the user's own."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from annotator.gui import import_export
from annotator.services import layer


def test_a_brat_folder_lands_in_the_users_layer(qtbot, open_main, project, tmp_path,
                                                monkeypatch):
    folder = tmp_path / "brat"
    folder.mkdir()
    text = "The sham election 😀 gave Putin a fifth term.\n"
    (folder / "d1.txt").write_text(text, encoding="utf-8", newline="")
    (folder / "d1.ann").write_text("T1\tWord_choice 4 17\tsham election\n", encoding="utf-8")
    window = open_main(project, "alice", "annotator")
    dialogs = []
    monkeypatch.setattr(import_export.QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(folder)], ""))
    monkeypatch.setattr(import_export.ImportDialog, "open", lambda d: dialogs.append(d))
    window.io.ask_import()
    dialog = dialogs[0]
    assert dialog.owner.text() == "alice"
    dialog.done(QDialog.DialogCode.Accepted)
    qtbot.waitUntil(lambda: window.io.job is not None and window.io.job.outcome is not None,
                    timeout=10_000)
    assert window.io.job.outcome == "done"
    spans = layer.read_document(project, "d1", "alice").layer.spans()
    assert [(s.start, s.end, s.label) for s in spans] == [(4, 17, "Word choice")]
    assert text[4:17] == "sham election"
