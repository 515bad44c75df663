"""A Closable is closed on leaving its `with` block, however the block ends."""

from __future__ import annotations

import pytest

from annotator.core.closing import Closable


class Door(Closable):
    def __init__(self):
        self.closed = 0

    def close(self) -> None:
        self.closed += 1


def test_the_block_gets_the_thing_and_closes_it():
    door = Door()
    with door as inside:
        assert inside is door and door.closed == 0
    assert door.closed == 1


def test_an_error_in_the_block_closes_it_and_goes_on():
    door = Door()
    with pytest.raises(KeyError), door:
        raise KeyError("x")
    assert door.closed == 1

