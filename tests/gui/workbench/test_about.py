"""Help ▸ About: the version, where the project, the log and the settings live, and the
licences of the libraries it is built on."""

from __future__ import annotations

from email.message import Message

from PySide6.QtWidgets import QApplication, QLabel, QTableWidget


def test_about_names_the_version_the_files_and_the_licences(window):
    from annotator import __version__
    from annotator.gui.about_dialog import AboutDialog
    from annotator.gui.errors import log_path
    from annotator.gui.settings import settings_path

    window.actions_by_name["about"].trigger()
    dialog = window.dialog
    assert isinstance(dialog, AboutDialog) and dialog.isVisible()
    assert f"Framing annotator {__version__}" in dialog.findChild(QLabel, "about_title").text()
    assert dialog.findChild(QLabel, "about_project").text() == window.session.project.target
    # no unexpected error yet, so no log: the path is named as one still to come
    assert not log_path().exists()
    assert dialog.findChild(QLabel, "about_log_file").text() == f"{log_path()} (not written yet)"
    assert dialog.findChild(QLabel, "about_settings").text() == str(settings_path())

    table = dialog.findChild(QTableWidget, "about_licences")
    rows = {table.item(r, 0).text().lower().replace("_", "-"):
            (table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())}
    assert rows["sqlalchemy"][1] == "MIT"
    assert "LGPL-3.0" in rows["pyside6-essentials"][1]
    assert rows["trafilatura"][1] == "Apache-2.0"
    assert set(rows) >= {"alembic", "numpy", "matplotlib", "ruamel.yaml", "lxml"}
    assert all(version and licence for version, licence in rows.values())

    dialog.copy_details()
    copied = QApplication.clipboard().text()
    assert copied.startswith(f"Framing annotator {__version__}\nPython ")
    assert f"Log file: {log_path()} (not written yet)" in copied and "SQLAlchemy" in copied


def test_about_names_the_log_file_plainly_once_it_is_written(window):
    from annotator.gui.about_dialog import AboutDialog
    from annotator.gui.errors import log_path

    log_path().parent.mkdir(parents=True, exist_ok=True)
    log_path().write_text("… unexpected error in the workbench\n", encoding="utf-8")
    dialog = AboutDialog(window.session.project.target, window)
    assert dialog.findChild(QLabel, "about_log_file").text() == str(log_path())
    dialog.deleteLater()


def meta(**fields) -> Message:
    m = Message()
    for key, value in fields.items():
        values = value if isinstance(value, list) else [value]
        for v in values:
            m[key.replace("_", "-")] = v
    return m


def test_a_licence_in_a_few_words_whatever_the_metadata_holds():
    from annotator.gui.about_dialog import licence

    assert licence(meta(License_Expression="MIT", License="long text\nhere")) == "MIT"
    assert licence(meta(License="BSD-3-Clause")) == "BSD-3-Clause"
    # the whole licence text in License: the trove classifier says it shorter
    assert licence(meta(License="Copyright (c) 2005\n\nRedistribution and use ...",
                        Classifier=["Programming Language :: Python",
                                    "License :: OSI Approved :: BSD License"])) == "BSD License"
    assert licence(meta()) == "see the package's own files"
