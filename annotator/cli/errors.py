"""How the command line reports failures: the user's mistakes in one line with exit
status 2, anything unexpected in one line with exit status 1 and details in a log file.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from annotator.core.errors import InputError, ProjectError
from annotator.core.wording import shown_name

USAGE_ERROR = 2
FAILURE = 1


def log_path() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("framing-annotator", appauthor=False)) / "annotator.log"


def fail(message: str) -> int:
    print(f"annotator: error: {shown_name(message)}", file=sys.stderr)
    return USAGE_ERROR


def one_line(message: str) -> str:
    """The first line of what a library says (its SQL and hints go to the log), with file
    names that are not UTF-8 shown as \\xNN."""
    lines = shown_name(str(message)).strip().splitlines()
    return lines[0] if lines else ""


def run_guarded(func: Callable, args) -> int:
    from annotator.services.progress import Cancelled

    try:
        return func(args) or 0
    except (InputError, ProjectError) as exc:
        return fail(str(exc))
    except Cancelled:
        print("annotator: cancelled; nothing was written", file=sys.stderr)
        return FAILURE
    except KeyboardInterrupt:
        print("annotator: interrupted; nothing was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return FAILURE
    except Exception as exc:  # a bug: one line here, the traceback in the log
        where = _log(exc)
        print(f"annotator: unexpected error: {type(exc).__name__}: {one_line(str(exc))} "
              f"(details in {shown_name(str(where))})", file=sys.stderr)
        return FAILURE


def _log(exc: Exception) -> Path:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8", errors="backslashreplace")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger = logging.getLogger("annotator.cli")
        logger.addHandler(handler)
        try:
            logger.error("command %s failed\n%s", shown_name(" ".join(sys.argv)),
                         shown_name("".join(traceback.format_exception(exc))))
        finally:
            logger.removeHandler(handler)
            handler.close()
    except OSError:
        pass
    return path
