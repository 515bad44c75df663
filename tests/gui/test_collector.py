"""The cyclic garbage collector runs on the GUI thread only, in the app and in the GUI
tests: a collection on a Job's worker thread destroyed GUI-thread QObjects there, and Qt
crashed (segfaults of xdist workers in the GUI tests)."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
import shiboken6

from annotator.gui import collector as collector_module
from annotator.gui.collector import (
    GuiThreadCollector,
    collect_on_gui_thread,
    due_generation,
    hold,
)


class _Cycle:
    def __init__(self):
        self.me = self


def _collections_by_thread():
    seen: list[int] = []

    def note(phase, _info):
        if phase == "start":
            seen.append(threading.get_ident())

    return seen, note


def test_a_worker_threads_garbage_is_collected_on_the_gui_thread(qtbot):
    seen, note = _collections_by_thread()
    gone: list[weakref.ref] = []

    def work():
        for _ in range(20_000):  # many times the first generation's threshold
            _Cycle()
        gone.append(weakref.ref(_Cycle()))

    gc.callbacks.append(note)
    try:
        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
        assert seen == [] and gone[0]() is not None  # nothing collected on the worker
        qtbot.waitUntil(lambda: gone[0]() is None)  # the next tick, here
    finally:
        gc.callbacks.remove(note)
    assert seen and set(seen) == {threading.get_ident()}


def test_the_app_collects_on_its_own_thread_until_the_collector_stops(qapp):
    collector = collect_on_gui_thread(qapp)
    assert collect_on_gui_thread(qapp) is collector  # one per application
    assert not gc.isenabled()
    own = GuiThreadCollector(qapp)
    own.stop()
    assert not gc.isenabled()  # it was off when that one started: it stays off
    shiboken6.delete(own)
    assert not gc.isenabled()


@pytest.mark.parametrize(("counts", "due"), [
    ((0, 0, 0), None), ((700, 0, 0), None), ((701, 0, 0), 0), ((701, 11, 0), 1),
    ((5, 11, 11), 2), ((5, 3, 11), 2),
])
def test_the_generation_due_follows_pythons_thresholds(counts, due):
    assert due_generation(counts, (700, 10, 10)) == due


def _garbage() -> weakref.ref:
    """Cycles past the first generation's threshold: a tick collects them."""
    for _ in range(2_000):
        _Cycle()
    return weakref.ref(_Cycle())


def _own(qapp, monkeypatch, held_at_most_ms: int = 60_000) -> GuiThreadCollector:
    monkeypatch.setattr(collector_module, "HELD_AT_MOST_MS", held_at_most_ms)
    own = GuiThreadCollector(qapp, tick_ms=60_000)  # ticks called here, not by its timer
    own.collect_due()
    return own


def test_a_tick_while_held_collects_nothing_and_the_first_after_the_release_does(
        qapp, monkeypatch):
    own = _own(qapp, monkeypatch)
    try:
        release = own.hold()
        other = own.hold()
        garbage = _garbage()
        assert own.tick() is None and garbage() is not None  # held: skipped
        release()
        release()  # twice: no harm, the other hold still holds
        assert own.held() and own.tick() is None
        other()
        assert not own.held()
        own.tick()
        assert garbage() is None
        hold()()  # the application's own collector: not this one
        own.hold()
        hold()()
        assert own.held()
    finally:
        own.stop()
        shiboken6.delete(own)


def test_collecting_is_not_held_off_for_long(qtbot, qapp, monkeypatch):
    """A hold never released (its view gone) stops counting, and holds one after another
    never put collecting off beyond HELD_AT_MOST_MS since the last collection."""
    own = _own(qapp, monkeypatch, held_at_most_ms=300)
    try:
        own.hold()  # never released
        assert own.held()
        qtbot.waitUntil(lambda: not own.held())
        own.collect_due()

        def a_new_hold_holds_no_more() -> bool:  # reads one after another
            own.hold()
            return not own.held()

        qtbot.waitUntil(a_new_hold_holds_no_more, timeout=2_000)
        garbage = _garbage()
        own.tick()
        assert garbage() is None
    finally:
        own.stop()
        shiboken6.delete(own)
