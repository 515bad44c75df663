"""Collection kept out of the way while modules load (core.gc_pauses.loading_modules)."""

from __future__ import annotations

import gc

import pytest

from annotator.core.gc_pauses import loading_modules


class Made:
    pass


@pytest.fixture
def collecting():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_nothing_is_collected_while_modules_load_and_what_they_made_is_frozen(collecting):
    frozen = gc.get_freeze_count()
    with loading_modules():
        assert not gc.isenabled()
        made = [Made() for _ in range(5000)]  # past the young generation's threshold
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(made)
    assert gc.get_count()[0] < 700  # no collection of all of them waiting for the next one


def test_an_import_that_fails_freezes_nothing_and_collection_comes_back(collecting):
    frozen = gc.get_freeze_count()
    with pytest.raises(ImportError), loading_modules():
        _ = [Made() for _ in range(100)]
        raise ImportError("libEGL.so.1")
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_collection_off_before_stays_off(collecting):
    gc.disable()
    with loading_modules():
        pass
    assert not gc.isenabled()
