"""The label palette rebuilt (a codebook change): the container it retires is destroyed by
Qt later, and what Python made in it must still have its Python side when that happens."""

from __future__ import annotations

import weakref

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel

from annotator.gui.label_palette import LabelButton, LabelPalette
from annotator.gui.session import Identity, Session


def _noting(alive: list, ref: weakref.ref):
    def destroyed() -> None:  # no argument: PySide hands the slot no wrapper to look up
        alive.append(ref() is not None)
    return destroyed


def test_a_rebuilt_palettes_old_widgets_keep_their_python_side_until_qt_destroys_them(
        qapp, qtbot, seeded_project):
    session = Session(seeded_project, Identity("alice"))
    palette = LabelPalette(session)
    qtbot.addWidget(palette)
    made = palette.widget().findChildren(QLabel) + list(palette.buttons.values())
    assert any(isinstance(w, LabelButton) for w in made)
    assert any(type(w) is QLabel for w in made), "the sample codebook has group titles"
    names = set(palette.buttons)
    alive: list[bool] = []
    for widget in made:
        widget.destroyed.connect(_noting(alive, weakref.ref(widget)))
    count = len(made)
    del made, widget

    palette.build()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    # freed with the container's wrapper instead, their wrappers were gone before Qt
    # destroyed them: Shiboken then released freed memory (a crash under load)
    assert alive == [True] * count
    assert set(palette.buttons) == names, "the rebuilt palette has a button per label"


def test_a_long_name_is_cut_as_qt_cuts_it(qapp):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QFontMetrics

    from annotator.gui.label_palette import _elided

    metrics = QFontMetrics(QFont())
    name = "Legality, constitutionality and jurisprudence"
    for width in (40, 90, 135, 211, 400):
        assert _elided(metrics, name, width) == metrics.elidedText(
            name, Qt.TextElideMode.ElideRight, width), width
