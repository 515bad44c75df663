"""pytest-qt's waits give up after 5 s by default. A wait here is for a condition (never
for a time), so giving up later costs nothing when the condition comes; on a loaded
machine (the suite runs with -n 4 while both cores are busy) a document read, a report or
a window's activation can take far longer than 5 s. Every qtbot wait in tests/gui gives
up after PATIENCE_MS at the earliest.

As in the app, Python's cyclic garbage collector runs only on the GUI thread while a test
that has the QApplication runs (gui.collector): a collection set off on a Job's worker
thread would destroy GUI-thread QObjects there (a segfault in a worker). After the test
everything left is collected on this thread before collection is automatic again."""

from __future__ import annotations

import pytest
import shiboken6

PATIENCE_MS = 120_000
WAITS = ("waitUntil", "waitSignal", "waitSignals", "waitExposed", "waitActive",
         "waitCallback")


@pytest.fixture
def qtbot(qtbot):
    for name in WAITS:
        real = getattr(qtbot, name)

        def patient(*args, _real=real, **kwargs):
            kwargs["timeout"] = max(kwargs.get("timeout") or 0, PATIENCE_MS)
            return _real(*args, **kwargs)

        setattr(qtbot, name, patient)
    return qtbot


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread(request):
    if "qapp" not in request.fixturenames:
        yield
        return
    from annotator.gui.collector import GuiThreadCollector

    collector = GuiThreadCollector(request.getfixturevalue("qapp"))
    yield
    collector.stop()
    shiboken6.delete(collector)
