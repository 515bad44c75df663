from __future__ import annotations

import pytest

from annotator.gui.adjudication import AdjudicationView
from tests.gui.adjudication.adjudication_seed import D0, seed_reviews, shown


@pytest.fixture
def review_project(seeded_project):
    """The sample corpus annotated by alice, bob and carol; dana the reviewer."""
    seed_reviews(seeded_project)
    return seeded_project


@pytest.fixture
def view(qtbot, review_project):
    """Dana's adjudication view on the review project, shown, its first document read."""
    widget = AdjudicationView(review_project, "dana")
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitExposed(widget)
    shown(qtbot, widget, D0)
    return widget
