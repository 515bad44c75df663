"""Which events the active-time tracker counts: keys, presses, double clicks and wheels in
the window, pointer moves at most once a second; nothing else of the many events an
application-wide filter sees, and nothing in other windows."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QEventLoop, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from tests.gui.integration.spies import Paints


def _mouse(kind: QEvent.Type) -> QMouseEvent:
    return QMouseEvent(kind, QPointF(2, 2), QPointF(2, 2), Qt.MouseButton.LeftButton,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)


def _wheel() -> QWheelEvent:
    return QWheelEvent(QPointF(2, 2), QPointF(2, 2), QPoint(0, 0), QPoint(0, 120),
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                       Qt.ScrollPhase.NoScrollPhase, False)


def _watching(window, qtbot):
    tracker = window.study.tracker
    window.show()  # the tracker watches once it has painted: nobody types in it before
    qtbot.waitUntil(lambda: tracker.watching)
    return tracker


def _shown_until_painted(window) -> None:
    """Show the window and deliver events one pass at a time until its text has painted:
    the first moment a user sees it. The turn after the paint has not run yet."""
    painted = Paints(window.text_view.viewport())
    waking = QTimer(interval=20)  # a pass that waits for events ends within 20 ms
    waking.start()
    window.show()
    deadline = time.monotonic() + 120
    while not painted.count and time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    waking.stop()
    assert painted.count


def _after_pending_turns(qtbot) -> None:
    """Wait until what is already queued for the event loop's next turns has run."""
    done: list[bool] = []
    QTimer.singleShot(0, lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done))


def test_the_first_key_on_a_window_just_painted_counts_and_works(window, qtbot,
                                                                   monkeypatch):
    tracker = window.study.tracker
    counted: list[float] = []
    monkeypatch.setattr(tracker, "event_at", counted.append)
    view = window.text_view
    view.setFocus()
    before = view.textCursor().position()
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    QApplication.sendEvent(window.statusBar(), key)
    assert counted == []  # built, not shown: the window's building is not filtered
    _shown_until_painted(window)
    assert not tracker.watching  # the application's filter comes at the next turn
    # the way the system delivers a key: to the platform window, then the focus
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Right)
    assert len(counted) == 1
    assert view.textCursor().position() == before + 1  # and it did what it does
    qtbot.waitUntil(lambda: tracker.watching)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Right)
    assert len(counted) == 2  # the application's filter alone counts it: once
    assert view.textCursor().position() == before + 2


def test_the_application_is_filtered_once_from_the_first_paint_to_the_close(
        window, qtbot, monkeypatch):
    tracker = window.study.tracker
    counted: list[float] = []
    monkeypatch.setattr(tracker, "event_at", counted.append)
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    _watching(window, qtbot)
    window.hide()  # shown and painted again: nothing more is installed
    painted = Paints(window.text_view.viewport())
    window.show()
    qtbot.waitUntil(lambda: painted.count > 0)
    _after_pending_turns(qtbot)
    QApplication.sendEvent(window.statusBar(), key)
    assert len(counted) == 2  # the status bar, then the window it passes the key on to
    window.close()
    QApplication.sendEvent(window.statusBar(), key)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Right)
    assert len(counted) == 2 and not tracker.watching


def test_a_window_closed_before_the_turn_after_its_paint_leaves_nothing_to_install(
        window, qtbot, monkeypatch):
    tracker = window.study.tracker
    counted: list[float] = []
    monkeypatch.setattr(tracker, "event_at", counted.append)
    _shown_until_painted(window)
    window.close()
    _after_pending_turns(qtbot)  # the turn after the paint came, and did nothing
    assert not tracker.watching
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    QApplication.sendEvent(window.statusBar(), key)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Right)
    assert counted == []


def test_a_window_closed_before_its_first_paint_installs_nothing(window, qtbot,
                                                                   monkeypatch):
    tracker = window.study.tracker
    counted: list[float] = []
    monkeypatch.setattr(tracker, "event_at", counted.append)
    painted = Paints(window.text_view.viewport())
    window.show()
    window.close()  # before any event is delivered: it never paints
    _after_pending_turns(qtbot)
    assert painted.count == 0 and not tracker.watching
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    QApplication.sendEvent(window.statusBar(), key)
    assert counted == []


def test_the_tracker_counts_input_in_its_window_alone(window, qtbot, monkeypatch):
    tracker = _watching(window, qtbot)
    clock = {"t": 1000.0}
    tracker.now = lambda: clock["t"]
    counted: list[float] = []
    monkeypatch.setattr(tracker, "event_at", counted.append)
    inside = window.statusBar()
    outside = QLabel("another window")
    qtbot.addWidget(outside)

    def send(target, event, at: float) -> None:
        clock["t"] = at
        QApplication.sendEvent(target, event)

    send(inside, QEvent(QEvent.Type.Enter), 1001.0)
    send(inside, QEvent(QEvent.Type.ToolTip), 1002.0)
    send(inside, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier,
                           "a"), 1003.0)
    send(inside, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_A,
                           Qt.KeyboardModifier.NoModifier, "a"), 1003.5)
    send(inside, _mouse(QEvent.Type.MouseButtonPress), 1004.0)
    send(inside, _mouse(QEvent.Type.MouseButtonRelease), 1004.2)
    send(inside, _mouse(QEvent.Type.MouseButtonDblClick), 1005.0)
    send(inside, _wheel(), 1006.0)
    send(inside, _mouse(QEvent.Type.MouseMove), 1006.5)  # within a second of the last
    send(inside, _mouse(QEvent.Type.MouseMove), 1007.0)
    send(inside, _mouse(QEvent.Type.MouseMove), 1007.4)
    send(inside, _mouse(QEvent.Type.MouseMove), 1008.1)
    send(outside, _mouse(QEvent.Type.MouseButtonPress), 1009.0)
    send(outside, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_B,
                            Qt.KeyboardModifier.NoModifier, "b"), 1010.0)
    # a key, press or double click the status bar leaves goes on to the window, and is
    # seen there again (the clock takes both as one moment)
    assert counted == [1003.0, 1003.0, 1004.0, 1004.0, 1005.0, 1005.0, 1006.0, 1007.0,
                       1008.1]


def test_the_tracker_stops_when_its_window_is_left(window, qtbot, monkeypatch):
    tracker = _watching(window, qtbot)
    stopped: list[bool] = []
    monkeypatch.setattr(tracker, "stop", lambda: stopped.append(True))
    QApplication.sendEvent(window.statusBar(), QEvent(QEvent.Type.WindowDeactivate))
    QApplication.sendEvent(window, QEvent(QEvent.Type.LayoutRequest))
    assert stopped == []
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowDeactivate))
    assert stopped == [True]
