"""A job whose result arrives while its progress dialog is being updated: a window-modal
QProgressDialog, once shown by its own timer, processes events inside setValue, so the job
can finish (and its dialog go) in the middle of a progress report."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from annotator.gui.jobs import Job


def test_a_job_finishing_inside_a_progress_report(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    got = []
    job = Job(lambda progress: None, "Working", parent, on_done=got.append)
    job.running = True
    job._show()
    job.dialog.forceShow()  # as its minimum duration would: setValue now processes events
    job._progress(1, 3, "one")
    job.signals.done.emit("result")  # queued: delivered by the next event processing
    job._progress(2, 3, "two")  # used to raise AttributeError on the vanished dialog
    assert got == ["result"] and job.outcome == "done" and job.dialog is None


def test_a_job_whose_owner_went_away_while_it_worked_ends_quietly(qtbot):
    import shiboken6

    from annotator.gui.jobs import _Runnable

    parent = QWidget()
    got = []
    job = Job(lambda progress: "result", "Working", parent, on_done=got.append,
              dialog=False)
    shiboken6.delete(parent)  # the owner goes while the work runs: the job with it,
    shiboken6.delete(job.signals)  # and its signals (as when its Python side is torn down)
    runnable = _Runnable(job)
    runnable.run()  # on the worker thread it used to raise "Signal source has been deleted"
    QApplication.processEvents()  # anything queued back would arrive now
    assert job.worker_done.is_set() and got == []


def test_an_ended_job_holds_nothing_that_would_keep_its_owner_in_a_cycle(qtbot):
    # Owner and job in a cycle are freed only by the garbage collector, which may run on
    # a worker thread and destroy GUI-thread QObjects there (a segfault in the GUI tests).
    import gc
    import weakref

    from PySide6.QtCore import QObject

    owner = QObject()
    got = []
    job = Job(lambda progress, o=owner: o, "Working", dialog=False,
              on_done=lambda result, o=owner: got.append(o is result))
    job.setParent(owner)  # as gui.writes parents the jobs that show no dialog
    with qtbot.waitSignal(job.finished):
        job.start()
    assert got == [True] and job.outcome == "done"
    gone = weakref.ref(owner)
    was = gc.isenabled()
    gc.disable()
    try:
        del owner, job
        assert gone() is None  # freed by its reference count, on this thread
    finally:
        if was:
            gc.enable()
