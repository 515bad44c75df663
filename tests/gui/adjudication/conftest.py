from __future__ import annotations

import pytest

from tests.gui.adjudication.adjudication_seed import seed_reviews


@pytest.fixture
def review_project(seeded_project):
    """The sample corpus annotated by alice, bob and carol; dana the reviewer."""
    seed_reviews(seeded_project)
    return seeded_project
