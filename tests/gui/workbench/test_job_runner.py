"""The background runner (gui.jobs.Job) on the real main window: its window-modal progress
dialog processes events inside setValue, so the job's later reports and its end can
arrive inside it; a cancel can come after the work is done; the owner can go away."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QWidget

from annotator.gui.jobs import Job


def _gated(gate: threading.Event, steps: int = 3):
    def work(progress):
        progress(0, steps, "step 0")
        assert gate.wait(300)
        for k in range(1, steps):
            progress(k, steps, f"step {k}")
        return "the result"

    return work


def _shown_job(qtbot, window, gate, **callbacks) -> Job:
    window.show()
    qtbot.waitExposed(window)
    job = Job(_gated(gate), "Working", window, **callbacks).start()
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible())
    return job


def _worker_ended() -> None:
    """The worker has returned: its last reports and its result wait in the GUI's queue,
    to be delivered together, inside the dialog's setValue."""
    assert QThreadPool.globalInstance().waitForDone(300_000)


def test_the_end_arriving_inside_the_progress_dialog(make_window, seeded_project, qtbot):
    window = make_window(seeded_project)
    gate, got = threading.Event(), []
    job = _shown_job(qtbot, window, gate, on_done=got.append)
    dialog = job.dialog
    gate.set()
    _worker_ended()
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert job.outcome == "done" and got == ["the result"]
    assert job.dialog is None and not dialog.isVisible()
    assert not job.running


def test_an_ended_job_leaves_no_timer_that_would_show_its_dialog_again(
        make_window, seeded_project, qtbot):
    # a first progress at the minimum starts QProgressDialog's own timer that shows it
    # after minimumDuration; when the end follows at once, that timer must not outlive it
    window = make_window(seeded_project)
    window.show()
    qtbot.waitExposed(window)
    gate, timers_at_the_end, holder = threading.Event(), [], []

    def work(progress):
        assert gate.wait(300)
        progress(0, 3, "step 0")
        return "the result"

    def done(_result):
        timers_at_the_end.extend(t.isActive() for t in holder[0].findChildren(QTimer))

    job = Job(work, "Working", window, on_done=done).start()
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible())
    holder.append(job.dialog)
    gate.set()
    _worker_ended()
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert job.outcome == "done" and timers_at_the_end
    assert not any(timers_at_the_end)


def test_a_cancel_after_the_work_was_done(make_window, seeded_project, qtbot):
    window = make_window(seeded_project)
    gate, got, cancelled = threading.Event(), [], []
    job = _shown_job(qtbot, window, gate, on_done=got.append,
                     on_cancel=lambda: cancelled.append(True))
    gate.set()
    _worker_ended()
    cancel = next(b for b in job.dialog.findChildren(QWidget) if getattr(b, "text", None)
                  and b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=10_000)
    # the work is in: the job says so instead of claiming a cancel that did not happen
    assert job.outcome == "done" and got == ["the result"] and cancelled == []
    job.cancel()  # after the end: nothing happens
    assert job.outcome == "done"


def test_a_job_whose_owner_goes_away_is_cancelled(make_window, seeded_project, qtbot):
    window = make_window(seeded_project)
    owner = QWidget(window)
    gate, got = threading.Event(), []
    job = Job(_gated(gate), "Working", owner, on_done=got.append,
              on_error=got.append, on_cancel=lambda: got.append("cancelled"),
              dialog=False).start()
    with qtbot.waitSignal(job.destroyed, timeout=10_000):
        owner.deleteLater()
    assert job.cancel_event.is_set()
    with qtbot.waitSignal(job.signals.failed, timeout=10_000) as ended:
        gate.set()
    assert type(ended.args[0]).__name__ == "Cancelled"
    _worker_ended()
    assert got == []  # nothing called back into what was deleted
