"""Problems shown in plain words, never as a traceback.

Input the user can fix (InputError, ProjectError) is shown as it is; a file system error
by what went wrong and where; anything else is a bug: one line in the dialog, the
details in a log file.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.core.errors import InputError, ProjectError
from annotator.services.progress import Cancelled


def log_path() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("framing-annotator", appauthor=False)) / "annotator.log"


def log_exception(exc: BaseException) -> Path:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        logger = logging.getLogger("annotator.gui")
        if not logger.handlers:
            handler = logging.FileHandler(path, encoding="utf-8")
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
        logger.error("unexpected error in the workbench\n%s",
                     "".join(traceback.format_exception(exc)))
    except OSError:
        pass
    return path


def plain_message(exc: BaseException) -> str:
    if isinstance(exc, InputError | ProjectError):
        return str(exc)
    if isinstance(exc, Cancelled):
        return "Cancelled; nothing was changed."
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        return f"{exc.strerror or exc}{where}"
    where = log_exception(exc)
    return (f"Something went wrong that should not have ({type(exc).__name__}). "
            f"Nothing you saved is lost. The details are in {where}.")


def show_error(parent: QWidget | None, message: str, title: str = "Problem") -> QMessageBox:
    """A non-blocking warning: the window stays responsive behind it."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("error_dialog")
    box.open()
    return box


def show_info(parent: QWidget | None, message: str, title: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, title, message,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("info_dialog")
    box.open()
    return box


def install_excepthook(parent_of) -> None:
    """Exceptions escaping a slot become a dialog (and a log entry), not a traceback."""

    def hook(kind, exc, tb):
        if exc is None:
            exc = kind()
        if isinstance(exc, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        exc.__traceback__ = tb
        try:
            show_error(parent_of(), plain_message(exc))
        except Exception:  # noqa: BLE001 - never fail while reporting a failure
            sys.__excepthook__(kind, exc, tb)

    sys.excepthook = hook
