"""Waiting for the project's write lock while another process writes (store.engine; store.patience).

A caller that must not freeze (the GUI, running edits off its own thread) wraps its
service calls in `patience(Patience(timeout=None, waiting=report))`: `report(seconds)` is
called about 20 times a second while another writer holds the lock, and may raise
`services.progress.Cancelled` to give up with nothing written. Without it a writer waits
up to a minute and then fails with `Busy` (a ProjectError: a plain message).
"""

from annotator.store.patience import Busy, Patience, patience

__all__ = ["Busy", "Patience", "patience"]
