"""The cyclic garbage collector runs on the GUI thread only, in the app and in the GUI
tests: a collection on a Job's worker thread destroyed GUI-thread QObjects there, and Qt
crashed (segfaults of xdist workers in the GUI tests)."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
import shiboken6

from annotator.gui.collector import (
    GuiThreadCollector,
    collect_on_gui_thread,
    due_generation,
    postpone,
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


def test_a_postponed_tick_comes_a_tick_later_and_only_once_between_collections(qapp):
    own = GuiThreadCollector(qapp, tick_ms=60_000)
    timer = own._timer
    try:
        # a tick almost due, as when a read ends just before it
        timer.start(50)
        assert own.postpone()
        assert timer.remainingTime() > 50_000  # a whole tick from now
        timer.start(50)
        assert not own.postpone()  # once: collecting is not put off again
        assert timer.remainingTime() < 1_000
        own.collect_due()
        assert own.postpone()  # after a collection, it may be again
        postpone()  # the application's own collector: not this one
        assert timer.remainingTime() > 50_000
    finally:
        own.stop()
        shiboken6.delete(own)
