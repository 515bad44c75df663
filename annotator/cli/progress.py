"""What a command tells a person besides its output: a progress bar on standard error
when it is a terminal (silence otherwise), and where its closing summary goes."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO


def summary_stream(output: str) -> TextIO:
    """Standard output, unless the output itself goes there (``-``, ``/dev/stdout``, or a
    path that is the same file): then standard error, so that the data stay clean."""
    if output == "-":
        return sys.stderr
    try:
        here, there = os.fstat(sys.stdout.fileno()), os.stat(output)
    except (OSError, ValueError, AttributeError):
        return sys.stdout
    same = (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)
    return sys.stderr if same else sys.stdout


class TerminalProgress:
    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self._last = 0.0

    def __call__(self, done: int, total: int, message: str = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} {message[:40]:<40}")
        if total and done >= total:
            self.stream.write("\r" + " " * (width + 55) + "\r")
        self.stream.flush()
