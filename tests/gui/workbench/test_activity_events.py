"""Which events the active-time tracker counts: keys, presses, double clicks and wheels in
the window, pointer moves at most once a second; nothing else of the many events an
application-wide filter sees, and nothing in other windows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QLabel


def _mouse(kind: QEvent.Type) -> QMouseEvent:
    return QMouseEvent(kind, QPointF(2, 2), QPointF(2, 2), Qt.MouseButton.LeftButton,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)


def _wheel() -> QWheelEvent:
    return QWheelEvent(QPointF(2, 2), QPointF(2, 2), QPoint(0, 0), QPoint(0, 120),
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                       Qt.ScrollPhase.NoScrollPhase, False)


def test_the_tracker_counts_input_in_its_window_alone(window, qtbot, monkeypatch):
    tracker = window.study.tracker
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


def test_the_tracker_stops_when_its_window_is_left(window, monkeypatch):
    tracker = window.study.tracker
    stopped: list[bool] = []
    monkeypatch.setattr(tracker, "stop", lambda: stopped.append(True))
    QApplication.sendEvent(window.statusBar(), QEvent(QEvent.Type.WindowDeactivate))
    QApplication.sendEvent(window, QEvent(QEvent.Type.LayoutRequest))
    assert stopped == []
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowDeactivate))
    assert stopped == [True]
